/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.linux;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.sun.jna.Memory;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

import org.peeloff.PeeloffOption;
import org.peeloff.SctpError;
import org.peeloff.SctpException;
import org.peeloff.jna.Libc;
import org.peeloff.jna.PosixCalls;
import org.peeloff.jna.PosixScratch;
import org.peeloff.jna.PosixSctp;
import org.peeloff.jna.SctpLayout;
import org.peeloff.spi.NativeCall;
import org.peeloff.spi.Poller;

/**
 * What Linux does differently from the shared POSIX layer ({@link PosixSctp}), and nothing else:
 * SCTP_RECVRCVINFO with its fallback to SCTP_SNDRCV before 3.17, the atomic peel-off flags
 * ({@code SCTP_SOCKOPT_PEELOFF_FLAGS}, 4.13) with their fallback, the free-descriptor check and the
 * disambiguation of EINVAL on peel-off, the kernel's association list and address options, and the
 * end of a peeled-off association (which Linux answers with EAGAIN for ever). Kept apart from
 * {@link LinuxSctpProvider} so that the public provider class links without JNA on the class path.
 */
final class LinuxSockets extends PosixSctp {
    /**
     * An association id that no one-to-many socket hands out in practice (the kernel allocates
     * ids cyclically from 1 up to INT_MAX), used to ask the kernel which socket style it sees.
     */
    static final int PROBE_ASSOC_ID = Integer.MAX_VALUE;
    private static final int MAX_LIST_ATTEMPTS = 8;
    private static final int ADDRS_INITIAL = 2048;
    private static final int ADDRS_MAX = 1 << 20;

    private final int peeloffFlagsOption;
    /** Why the atomic peel-off option was given up, or null while it works. */
    private volatile String peeloffFallback;
    /** True when the kernel has no SCTP_RECVRCVINFO / SCTP_SNDINFO and SCTP_SNDRCV is used instead. */
    private volatile boolean sndrcvInfo;

    /**
     * @param peeloffFlagsOption the option number of the atomic peel-off ({@code SCTP_SOCKOPT_PEELOFF_FLAGS},
     *                           or a number the kernel does not know, to test the fallback)
     * @param sndrcvInfo         start with SCTP_SNDRCV control messages instead of SCTP_SNDINFO/SCTP_RCVINFO
     */
    LinuxSockets(int peeloffFlagsOption, boolean sndrcvInfo) {
        super(LinuxSctpProvider.ID, System.getProperty("os.name"), LinuxLayout.LAYOUT,
                Libc.bind(Platform.C_LIBRARY_NAME, Map.of()), LinuxAbi.class, LinuxLayout.class, Libc.class);
        this.peeloffFlagsOption = peeloffFlagsOption;
        this.sndrcvInfo = sndrcvInfo;
    }

    /**
     * {@inheritDoc} epoll on every 64-bit architecture: {@code struct epoll_event} is packed on x86_64
     * and naturally aligned elsewhere ({@link EpollPoller.Layout}); none on a 32-bit JVM (only
     * {@code poll(2)}).
     */
    @Override
    protected String nativeBackend() {
        return epollLayout() != null ? "epoll" : null;
    }

    @Override
    protected Poller openNativePoller() throws SctpException {
        return new EpollPoller(epollLayout(), calls, layout.fcntl(), this::errnoNameOf, os());
    }

    /** @return the epoll_event layout of this architecture, or null */
    static EpollPoller.Layout epollLayout() {
        return EpollPoller.Layout.of(System.getProperty("os.arch", "").toLowerCase(java.util.Locale.ROOT),
                Platform.is64Bit());
    }

    private String errnoNameOf(int errno) {
        return errnoName(errno);
    }

    /** @return the POSIX calls (for the kernel tests' raw probes) */
    PosixCalls libc() {
        return calls;
    }

    /** @return the JNA version in use */
    static String jnaVersion() {
        return Libc.jnaVersion();
    }

    /** @return why peel-off flags are emulated, or null while they are atomic */
    String peeloffFallback() {
        return peeloffFallback;
    }

    /** @return true when SCTP_SNDRCV control messages are used (kernels older than 3.17, or a test) */
    boolean usesSndrcvInfo() {
        return sndrcvInfo;
    }

