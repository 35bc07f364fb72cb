/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.peeloff.spi.SctpProvider;
import org.peeloff.spi.SendFlags;
import org.peeloff.spi.SocketStyle;

/**
 * A one-to-many ("UDP style") SCTP socket: many associations on one descriptor, each named by an
 * {@link AssociationId}. The use case of the Linux man page: "a number of sporadic message
 * senders/receivers remain under the original one-to-many style socket", while the associations
 * "carrying high volume data traffic" are branched off with {@link #peelOff} into their own
 * {@link SctpSocket}.
 *
 * <pre>{@code
 * try (SctpMultiSocket server = SctpMultiSocket.open()) {
 *     server.bind(new InetSocketAddress("127.0.0.1", 2905)).listen();
 *     ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024);
 *     SctpReceived r = server.receive(buf.clear());
 *     if (r instanceof SctpData d && isBusy(d.association())) {
 *         SctpSocket own = server.peelOff(d.association(), PeeloffOption.CLOEXEC);
 *         // serve 'own' from its own thread; the association has left 'server'
 *     }
 * }
 * }</pre>
 *
 * <p>Thread safety: every method may be called from any thread. {@link #close()} wakes threads
 * blocked in {@link #receive} or {@link #send}, and the native descriptor is closed only after they
 * have left it, so no call ever reaches a descriptor number that has since been reused.
 */
public final class SctpMultiSocket extends AbstractSctpSocket {
    /** The options of a plain {@code peelOff(id)}: shared, so that the common call allocates no set. */
    private static final Set<PeeloffOption> NO_OPTIONS = Collections.unmodifiableSet(EnumSet.noneOf(PeeloffOption.class));

    /** The sockets associations were peeled off into, by id (for ASSOCIATION_MOVED). */
    private final PeeledSockets peeled = new PeeledSockets();
    /** Peel-offs between their native call and their entry in {@link #peeled}. */
    private final java.util.concurrent.atomic.AtomicInteger peelsUnderWay = new java.util.concurrent.atomic.AtomicInteger();
    /** How long a failed send waits at most for peel-offs under way. */
    private static final long PEEL_WAIT_NANOS = 1_000_000_000L;

    private SctpMultiSocket(SctpProvider provider, int fd) {
        super(provider, fd, true);
    }

    /**
     * Opens an IPv4 one-to-many socket with the provider {@link Sctp#provider()} chose.
     *
     * @return the socket, blocking, close-on-exec
     * @throws SctpException e.g. {@code UNSUPPORTED_SOCKET} when the kernel has no SCTP
     */
    public static SctpMultiSocket open() throws SctpException {
        return open(Sctp.provider(), StandardProtocolFamily.INET);
    }

    /**
     * @param family {@link StandardProtocolFamily#INET} or {@link StandardProtocolFamily#INET6}
     * @return the socket, blocking, close-on-exec
     * @throws SctpException when the socket cannot be created
     */
    public static SctpMultiSocket open(ProtocolFamily family) throws SctpException {
        return open(Sctp.provider(), family);
    }

    /**
     * Opens a socket with a given provider (tests, tools, or an explicit choice).
     *
     * @param provider the provider
     * @param family   {@link StandardProtocolFamily#INET} or {@link StandardProtocolFamily#INET6}
     * @return the socket, blocking, close-on-exec
     * @throws SctpException when the socket cannot be created
     */
    public static SctpMultiSocket open(SctpProvider provider, ProtocolFamily family) throws SctpException {
        Objects.requireNonNull(provider, "provider");
        int fd = provider.socket(checkFamily(family), SocketStyle.ONE_TO_MANY);
        return new SctpMultiSocket(provider, fd);
    }

    static ProtocolFamily checkFamily(ProtocolFamily family) {
        Objects.requireNonNull(family, "family");
        if (family != StandardProtocolFamily.INET && family != StandardProtocolFamily.INET6) {
            throw new IllegalArgumentException("SCTP needs INET or INET6, not " + family);
        }
        return family;
    }

    /**
     * Binds to one local address.
     *
     * @param local the address (port 0 for an ephemeral port)
     * @return this socket
     * @throws SctpException e.g. {@code ADDRESS_IN_USE}
     */
    public SctpMultiSocket bind(InetSocketAddress local) throws SctpException {
        bind0(local);
        return this;
    }

