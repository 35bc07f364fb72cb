/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.jna;

import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

import org.peeloff.AssociationChange;
import org.peeloff.AssociationId;
import org.peeloff.OtherNotification;
import org.peeloff.PeeloffOption;
import org.peeloff.SctpError;
import org.peeloff.SctpEventType;
import org.peeloff.SctpException;
import org.peeloff.SctpNotification;
import org.peeloff.ShutdownEvent;
import org.peeloff.spi.EmulatedPeeloffFlags;
import org.peeloff.spi.NativeCall;
import org.peeloff.spi.Poller;
import org.peeloff.spi.PortableErrors;
import org.peeloff.spi.ReceiveInfo;
import org.peeloff.spi.SctpOperations;
import org.peeloff.spi.SendFlags;
import org.peeloff.spi.SocketOption;
import org.peeloff.spi.SocketStyle;

/**
 * The one implementation of the SCTP operations over a POSIX C library, for every OS: socket life,
 * bind/bindx/listen/connect, {@code sendmsg}/{@code recvmsg} with direct, heap and read-only buffers,
 * control messages, notifications, poll, fcntl, integer options, close, association tracking, errno
 * reading and an error path that works with a full descriptor table. An OS's provider gives it data
 * (a {@link SctpLayout}), its C calls ({@link PosixCalls}), and overrides the few hooks where the OS
 * really differs: {@link #peelOff} always, and where needed {@link #configureSocket},
 * {@link #nothingLeftToReceive}, {@link #nativeAssociations}, {@link #localAddresses},
 * {@link #peerAddresses}, {@link #supports}/{@link #unsupported}.
 *
 * <p>The contracts of {@link SctpOperations} hold here once for all: EINTR is retried (an
 * interrupted SCTP call did nothing), except by {@code close}, where it counts as success; an
 * interrupted {@code connect} is continued; {@code poll} waits without limit on a negative time-out,
 * reports POLLNVAL as {@code BAD_DESCRIPTOR} and counts POLLERR/POLLHUP as ready; ppids are in network
 * byte order; a notification is read whole, into memory of its own, and leaves the caller's buffer
 * position and limit as they were. Arguments are checked before, by
 * {@link org.peeloff.spi.NativeSctpProvider}; they are assumed valid here.
 *
 * <p>errno is read once, right after the failing call, in the method that made it; the text naming
 * the call is built only on failure, so the data path allocates nothing.
 */
public abstract class PosixSctp implements SctpOperations {
    /** The biggest notification put together; the rest of a longer one is read and dropped. */
    private static final int NOTICE_MAX = 1 << 20;
    private static final int ADDRESSES_MAX_TRIES = 8;

    /** What a call may need that an OS's layout can lack (the AIX values that are not public). */
    public enum Need {
        /** Per-message send information (association, stream, ppid). */
        SEND_INFO,
        /** Unordered delivery on send. */
        SEND_UNORDERED,
        /** Receiving at all. */
        RECEIVE,
        /** The event subscription on a new socket. */
        EVENTS,
        /** {@code sctp_bindx}. */
        BINDX,
        /** The association list. */
        ASSOCIATIONS
    }

    /** The OS's numbers and layouts. */
    protected final SctpLayout layout;
    /** The OS's C calls. */
    protected final PosixCalls calls;
    private final String providerId;
    private volatile String os;
    private final Tracking tracking = new Tracking();
    private final ThreadLocal<PosixScratch> scratch;
    /** {@value Poller#BACKEND_PROPERTY}, read once as the provider loads. */
    private final boolean portableFirst = portableFirst(System.getProperty(Poller.BACKEND_PROPERTY));

    /**
     * @param providerId       the provider's id, for messages
     * @param os               the OS as errors name it
     * @param layout           the numbers and layouts
     * @param calls            the C calls
     * @param errorPathClasses the provider's own classes an error path loads (see {@link #preload})
     */
    protected PosixSctp(String providerId, String os, SctpLayout layout, PosixCalls calls, Class<?>... errorPathClasses) {
        this.providerId = providerId;
        this.os = os;
        this.layout = layout;
        this.calls = calls;
        this.scratch = ThreadLocal.withInitial(() -> new PosixScratch(layout));
        preload(errorPathClasses);
        layout.errors().names().apply(layout.errors().emfile());
        PortableErrors.map(NativeCall.PEELOFF, "EMFILE");
    }

    /**
     * Loads and initializes, once, every class an error path needs. When the descriptor table is
     * full (EMFILE) no class can be read from a directory on the class path, and a class that failed
     * to load stays failed for the life of its class loader: the error a user most needs to see,
     * {@code TOO_MANY_OPEN_FILES}, would become a {@link NoClassDefFoundError} instead.
     */
    private static void preload(Class<?>... own) {
        Class<?>[] shared = {PortableErrors.class, NativeCall.class, SctpError.class, SctpException.class,
            EmulatedPeeloffFlags.class, PeeloffOption.class, AssociationId.class, AssociationChange.class,
            AssociationChange.State.class, ShutdownEvent.class, OtherNotification.class, SocketOption.class,
            Sockaddrs.class, ControlMessages.class, Notifications.class, Tracking.class, PosixScratch.class,
            Need.class, SctpLayout.class, AssociationControl.class, SendFlags.class, SctpEventType.class, org.peeloff.PeerAddressChange.class,
            org.peeloff.PeerAddressChange.State.class, org.peeloff.SendFailed.class, org.peeloff.RemoteError.class,
            org.peeloff.PartialDeliveryAborted.class, org.peeloff.AdaptationIndication.class, org.peeloff.SenderDry.class,
            org.peeloff.AuthenticationEvent.class, org.peeloff.AuthenticationEvent.Indication.class,
            org.peeloff.StreamResetEvent.class, org.peeloff.AssociationResetEvent.class,
            org.peeloff.StreamChangeEvent.class, SctpLayout.Body.class, SctpLayout.Field.class};
        for (Class<?>[] group : new Class<?>[][] {shared, own}) {
            for (Class<?> c : group) {
                try {
                    Class.forName(c.getName(), true, c.getClassLoader());
                } catch (ClassNotFoundException e) {
                    throw new NoClassDefFoundError(c.getName());
                }
            }
        }
    }

    // ------------------------------------------------------------------ for the OS's delta

    /** @return this thread's native memory */
    protected final PosixScratch scratch() {
        return scratch.get();
    }

    /** @return the provider's id */
    protected final String providerId() {
        return providerId;
    }

    /** @return the OS as errors name it */
    public final String os() {
        return os;
    }

    /**
     * @param os the OS as errors name it from now on
     */
    protected final void os(String os) {
        this.os = os;
    }

    /**
     * @param errno an errno of this OS
     * @return its name, or null
     */
    protected final String errnoName(int errno) {
        return layout.errors().names().apply(errno);
    }

    /**
     * @param call  the native call
     * @param text  the call with its arguments
     * @param errno the errno
     * @return the exception, mapped by {@link PortableErrors}
     */
    protected final SctpException fail(NativeCall call, String text, int errno) {
        return PortableErrors.exception(call, text, errno, errnoName(errno), os);
    }

    /**
     * @param error  the portable error the OS's errno has been resolved to
     * @param text   the call with its arguments
     * @param errno  the errno
     * @param detail why
     * @return the exception
     */
    protected final SctpException fail(SctpError error, String text, int errno, String detail) {
        return new SctpException(error, text, errno, errnoName(errno), os, detail);
    }

    /**
     * @param need what the call needs
     * @return false when this OS's values for it are unknown
     */
    protected boolean supports(Need need) {
        switch (need) {
            case SEND_INFO: return sendInfo() != null;
            case SEND_UNORDERED: return sendInfo() != null && sendInfo().unordered() != 0;
            case EVENTS: return layout.events() != null;
            default: return true;
        }
    }