    /** libsctp's {@code sctp_bindx} is this socket option ({@code SCTP_SOCKOPT_BINDX_ADD}/{@code _REM}). */
    @Override
    protected int sctpBindx(int fd, Pointer addrs, int count, int bytes, boolean add) {
        return calls.setsockopt(fd, LinuxAbi.SOL_SCTP,
                add ? LinuxAbi.SCTP_SOCKOPT_BINDX_ADD : LinuxAbi.SCTP_SOCKOPT_BINDX_REM, addrs, bytes);
    }

    @Override
    protected SctpLayout.Info sendInfo() {
        return sndrcvInfo ? LinuxLayout.SNDRCV : LinuxLayout.SNDINFO;
    }

    @Override
    protected SctpException socketFailure(String text, int errno) {
        SctpException e = fail(NativeCall.SOCKET, text, errno);
        if (e.error() == SctpError.UNSUPPORTED_SOCKET && !LinuxSctpProvider.kernelHasSctpLoaded()) {
            return fail(e.error(), text, errno, "this kernel has no SCTP (no sctp module; /proc/sys/net/sctp is missing)");
        }
        return e;
    }

    /**
     * Per-message receive information and the notifications the API reports, on a new socket.
     * SCTP_RECVRCVINFO (RFC 6458 8.1.29; Linux 3.17) gives an SCTP_RCVINFO control message with every
     * message; then the shared SCTP_EVENTS subscription (the first six bytes of
     * {@code struct sctp_event_subscribe}, which every kernel accepts however long its own struct is).
     * On a kernel without SCTP_RECVRCVINFO the provider switches, once and for good, to the older
     * {@code sctp_data_io_event} (SCTP_SNDRCV control messages).
     */
    @Override
    protected void configureSocket(int fd) throws SctpException {
        if (!sndrcvInfo) {
            PosixScratch s = scratch();
            s.optval.setInt(0, 1);
            if (calls.setsockopt(fd, LinuxAbi.SOL_SCTP, LinuxAbi.SCTP_RECVRCVINFO, s.optval, 4) < 0) {
                int errno = calls.errno();
                if (errno != LinuxAbi.ENOPROTOOPT) {
                    throw fail(NativeCall.SETSOCKOPT, "setsockopt(fd=" + fd + ", SOL_SCTP, SCTP_RECVRCVINFO, 1)", errno);
                }
                sndrcvInfo = true;
            }
        }
        subscribe(fd, sndrcvInfo);
    }

    /**
     * True when a blocking {@code recvmsg} would fail ENOTCONN at once: the socket has no association
     * left and is not listening. The kernel reports that only to a receiver that would wait; with
     * MSG_DONTWAIT it answers EAGAIN, and {@code poll} never reports such a socket readable. That is
     * the state of a peeled-off socket whose association has ended: unlike a one-to-one socket it
     * never returns 0, so without this check a non-blocking reader would wait for ever. Called only
     * when the queue is empty, so it costs nothing while messages flow.
     */
    @Override
    protected boolean nothingLeftToReceive(int fd) {
        PosixScratch s = scratch();
        s.optval.setInt(0, -1);
        s.len.setInt(0, 4);
        if (calls.getsockopt(fd, LinuxAbi.SOL_SCTP, LinuxAbi.SCTP_GET_ASSOC_NUMBER, s.optval, s.len) < 0
                || s.optval.getInt(0) != 0) {
            return false; // associations left, or a one-to-one socket (it returns 0 at the end instead)
        }
        return intOption(fd, LinuxAbi.SOL_SOCKET, LinuxAbi.SO_ACCEPTCONN) == 0;
    }