    /**
     * Binds to several local addresses (multi-homing): the first with {@code bind()}, the others
     * added with {@code sctp_bindx()} on the same port.
     *
     * @param locals the addresses, at least one
     * @return this socket
     * @throws SctpException when a bind fails
     */
    public SctpMultiSocket bind(List<InetSocketAddress> locals) throws SctpException {
        bindAll0(locals);
        return this;
    }

    /**
     * Adds or removes local addresses on a bound socket ({@code sctp_bindx}).
     *
     * @param addresses the addresses
     * @param add       true to add, false to remove
     * @return this socket
     * @throws SctpException when the call fails
     */
    public SctpMultiSocket bindx(List<InetSocketAddress> addresses, boolean add) throws SctpException {
        bindx0(addresses, add);
        return this;
    }

    /**
     * Starts accepting associations, with a backlog of 128.
     *
     * @return this socket
     * @throws SctpException when the call fails
     */
    public SctpMultiSocket listen() throws SctpException {
        return listen(128);
    }

    /**
     * Starts accepting associations.
     *
     * @param backlog the backlog
     * @return this socket
     * @throws SctpException when the call fails
     */
    public SctpMultiSocket listen(int backlog) throws SctpException {
        int fd = descriptor.acquire("listen");
        try {
            provider.listen(fd, backlog);
        } finally {
            descriptor.release();
        }
        return this;
    }

    /**
     * Sets up an association to a peer and returns its id: the id its
     * {@link AssociationChange.State#COMMUNICATION_UP} event ({@link #receive}) carries. In blocking mode
     * it returns once the association is up; in non-blocking mode it returns while set-up goes on where
     * the OS tells the id that early (Linux, illumos), the event following.
     *
     * @param remote the peer
     * @return the new association's id; null where the provider cannot tell it (AIX without the
     *         {@code SCTP_GET_ASSOC_ID_LIST} values: {@link Capabilities#unsupported()} says so), the id then
     *         coming with COMMUNICATION_UP only
     * @throws SctpException e.g. {@code CONNECTION_REFUSED}
     */
    public AssociationId connect(InetSocketAddress remote) throws SctpException {
        Objects.requireNonNull(remote, "remote");
        return connect(List.of(remote));
    }

    /**
     * Sets up one association to a peer reachable at several addresses ({@code sctp_connectx}): the
     * association gets every address as a path, and its id is returned.
     *
     * @param remotes the peer's addresses, one port, at least one
     * @return the new association's id (null as for {@link #connect(InetSocketAddress)})
     * @throws SctpException {@code UNSUPPORTED} for several addresses where the OS has no
     *                       {@code sctp_connectx} (illumos; named in {@link Capabilities#unsupported()});
     *                       the errors of {@link #connect(InetSocketAddress)}
     */
    public AssociationId connect(List<InetSocketAddress> remotes) throws SctpException {
        List<InetSocketAddress> copy = List.copyOf(remotes);
        int fd = descriptor.acquire("connect");
        try {
            int id = provider.connectx(fd, copy);
            return id == 0 ? null : AssociationId.of(id);
        } finally {
            descriptor.release();
        }
    }

    /**
     * Ends one association gracefully (SHUTDOWN; {@code sendmsg} with {@code SCTP_EOF} and no data): what
     * is queued is still delivered, the peer sees a SHUTDOWN event, and the association's end comes as
     * {@link AssociationChange.State#SHUTDOWN_COMPLETE}. The other associations on the socket go on.
     *
     * @param association the association
     * @throws SctpException e.g. {@code NO_SUCH_ASSOCIATION}, {@code ASSOCIATION_MOVED} after a peel-off
     */
    public void shutdown(AssociationId association) throws SctpException {
        end(association, SendFlags.EOF, ByteBuffer.allocate(0));
    }

    /**
     * Ends one association at once (ABORT; {@code sendmsg} with {@code SCTP_ABORT}): what is queued is
     * dropped, and the peer sees the association lost. The other associations on the socket go on.
     *
     * @param association the association
     * @throws SctpException e.g. {@code NO_SUCH_ASSOCIATION}
     */
    public void abort(AssociationId association) throws SctpException {
        end(association, SendFlags.ABORT, ByteBuffer.allocate(0));
    }

    /**
     * As {@link #abort(AssociationId)}, with a user abort reason: the bytes travel in the ABORT chunk as
     * the "User-Initiated Abort" cause (RFC 9260 3.3.10.12) where the OS sends it (Linux does).
     *
     * @param association the association
     * @param reason      the reason's bytes from position to limit (the position is not moved)
     * @throws SctpException e.g. {@code NO_SUCH_ASSOCIATION}
     */
    public void abort(AssociationId association, ByteBuffer reason) throws SctpException {
        end(association, SendFlags.ABORT, Objects.requireNonNull(reason, "reason").duplicate());
    }