    /**
     * @param need what is missing
     * @param text the call
     * @return the {@code UNSUPPORTED} exception naming what is missing
     */
    protected SctpException unsupported(Need need, String text) {
        return SctpException.rejected(SctpError.UNSUPPORTED, text, "provider '" + providerId
                + "' has no values for " + need + " on this OS");
    }

    /**
     * @param option the option
     * @param text   the call
     * @return the {@code UNSUPPORTED} exception for an option whose numbers are unknown
     */
    protected SctpException unsupportedOption(SocketOption option, String text) {
        return SctpException.rejected(SctpError.UNSUPPORTED, text, "provider '" + providerId
                + "' knows no numbers for " + option + " on this OS");
    }

    /** @return the control message {@code send} writes; an OS may switch it at run time (Linux before 3.17) */
    protected SctpLayout.Info sendInfo() {
        return layout.sendInfo();
    }

    /** @return the control messages {@code receive} reads */
    protected List<SctpLayout.Info> receiveInfos() {
        return layout.receiveInfos();
    }

    /**
     * @return true when the provider keeps per-descriptor state ({@link Tracking}: the family where IPv4
     *         addresses are mapped, the associations and peers where the OS cannot list them); false
     *         (Linux) keeps none, so a socket costs no memory here
     */
    protected boolean tracksDescriptors() {
        return layout.sockaddr().mapIpv4OnInet6() || recordsPeers();
    }

    /** @return true when {@code receive} records the peer address of each association (no {@code sctp_getpaddrs}) */
    protected boolean recordsPeers() {
        return false;
    }

    /**
     * Set-up of a new socket after close-on-exec: by default the SCTP_EVENTS subscription to
     * association changes, shutdown events and per-message information (when the OS's values are known).
     *
     * @param fd the new socket
     * @throws SctpException on failure (the socket is then closed)
     */
    protected void configureSocket(int fd) throws SctpException {
        subscribe(fd, true);
    }

    /**
     * SCTP_EVENTS with the default kinds on ({@link SctpEventType#defaults()}: association changes and
     * shutdown events), and per-message information as asked.
     *
     * @param fd     the socket
     * @param dataIo {@code sctp_data_io_event}
     * @throws SctpException on failure
     */
    protected final void subscribe(int fd, boolean dataIo) throws SctpException {
        SctpLayout.Events e = layout.events();
        if (e == null || !supports(Need.EVENTS)) {
            return;
        }
        writeEvents(fd, e, dataIo, SctpEventType.defaults(), -1);
    }

    /**
     * Writes {@code struct sctp_event_subscribe} with exactly {@code on} (and {@code dataIo}) set.
     *
     * @param len bytes to pass: the whole struct, or where the kernel takes a prefix ({@link
     *            SctpLayout.Events#prefix()}) as many as the kernel's own struct has (a kernel sets only the
     *            switches passed, so a shorter write would leave later ones as they were); -1 for the prefix
     *            up to the last default kind, which every kernel takes
     */
    private void writeEvents(int fd, SctpLayout.Events e, boolean dataIo, Set<SctpEventType> on, int len)
            throws SctpException {
        if (len < 0 || !e.prefix()) {
            len = e.dataIo() + 1;
            for (SctpEventType t : SctpEventType.defaults()) {
                len = Math.max(len, e.fields().get(t) + 1);
            }
            len = e.prefix() ? len : e.size();
        }
        PosixScratch s = scratch();
        Pointer v = e.size() <= PosixScratch.OPTVAL_SIZE ? s.optval : s.bounce(e.size());
        v.setMemory(0, e.size(), (byte) 0);
        v.setByte(e.dataIo(), (byte) (dataIo ? 1 : 0));
        for (SctpEventType t : on) {
            int at = e.fields().get(t);
            if (at >= len) {
                throw SctpException.rejected(SctpError.UNSUPPORTED, "setsockopt(fd=" + fd + ", SCTP_EVENTS, " + on + ")",
                        "this kernel's struct sctp_event_subscribe has " + len + " bytes, too few for " + t);
            }
            v.setByte(at, (byte) 1);
        }
        if (calls.setsockopt(fd, layout.socket().solSctp(), e.option(), v, len) < 0) {
            throw fail(NativeCall.SETSOCKOPT, "setsockopt(fd=" + fd + ", SCTP_EVENTS, " + on + ", " + len + " bytes)",
                    calls.errno());
        }
    }

    /**
     * Reads {@code struct sctp_event_subscribe} into this thread's option buffer.
     *
     * @return the bytes the kernel filled
     */
    private int readEvents(int fd, SctpLayout.Events e, Pointer v) throws SctpException {
        PosixScratch s = scratch();
        v.setMemory(0, e.size(), (byte) 0);
        s.len.setInt(0, e.size());
        if (calls.getsockopt(fd, layout.socket().solSctp(), e.option(), v, s.len) < 0) {
            throw fail(NativeCall.GETSOCKOPT, "getsockopt(fd=" + fd + ", SCTP_EVENTS, " + e.size() + " bytes)",
                    calls.errno());
        }
        return Math.min(s.len.getInt(0), e.size());
    }

    /** {@inheritDoc} Read with {@code getsockopt(SCTP_EVENTS)}. */
    @Override
    public Set<SctpEventType> events(int fd) throws SctpException {
        SctpLayout.Events e = layout.events();
        if (e == null || !supports(Need.EVENTS)) {
            throw unsupported(Need.EVENTS, "events(fd=" + fd + ")");
        }
        PosixScratch s = scratch();
        Pointer v = e.size() <= PosixScratch.OPTVAL_SIZE ? s.optval : s.bounce(e.size());
        int n = readEvents(fd, e, v);
        EnumSet<SctpEventType> on = EnumSet.noneOf(SctpEventType.class);
        for (Map.Entry<SctpEventType, Integer> f : e.fields().entrySet()) {
            if (f.getValue() < n && v.getByte(f.getValue()) != 0) {
                on.add(f.getKey());
            }
        }
        return on;
    }

    /**
     * {@inheritDoc} The current struct is read first, so that {@code sctp_data_io_event} (the
     * per-message information of older kernels) stays as it is.
     */
    @Override
    public void setEvents(int fd, Set<SctpEventType> events) throws SctpException {
        SctpLayout.Events e = layout.events();
        String text = "setEvents(fd=" + fd + ", " + events + ")";
        if (e == null || !supports(Need.EVENTS)) {
            throw unsupported(Need.EVENTS, text);
        }
        EnumSet<SctpEventType> missing = events.isEmpty() ? EnumSet.noneOf(SctpEventType.class) : EnumSet.copyOf(events);
        missing.removeAll(notificationKinds());
        if (!missing.isEmpty()) {
            throw SctpException.rejected(SctpError.UNSUPPORTED, text, "provider '" + providerId
                    + "' delivers no " + missing + " notifications on this OS (it delivers " + notificationKinds() + ")");
        }
        PosixScratch s = scratch();
        Pointer v = e.size() <= PosixScratch.OPTVAL_SIZE ? s.optval : s.bounce(e.size());
        int n = readEvents(fd, e, v);
        boolean dataIo = e.dataIo() < n && v.getByte(e.dataIo()) != 0;
        writeEvents(fd, e, dataIo, events, n);
    }

    /**
     * {@inheritDoc} The kinds with both a switch in {@code struct sctp_event_subscribe} and a body in the
     * notification layout.
     */
    @Override
    public Set<SctpEventType> notificationKinds() {
        SctpLayout.Events e = layout.events();
        if (e == null || layout.notifications() == null || !supports(Need.EVENTS)) {
            return Set.of();
        }
        EnumSet<SctpEventType> k = EnumSet.noneOf(SctpEventType.class);
        for (SctpEventType t : layout.notifications().kinds()) {
            if (e.fields().containsKey(t)) {
                k.add(t);
            }
        }
        return k;
    }

