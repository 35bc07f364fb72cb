/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

import org.peeloff.spi.SctpProvider;
import org.peeloff.spi.SocketStyle;

/**
 * A one-to-one ("TCP style") SCTP socket with a single association: what
 * {@link SctpMultiSocket#peelOff} returns ("The new socket is a one-to-one style socket"), or a
 * client socket opened with {@link #open}. It is "confined to operations allowed on a one-to-one
 * style SCTP socket" (illumos): a peel-off from it fails with {@link SctpError#NOT_ONE_TO_MANY}.
 *
 * <p>Thread safety as for {@link SctpMultiSocket}.
 */
public final class SctpSocket extends AbstractSctpSocket {
    /** Where the socket's one association stands, as far as this socket has seen. */
    private enum State {
        /** Opened, {@code connect} not called or failed: nothing can arrive. */
        UNCONNECTED,
        /** A non-blocking {@code connect} is under way. */
        CONNECTING,
        /** Connected, or peeled off. */
        CONNECTED,
        /** The association ended (aborted, lost, shut down): what is queued is still delivered. */
        ENDED
    }

    private final AssociationId association;
    private volatile State state;

    SctpSocket(SctpProvider provider, int fd, AssociationId association, boolean blocking) {
        super(provider, fd, blocking);
        this.association = association;
        this.state = association == null ? State.UNCONNECTED : State.CONNECTED;
    }

    @Override
    boolean nothingToCome() {
        State s = state;
        return s == State.UNCONNECTED || s == State.ENDED;
    }

    /** True while connected (or peeled off): its blocking receive and send may wait in the kernel. */
    @Override
    boolean kernelWaitAllowed() {
        return state == State.CONNECTED;
    }

    @Override
    void received(SctpReceived r) {
        if (r instanceof AssociationChange c) {
            switch (c.state()) {
                case COMMUNICATION_LOST, SHUTDOWN_COMPLETE, CANNOT_START -> state = State.ENDED;
                case COMMUNICATION_UP, RESTART -> state = State.CONNECTED;
                default -> { }
            }
        }
    }

    @Override
    void failed(SctpException e) {
        if (e.error() == SctpError.ASSOCIATION_ABORTED || e.error() == SctpError.NOT_CONNECTED) {
            state = State.ENDED;
        }
    }

    /**
     * Opens an unconnected IPv4 one-to-one socket with the provider {@link Sctp#provider()} chose.
     *
     * @return the socket
     * @throws SctpException when it cannot be created (AIX documents only one-to-many sockets)
     */
    public static SctpSocket open() throws SctpException {
        return open(Sctp.provider(), StandardProtocolFamily.INET);
    }

    /**
     * @param provider the provider
     * @param family   INET or INET6
     * @return an unconnected one-to-one socket, blocking, close-on-exec
     * @throws SctpException when it cannot be created
     */
    public static SctpSocket open(SctpProvider provider, ProtocolFamily family) throws SctpException {
        Objects.requireNonNull(provider, "provider");
        int fd = provider.socket(SctpMultiSocket.checkFamily(family), SocketStyle.ONE_TO_ONE);
        return new SctpSocket(provider, fd, null, true);
    }

    /**
     * @param local the local address
     * @return this socket
     * @throws SctpException when the call fails
     */
    public SctpSocket bind(InetSocketAddress local) throws SctpException {
        bind0(local);
        return this;
    }

    /**
     * Binds to several local addresses (multi-homing): the first with {@code bind()}, the others added
     * with {@code sctp_bindx()} on the same port.
     *
     * @param locals the addresses, at least one
     * @return this socket
     * @throws SctpException when a bind fails
     */
    public SctpSocket bind(List<InetSocketAddress> locals) throws SctpException {
        bindAll0(locals);
        return this;
    }

    /**
     * Adds or removes local addresses ({@code sctp_bindx}); on a peeled-off or connected socket this is
     * dynamic address reconfiguration where the OS and the peer support it.
     *
     * @param addresses the addresses
     * @param add       true to add, false to remove
     * @return this socket
     * @throws SctpException when the call fails
     */
    public SctpSocket bindx(List<InetSocketAddress> addresses, boolean add) throws SctpException {
        bindx0(addresses, add);
        return this;
    }

    /**
     * Sets up the association to the peer.
     *
     * @param remote the peer
     * @return this socket
     * @throws SctpException e.g. {@code CONNECTION_REFUSED}
     */
    public SctpSocket connect(InetSocketAddress remote) throws SctpException {
        try {
            connect0(remote);
            state = State.CONNECTED;
        } catch (SctpException e) {
            if (e.error() == SctpError.WOULD_BLOCK) {
                state = State.CONNECTING; // EINPROGRESS: the association is being set up
            }
            throw e;
        }
        return this;
    }

    /**
     * @return the id the association had on the one-to-many socket it was peeled off, or null for a
     *         socket opened with {@link #open}
     */
    public AssociationId association() {
        return association;
    }