    private void end(AssociationId association, int flag, ByteBuffer payload) throws SctpException {
        Objects.requireNonNull(association, "association");
        try {
            send0(payload, association.value(), null, 0, 0, flag, 0);
        } catch (SctpException e) {
            throw movedOr(e, association.value());
        }
    }

    /**
     * Sends one message on an association (or to an address, setting an association up).
     *
     * @param src  the bytes from position to limit; the position advances by what was sent
     * @param info the association or address, stream and payload protocol id
     * @return the bytes sent; 0 in non-blocking mode when there was no room
     * @throws SctpException {@code ASSOCIATION_MOVED} when the association was peeled off this socket
     *                       (also while this send waited for room) into a socket that is still open: it is
     *                       alive there, and nothing of this message was sent; {@code NOT_CONNECTED} when
     *                       it has ended; ...
     */
    public int send(ByteBuffer src, MessageInfo info) throws SctpException {
        Objects.requireNonNull(info, "info");
        if (info.association() == null && info.address() == null) {
            throw new IllegalArgumentException("a message on a one-to-many socket needs an association or an address");
        }
        int assoc = info.association() == null ? 0 : info.association().value();
        try {
            return send0(src, assoc, info.address(), info.stream(), info.payloadProtocolId(),
                    info.unordered() ? SendFlags.UNORDERED : 0, info.timeToLiveMillis());
        } catch (SctpException e) {
            throw movedOr(e, assoc);
        }
    }

    /**
     * The kernel answers a send on an association that left this socket as on one that ended (EPIPE,
     * or EINVAL for an unknown id); when this socket peeled it off into a socket that is still open,
     * the caller learns where it went.
     */
    private SctpException movedOr(SctpException e, int assoc) {
        if (assoc == 0 || (e.error() != SctpError.NOT_CONNECTED && e.error() != SctpError.NO_SUCH_ASSOCIATION)) {
            return e;
        }
        // A send woken by a peel-off can fail before that peel-off has recorded where the association went:
        // wait for the peel-offs under way (a system call each) before naming the error.
        long deadline = System.nanoTime() + PEEL_WAIT_NANOS;
        while (peelsUnderWay.get() > 0 && System.nanoTime() - deadline < 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(50_000);
        }
        SctpSocket to = peeled.openSocketOf(assoc);
        if (to == null) {
            return e;
        }
        SctpException moved = new SctpException(SctpError.ASSOCIATION_MOVED, e.call(), e.errno(), e.errnoName(), e.os(),
                "association " + Integer.toUnsignedString(assoc) + " was peeled off into fd " + to.rawDescriptor()
                        + ", which is open: send on that socket");
        moved.initCause(e);
        return moved;
    }

    /**
     * Receives one message, or the part of one that fits, or a notification.
     *
     * @param dst where the bytes go
     * @return what was received; null in non-blocking mode when nothing was queued
     * @throws SctpException when closed (also while waiting) or the native call fails
     */
    public SctpReceived receive(ByteBuffer dst) throws SctpException {
        return receive0(dst);
    }

    /**
     * Receives one message whole, however many pieces the kernel hands it out in, or a notification.
     * The limit is the room {@code dst} has: the message's bytes go from its position on, and the
     * returned {@link SctpData} counts them all, {@code complete()} true. Once a message has begun, its
     * rest is awaited even in non-blocking mode. A notification that comes in between is kept and
     * returned by the next receive.
     *
     * @param dst where the message goes; its remaining room is the limit
     * @return the whole message, or a notification; null in non-blocking mode when nothing was queued
     * @throws SctpException {@code MESSAGE_TOO_LARGE} when the message is longer than the room: nothing is
     *                       lost, {@code dst} holds its first bytes (position advanced to the limit) and the
     *                       rest stays queued on the socket, where the next receive returns it in pieces
     */
    public SctpReceived receiveWhole(ByteBuffer dst) throws SctpException {
        return receiveWhole0(dst);
    }

