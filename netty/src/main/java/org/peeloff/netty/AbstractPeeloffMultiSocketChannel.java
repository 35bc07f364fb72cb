/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.netty;

import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;

import io.netty.channel.ChannelException;
import io.netty.channel.RecvByteBufAllocator;
import org.peeloff.SctpException;
import org.peeloff.SctpMultiSocket;
import org.peeloff.SctpNotification;
import org.peeloff.spi.SctpProvider;

/**
 * What {@link PeeloffSctpServerChannel} and {@link PeeloffSctpMultiChannel} share: a one-to-many socket
 * opened by the subclass, its {@link PeeloffSctpServerChannelConfig}, binding with a listen of the
 * configured backlog, and no remote address.
 */
abstract class AbstractPeeloffMultiSocketChannel extends AbstractPeeloffChannel {
    final SctpMultiSocket socket;
    final PeeloffSctpServerChannelConfig config;
    private volatile boolean bound;

    /**
     * @param socket the socket, open and non-blocking; the channel owns it from now on
     */
    AbstractPeeloffMultiSocketChannel(SctpMultiSocket socket) {
        super(null);
        this.socket = socket;
        this.config = new PeeloffSctpServerChannelConfig(this, socket);
    }

    /**
     * Opens the one-to-many socket a subclass hands to its constructor: open, then non-blocking; a
     * failure of either step closes what was opened and names the step.
     */
    static SctpMultiSocket openNonBlocking(SctpProvider provider, ProtocolFamily family) {
        SctpMultiSocket socket;
        try {
            socket = openMulti(provider, family);
        } catch (SctpException e) {
            throw new ChannelException("Failed to open a Peeloff one-to-many SCTP socket: " + e.getMessage(), e);
        }
        try {
            socket.configureBlocking(false);
        } catch (SctpException e) {
            PeeloffSctpChannel.closeQuietly(socket);
            throw new ChannelException("Failed to enter non-blocking mode: " + e.getMessage(), e);
        }
        return socket;
    }

    @Override
    final Object socket() {
        return socket;
    }

    /** @return the Peeloff one-to-many socket under this channel */
    public SctpMultiSocket peeloffSocket() {
        return socket;
    }

    @Override
    public PeeloffSctpServerChannelConfig config() {
        return config;
    }

    @Override
    public boolean isOpen() {
        return socket.isOpen();
    }

    @Override
    public boolean isActive() {
        return socket.isOpen() && bound;
    }

    @Override
    protected SocketAddress remoteAddress0() {
        return null;
    }

    @Override
    protected void doBind(SocketAddress localAddress) throws Exception {
        socket.bind((InetSocketAddress) localAddress);
        socket.listen(config.getBacklog());
        bound = true;
    }

    @Override
    protected void doClose() throws Exception {
        socket.close();
    }

    /**
     * Fires a notification of the one-to-many socket as a user event: the JDK's notification where the JDK
     * has the kind, naming the association the notification reports (else Peeloff's record itself).
     *
     * @param n the notification read from the socket
     */
    final void fireNotification(SctpNotification n) {
        pipeline().fireUserEventTriggered(JdkSctpTypes.toUserEvent(n, JdkSctpTypes.association(n.association(), 0, 0)));
    }

    /**
     * Ends a read loop of the one-to-many socket: {@link #readLoopEnd} (read complete, the failure if any),
     * then {@link #readDone} (read interest as auto-read wants).
     *
     * @param alloc    the handle of the loop
     * @param readSome whether a message (or child) was fired
     * @param failure  what ended the loop, or null
     */
    final void readLoopDone(RecvByteBufAllocator.Handle alloc, boolean readSome, Throwable failure) {
        readLoopEnd(alloc, readSome, failure);
        readDone();
    }

    @Override
    protected AbstractUnsafe newUnsafe() {
        return new PeeloffUnsafe() { };
    }
}