    /**
     * {@code sctp_bindx}, however the OS offers it (a libsctp function, or a socket option on Linux).
     *
     * @param fd    the socket
     * @param addrs the packed socket addresses
     * @param count how many
     * @param bytes their total length
     * @param add   true to add, false to remove
     * @return 0, or -1 with {@link PosixCalls#errno()} set
     * @throws UnsatisfiedLinkError when the OS's library has no such function (reported {@code UNSUPPORTED})
     */
    protected abstract int sctpBindx(int fd, Pointer addrs, int count, int bytes, boolean add);

    /**
     * @param text  the {@code socket()} call
     * @param errno its errno
     * @return the exception for a failed {@code socket()}
     */
    protected SctpException socketFailure(String text, int errno) {
        return fail(NativeCall.SOCKET, text, errno);
    }

    /**
     * @return why {@code socket(ONE_TO_ONE)} is refused where the OS has no one-to-one sockets
     */
    protected String noOneToOneSockets() {
        return "this OS documents no one-to-one SCTP sockets; peel an association off to get one";
    }

    // ------------------------------------------------------------------ socket set-up

    @Override
    public int socket(ProtocolFamily family, SocketStyle style) throws SctpException {
        SctpLayout.Socket k = layout.socket();
        boolean oneToMany = style == SocketStyle.ONE_TO_MANY;
        if (!oneToMany && !k.oneToOneSockets()) {
            throw SctpException.rejected(SctpError.UNSUPPORTED_SOCKET, "socket(" + family + ", " + style + ")",
                    noOneToOneSockets());
        }
        int domain = family == StandardProtocolFamily.INET ? k.afInet() : k.afInet6();
        int type = oneToMany ? k.sockSeqpacket() : k.sockStream();
        boolean cloexecByFcntl = k.sockCloexec() == 0;
        int fd = -1;
        if (!cloexecByFcntl) {
            fd = calls.socket(domain, type | k.sockCloexec(), k.ipprotoSctp());
            if (fd < 0) {
                int errno = calls.errno();
                if (errno != layout.errors().einval() && errno != layout.errors().eprototype()) {
                    throw socketFailure(socketText(family, style, true), errno);
                }
                cloexecByFcntl = true; // a release without SOCK_CLOEXEC in socket()
            }
        }
        if (cloexecByFcntl) {
            fd = calls.socket(domain, type, k.ipprotoSctp());
            if (fd < 0) {
                throw socketFailure(socketText(family, style, false), calls.errno());
            }
        }
        try {
            if (cloexecByFcntl) {
                setCloseOnExec(fd, true);
            }
            configureSocket(fd);
        } catch (SctpException | RuntimeException e) {
            if (calls.close(fd) < 0) {
                e.addSuppressed(fail(NativeCall.CLOSE, "close(fd=" + fd + ")", calls.errno()));
            }
            throw e;
        }
        if (tracksDescriptors()) {
            tracking.opened(fd, domain);
        }
        return fd;
    }

    private static String socketText(ProtocolFamily family, SocketStyle style, boolean cloexec) {
        return "socket(" + (family == StandardProtocolFamily.INET ? "AF_INET" : "AF_INET6") + ", "
                + (style == SocketStyle.ONE_TO_MANY ? "SOCK_SEQPACKET" : "SOCK_STREAM") + (cloexec ? "|SOCK_CLOEXEC" : "")
                + ", IPPROTO_SCTP)";
    }

    /**
     * The socket's family where the OS needs it to encode addresses (IPv4 mapped on AF_INET6), else 0.
     */
    final int familyFor(int fd) throws SctpException {
        if (!layout.sockaddr().mapIpv4OnInet6()) {
            return 0;
        }
        int family = tracking.family(fd);
        if (family != 0) {
            return family;
        }
        PosixScratch s = scratch();
        s.len.setInt(0, layout.sockaddr().storageSize());
        if (calls.getsockname(fd, s.name, s.len) < 0) {
            throw fail(NativeCall.ADDRESSES, "getsockname(fd=" + fd + ")", calls.errno());
        }
        family = Sockaddrs.family(layout.sockaddr(), s.name, 0);
        tracking.learnFamily(fd, family);
        return family;
    }

    @Override
    public void bind(int fd, InetSocketAddress address) throws SctpException {
        PosixScratch s = scratch();
        int len = Sockaddrs.write(layout.sockaddr(), s.name, 0, address, familyFor(fd));
        int rc;
        int errno = 0;
        while ((rc = calls.bind(fd, s.name, len)) < 0 && (errno = calls.errno()) == layout.errors().eintr()) {
            // retried: an interrupted bind did nothing
        }
        if (rc < 0) {
            throw fail(NativeCall.BIND, "bind(fd=" + fd + ", " + address + ")", errno);
        }
    }

    @Override
    public void bindx(int fd, List<InetSocketAddress> addresses, boolean add) throws SctpException {
        String text = "sctp_bindx(fd=" + fd + ", " + addresses + ", " + (add ? "SCTP_BINDX_ADD_ADDR" : "SCTP_BINDX_REM_ADDR") + ")";
        if (!supports(Need.BINDX)) {
            throw unsupported(Need.BINDX, text);
        }
        int family = familyFor(fd);
        int total = 0;
        for (InetSocketAddress a : addresses) {
            total += Sockaddrs.length(layout.sockaddr(), a, family);
        }
        Memory buf = scratch().bounce(total);
        int at = 0;
        for (InetSocketAddress a : addresses) {
            at += Sockaddrs.write(layout.sockaddr(), buf, at, a, family);
        }
        int rc;
        int errno = 0;
        try {
            while ((rc = sctpBindx(fd, buf, addresses.size(), total, add)) < 0
                    && (errno = calls.errno()) == layout.errors().eintr()) {
                // retried: an interrupted sctp_bindx did nothing
            }
        } catch (UnsatisfiedLinkError e) {
            SctpException x = SctpException.rejected(SctpError.UNSUPPORTED, text, "no sctp_bindx in the library: "
                    + e.getMessage());
            x.initCause(e);
            throw x;
        }
        if (rc < 0) {
            throw fail(NativeCall.BINDX, text, errno);
        }
    }

    @Override
    public void listen(int fd, int backlog) throws SctpException {
        if (calls.listen(fd, backlog) < 0) {
            throw fail(NativeCall.LISTEN, "listen(fd=" + fd + ", backlog=" + backlog + ")", calls.errno());
        }
    }

    /**
     * {@inheritDoc} An interrupted {@code connect} goes on in the kernel: repeated, EISCONN means it
     * completed and EALREADY that it is still going (asked again after 10 ms).
     */
    @Override
    public void connect(int fd, InetSocketAddress remote) throws SctpException {
        PosixScratch s = scratch();
        int family = familyFor(fd);
        SctpLayout.Errors e = layout.errors();
        boolean interrupted = false;
        while (true) {
            int len = Sockaddrs.write(layout.sockaddr(), s.name, 0, remote, family);
            if (calls.connect(fd, s.name, len) == 0) {
                return;
            }
            int errno = calls.errno();
            if (errno == e.eintr()) {
                interrupted = true;
                continue;
            }
            if (interrupted && errno == e.eisconn()) {
                return;
            }
            if (interrupted && errno == e.ealready()) {
                pauseWhileConnecting(fd, remote);
                continue;
            }
            throw fail(NativeCall.CONNECT, "connect(fd=" + fd + ", " + remote + ")", errno);
        }
    }

    /**
     * {@inheritDoc} One address: {@link #connectOne}; several: {@link #connectSeveral} (an OS with
     * {@code sctp_connectx} overrides it).
     */
    @Override
    public int connectx(int fd, List<InetSocketAddress> remotes) throws SctpException {
        return remotes.size() == 1 ? connectOne(fd, remotes.get(0)) : connectSeveral(fd, remotes);
    }