    /**
     * The associations on this socket now. After a peel-off the association is no longer here.
     *
     * @return the ids in ascending order
     * @throws SctpException when the call fails
     */
    public Set<AssociationId> associations() throws SctpException {
        int[] ids;
        int fd = descriptor.acquire("associations");
        try {
            ids = provider.associations(fd);
        } finally {
            descriptor.release();
        }
        Set<AssociationId> set = new TreeSet<>();
        for (int id : ids) {
            set.add(AssociationId.of(id));
        }
        return set;
    }

    /**
     * @param association the association
     * @return the peer's addresses for it
     * @throws SctpException when the call fails
     */
    public List<InetSocketAddress> peerAddresses(AssociationId association) throws SctpException {
        Objects.requireNonNull(association, "association");
        int fd = descriptor.acquire("peerAddresses");
        try {
            return provider.peerAddresses(fd, association.value());
        } finally {
            descriptor.release();
        }
    }

    /**
     * Reads a per-association option ({@link SctpOption#perAssociation()}) for one association.
     *
     * @param option      the option
     * @param association the association
     * @param <T>         its value type
     * @return the value
     * @throws SctpException {@code INVALID_ARGUMENT} for a socket-wide option; {@code UNSUPPORTED} where the
     *                       OS lacks it; {@code NO_SUCH_ASSOCIATION}/{@code INVALID_ARGUMENT} for an id not here
     */
    public <T> T getOption(SctpOption<T> option, AssociationId association) throws SctpException {
        return getOption0(option, checkedId(association));
    }

    /**
     * Sets a per-association option for one association; the others and the socket-wide value stay.
     *
     * @param option      the option
     * @param value       the value
     * @param association the association
     * @param <T>         its value type
     * @return this socket
     * @throws SctpException as {@link #getOption(SctpOption, AssociationId)}
     */
    public <T> SctpMultiSocket setOption(SctpOption<T> option, T value, AssociationId association)
            throws SctpException {
        setOption0(option, value, checkedId(association));
        return this;
    }

    private int checkedId(AssociationId association) throws SctpException {
        Objects.requireNonNull(association, "association");
        if (!association.isValid()) {
            throw SctpException.rejected(SctpError.NO_SUCH_ASSOCIATION,
                    "option(fd=" + descriptor.number() + ", assoc=" + association.value() + ")",
                    "association ids are positive");
        }
        return association.value();
    }

    /**
     * Branches an association off into its own one-to-one socket ({@code sctp_peeloff}): "After it
     * has been branched off, an association becomes completely independent of the original socket.
     * Any subsequent data or control operations to that association must be passed using the new
     * socket descriptor. Also, a close on the original socket descriptor will not close the new
     * socket descriptor" (AIX). The new socket has its own send and receive buffers.
     *
     * <p>Without options the new socket is blocking and not close-on-exec. {@link PeeloffOption#NONBLOCK}
     * and {@link PeeloffOption#CLOEXEC} are applied atomically where the OS can
     * ({@link Capabilities#peeloffFlags()}), else right after; {@link PeeloffOption#STRICT} refuses
     * the latter. Ids that are not positive are refused with {@code NO_SUCH_ASSOCIATION} before any
     * native call.
     *
     * @param association the association
     * @param options     the options
     * @return the new socket
     * @throws SctpException {@code NO_SUCH_ASSOCIATION}, {@code NOT_ONE_TO_MANY}, {@code TOO_MANY_OPEN_FILES}
     *                       (the association then stays on this socket), {@code BUSY}, ...
     */
    public SctpSocket peelOff(AssociationId association, PeeloffOption... options) throws SctpException {
        Objects.requireNonNull(association, "association");
        Set<PeeloffOption> set = NO_OPTIONS;
        if (options.length > 0) {
            set = EnumSet.noneOf(PeeloffOption.class);
            for (PeeloffOption o : options) {
                set.add(Objects.requireNonNull(o, "option"));
            }
        }
        if (!association.isValid()) {
            throw SctpException.rejected(SctpError.NO_SUCH_ASSOCIATION,
                    "peelOff(fd=" + descriptor.number() + ", assoc=" + association.value() + ")",
                    "association ids are positive");
        }
        int fd = descriptor.acquire("peelOff");
        peelsUnderWay.incrementAndGet();
        try {
            int newFd;
            try {
                newFd = provider.peeloff(fd, association.value(), set);
            } finally {
                descriptor.release();
            }
            SctpSocket socket = new SctpSocket(provider, newFd, association, !set.contains(PeeloffOption.NONBLOCK));
            peeled.put(association.value(), socket);
            return socket;
        } finally {
            peelsUnderWay.decrementAndGet();
        }
    }
}