    /**
     * Sends one message on stream {@code stream} with payload protocol id 0.
     *
     * @param src    the bytes from position to limit
     * @param stream the stream number
     * @return the bytes sent; 0 in non-blocking mode when there was no room
     * @throws SctpException when the send fails
     */
    public int send(ByteBuffer src, int stream) throws SctpException {
        return send(src, stream, 0);
    }

    /**
     * Sends one message.
     *
     * @param src    the bytes from position to limit; the position advances
     * @param stream the stream number (0..65535)
     * @param ppid   the payload protocol identifier
     * @return the bytes sent; 0 in non-blocking mode when there was no room
     * @throws SctpException when the send fails
     */
    public int send(ByteBuffer src, int stream, int ppid) throws SctpException {
        if (stream < 0 || stream > 0xFFFF) {
            throw new IllegalArgumentException("stream must be 0..65535: " + stream);
        }
        return send0(src, 0, null, stream, ppid, false);
    }

    /**
     * Sends one message with its stream, payload protocol id, unordered flag and time-to-live, as a
     * one-to-many socket does; the association and address of {@code info} are ignored (the socket
     * has one association).
     *
     * @param src  the bytes from position to limit; the position advances
     * @param info the stream, payload protocol id, unordered flag and time-to-live ({@link MessageInfo#onStream})
     * @return the bytes sent; 0 in non-blocking mode when there was no room
     * @throws SctpException when the send fails; {@code UNSUPPORTED} for a time-to-live the OS lacks
     */
    public int send(ByteBuffer src, MessageInfo info) throws SctpException {
        Objects.requireNonNull(info, "info");
        return send0(src, 0, null, info.stream(), info.payloadProtocolId(),
                info.unordered() ? org.peeloff.spi.SendFlags.UNORDERED : 0, info.timeToLiveMillis());
    }

    /**
     * Receives one message whole, however many pieces the kernel hands it out in, or a notification
     * (as {@link SctpMultiSocket#receiveWhole}).
     *
     * @param dst where the message goes; its remaining room is the limit
     * @return the whole message, or a notification; null in non-blocking mode when nothing was queued
     * @throws SctpException {@code MESSAGE_TOO_LARGE} when the message is longer than the room: nothing is
     *                       lost, {@code dst} holds its first bytes (position advanced to the limit) and the
     *                       rest stays queued on the socket, where the next receive returns it in pieces;
     *                       {@code NOT_CONNECTED} as {@link #receive}
     */
    public SctpReceived receiveWhole(ByteBuffer dst) throws SctpException {
        return receiveWhole0(dst);
    }

    /**
     * Receives one message, or the part of one that fits, or a notification.
     *
     * @param dst where the bytes go
     * <p>Data advances {@code dst}'s position by the bytes received; a notification leaves position and
     * limit where they were (the bytes after the position may have served as scratch) and is always
     * whole, however small {@code dst} is.
     *
     * @return what was received; null in non-blocking mode when nothing was queued
     * @throws SctpException when closed (also while waiting) or the native call fails; {@code NOT_CONNECTED}
     *                       at once, and on every later call, when nothing is queued and nothing can come:
     *                       the socket was never connected, or its association has ended (the first receive
     *                       after a peer's ABORT reports {@code ASSOCIATION_ABORTED})
     */
    public SctpReceived receive(ByteBuffer dst) throws SctpException {
        return receive0(dst);
    }

    /**
     * Ends the association gracefully ({@code shutdown(SHUT_WR)}): what is queued is still sent, then the
     * peer sees SHUTDOWN. This end can go on receiving until the association ends (a
     * {@code SHUTDOWN_COMPLETE} association change, then {@code NOT_CONNECTED}). The socket stays open;
     * {@link #close()} it afterwards.
     *
     * @throws SctpException {@code NOT_CONNECTED} when there is no association; when closed or the call fails
     */
    public void shutdown() throws SctpException {
        int fd = descriptor.acquire("shutdown");
        try {
            provider.shutdown(fd);
        } finally {
            descriptor.release();
        }
    }

    /**
     * Closes the socket abortively: {@code SO_LINGER} {on, 0}, then {@code close}. The association is
     * aborted (the peer sees ABORT, an association change {@code COMMUNICATION_LOST}) and what was
     * queued is dropped. The Linux kernel refuses the SCTP_ABORT send flag on one-to-one sockets, so
     * this is the portable way.
     *
     * @throws SctpException {@code UNSUPPORTED} when the provider has no SO_LINGER (the socket is then left
     *                       open); when the close fails
     */
    public void abort() throws SctpException {
        setOption(SctpOptions.SO_LINGER, 0);
        close();
    }

    /**
     * @return the peer's addresses
     * @throws SctpException when the call fails
     */
    public List<InetSocketAddress> remoteAddresses() throws SctpException {
        int fd = descriptor.acquire("remoteAddresses");
        try {
            return provider.peerAddresses(fd, 0);
        } finally {
            descriptor.release();
        }
    }
}