    /**
     * {@code setsockopt(SOL_SOCKET, SO_RCVTIMEO)} and {@code (SO_SNDTIMEO)} with one {@code struct timeval}
     * (abi.tsv rows SO_RCVTIMEO, SO_SNDTIMEO, struct timeval). The kernel rounds the time up to whole
     * clock ticks (fact:SO_RCVTIMEO.rounding); a blocking SCTP recvmsg or sendmsg that reaches it fails
     * EAGAIN having taken or queued nothing (fact:sctp.recvmsg.timeout, fact:sctp.sendmsg.timeout), and
     * a blocking recvmsg on a socket with no association left fails ENOTCONN before it waits.
     */
    @Override
    public boolean setBlockingWaitLimit(int fd, int micros) throws SctpException {
        PosixScratch s = scratch();
        s.optval.clear(LinuxAbi.SIZEOF_TIMEVAL);
        s.optval.setLong(LinuxAbi.TIMEVAL_SEC, micros / 1_000_000);
        s.optval.setLong(LinuxAbi.TIMEVAL_USEC, micros % 1_000_000);
        for (int name : new int[] {LinuxAbi.SO_RCVTIMEO, LinuxAbi.SO_SNDTIMEO}) {
            if (calls.setsockopt(fd, LinuxAbi.SOL_SOCKET, name, s.optval, LinuxAbi.SIZEOF_TIMEVAL) < 0) {
                int errno = calls.errno();
                throw fail(NativeCall.SETSOCKOPT, "setsockopt(fd=" + fd + ", SOL_SOCKET, "
                        + (name == LinuxAbi.SO_RCVTIMEO ? "SO_RCVTIMEO" : "SO_SNDTIMEO") + ", " + micros + " us)", errno);
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ association control

    @Override
    protected org.peeloff.jna.AssociationControl associationControl() {
        return LinuxLayout.CONTROL;
    }

    /**
     * {@code sctp_connectx} as libsctp's default version does it, through libc (a {@code dlsym} of
     * {@code sctp_connectx} finds the old entry that never writes the id: abi.tsv fact:sctp_connectx.dlsym):
     * {@code getsockopt(fd, SOL_SCTP, SCTP_SOCKOPT_CONNECTX3, struct sctp_getaddrs_old, 16)} with the
     * packed addresses; the kernel writes the new association's id, also when a non-blocking set-up is
     * still going (EINPROGRESS). An interrupted call goes on in the kernel: it is asked again (EALREADY
     * while it goes on, EISCONN once up) and the id is then found by the peer's address.
     */
    @Override
    public int connectx(int fd, List<InetSocketAddress> remotes) throws SctpException {
        String text = "sctp_connectx(fd=" + fd + ", " + remotes + ")";
        PosixScratch s = scratch();
        int total = 0;
        for (InetSocketAddress a : remotes) {
            total += org.peeloff.jna.Sockaddrs.length(layout.sockaddr(), a, 0);
        }
        Memory addrs = s.bounce(total);
        boolean interrupted = false;
        while (true) {
            int at = 0;
            for (InetSocketAddress a : remotes) {
                at += org.peeloff.jna.Sockaddrs.write(layout.sockaddr(), addrs, at, a, 0);
            }
            Pointer arg = s.optval;
            arg.setMemory(0, LinuxAbi.SIZEOF_SCTP_GETADDRS_OLD, (byte) 0);
            arg.setInt(LinuxAbi.GETADDRS_OLD_ADDR_NUM, total);
            arg.setPointer(LinuxAbi.GETADDRS_OLD_ADDRS, addrs);
            s.len.setInt(0, LinuxAbi.SIZEOF_SCTP_GETADDRS_OLD);
            int rc = calls.getsockopt(fd, LinuxAbi.SOL_SCTP, LinuxAbi.SCTP_SOCKOPT_CONNECTX3, arg, s.len);
            int errno = rc < 0 ? calls.errno() : 0;
            if (rc == 0 || errno == LinuxAbi.EINPROGRESS) {
                return arg.getInt(LinuxAbi.GETADDRS_OLD_ASSOC_ID);
            }
            if (errno == LinuxAbi.EINTR) {
                interrupted = true;
                continue;
            }
            if (interrupted && (errno == LinuxAbi.EISCONN || errno == LinuxAbi.EALREADY)) {
                int id = associationWithPeer(fd, remotes.get(0));
                if (id != 0) {
                    return id;
                }
            }
            throw fail(NativeCall.CONNECT, text, errno);
        }
    }

    // ------------------------------------------------------------------ associations and addresses

    /**
     * SCTP_GET_ASSOC_NUMBER sizes the buffer, SCTP_GET_ASSOC_ID_LIST fills it; the kernel answers
     * EINVAL when the buffer is too small, i.e. when associations came up in between: then again.
     */
    @Override
    protected int[] nativeAssociations(int fd) throws SctpException {
        String text = "getsockopt(fd=" + fd + ", SOL_SCTP, SCTP_GET_ASSOC_ID_LIST)";
        PosixScratch s = scratch();
        for (int attempt = 0; attempt < MAX_LIST_ATTEMPTS; attempt++) {
            s.optval.setInt(0, 0);
            s.len.setInt(0, 4);
            if (calls.getsockopt(fd, LinuxAbi.SOL_SCTP, LinuxAbi.SCTP_GET_ASSOC_NUMBER, s.optval, s.len) < 0) {
                throw listFailure("getsockopt(fd=" + fd + ", SOL_SCTP, SCTP_GET_ASSOC_NUMBER)", calls.errno());
            }
            long room = (s.optval.getInt(0) & 0xffffffffL) + 8;
            long size = LinuxAbi.ASSOC_IDS_IDS + room * LinuxAbi.SIZEOF_SCTP_ASSOC_T;
            Memory buf = s.bounce(size);
            buf.setInt(LinuxAbi.ASSOC_IDS_NUMBER, 0);
            s.len.setInt(0, (int) size);
            if (calls.getsockopt(fd, LinuxAbi.SOL_SCTP, LinuxAbi.SCTP_GET_ASSOC_ID_LIST, buf, s.len) == 0) {
                int count = buf.getInt(LinuxAbi.ASSOC_IDS_NUMBER);
                int[] ids = new int[count];
                for (int i = 0; i < count; i++) {
                    ids[i] = buf.getInt(LinuxAbi.ASSOC_IDS_IDS + (long) i * LinuxAbi.SIZEOF_SCTP_ASSOC_T);
                }
                return ids;
            }
            int errno = calls.errno();
            if (errno != LinuxAbi.EINVAL) {
                throw listFailure(text, errno);
            }
        }
        throw fail(SctpError.OTHER, text, LinuxAbi.EINVAL,
                "the association count kept growing faster than the list could be read");
    }


    private SctpException listFailure(String text, int errno) {
        if (errno == LinuxAbi.EOPNOTSUPP) {
            // the kernel refuses the association list on one-to-one (TCP style) sockets only
            return fail(SctpError.NOT_ONE_TO_MANY, text, errno, "a one-to-one socket has no association list");
        }
        return fail(NativeCall.GETSOCKOPT, text, errno);
    }


    @Override
    public List<InetSocketAddress> localAddresses(int fd) throws SctpException {
        return addresses(fd, LinuxAbi.SCTP_GET_LOCAL_ADDRS, 0, "SCTP_GET_LOCAL_ADDRS");
    }

    @Override
    public List<InetSocketAddress> peerAddresses(int fd, int assocId) throws SctpException {
        return addresses(fd, LinuxAbi.SCTP_GET_PEER_ADDRS, assocId, "SCTP_GET_PEER_ADDRS");
    }


    /**
     * SCTP_GET_LOCAL_ADDRS / SCTP_GET_PEER_ADDRS ({@code struct sctp_getaddrs}: the association, the
     * count, then packed {@code sockaddr_in}/{@code sockaddr_in6}); the buffer grows while the kernel
     * answers ENOMEM. A socket that is not SCTP falls back to {@code getsockname}/{@code getpeername}.
     */
    private List<InetSocketAddress> addresses(int fd, int option, int assocId, String optionName) throws SctpException {
        String text = "getsockopt(fd=" + fd + ", SOL_SCTP, " + optionName + ", assoc=" + assocId + ")";
        PosixScratch s = scratch();
        for (int size = ADDRS_INITIAL; ; size *= 2) {
            Memory buf = s.bounce(size);
            buf.setInt(LinuxAbi.GETADDRS_ASSOC_ID, assocId);
            buf.setInt(LinuxAbi.GETADDRS_ADDR_NUM, 0);
            s.len.setInt(0, size);
            if (calls.getsockopt(fd, LinuxAbi.SOL_SCTP, option, buf, s.len) == 0) {
                int count = buf.getInt(LinuxAbi.GETADDRS_ADDR_NUM);
                // Bounded by the buffer, not optlen: for SCTP_GET_LOCAL_ADDRS the kernel sets optlen to the
                // address bytes alone, without the 8-byte header (net/sctp/socket.c says so: "XXX").
                return packedAddresses(buf, LinuxAbi.GETADDRS_ADDRS, size, count);
            }
            int errno = calls.errno();
            if (errno == LinuxAbi.ENOMEM && size < ADDRS_MAX) {
                continue;
            }
            if (errno == LinuxAbi.EINVAL && option == LinuxAbi.SCTP_GET_PEER_ADDRS) {
                return failPeerAddresses(fd, assocId, text, errno);
            }
            if (errno == LinuxAbi.EOPNOTSUPP || errno == LinuxAbi.ENOPROTOOPT) {
                return nameFallback(fd, option == LinuxAbi.SCTP_GET_PEER_ADDRS, text, errno);
            }
            throw fail(NativeCall.ADDRESSES, text, errno);
        }
    }

    private List<InetSocketAddress> failPeerAddresses(int fd, int assocId, String text, int errno)
            throws SctpException {
        // the kernel answers EINVAL only when it finds no such association on the socket
        throw fail(SctpError.NO_SUCH_ASSOCIATION, text, errno, "no association " + assocId + " on fd " + fd);
    }

    private List<InetSocketAddress> nameFallback(int fd, boolean peer, String sctpText, int sctpErrno)
            throws SctpException {
        try {
            return socketName(fd, peer);
        } catch (SctpException e) {
            e.addSuppressed(fail(NativeCall.ADDRESSES, sctpText, sctpErrno));
            throw e;
        }
    }


    // ------------------------------------------------------------------ peel-off

    /**
     * {@code sctp_peeloff_flags} through libc: {@code getsockopt(fd, SOL_SCTP,
     * SCTP_SOCKOPT_PEELOFF_FLAGS, {assoc, sd, flags}, 12)}, the flags word always stating both the
     * blocking mode and close-on-exec, so the kernel sets them atomically. When the kernel does not
     * know that option (before 4.13: ENOPROTOOPT on an SCTP socket; or EINVAL where a plain peel-off
     * then works) the provider falls back, for good, to {@code SCTP_SOCKOPT_PEELOFF} plus
     * {@code fcntl} ({@link #emulateFlags}). Before peeling, a free descriptor is checked for
     * ({@code F_DUPFD_CLOEXEC}), because Linux detaches the association before it looks for a
     * descriptor, and destroys it when there is none.
     */
    @Override
    protected int peelOff(int fd, int assocId, Set<PeeloffOption> options) throws SctpException {
        boolean flagsAsked = options.contains(PeeloffOption.NONBLOCK) || options.contains(PeeloffOption.CLOEXEC);
        boolean strict = options.contains(PeeloffOption.STRICT);
        if (peeloffFallback != null) {
            checkStrict(fd, assocId, options);
        }
        checkFreeDescriptor(fd, assocId, options);
        if (peeloffFallback == null) {
            int flags = (options.contains(PeeloffOption.NONBLOCK) ? LinuxAbi.SOCK_NONBLOCK : 0)
                    | (options.contains(PeeloffOption.CLOEXEC) ? LinuxAbi.SOCK_CLOEXEC : 0);
            int r = peelOnce(fd, assocId, peeloffFlagsOption, flags);
            if (r >= 0) {
                return r;
            }
            int errno = -r;
            if (errno == LinuxAbi.ENOPROTOOPT) {
                if (!isSctpSocket(fd)) {
                    throw fail(SctpError.NOT_ONE_TO_MANY, peeloffText(fd, assocId, options), errno, "not an SCTP socket");
                }
                markEmulated("the kernel refused SCTP_SOCKOPT_PEELOFF_FLAGS (" + peeloffFlagsOption + ") with ENOPROTOOPT");
                checkStrict(fd, assocId, options);
            } else if (errno == LinuxAbi.EINVAL && !(strict && flagsAsked)) {
                int plain = peelOnce(fd, assocId, LinuxAbi.SCTP_SOCKOPT_PEELOFF, 0);
                if (plain < 0) {
                    throw peeloffFailure(fd, peeloffText(fd, assocId, options), -plain);
                }
                markEmulated("the kernel refused SCTP_SOCKOPT_PEELOFF_FLAGS (" + peeloffFlagsOption
                        + ") with EINVAL while SCTP_SOCKOPT_PEELOFF worked");
                return emulateFlags(plain, options);
            } else {
                throw peeloffFailure(fd, peeloffText(fd, assocId, options), errno);
            }
        }
        int r = peelOnce(fd, assocId, LinuxAbi.SCTP_SOCKOPT_PEELOFF, 0);
        if (r < 0) {
            throw peeloffFailure(fd, peeloffText(fd, assocId, options), -r);
        }
        return emulateFlags(r, options);
    }

    private void markEmulated(String why) {
        if (peeloffFallback == null) {
            peeloffFallback = why;
        }
    }

    /**
     * One peel-off getsockopt: {@code sctp_peeloff_arg_t} (8 bytes) for SCTP_SOCKOPT_PEELOFF,
     * {@code sctp_peeloff_flags_arg_t} (12 bytes) otherwise.
     *
     * @return the new descriptor, or minus the errno
     */
    private int peelOnce(int fd, int assocId, int option, int flags) {
        PosixScratch s = scratch();
        Pointer arg = s.optval;
        int size;
        if (option == LinuxAbi.SCTP_SOCKOPT_PEELOFF) {
            size = LinuxAbi.SIZEOF_PEELOFF_ARG;
        } else {
            size = LinuxAbi.SIZEOF_PEELOFF_FLAGS_ARG;
            arg.setInt(LinuxAbi.PEELOFF_FLAGS_ARG_FLAGS, flags);
        }
        while (true) {
            arg.setInt(LinuxAbi.PEELOFF_ARG_ASSOCID, assocId);
            arg.setInt(LinuxAbi.PEELOFF_ARG_SD, -1);
            s.len.setInt(0, size);
            // Success returns the new descriptor (also written to the argument's sd field), not 0.
            if (calls.getsockopt(fd, LinuxAbi.SOL_SCTP, option, arg, s.len) >= 0) {
                return arg.getInt(LinuxAbi.PEELOFF_ARG_SD);
            }
            int errno = calls.errno();
            if (errno != LinuxAbi.EINTR) {
                return -errno;
            }
        }
    }


    private SctpException peeloffFailure(int fd, String text, int errno) {
        if (errno != LinuxAbi.EINVAL) {
            return fail(NativeCall.PEELOFF, text, errno);
        }
        return disambiguateEinval(fd, text, errno);
    }

    /**
     * Linux answers EINVAL both for an association that is not on the socket and for a socket that
     * is not one-to-many ("The assoc id passed is invalid or if the socket is a one-to-one style
     * socket"). Which one it was is asked of the kernel without side effects:
     * <ol>
     *   <li>{@code SO_TYPE} other than {@code SOCK_SEQPACKET} (a {@code SOCK_STREAM} one-to-one
     *       socket): {@code NOT_ONE_TO_MANY}.</li>
     *   <li>A peeled-off socket is {@code SOCK_SEQPACKET} too (the kernel creates it so), but its
     *       SCTP style is one-to-one. {@code getsockopt(SCTP_CONTEXT)} for an association id that
     *       does not exist fails with EINVAL on a one-to-many socket only (the kernel ignores the id
     *       on the others): success means {@code NOT_ONE_TO_MANY}.</li>
     *   <li>Otherwise the socket is one-to-many and the id unknown: {@code NO_SUCH_ASSOCIATION}.</li>
     * </ol>
     */
    private SctpException disambiguateEinval(int fd, String text, int errno) {
        int type = socketType(fd);
        if (type >= 0 && type != LinuxAbi.SOCK_SEQPACKET) {
            return fail(SctpError.NOT_ONE_TO_MANY, text, errno,
                    "the socket is " + (type == LinuxAbi.SOCK_STREAM ? "SOCK_STREAM" : "of type " + type) + ", not one-to-many");
        }
        if (type == LinuxAbi.SOCK_SEQPACKET && answersForUnknownAssociation(fd)) {
            return fail(SctpError.NOT_ONE_TO_MANY, text, errno,
                    "the socket is one-to-one style (a peeled-off socket), not one-to-many");
        }
        return fail(SctpError.NO_SUCH_ASSOCIATION, text, errno, "no such association on this one-to-many socket");
    }

    /** @return {@code SO_TYPE} of the socket, or -1 when it cannot be read */
    int socketType(int fd) {
        return intOption(fd, LinuxAbi.SOL_SOCKET, LinuxAbi.SO_TYPE);
    }

    private boolean isSctpSocket(int fd) {
        return intOption(fd, LinuxAbi.SOL_SOCKET, LinuxAbi.SO_PROTOCOL) == LinuxAbi.IPPROTO_SCTP;
    }

    /**
     * @return true when {@code getsockopt(SCTP_CONTEXT)} succeeds for {@link #PROBE_ASSOC_ID}: the
     *         socket does not look association ids up, so it is not one-to-many
     */
    boolean answersForUnknownAssociation(int fd) {
        PosixScratch s = scratch();
        s.optval.setMemory(0, LinuxAbi.SIZEOF_SCTP_ASSOC_VALUE, (byte) 0);
        s.optval.setInt(LinuxAbi.ASSOC_VALUE_ASSOC_ID, PROBE_ASSOC_ID);
        s.len.setInt(0, LinuxAbi.SIZEOF_SCTP_ASSOC_VALUE);
        return calls.getsockopt(fd, LinuxAbi.SOL_SCTP, LinuxAbi.SCTP_CONTEXT, s.optval, s.len) == 0;
    }

    /** {@inheritDoc} {@link LinuxLayout#OPTIONS}. */
    @Override
    protected org.peeloff.jna.SctpOptionLayout optionLayout() {
        return LinuxLayout.OPTIONS;
    }

    /**
     * {@inheritDoc} A socket Linux made with {@code socket(SOCK_STREAM)} ("TCP style") takes
     * {@code shutdown(SHUT_WR)}. A peeled-off socket is {@code SOCK_SEQPACKET} of the "UDP high
     * bandwidth" style, for which Linux's {@code sctp_shutdown} does nothing (it acts on TCP-style sockets
     * only; net/sctp/socket.c): its association is ended with an empty {@code sendmsg} carrying
     * {@code SCTP_EOF}, which Linux accepts there (it refuses SCTP_EOF on TCP-style sockets only).
     */
    @Override
    public void shutdown(int fd) throws SctpException {
        if (intOption(fd, LinuxAbi.SOL_SOCKET, LinuxAbi.SO_TYPE) != LinuxAbi.SOCK_SEQPACKET) {
            super.shutdown(fd);
            return;
        }
        SctpLayout.Msghdr m = layout.msghdr();
        SctpLayout.Cmsg c = layout.cmsg();
        SctpLayout.Info info = LinuxLayout.SNDRCV;
        Memory msg = new Memory(m.size());
        msg.clear();
        Memory iov = new Memory(m.iovecSize());
        iov.clear();
        Memory control = new Memory(c.space(info.size()));
        control.clear();
        control.setLong(0, c.len(info.size()));
        control.setInt(c.level(), info.level());
        control.setInt(c.type(), info.type());
        control.setShort(c.data() + info.flags(), (short) LinuxAbi.SCTP_EOF);
        msg.setPointer(m.iov(), iov);
        msg.setLong(m.iovlen(), 1);
        msg.setPointer(m.control(), control);
        msg.setLong(m.controllen(), c.space(info.size()));
        long n;
        int errno = 0;
        while ((n = calls.sendmsg(fd, msg, layout.socket().msgNosignal())) < 0
                && (errno = calls.errno()) == LinuxAbi.EINTR) {
            // retried: an interrupted SCTP send sent nothing
        }
        if (n < 0) {
            throw fail(NativeCall.SHUTDOWN, "shutdown(fd=" + fd + ", SHUT_WR) as sendmsg(SCTP_EOF) on a peeled-off"
                    + " socket", errno);
        }
    }
}