    /**
     * Several addresses of one peer, one association.
     *
     * @param fd      the socket
     * @param remotes the addresses (more than one)
     * @return the association's id
     * @throws SctpException {@code UNSUPPORTED} by default: the OS has no {@code sctp_connectx}
     */
    protected int connectSeveral(int fd, List<InetSocketAddress> remotes) throws SctpException {
        throw SctpException.rejected(SctpError.UNSUPPORTED, "sctp_connectx(fd=" + fd + ", " + remotes + ")",
                "provider '" + providerId + "': this OS has no sctp_connectx, so one association cannot be set up to"
                        + " several addresses at once (connect to one; the peer's other addresses come with its INIT ACK)");
    }

    /**
     * {@code connect()}, then the id of the association with that peer ({@link #associationWithPeer}); a
     * non-blocking connect still in progress gives the id where the OS lists the association already.
     *
     * @param fd     the socket
     * @param remote the peer
     * @return the association's id
     * @throws SctpException the connect's failure, or {@code OTHER} when the association is up but not found
     */
    protected int connectOne(int fd, InetSocketAddress remote) throws SctpException {
        SctpException inProgress = null;
        try {
            connect(fd, remote);
        } catch (SctpException e) {
            if (e.error() != SctpError.WOULD_BLOCK) {
                throw e;
            }
            inProgress = e;
        }
        int id = associationWithPeer(fd, remote);
        if (id != 0) {
            return id;
        }
        if (inProgress != null) {
            throw inProgress;
        }
        throw SctpException.rejected(SctpError.OTHER, "connect(fd=" + fd + ", " + remote + ")", "the association is set"
                + " up, but none with that peer address is listed on the socket: its id is not known (it comes with the"
                + " COMMUNICATION_UP event)");
    }

    /**
     * The association of a one-to-many socket whose peer has that address: by default the socket's
     * associations ({@link #nativeAssociations}, else those tracked) and their peer addresses.
     *
     * @param fd     the socket
     * @param remote the peer address
     * @return the id, or 0 when none is found
     * @throws SctpException when the list cannot be read
     */
    protected int associationWithPeer(int fd, InetSocketAddress remote) throws SctpException {
        for (int id : associations(fd)) {
            try {
                if (peerAddresses(fd, id).contains(remote)) {
                    return id;
                }
            } catch (SctpException e) {
                if (e.error() != SctpError.NO_SUCH_ASSOCIATION) {
                    throw e;
                }
            }
        }
        return 0;
    }

