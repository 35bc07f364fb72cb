/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.netty;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

import org.peeloff.SctpMultiSocket;

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

    @Override
    protected AbstractUnsafe newUnsafe() {
        return new PeeloffUnsafe() { };
    }
}