    private static void pauseWhileConnecting(int fd, InetSocketAddress remote) throws SctpException {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            SctpException x = SctpException.rejected(SctpError.INTERRUPTED, "connect(fd=" + fd + ", " + remote + ")",
                    "the thread was interrupted while the association was being set up");
            x.initCause(e);
            throw x;
        }
    }

    // ------------------------------------------------------------------ data path

    private void setLength(Pointer p, long offset, int width, long value) {
        if (width == 8) {
            p.setLong(offset, value);
        } else {
            p.setInt(offset, (int) value);
        }
    }

    private long getLength(Pointer p, long offset, int width) {
        return width == 8 ? p.getLong(offset) : p.getInt(offset) & 0xffffffffL;
    }

    /** Points the {@code msghdr} at one {@code iovec} and the control buffer. */
    private void prepare(PosixScratch s, Pointer name, int nameLength, long data, long length, Pointer control,
                         int controlLength) {
        SctpLayout.Msghdr m = layout.msghdr();
        Pointer msg = s.msghdr;
        msg.setPointer(m.name(), name);
        msg.setInt(m.namelen(), nameLength);
        s.iov.setLong(m.iovBase(), data);
        s.iov.setLong(m.iovLen(), length);
        msg.setPointer(m.iov(), s.iov);
        setLength(msg, m.iovlen(), m.iovlenWidth(), 1);
        msg.setPointer(m.control(), control);
        setLength(msg, m.controllen(), m.controllenWidth(), controlLength);
        msg.setInt(m.flags(), 0);
    }

    /**
     * {@inheritDoc} One {@code sendmsg}: a direct buffer goes to the kernel in place, a heap buffer
     * (read-only or not) through this thread's bounce buffer; one control message with stream, flags,
     * ppid (network byte order) and association; the peer in {@code msg_name} when given; never a
     * SIGPIPE where the OS has {@code MSG_NOSIGNAL}.
     */
    @Override
    public int send(int fd, ByteBuffer src, int assocId, InetSocketAddress to, int stream, int ppid,
                    boolean unordered, boolean dontWait) throws SctpException {
        return sendMessage(fd, src, assocId, to, stream, ppid, unordered ? SendFlags.UNORDERED : 0, 0, dontWait);
    }

    /**
     * {@inheritDoc} As {@link #send}, the flags and the time-to-live turned into the OS's bits with its
     * {@link #associationControl()}: EOF and ABORT in the flags of the usual send information, a
     * time-to-live in {@code sinfo_timetolive} of {@code struct sctp_sndrcvinfo} with the OS's PR-SCTP bit.
     */
    @Override
    public int sendMessage(int fd, ByteBuffer src, int assocId, InetSocketAddress to, int stream, int ppid, int flags,
                           int timeToLiveMillis, boolean dontWait) throws SctpException {
        boolean unordered = (flags & SendFlags.UNORDERED) != 0;
        SctpLayout.Info info = sendInfo();
        if (info == null || (unordered && info.unordered() == 0)) {
            Need need = info == null ? Need.SEND_INFO : Need.SEND_UNORDERED;
            if (assocId != 0 || stream != 0 || ppid != 0 || flags != 0 || timeToLiveMillis != 0 || !supports(need)) {
                throw unsupported(need, sendText(fd, assocId, stream, src.remaining()));
            }
        }
        int ending = 0;
        int ttlOffset = -1;
        if ((flags & ~SendFlags.UNORDERED) != 0 || timeToLiveMillis != 0) {
            AssociationControl c = associationControl();
            String text = "sendmsg(fd=" + fd + ", assoc=" + Integer.toUnsignedString(assocId) + ", flags="
                    + SendFlags.text(flags) + ", ttl=" + timeToLiveMillis + ")";
            ending |= controlBit(c == null ? 0 : c.eof(), flags, SendFlags.EOF, "a graceful shutdown (SCTP_EOF)", text);
            ending |= controlBit(c == null ? 0 : c.abort(), flags, SendFlags.ABORT, "an abort (SCTP_ABORT)", text);
            if (timeToLiveMillis != 0) {
                if (c == null || c.prTtl() == 0 || c.ttlInfo() == null) {
                    throw SctpException.rejected(SctpError.UNSUPPORTED, text, "provider '" + providerId
                            + "' has no values for a time-to-live (PR-SCTP timed reliability) on this OS");
                }
                info = c.ttlInfo(); // the struct with sinfo_timetolive (Linux: SCTP_SNDRCV instead of SCTP_SNDINFO)
                ending |= c.prTtl();
                ttlOffset = c.ttlOffset();
            }
        }
        int nativeFlags = (unordered ? info.unordered() : 0) | ending;
        PosixScratch s = scratch();
        int length = src.remaining();
        int position = src.position();
        long data;
        if (src.isDirect()) {
            data = s.addressOf(src) + position;
        } else {
            Memory bounce = s.bounce(Math.max(length, 1));
            if (src.hasArray()) {
                bounce.write(0, src.array(), src.arrayOffset() + position, length);
            } else {
                bounce.getByteBuffer(0, length).put(src.duplicate()); // a read-only heap buffer
            }
            data = Pointer.nativeValue(bounce);
        }
        int nameLength = 0;
        if (to != null) {
            nameLength = Sockaddrs.write(layout.sockaddr(), s.name, 0, to, familyFor(fd));
        }
        int controlLength = info == null ? 0
                : ControlMessages.writeSendInfo(layout.cmsg(), info, s.control, assocId, stream, ppid, nativeFlags,
                        ttlOffset, timeToLiveMillis);
        prepare(s, to != null ? s.name : null, nameLength, data, length, controlLength > 0 ? s.control : null,
                controlLength);
        SctpLayout.Socket k = layout.socket();
        int callFlags = k.msgNosignal() | (dontWait ? k.msgDontwait() : 0);
        long n;
        int errno = 0;
        while ((n = calls.sendmsg(fd, s.msghdr, callFlags)) < 0 && (errno = calls.errno()) == layout.errors().eintr()) {
            // retried: an interrupted SCTP send sent nothing
        }
        if (n < 0) {
            if (errno == layout.errors().eagain()) {
                return -1; // no room: at once with MSG_DONTWAIT, else when the socket's SO_SNDTIMEO ran out
            }
            throw fail(NativeCall.SEND, sendText(fd, assocId, stream, length), errno);
        }
        src.position(position + (int) n);
        return (int) n;
    }

    private int controlBit(int bit, int flags, int flag, String what, String text) throws SctpException {
        if ((flags & flag) == 0) {
            return 0;
        }
        if (bit == 0) {
            throw SctpException.rejected(SctpError.UNSUPPORTED, text, "provider '" + providerId + "' has no value for "
                    + what + " on this OS");
        }
        return bit;
    }

    /**
     * @return the OS's flags for ending an association and for a time-to-live on send, and for cut
     *         messages on receive; null (the default) where it has none: such sends fail {@code UNSUPPORTED}
     */
    protected AssociationControl associationControl() {
        return null;
    }

    private static String sendText(int fd, int assocId, int stream, int length) {
        return "sendmsg(fd=" + fd + ", assoc=" + Integer.toUnsignedString(assocId) + ", stream=" + stream + ", "
                + length + " bytes)";
    }

    /**
     * {@inheritDoc} One {@code recvmsg} into the buffer (in place when direct, through the bounce buffer
     * when on the heap). Data: {@code complete} is {@code MSG_EOR}; stream, ppid, flags and association
     * come from the control message. A notification ({@code MSG_NOTIFICATION}) is read on until its
     * {@code MSG_EOR} into this thread's notification buffer, parsed whole, and leaves the caller's
     * position and limit as they were. A return of 0 on a one-to-one socket is the end of its
     * association: {@code NOT_CONNECTED}.
     */
    @Override
    public boolean receive(int fd, ByteBuffer dst, ReceiveInfo info, boolean dontWait) throws SctpException {
        if (!supports(Need.RECEIVE)) {
            throw unsupported(Need.RECEIVE, "recvmsg(fd=" + fd + ")");
        }
        int capacity = dst.remaining();
        int position = dst.position();
        PosixScratch s = scratch();
        boolean direct = dst.isDirect();
        Memory bounce = null;
        long data;
        if (direct) {
            data = s.addressOf(dst) + position;
        } else {
            bounce = s.bounce(capacity);
            data = Pointer.nativeValue(bounce);
        }
        boolean peers = recordsPeers();
        prepare(s, peers ? s.name : null, peers ? layout.sockaddr().storageSize() : 0, data, capacity, s.control,
                PosixScratch.CONTROL_SIZE);
        SctpLayout.Socket k = layout.socket();
        int callFlags = dontWait ? k.msgDontwait() : 0;
        long n;
        int errno = 0;
        while ((n = calls.recvmsg(fd, s.msghdr, callFlags)) < 0 && (errno = calls.errno()) == layout.errors().eintr()) {
            // retried: an interrupted SCTP receive took nothing off the queue
        }
        if (n < 0) {
            if (errno == layout.errors().eagain()) {
                // nothing queued: at once with MSG_DONTWAIT, else when the socket's SO_RCVTIMEO ran out (the
                // association may have ended during that wait: a blocking recvmsg reports that only before it waits)
                if (nothingLeftToReceive(fd)) {
                    throw fail(SctpError.NOT_CONNECTED, "recvmsg(fd=" + fd + ")", errno,
                            "no association is left on the socket and none can come (a blocking recvmsg fails ENOTCONN)");
                }
                return false;
            }
            throw fail(NativeCall.RECEIVE, "recvmsg(fd=" + fd + ")", errno);
        }
        SctpLayout.Msghdr m = layout.msghdr();
        int flags = s.msghdr.getInt(m.flags());
        boolean notification = k.msgNotification() != 0 && (flags & k.msgNotification()) != 0;
        if (n == 0 && !notification) {
            throw fail(SctpError.NOT_CONNECTED, "recvmsg(fd=" + fd + ")", layout.errors().enotconn(),
                    "recvmsg returned 0: the association has ended");
        }
        InetSocketAddress from = peers
                ? Sockaddrs.read(layout.sockaddr(), s.name, 0, s.msghdr.getInt(m.namelen())) : null;
        if (notification) {
            Pointer first = direct ? new Pointer(data) : bounce;
            SctpNotification note = (flags & k.msgEor()) != 0
                    ? Notifications.parse(layout.notifications(), layout.sockaddr(), first, (int) n)
                    : readRestOfNotification(fd, s, first, (int) n, callFlags);
            info.isNotification = true;
            info.complete = true;
            info.bytes = 0;
            info.notification = note;
            info.assocId = Notifications.associationOf(note);
            if (note instanceof AssociationChange change && tracksDescriptors()) {
                tracking.event(fd, change.association().value(), change.state(), from);
            }
            return true;
        }
        int bytes = (int) n;
        if (!direct) {
            bounce.read(0, dst.array(), dst.arrayOffset() + position, bytes);
        }
        dst.position(position + bytes);
        checkNotCut(fd, flags, bytes);
        info.bytes = bytes;
        info.complete = (flags & k.msgEor()) != 0;
        ControlMessages.readReceiveInfo(layout.cmsg(), receiveInfos(), s.control,
                getLength(s.msghdr, m.controllen(), m.controllenWidth()), info);
        if (from != null && info.assocId != 0 && tracksDescriptors()) {
            tracking.peerSeen(fd, info.assocId, from);
        }
        return true;
    }

    /**
     * No silent truncation: an OS that drops the rest of a message that did not fit ({@code MSG_TRUNC};
     * Linux and illumos keep it queued instead and clear {@code MSG_EOR}) or cuts the control data that
     * names its association and stream ({@code MSG_CTRUNC}) is reported, the bytes received left in the
     * caller's buffer.
     */
    private void checkNotCut(int fd, int flags, int bytes) throws SctpException {
        AssociationControl c = associationControl();
        if (c == null) {
            return;
        }
        if (c.msgTrunc() != 0 && (flags & c.msgTrunc()) != 0) {
            throw SctpException.rejected(SctpError.MESSAGE_TOO_LARGE, "recvmsg(fd=" + fd + ")", "the OS cut the message"
                    + " (MSG_TRUNC) and dropped its rest: the buffer holds its first " + bytes + " bytes");
        }
        if (c.msgCtrunc() != 0 && (flags & c.msgCtrunc()) != 0) {
            throw SctpException.rejected(SctpError.OTHER, "recvmsg(fd=" + fd + ")", "the OS cut the control data"
                    + " (MSG_CTRUNC): the " + bytes + " bytes received are in the buffer, but their association, stream"
                    + " and payload protocol id are not known");
        }
    }

    /**
     * The rest of a notification the caller's buffer could not hold: the kernel keeps it at the head
     * of the queue, so it is read at once, piece by piece, into this thread's notification buffer
     * until {@code MSG_EOR}. Beyond {@link #NOTICE_MAX} bytes the rest is read and dropped (the
     * notification is then reported untyped with its full length).
     */
    private SctpNotification readRestOfNotification(int fd, PosixScratch s, Pointer first, int firstBytes, int callFlags)
            throws SctpException {
        SctpLayout.Socket k = layout.socket();
        Memory note = s.notice(Math.max(2L * firstBytes, 256));
        note.write(0, first.getByteArray(0, firstBytes), 0, firstBytes);
        long total = firstBytes;
        long kept = firstBytes;
        while (true) {
            if (kept == note.size() && kept < NOTICE_MAX) {
                note = s.notice(Math.min(2 * note.size(), NOTICE_MAX));
            }
            boolean full = kept == note.size();
            long room = full ? Math.min(note.size(), 4096) : note.size() - kept;
            long at = full ? 0 : kept;
            prepare(s, null, 0, Pointer.nativeValue(note) + (full ? note.size() - room : at), room, s.control,
                    PosixScratch.CONTROL_SIZE);
            long n;
            int errno = 0;
            while ((n = calls.recvmsg(fd, s.msghdr, callFlags | k.msgDontwait())) < 0
                    && (errno = calls.errno()) == layout.errors().eintr()) {
                // retried
            }
            if (n < 0) {
                if (errno == layout.errors().eagain()) {
                    break; // nothing more came: parse what there is
                }
                throw fail(NativeCall.RECEIVE, "recvmsg(fd=" + fd + ", the rest of a notification)", errno);
            }
            total += n;
            if (!full) {
                kept += n;
            }
            int flags = s.msghdr.getInt(layout.msghdr().flags());
            if (n == 0 || (flags & k.msgEor()) != 0) {
                break;
            }
        }
        SctpNotification parsed = Notifications.parse(layout.notifications(), layout.sockaddr(), note, (int) kept);
        if (total != kept && parsed instanceof OtherNotification o) {
            return new OtherNotification(o.association(), o.nativeType(), (int) Math.min(total, Integer.MAX_VALUE));
        }
        return parsed;
    }

    /**
     * True when a blocking {@code recvmsg} would fail at once because the socket has no association
     * and none can come, although a non-waiting one answers EAGAIN and {@code poll} never reports it
     * readable (a peeled-off Linux socket whose association ended). Called only when the queue is
     * empty, so it costs nothing while messages flow. By default false: the OS is not asked.
     *
     * @param fd the socket
     * @return true when nothing will ever arrive
     */
    protected boolean nothingLeftToReceive(int fd) {
        return false;
    }

    // ------------------------------------------------------------------ associations, peel-off

    /**
     * The associations of a one-to-many socket as the OS lists them.
     *
     * @param fd the socket
     * @return the ids, or null when the OS cannot list them (then {@link #associations} answers from
     *         the association changes {@code receive} has seen)
     * @throws SctpException on failure
     */
    protected int[] nativeAssociations(int fd) throws SctpException {
        return null;
    }

    /**
     * {@inheritDoc} From the OS where it can list them; else those whose COMMUNICATION_UP or RESTART
     * event {@link #receive} has returned on this descriptor, less those that ended or were peeled off.
     */
    @Override
    public final int[] associations(int fd) throws SctpException {
        int[] ids = nativeAssociations(fd);
        if (ids != null) {
            return ids;
        }
        if (!supports(Need.ASSOCIATIONS)) {
            throw unsupported(Need.ASSOCIATIONS, "associations(fd=" + fd + ")");
        }
        probeSocket(fd, "associations(fd=" + fd + ")");
        return tracking.associations(fd);
    }

    /** Makes sure {@code fd} is an open socket, as a native call would: {@code getsockopt(SO_SNDBUF)}. */
    private void probeSocket(int fd, String text) throws SctpException {
        SctpLayout.OptionNumber probe = layout.options().get(SocketOption.SEND_BUFFER);
        PosixScratch s = scratch();
        s.len.setInt(0, 4);
        if (probe != null && calls.getsockopt(fd, probe.level(), probe.name(), s.optval, s.len) < 0) {
            throw fail(NativeCall.GETSOCKOPT, text, calls.errno());
        }
    }

    /**
     * The OS's peel-off, with the options applied (atomically, or with {@link #emulateFlags}).
     *
     * @param fd      the one-to-many socket
     * @param assocId the association
     * @param options the options
     * @return the new descriptor
     * @throws SctpException on failure, the association still on {@code fd} wherever the OS allows it
     */
    protected abstract int peelOff(int fd, int assocId, Set<PeeloffOption> options) throws SctpException;

    @Override
    public final int peeloff(int fd, int assocId, Set<PeeloffOption> options) throws SctpException {
        int newFd = peelOff(fd, assocId, options);
        if (tracksDescriptors()) {
            tracking.peeledOff(fd, assocId, newFd);
        }
        return newFd;
    }

    /**
     * @param fd      the socket
     * @param assocId the association
     * @param options the options
     * @return the peel-off as error messages name it (built only when one fails)
     */
    protected static String peeloffText(int fd, int assocId, Set<PeeloffOption> options) {
        return options.isEmpty()
                ? "sctp_peeloff(fd=" + fd + ", assoc=" + assocId + ")"
                : "sctp_peeloff(fd=" + fd + ", assoc=" + assocId + ", options=" + options + ")";
    }

    /**
     * Refuses STRICT with a flag before any native call, where flags are emulated.
     *
     * @param fd      the socket
     * @param assocId the association
     * @param options the options
     * @throws SctpException {@code UNSUPPORTED}
     */
    protected final void checkStrict(int fd, int assocId, Set<PeeloffOption> options) throws SctpException {
        EmulatedPeeloffFlags.checkStrict(providerId, fd, assocId, options);
    }

    /**
     * Sets the blocking mode and close-on-exec of a peeled-off socket with {@code fcntl}, closing it if
     * that fails.
     *
     * @param newFd   the new socket
     * @param options the options
     * @return {@code newFd}
     * @throws SctpException the {@code fcntl} failure
     */
    protected final int emulateFlags(int newFd, Set<PeeloffOption> options) throws SctpException {
        return EmulatedPeeloffFlags.apply(this, newFd, options);
    }

    /**
     * Checks, before peeling, that the process has a descriptor free for the new socket (a spare one
     * taken with {@code fcntl(F_DUPFD)} and given back at once): a kernel that moves the association
     * before it looks for a descriptor (Linux does) would otherwise destroy it. Another thread can
     * still take the last descriptor in between.
     *
     * @param fd      the one-to-many socket
     * @param assocId the association
     * @param options the options (for the message)
     * @throws SctpException {@code TOO_MANY_OPEN_FILES}; other failures are left to the peel-off to report
     */
    protected final void checkFreeDescriptor(int fd, int assocId, Set<PeeloffOption> options) throws SctpException {
        int spare = calls.fcntl(fd, layout.fcntl().dupfd(), 0);
        if (spare >= 0) {
            calls.close(spare);
            return;
        }
        int errno = calls.errno();
        if (errno == layout.errors().emfile()) {
            throw fail(SctpError.TOO_MANY_OPEN_FILES, peeloffText(fd, assocId, options), errno,
                    "no free descriptor for the new socket (checked before peeling: the association stays on fd " + fd + ")");
        }
    }

    // ------------------------------------------------------------------ poll, fcntl, options, close

    /**
     * {@inheritDoc} EINTR is retried with what is left of the time-out; POLLERR and POLLHUP count as
     * ready; POLLNVAL is {@code BAD_DESCRIPTOR}; a reader's socket with nothing left to receive counts
     * as ready when the time is up, so that the receive that follows reports {@code NOT_CONNECTED}.
     */
    @Override
    public boolean poll(int fd, boolean write, int timeoutMillis) throws SctpException {
        SctpLayout.Poll p = layout.poll();
        PosixScratch s = scratch();
        short events = (short) (write ? p.out() : p.in());
        long deadline = timeoutMillis > 0 ? System.nanoTime() + timeoutMillis * 1_000_000L : 0;
        int timeout = timeoutMillis < 0 ? -1 : timeoutMillis;
        while (true) {
            s.pollfd.setInt(p.fd(), fd);
            s.pollfd.setShort(p.events(), events);
            s.pollfd.setShort(p.revents(), (short) 0);
            int rc = calls.poll(s.pollfd, 1, timeout);
            if (rc > 0) {
                int revents = s.pollfd.getShort(p.revents()) & 0xffff;
                if ((revents & p.nval()) != 0) {
                    throw fail(SctpError.BAD_DESCRIPTOR, pollText(fd, write, timeoutMillis), layout.errors().ebadf(),
                            "poll reported POLLNVAL: the descriptor is not open");
                }
                return true; // readable/writable, or an error or hang-up the next call reports
            }
            if (rc == 0) {
                return !write && nothingLeftToReceive(fd);
            }
            int errno = calls.errno();
            if (errno != layout.errors().eintr()) {
                throw fail(NativeCall.POLL, pollText(fd, write, timeoutMillis), errno);
            }
            if (timeoutMillis > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                timeout = (int) Math.max(1, left / 1_000_000L);
            }
        }
    }

    private static String pollText(int fd, boolean write, int timeoutMillis) {
        return "poll(fd=" + fd + ", " + (write ? "POLLOUT" : "POLLIN") + ", " + timeoutMillis + " ms)";
    }

    private int fcntl(int fd, int cmd, int arg, String what) throws SctpException {
        int rc;
        int errno = 0;
        while ((rc = calls.fcntl(fd, cmd, arg)) < 0 && (errno = calls.errno()) == layout.errors().eintr()) {
            // retried: an interrupted fcntl changed nothing
        }
        if (rc < 0) {
            throw fail(NativeCall.FCNTL, "fcntl(fd=" + fd + ", " + what + ")", errno);
        }
        return rc;
    }

    /** {@inheritDoc} Clears, for blocking, every bit that makes the descriptor non-blocking (illumos: {@code O_NDELAY} too). */
    @Override
    public void setBlocking(int fd, boolean blocking) throws SctpException {
        SctpLayout.Fcntl f = layout.fcntl();
        int flags = fcntl(fd, f.getfl(), 0, "F_GETFL");
        int want = blocking ? flags & ~(f.nonblock() | f.alsoNonblock()) : flags | f.nonblock();
        if (want != flags) {
            fcntl(fd, f.setfl(), want, blocking ? "F_SETFL, ~O_NONBLOCK" : "F_SETFL, O_NONBLOCK");
        }
    }

    @Override
    public boolean isBlocking(int fd) throws SctpException {
        SctpLayout.Fcntl f = layout.fcntl();
        return (fcntl(fd, f.getfl(), 0, "F_GETFL") & (f.nonblock() | f.alsoNonblock())) == 0;
    }

    @Override
    public boolean isCloseOnExec(int fd) throws SctpException {
        SctpLayout.Fcntl f = layout.fcntl();
        return (fcntl(fd, f.getfd(), 0, "F_GETFD") & f.fdCloexec()) != 0;
    }

    @Override
    public void setCloseOnExec(int fd, boolean closeOnExec) throws SctpException {
        SctpLayout.Fcntl f = layout.fcntl();
        int flags = fcntl(fd, f.getfd(), 0, "F_GETFD");
        int want = closeOnExec ? flags | f.fdCloexec() : flags & ~f.fdCloexec();
        if (want != flags) {
            fcntl(fd, f.setfd(), want, closeOnExec ? "F_SETFD, FD_CLOEXEC" : "F_SETFD, 0");
        }
    }

    private SctpLayout.OptionNumber option(SocketOption option, int fd, String verb) throws SctpException {
        SctpLayout.OptionNumber on = layout.options().get(option);
        if (on == null) {
            throw unsupportedOption(option, verb + "(fd=" + fd + ", " + option + ")");
        }
        return on;
    }

    @Override
    public int getOption(int fd, SocketOption option) throws SctpException {
        SctpLayout.OptionNumber on = option(option, fd, "getsockopt");
        PosixScratch s = scratch();
        s.optval.setInt(0, 0);
        s.len.setInt(0, 4);
        if (calls.getsockopt(fd, on.level(), on.name(), s.optval, s.len) < 0) {
            throw fail(NativeCall.GETSOCKOPT, "getsockopt(fd=" + fd + ", " + on.text() + ")", calls.errno());
        }
        return s.optval.getInt(0);
    }

    @Override
    public void setOption(int fd, SocketOption option, int value) throws SctpException {
        SctpLayout.OptionNumber on = option(option, fd, "setsockopt");
        PosixScratch s = scratch();
        s.optval.setInt(0, value);
        if (calls.setsockopt(fd, on.level(), on.name(), s.optval, 4) < 0) {
            throw fail(NativeCall.SETSOCKOPT, "setsockopt(fd=" + fd + ", " + on.text() + ", " + value + ")",
                    calls.errno());
        }
    }

    // ------------------------------------------------------------------ typed options, shutdown (PosixOptions)

    private volatile PosixOptions typedOptions;

    private PosixOptions typedOptions() {
        PosixOptions t = typedOptions;
        if (t == null) {
            t = new PosixOptions(this, layout, optionLayout(), calls);
            typedOptions = t;
        }
        return t;
    }

    /**
     * @return the OS's numbers and layouts of the typed options, or null (then only SO_SNDBUF, SO_RCVBUF and
     *         SCTP_NODELAY are typed options here, and {@code shutdown} is {@code UNSUPPORTED})
     */
    protected SctpOptionLayout optionLayout() {
        return null;
    }

    /**
     * @param option an option
     * @return why this OS lacks it, for {@code capabilities()}
     */
    public final String whyUnsupported(org.peeloff.SctpOption<?> option) {
        return typedOptions().whyUnsupported(option);
    }

    /** @return for {@code capabilities().unsupported()}: each typed option this OS lacks, with why */
    public final List<String> unsupportedOptions() {
        List<String> out = new ArrayList<>();
        for (org.peeloff.SctpOption<?> o : org.peeloff.SctpOptions.all()) {
            if (!supportsOption(o)) {
                out.add("option " + o + ": " + whyUnsupported(o));
            }
        }
        return out;
    }

    /** @return for {@code capabilities().details()}: the typed options this provider supports here */
    public final String supportedOptions() {
        StringBuilder b = new StringBuilder();
        for (org.peeloff.SctpOption<?> o : org.peeloff.SctpOptions.all()) {
            if (supportsOption(o)) {
                b.append(b.length() == 0 ? "" : ", ").append(o);
            }
        }
        return b.toString();
    }

    @Override
    public boolean supportsOption(org.peeloff.SctpOption<?> option) {
        return typedOptions().supports(option);
    }

    @Override
    public <T> T getOption(int fd, org.peeloff.SctpOption<T> option, int assocId) throws SctpException {
        if (!supportsOption(option)) {
            throw SctpException.rejected(SctpError.UNSUPPORTED, "getsockopt(fd=" + fd + ", " + option + ")",
                    "provider '" + providerId + "': " + whyUnsupported(option));
        }
        return option.type().cast(typedOptions().get(fd, option, assocId));
    }

    @Override
    public <T> void setOption(int fd, org.peeloff.SctpOption<T> option, T value, int assocId) throws SctpException {
        if (!supportsOption(option)) {
            throw SctpException.rejected(SctpError.UNSUPPORTED, "setsockopt(fd=" + fd + ", " + option + ")",
                    "provider '" + providerId + "': " + whyUnsupported(option));
        }
        typedOptions().set(fd, option, value, assocId);
    }

    /** {@inheritDoc} {@code shutdown(fd, SHUT_WR)}. */
    @Override
    public void shutdown(int fd) throws SctpException {
        try {
            typedOptions().shutdown(fd);
        } catch (UnsatisfiedLinkError e) {
            throw SctpException.rejected(SctpError.UNSUPPORTED, "shutdown(fd=" + fd + ", SHUT_WR)",
                    "the C library bound has no shutdown: " + e.getMessage());
        }
    }

    /**
     * An integer option read without failing.
     *
     * @param fd    the socket
     * @param level the level
     * @param name  the option
     * @return its value, or -1 when it cannot be read
     */
    protected final int intOption(int fd, int level, int name) {
        PosixScratch s = scratch();
        s.optval.setInt(0, -1);
        s.len.setInt(0, 4);
        if (calls.getsockopt(fd, level, name, s.optval, s.len) < 0) {
            return -1;
        }
        return s.optval.getInt(0);
    }

    // ------------------------------------------------------------------ addresses

    /**
     * {@code getsockname} or {@code getpeername}.
     *
     * @param fd   the socket
     * @param peer true for the peer
     * @return the address as a list of at most one
     * @throws SctpException on failure
     */
    protected final List<InetSocketAddress> socketName(int fd, boolean peer) throws SctpException {
        PosixScratch s = scratch();
        s.len.setInt(0, layout.sockaddr().storageSize());
        int rc = peer ? calls.getpeername(fd, s.name, s.len) : calls.getsockname(fd, s.name, s.len);
        if (rc < 0) {
            throw fail(NativeCall.ADDRESSES, (peer ? "getpeername" : "getsockname") + "(fd=" + fd + ")", calls.errno());
        }
        InetSocketAddress a = Sockaddrs.read(layout.sockaddr(), s.name, 0, s.len.getInt(0));
        return a == null ? List.of() : List.of(a);
    }

    /**
     * Decodes a packed array of socket addresses.
     *
     * @param buf   the memory
     * @param from  where the first starts
     * @param end   where the memory written ends
     * @param count how many there are at most
     * @return the addresses (INET and INET6 only; decoding stops at anything else)
     */
    protected final List<InetSocketAddress> packedAddresses(Pointer buf, long from, long end, int count) {
        List<InetSocketAddress> out = new ArrayList<>(Math.max(0, Math.min(count, 64)));
        long at = from;
        for (int i = 0; i < count && at < end; i++) {
            int size = Sockaddrs.size(layout.sockaddr(), Sockaddrs.family(layout.sockaddr(), buf, at));
            if (size < 0 || at + size > end) {
                break;
            }
            out.add(Sockaddrs.read(layout.sockaddr(), buf, at, size));
            at += size;
        }
        return List.copyOf(out);
    }

    /** {@inheritDoc} By default the one address {@code getsockname} reports. */
    @Override
    public List<InetSocketAddress> localAddresses(int fd) throws SctpException {
        return socketName(fd, false);
    }

    /**
     * {@inheritDoc} By default: on a one-to-many socket the address {@code recvmsg} reported with the
     * association's messages (where {@link #recordsPeers()}), else {@code getpeername}.
     */
    @Override
    public List<InetSocketAddress> peerAddresses(int fd, int assocId) throws SctpException {
        InetSocketAddress seen = tracking.peer(fd, assocId);
        if (seen != null) {
            return List.of(seen);
        }
        try {
            return socketName(fd, true);
        } catch (SctpException e) {
            if (e.errno() == layout.errors().enotconn() && assocId != 0) {
                SctpException x = fail(SctpError.NO_SUCH_ASSOCIATION, "peerAddresses(fd=" + fd + ", assoc="
                        + Integer.toUnsignedString(assocId) + ")", e.errno(), "no peer address of this association has"
                        + " been seen on this one-to-many socket (the OS has no sctp_getpaddrs; addresses are learnt"
                        + " from recvmsg)");
                x.addSuppressed(e);
                throw x;
            }
            throw e;
        }
    }

    /** {@inheritDoc} Forgets what was tracked for the descriptor; EINTR counts as closed and is never retried. */
    @Override
    public void close(int fd) throws SctpException {
        if (tracksDescriptors()) {
            tracking.forget(fd);
        }
        if (calls.close(fd) < 0) {
            int errno = calls.errno();
            if (errno == layout.errors().eintr()) {
                return; // released all the same; a retry could close a number another thread was given
            }
            throw fail(NativeCall.CLOSE, "close(fd=" + fd + ")", errno);
        }
    }

    /**
     * {@inheritDoc} The first of {@link #pollerBackends()}: the OS's own backend where the provider has
     * one ({@link #nativeBackend()}), unless {@value Poller#BACKEND_PROPERTY}{@code =poll} chose the
     * portable {@code poll(2)} backend ({@link PollPoller}) when the provider loaded.
     */
    @Override
    public final Poller openPoller() throws SctpException {
        return openPoller(pollerBackends().get(0));
    }

    /** {@inheritDoc} The OS's own backend, if any, and {@code poll(2)}, the default first. */
    @Override
    public final List<String> pollerBackends() {
        String own = nativeBackend();
        if (own == null) {
            return List.of(Poller.POLL);
        }
        return portableFirst ? List.of(Poller.POLL, own) : List.of(own, Poller.POLL);
    }

    @Override
    public final Poller openPoller(String backend) throws SctpException {
        if (Poller.POLL.equals(backend)) {
            return new PollPoller(calls, layout.poll(), layout.fcntl(), layout.errors().eintr(), this::errnoName, os);
        }
        String own = nativeBackend();
        if (own != null && own.equals(backend)) {
            return openNativePoller();
        }
        throw SctpException.rejected(SctpError.UNSUPPORTED, "openPoller(" + backend + ")",
                "no readiness backend of that name; this provider has " + pollerBackends());
    }

    /**
     * @return the name of the OS's own readiness backend ({@code epoll}, {@code event ports},
     *         {@code pollset}), or null when the provider has none here (then only {@code poll(2)})
     */
    protected String nativeBackend() {
        return null;
    }

    /**
     * Opens the OS's own backend; called only when {@link #nativeBackend()} is not null.
     *
     * @return a new backend
     * @throws SctpException when it cannot be opened
     */
    protected Poller openNativePoller() throws SctpException {
        throw SctpException.rejected(SctpError.UNSUPPORTED, "openPoller()", "no native readiness backend");
    }

    /**
     * For {@code capabilities()}: which backend serves, which else is there, and how to choose.
     *
     * @param nativeDetail what the OS's own backend is made of, e.g. its calls
     * @return one line
     */
    public final String readinessDetail(String nativeDetail) {
        String own = nativeBackend();
        String portable = "poll(2) (portable; struct pollfd rebuilt per changed set; wake-up through a pipe)";
        if (own == null) {
            return portable + " serves; " + nativeDetail;
        }
        String ownText = own + " (" + nativeDetail + ")";
        return (portableFirst ? portable + " serves, chosen with -D" + Poller.BACKEND_PROPERTY + "=poll; " + ownText
                + " also available" : ownText + " serves; " + portable + " also available (-D"
                + Poller.BACKEND_PROPERTY + "=poll makes it the default)");
    }

    /**
     * @param value the value of {@value Poller#BACKEND_PROPERTY}
     * @return true for {@code poll}, false when unset or {@code native}
     * @throws IllegalArgumentException for any other value (the provider is then unavailable, with this cause)
     */
    static boolean portableFirst(String value) {
        if (value == null || value.isBlank() || value.trim().equals("native")) {
            return false;
        }
        if (value.trim().equals("poll")) {
            return true;
        }
        throw new IllegalArgumentException("-D" + Poller.BACKEND_PROPERTY + "=" + value
                + ": expected native (the OS's own readiness backend, the default) or poll (the portable poll(2) one)");
    }

    /** @return the provider id and the OS */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + providerId + ", " + os + "]";
    }
}
