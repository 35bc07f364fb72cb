package org.peeloff.linux;

import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

import org.peeloff.AssociationChange;
import org.peeloff.AssociationId;
import org.peeloff.OtherNotification;
import org.peeloff.PeeloffOption;
import org.peeloff.SctpError;
import org.peeloff.SctpException;
import org.peeloff.SctpNotification;
import org.peeloff.ShutdownEvent;
import org.peeloff.spi.EmulatedPeeloffFlags;
import org.peeloff.spi.NativeCall;
import org.peeloff.spi.PortableErrors;
import org.peeloff.spi.ReceiveInfo;
import org.peeloff.spi.SocketOption;
import org.peeloff.spi.SocketStyle;

/**
 * The raw SCTP operations of {@link LinuxSctpProvider}, over {@link LinuxLibc}: marshalling into
 * this thread's {@link LinuxScratch}, errno to {@link SctpError}, and the Linux specifics
 * (peel-off flags and their fallback, the EINVAL disambiguation). Kept apart from the provider so
 * that the public provider class links without JNA on the class path and can report why it is not
 * available.
 *
 * <p>EINTR: the calls a signal can interrupt ({@code sendmsg}, {@code recvmsg}, {@code bind},
 * {@code sctp_bindx}, {@code fcntl}, the peel-off) are retried, which is safe because an
 * interrupted call did nothing (SCTP sends and receives are all-or-nothing per call); {@code poll}
 * is retried with what is left of its timeout; {@code connect} interrupted goes on in the kernel, so a repeated
 * {@code connect} that answers EISCONN counts as success and EALREADY as "still going" (retried
 * after 10 ms). {@code close} is never retried: Linux releases the descriptor even when it reports
 * EINTR, and a retry could close a descriptor number another thread has just been given.
 */
final class LinuxSockets {
    /**
     * An association id that no one-to-many socket hands out in practice (the kernel allocates
     * ids cyclically from 1 up to INT_MAX), used to ask the kernel which socket style it sees.
     */
    static final int PROBE_ASSOC_ID = Integer.MAX_VALUE;
    private static final int MAX_LIST_ATTEMPTS = 8;
    private static final int ADDRS_INITIAL = 2048;
    private static final int ADDRS_MAX = 1 << 20;

    static {
        preloadErrorPathClasses();
    }

    private final LinuxSctpProvider provider;
    private final int peeloffFlagsOption;
    /** Why the atomic peel-off option was given up, or null while it works. */
    private volatile String peeloffFallback;
    /** True when the kernel has no SCTP_RECVRCVINFO / SCTP_SNDINFO and SCTP_SNDRCV is used instead. */
    private volatile boolean sndrcvInfo;

    /**
     * @param provider           the provider (for {@link EmulatedPeeloffFlags})
     * @param peeloffFlagsOption the option number of the atomic peel-off ({@code SCTP_SOCKOPT_PEELOFF_FLAGS},
     *                           or a number the kernel does not know, to test the fallback)
     * @param sndrcvInfo         start with SCTP_SNDRCV control messages instead of SCTP_SNDINFO/SCTP_RCVINFO
     */
    LinuxSockets(LinuxSctpProvider provider, int peeloffFlagsOption, boolean sndrcvInfo) {
        this.provider = provider;
        this.peeloffFlagsOption = peeloffFlagsOption;
        this.sndrcvInfo = sndrcvInfo;
    }

    /** @return why peel-off flags are emulated, or null while they are atomic */
    String peeloffFallback() {
        return peeloffFallback;
    }

    /** @return true when SCTP_SNDRCV control messages are used (kernels older than 3.17, or a test) */
    boolean usesSndrcvInfo() {
        return sndrcvInfo;
    }

    // ------------------------------------------------------------------ errors

    /**
     * Loads and initializes, once, every class an error path needs. When the descriptor table is
     * full (EMFILE) no class can be read from a directory on the class path, and a class that failed
     * to load stays failed (NoClassDefFoundError) for the life of the class loader: the error a user
     * most needs to see, TOO_MANY_OPEN_FILES, would become an Error instead.
     */
    private static void preloadErrorPathClasses() {
        Class<?>[] classes = {LinuxAbi.class, LinuxSockaddr.class, LinuxScratch.class, PortableErrors.class,
            NativeCall.class, SctpError.class, SctpException.class, EmulatedPeeloffFlags.class, PeeloffOption.class,
            AssociationId.class, AssociationChange.class, AssociationChange.State.class, ShutdownEvent.class,
            OtherNotification.class, SocketOption.class};
        for (Class<?> c : classes) {
            try {
                Class.forName(c.getName(), true, c.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new NoClassDefFoundError(c.getName());
            }
        }
        LinuxAbi.errnoName(LinuxAbi.EMFILE);
        PortableErrors.map(NativeCall.PEELOFF, "EMFILE");
    }

    private static String os() {
        return System.getProperty("os.name");
    }

    /** The exception for a failed call, mapped by {@link PortableErrors}. */
    private static SctpException fail(NativeCall call, String text, int errno) {
        return PortableErrors.exception(call, text, errno, LinuxAbi.errnoName(errno), os());
    }

    /** The exception for a failed call whose Linux errno has been resolved to a specific portable error. */
    private static SctpException fail(SctpError error, String text, int errno, String detail) {
        return new SctpException(error, text, errno, LinuxAbi.errnoName(errno), os(), detail);
    }

    private static SctpException rejected(SctpError error, String text, String reason) {
        return SctpException.rejected(error, text, reason);
    }

    // ------------------------------------------------------------------ socket set-up

    int socket(ProtocolFamily family, SocketStyle style) throws SctpException {
        int domain;
        if (family == StandardProtocolFamily.INET) {
            domain = LinuxAbi.AF_INET;
        } else if (family == StandardProtocolFamily.INET6) {
            domain = LinuxAbi.AF_INET6;
        } else {
            throw rejected(SctpError.UNSUPPORTED_SOCKET, "socket(" + family + ", " + style + ")",
                    "SCTP needs INET or INET6");
        }
        boolean oneToMany = style == SocketStyle.ONE_TO_MANY;
        int type = (oneToMany ? LinuxAbi.SOCK_SEQPACKET : LinuxAbi.SOCK_STREAM) | LinuxAbi.SOCK_CLOEXEC;
        int fd = LinuxLibc.socket(domain, type, LinuxAbi.IPPROTO_SCTP);
        if (fd < 0) {
            int errno = LinuxLibc.errno();
            String text = "socket(" + (domain == LinuxAbi.AF_INET ? "AF_INET" : "AF_INET6") + ", "
                    + (oneToMany ? "SOCK_SEQPACKET" : "SOCK_STREAM") + "|SOCK_CLOEXEC, IPPROTO_SCTP)";
            String name = LinuxAbi.errnoName(errno);
            SctpError error = PortableErrors.map(NativeCall.SOCKET, name);
            String detail = error == SctpError.UNSUPPORTED_SOCKET && !LinuxSctpProvider.kernelHasSctpLoaded()
                    ? "this kernel has no SCTP (no sctp module; /proc/sys/net/sctp is missing)" : null;
            throw new SctpException(error, text, errno, name, os(), detail);
        }
        try {
            enableReceiveInfoAndEvents(fd);
        } catch (SctpException | RuntimeException e) {
            LinuxLibc.close(fd);
            throw e;
        }
        return fd;
    }

    /**
     * Per-message receive information and the notifications the API reports, on a new socket.
     * SCTP_RECVRCVINFO (RFC 6458 8.1.29; Linux 3.17) gives an SCTP_RCVINFO control message with every
     * message. SCTP_EVENTS subscribes to association changes and shutdown events; only the first six
     * bytes of {@code struct sctp_event_subscribe} are passed (up to {@code sctp_shutdown_event}),
     * which every kernel accepts however long its own struct is, and which leaves the other events
     * off. On a kernel without SCTP_RECVRCVINFO the provider switches, once and for good, to the
     * older {@code sctp_data_io_event} (SCTP_SNDRCV control messages).
     */
    private void enableReceiveInfoAndEvents(int fd) throws SctpException {
        LinuxScratch s = LinuxScratch.get();
        if (!sndrcvInfo) {
            s.optval.setInt(0, 1);
            if (LinuxLibc.setsockopt(fd, LinuxAbi.SOL_SCTP, LinuxAbi.SCTP_RECVRCVINFO, s.optval, 4) < 0) {
                int errno = LinuxLibc.errno();
                if (errno != LinuxAbi.ENOPROTOOPT) {
                    throw fail(NativeCall.SETSOCKOPT, "setsockopt(fd=" + fd + ", SOL_SCTP, SCTP_RECVRCVINFO, 1)", errno);
                }
                sndrcvInfo = true;
            }
        }
        int length = LinuxAbi.EVENT_SUBSCRIBE_SHUTDOWN + 1;
        s.optval.setMemory(0, length, (byte) 0);
        s.optval.setByte(LinuxAbi.EVENT_SUBSCRIBE_DATA_IO, (byte) (sndrcvInfo ? 1 : 0));
        s.optval.setByte(LinuxAbi.EVENT_SUBSCRIBE_ASSOCIATION, (byte) 1);
        s.optval.setByte(LinuxAbi.EVENT_SUBSCRIBE_SHUTDOWN, (byte) 1);
        if (LinuxLibc.setsockopt(fd, LinuxAbi.SOL_SCTP, LinuxAbi.SCTP_EVENTS, s.optval, length) < 0) {
            throw fail(NativeCall.SETSOCKOPT, "setsockopt(fd=" + fd + ", SOL_SCTP, SCTP_EVENTS, association+shutdown)",
                    LinuxLibc.errno());
        }
    }

    void bind(int fd, InetSocketAddress address) throws SctpException {
        checkResolved(address, "bind", fd);
        LinuxScratch s = LinuxScratch.get();
        int len = LinuxSockaddr.write(s.name, 0, address);
        int rc;
        int errno = 0;
        while ((rc = LinuxLibc.bind(fd, s.name, len)) < 0 && (errno = LinuxLibc.errno()) == LinuxAbi.EINTR) {
            // retried: see the class comment
        }
        if (rc < 0) {
            throw fail(NativeCall.BIND, "bind(fd=" + fd + ", " + address + ")", errno);
        }
    }

    void bindx(int fd, List<InetSocketAddress> addresses, boolean add) throws SctpException {
        String text = "sctp_bindx(fd=" + fd + ", " + addresses + ", " + (add ? "SCTP_BINDX_ADD_ADDR" : "SCTP_BINDX_REM_ADDR") + ")";
        if (addresses.isEmpty()) {
            throw rejected(SctpError.INVALID_ARGUMENT, text, "no address given");
        }
        int total = 0;
        for (InetSocketAddress a : addresses) {
            checkResolved(a, "sctp_bindx", fd);
            total += LinuxSockaddr.length(a);
        }
        LinuxScratch s = LinuxScratch.get();
        Memory buf = s.bounce(total);
        int at = 0;
        for (InetSocketAddress a : addresses) {
            at += LinuxSockaddr.write(buf, at, a);
        }
        int option = add ? LinuxAbi.SCTP_SOCKOPT_BINDX_ADD : LinuxAbi.SCTP_SOCKOPT_BINDX_REM;
        int rc;
        int errno = 0;
        while ((rc = LinuxLibc.setsockopt(fd, LinuxAbi.SOL_SCTP, option, buf, total)) < 0
                && (errno = LinuxLibc.errno()) == LinuxAbi.EINTR) {
            // retried: see the class comment
        }
        if (rc < 0) {
            throw fail(NativeCall.BINDX, text, errno);
        }
    }

    void listen(int fd, int backlog) throws SctpException {
        if (LinuxLibc.listen(fd, backlog) < 0) {
            throw fail(NativeCall.LISTEN, "listen(fd=" + fd + ", backlog=" + backlog + ")", LinuxLibc.errno());
        }
    }

    void connect(int fd, InetSocketAddress remote) throws SctpException {
        checkResolved(remote, "connect", fd);
        LinuxScratch s = LinuxScratch.get();
        boolean interrupted = false;
        while (true) {
            int len = LinuxSockaddr.write(s.name, 0, remote);
            if (LinuxLibc.connect(fd, s.name, len) == 0) {
                return;
            }
            int errno = LinuxLibc.errno();
            if (errno == LinuxAbi.EINTR) {
                interrupted = true;
                continue;
            }
            if (interrupted && errno == LinuxAbi.EISCONN) {
                return;
            }
            if (interrupted && errno == LinuxAbi.EALREADY) {
                pause();
                continue;
            }
            throw fail(NativeCall.CONNECT, "connect(fd=" + fd + ", " + remote + ")", errno);
        }
    }

    private static void pause() throws SctpException {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            SctpException x = rejected(SctpError.INTERRUPTED, "connect", "the thread was interrupted while the association was being set up");
            x.initCause(e);
            throw x;
        }
    }

    private static void checkResolved(InetSocketAddress address, String call, int fd) throws SctpException {
        if (address == null) {
            throw new NullPointerException("address");
        }
        if (address.isUnresolved()) {
            throw rejected(SctpError.INVALID_ARGUMENT, call + "(fd=" + fd + ", " + address + ")", "the address is unresolved");
        }
    }

    // ------------------------------------------------------------------ data path

    /**
     * One {@code sendmsg}: the bytes from the buffer (a direct buffer goes to the kernel in place, a
     * heap buffer through this thread's bounce buffer), one SCTP_SNDINFO control message (or
     * SCTP_SNDRCV on old kernels) with stream, flags, ppid and association, the peer address in
     * {@code msg_name} when given, and always {@code MSG_NOSIGNAL}. The ppid is put into the struct
     * exactly as given, as the C API does: the kernel sends those four bytes as they lie in memory,
     * so on a little-endian host a caller who wants the value in network byte order swaps it itself
     * ({@link Integer#reverseBytes}), and receive reports it back the same way.
     */
    int send(int fd, ByteBuffer src, int assocId, InetSocketAddress to, int stream, int ppid,
             boolean unordered, boolean dontWait) throws SctpException {
        if (stream < 0 || stream > 0xffff) {
            throw rejected(SctpError.INVALID_ARGUMENT, sendText(fd, assocId, stream, src.remaining()),
                    "the stream number must be 0..65535");
        }
        if (to != null) {
            checkResolved(to, "sendmsg", fd);
        }
        LinuxScratch s = LinuxScratch.get();
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
                bounce.getByteBuffer(0, length).put(src.duplicate());
            }
            data = Pointer.nativeValue(bounce);
        }
        Pointer msg = s.msghdr;
        if (to != null) {
            msg.setPointer(LinuxAbi.MSGHDR_NAME, s.name);
            msg.setInt(LinuxAbi.MSGHDR_NAMELEN, LinuxSockaddr.write(s.name, 0, to));
        } else {
            msg.setPointer(LinuxAbi.MSGHDR_NAME, null);
            msg.setInt(LinuxAbi.MSGHDR_NAMELEN, 0);
        }
        s.iov.setLong(LinuxAbi.IOVEC_BASE, data);
        s.iov.setLong(LinuxAbi.IOVEC_LEN, length);
        msg.setPointer(LinuxAbi.MSGHDR_IOV, s.iov);
        msg.setLong(LinuxAbi.MSGHDR_IOVLEN, 1);
        msg.setPointer(LinuxAbi.MSGHDR_CONTROL, s.control);
        msg.setLong(LinuxAbi.MSGHDR_CONTROLLEN, writeSendInfo(s.control, assocId, stream, ppid, unordered));
        msg.setInt(LinuxAbi.MSGHDR_FLAGS, 0);
        int flags = LinuxAbi.MSG_NOSIGNAL | (dontWait ? LinuxAbi.MSG_DONTWAIT : 0);
        long n;
        int errno = 0;
        while ((n = LinuxLibc.sendmsg(fd, msg, flags)) < 0 && (errno = LinuxLibc.errno()) == LinuxAbi.EINTR) {
            // retried: see the class comment
        }
        if (n < 0) {
            if (dontWait && errno == LinuxAbi.EAGAIN) {
                return -1;
            }
            throw fail(NativeCall.SEND, sendText(fd, assocId, stream, length), errno);
        }
        src.position(position + (int) n);
        return (int) n;
    }

    private static String sendText(int fd, int assocId, int stream, int length) {
        return "sendmsg(fd=" + fd + ", assoc=" + assocId + ", stream=" + stream + ", " + length + " bytes)";
    }

    /** Writes the send control message; returns the control length. */
    private int writeSendInfo(Pointer c, int assocId, int stream, int ppid, boolean unordered) {
        short flags = (short) (unordered ? LinuxAbi.SCTP_UNORDERED : 0);
        int d = LinuxAbi.CMSG_DATA_OFFSET;
        c.setInt(LinuxAbi.CMSGHDR_LEVEL, LinuxAbi.IPPROTO_SCTP);
        if (sndrcvInfo) {
            c.setMemory(0, LinuxAbi.CMSG_SPACE_SNDRCVINFO, (byte) 0);
            c.setLong(LinuxAbi.CMSGHDR_LEN, LinuxAbi.CMSG_LEN_SNDRCVINFO);
            c.setInt(LinuxAbi.CMSGHDR_LEVEL, LinuxAbi.IPPROTO_SCTP);
            c.setInt(LinuxAbi.CMSGHDR_TYPE, LinuxAbi.SCTP_SNDRCV);
            c.setShort(d + LinuxAbi.SNDRCVINFO_STREAM, (short) stream);
            c.setShort(d + LinuxAbi.SNDRCVINFO_FLAGS, flags);
            c.setInt(d + LinuxAbi.SNDRCVINFO_PPID, ppid);
            c.setInt(d + LinuxAbi.SNDRCVINFO_ASSOC_ID, assocId);
            return LinuxAbi.CMSG_SPACE_SNDRCVINFO;
        }
        c.setLong(LinuxAbi.CMSGHDR_LEN, LinuxAbi.CMSG_LEN_SNDINFO);
        c.setInt(LinuxAbi.CMSGHDR_TYPE, LinuxAbi.SCTP_SNDINFO);
        c.setShort(d + LinuxAbi.SNDINFO_SID, (short) stream);
        c.setShort(d + LinuxAbi.SNDINFO_FLAGS, flags);
        c.setInt(d + LinuxAbi.SNDINFO_PPID, ppid);
        c.setInt(d + LinuxAbi.SNDINFO_CONTEXT, 0);
        c.setInt(d + LinuxAbi.SNDINFO_ASSOC_ID, assocId);
        return LinuxAbi.CMSG_SPACE_SNDINFO;
    }

    /**
     * One {@code recvmsg} into the buffer (in place when direct, through the bounce buffer when on
     * the heap). {@code complete} is {@code MSG_EOR}; a notification ({@code MSG_NOTIFICATION}) is
     * parsed; otherwise stream, ppid, flags and association come from the SCTP_RCVINFO (or
     * SCTP_SNDRCV) control message. A return of 0 means the association of a one-to-one socket has
     * ended: {@code NOT_CONNECTED}.
     */
    boolean receive(int fd, ByteBuffer dst, ReceiveInfo info, boolean dontWait) throws SctpException {
        if (dst.isReadOnly()) {
            throw new IllegalArgumentException("read-only buffer");
        }
        int capacity = dst.remaining();
        int position = dst.position();
        if (capacity == 0) {
            throw rejected(SctpError.INVALID_ARGUMENT, "recvmsg(fd=" + fd + ")", "the buffer has no room left");
        }
        LinuxScratch s = LinuxScratch.get();
        boolean direct = dst.isDirect();
        Memory bounce = null;
        long data;
        if (direct) {
            data = s.addressOf(dst) + position;
        } else {
            bounce = s.bounce(capacity);
            data = Pointer.nativeValue(bounce);
        }
        Pointer msg = s.msghdr;
        msg.setPointer(LinuxAbi.MSGHDR_NAME, null);
        msg.setInt(LinuxAbi.MSGHDR_NAMELEN, 0);
        s.iov.setLong(LinuxAbi.IOVEC_BASE, data);
        s.iov.setLong(LinuxAbi.IOVEC_LEN, capacity);
        msg.setPointer(LinuxAbi.MSGHDR_IOV, s.iov);
        msg.setLong(LinuxAbi.MSGHDR_IOVLEN, 1);
        msg.setPointer(LinuxAbi.MSGHDR_CONTROL, s.control);
        msg.setLong(LinuxAbi.MSGHDR_CONTROLLEN, LinuxScratch.CONTROL_SIZE);
        msg.setInt(LinuxAbi.MSGHDR_FLAGS, 0);
        int flags = dontWait ? LinuxAbi.MSG_DONTWAIT : 0;
        long n;
        int errno = 0;
        while ((n = LinuxLibc.recvmsg(fd, msg, flags)) < 0 && (errno = LinuxLibc.errno()) == LinuxAbi.EINTR) {
            // retried: see the class comment
        }
        if (n < 0) {
            if (dontWait && errno == LinuxAbi.EAGAIN) {
                if (nothingLeftToReceive(fd)) {
                    throw fail(SctpError.NOT_CONNECTED, "recvmsg(fd=" + fd + ")", errno,
                            "no association is left on the socket and it is not listening (a blocking recvmsg fails ENOTCONN)");
                }
                return false;
            }
            throw fail(NativeCall.RECEIVE, "recvmsg(fd=" + fd + ")", errno);
        }
        if (n == 0) {
            throw fail(SctpError.NOT_CONNECTED, "recvmsg(fd=" + fd + ")", LinuxAbi.ENOTCONN,
                    "recvmsg returned 0: the association has ended");
        }
        int bytes = (int) n;
        if (!direct) {
            bounce.read(0, dst.array(), dst.arrayOffset() + position, bytes);
        }
        dst.position(position + bytes);
        int msgFlags = msg.getInt(LinuxAbi.MSGHDR_FLAGS);
        info.bytes = bytes;
        info.complete = (msgFlags & LinuxAbi.MSG_EOR) != 0;
        if ((msgFlags & LinuxAbi.MSG_NOTIFICATION) != 0) {
            SctpNotification notification = parseNotification(direct ? new Pointer(data) : bounce, bytes);
            info.isNotification = true;
            info.notification = notification;
            info.assocId = associationOf(notification);
        } else {
            readReceiveInfo(s.control, msg.getLong(LinuxAbi.MSGHDR_CONTROLLEN), info);
        }
        return true;
    }

    /**
     * True when a blocking {@code recvmsg} would fail ENOTCONN at once: the socket has no association
     * left and is not listening. The kernel reports that only to a receiver that would wait; with
     * MSG_DONTWAIT it answers EAGAIN, and {@code poll} never reports such a socket readable. That is
     * the state of a peeled-off socket whose association has ended: unlike a one-to-one socket it
     * never returns 0, so without this check a non-blocking reader would wait for ever. Called only
     * when the queue is empty, so it costs nothing while messages flow.
     */
    static boolean nothingLeftToReceive(int fd) {
        LinuxScratch s = LinuxScratch.get();
        s.optval.setInt(0, -1);
        s.len.setInt(0, 4);
        if (LinuxLibc.getsockopt(fd, LinuxAbi.SOL_SCTP, LinuxAbi.SCTP_GET_ASSOC_NUMBER, s.optval, s.len) < 0
                || s.optval.getInt(0) != 0) {
            return false; // associations left, or a one-to-one socket (it returns 0 at the end instead)
        }
        return intOption(fd, LinuxAbi.SOL_SOCKET, LinuxAbi.SO_ACCEPTCONN) == 0;
    }

    /** Reads stream, ppid, flags and association from the SCTP_RCVINFO or SCTP_SNDRCV control message. */
    static void readReceiveInfo(Pointer c, long controlLength, ReceiveInfo info) {
        long at = 0;
        while (at + LinuxAbi.CMSG_DATA_OFFSET <= controlLength) {
            long len = c.getLong(at + LinuxAbi.CMSGHDR_LEN);
            if (len < LinuxAbi.CMSG_DATA_OFFSET || at + len > controlLength) {
                return;
            }
            long d = at + LinuxAbi.CMSG_DATA_OFFSET;
            if (c.getInt(at + LinuxAbi.CMSGHDR_LEVEL) == LinuxAbi.IPPROTO_SCTP) {
                int type = c.getInt(at + LinuxAbi.CMSGHDR_TYPE);
                if (type == LinuxAbi.SCTP_RCVINFO && len >= LinuxAbi.CMSG_DATA_OFFSET + LinuxAbi.SIZEOF_SCTP_RCVINFO) {
                    info.stream = c.getShort(d + LinuxAbi.RCVINFO_SID) & 0xffff;
                    info.unordered = (c.getShort(d + LinuxAbi.RCVINFO_FLAGS) & LinuxAbi.SCTP_UNORDERED) != 0;
                    info.ppid = c.getInt(d + LinuxAbi.RCVINFO_PPID);
                    info.assocId = c.getInt(d + LinuxAbi.RCVINFO_ASSOC_ID);
                } else if (type == LinuxAbi.SCTP_SNDRCV
                        && len >= LinuxAbi.CMSG_DATA_OFFSET + LinuxAbi.SIZEOF_SCTP_SNDRCVINFO) {
                    info.stream = c.getShort(d + LinuxAbi.SNDRCVINFO_STREAM) & 0xffff;
                    info.unordered = (c.getShort(d + LinuxAbi.SNDRCVINFO_FLAGS) & LinuxAbi.SCTP_UNORDERED) != 0;
                    info.ppid = c.getInt(d + LinuxAbi.SNDRCVINFO_PPID);
                    info.assocId = c.getInt(d + LinuxAbi.SNDRCVINFO_ASSOC_ID);
                }
            }
            at += (len + LinuxAbi.CMSG_ALIGN - 1) & -LinuxAbi.CMSG_ALIGN;
        }
    }

    /**
     * Parses a notification ({@code union sctp_notification}) of {@code n} bytes; a notification cut
     * short by a small buffer, or of a type the API does not model, becomes an {@link OtherNotification}.
     */
    static SctpNotification parseNotification(Pointer p, int n) {
        if (n < LinuxAbi.NOTIFICATION_LENGTH + 4) {
            return new OtherNotification(AssociationId.of(0), n >= 2 ? p.getShort(LinuxAbi.NOTIFICATION_TYPE) & 0xffff : -1, n);
        }
        int type = p.getShort(LinuxAbi.NOTIFICATION_TYPE) & 0xffff;
        int length = p.getInt(LinuxAbi.NOTIFICATION_LENGTH);
        switch (type) {
            case LinuxAbi.SCTP_ASSOC_CHANGE:
                if (n >= LinuxAbi.SIZEOF_SCTP_ASSOC_CHANGE) {
                    AssociationId id = AssociationId.of(p.getInt(LinuxAbi.ASSOC_CHANGE_ASSOC_ID));
                    AssociationChange.State state = stateOf(p.getShort(LinuxAbi.ASSOC_CHANGE_STATE) & 0xffff);
                    if (state == null) {
                        return new OtherNotification(id, type, length);
                    }
                    return new AssociationChange(id, state, p.getShort(LinuxAbi.ASSOC_CHANGE_ERROR) & 0xffff,
                            p.getShort(LinuxAbi.ASSOC_CHANGE_OUTBOUND_STREAMS) & 0xffff,
                            p.getShort(LinuxAbi.ASSOC_CHANGE_INBOUND_STREAMS) & 0xffff);
                }
                break;
            case LinuxAbi.SCTP_SHUTDOWN_EVENT:
                if (n >= LinuxAbi.SIZEOF_SCTP_SHUTDOWN_EVENT) {
                    return new ShutdownEvent(AssociationId.of(p.getInt(LinuxAbi.SHUTDOWN_EVENT_ASSOC_ID)));
                }
                break;
            case LinuxAbi.SCTP_PEER_ADDR_CHANGE:
                if (n >= LinuxAbi.PADDR_CHANGE_ASSOC_ID + LinuxAbi.SIZEOF_SCTP_ASSOC_T) {
                    return new OtherNotification(AssociationId.of(p.getInt(LinuxAbi.PADDR_CHANGE_ASSOC_ID)), type, length);
                }
                break;
            case LinuxAbi.SCTP_SEND_FAILED:
                if (n >= LinuxAbi.SEND_FAILED_ASSOC_ID + LinuxAbi.SIZEOF_SCTP_ASSOC_T) {
                    return new OtherNotification(AssociationId.of(p.getInt(LinuxAbi.SEND_FAILED_ASSOC_ID)), type, length);
                }
                break;
            default:
                break;
        }
        return new OtherNotification(AssociationId.of(0), type, length);
    }

    private static AssociationChange.State stateOf(int sacState) {
        switch (sacState) {
            case LinuxAbi.SCTP_COMM_UP: return AssociationChange.State.COMMUNICATION_UP;
            case LinuxAbi.SCTP_COMM_LOST: return AssociationChange.State.COMMUNICATION_LOST;
            case LinuxAbi.SCTP_RESTART: return AssociationChange.State.RESTART;
            case LinuxAbi.SCTP_SHUTDOWN_COMP: return AssociationChange.State.SHUTDOWN_COMPLETE;
            case LinuxAbi.SCTP_CANT_STR_ASSOC: return AssociationChange.State.CANNOT_START;
            default: return null;
        }
    }

    private static int associationOf(SctpNotification n) {
        if (n instanceof AssociationChange c) {
            return c.association().value();
        }
        if (n instanceof ShutdownEvent e) {
            return e.association().value();
        }
        return ((OtherNotification) n).association().value();
    }

    // ------------------------------------------------------------------ associations and addresses

    /**
     * SCTP_GET_ASSOC_NUMBER sizes the buffer, SCTP_GET_ASSOC_ID_LIST fills it; the kernel answers
     * EINVAL when the buffer is too small, i.e. when associations came up in between: then again.
     */
    int[] associations(int fd) throws SctpException {
        String text = "getsockopt(fd=" + fd + ", SOL_SCTP, SCTP_GET_ASSOC_ID_LIST)";
        LinuxScratch s = LinuxScratch.get();
        for (int attempt = 0; attempt < MAX_LIST_ATTEMPTS; attempt++) {
            s.optval.setInt(0, 0);
            s.len.setInt(0, 4);
            if (LinuxLibc.getsockopt(fd, LinuxAbi.SOL_SCTP, LinuxAbi.SCTP_GET_ASSOC_NUMBER, s.optval, s.len) < 0) {
                throw listFailure("getsockopt(fd=" + fd + ", SOL_SCTP, SCTP_GET_ASSOC_NUMBER)", LinuxLibc.errno());
            }
            long room = (s.optval.getInt(0) & 0xffffffffL) + 8;
            long size = LinuxAbi.ASSOC_IDS_IDS + room * LinuxAbi.SIZEOF_SCTP_ASSOC_T;
            Memory buf = s.bounce(size);
            buf.setInt(LinuxAbi.ASSOC_IDS_NUMBER, 0);
            s.len.setInt(0, (int) size);
            if (LinuxLibc.getsockopt(fd, LinuxAbi.SOL_SCTP, LinuxAbi.SCTP_GET_ASSOC_ID_LIST, buf, s.len) == 0) {
                int count = buf.getInt(LinuxAbi.ASSOC_IDS_NUMBER);
                int[] ids = new int[count];
                for (int i = 0; i < count; i++) {
                    ids[i] = buf.getInt(LinuxAbi.ASSOC_IDS_IDS + (long) i * LinuxAbi.SIZEOF_SCTP_ASSOC_T);
                }
                return ids;
            }
            int errno = LinuxLibc.errno();
            if (errno != LinuxAbi.EINVAL) {
                throw listFailure(text, errno);
            }
        }
        throw fail(SctpError.OTHER, text, LinuxAbi.EINVAL,
                "the association count kept growing faster than the list could be read");
    }

    private static SctpException listFailure(String text, int errno) {
        if (errno == LinuxAbi.EOPNOTSUPP) {
            // the kernel refuses the association list on one-to-one (TCP style) sockets only
            return fail(SctpError.NOT_ONE_TO_MANY, text, errno, "a one-to-one socket has no association list");
        }
        return fail(NativeCall.GETSOCKOPT, text, errno);
    }

    List<InetSocketAddress> localAddresses(int fd) throws SctpException {
        return addresses(fd, LinuxAbi.SCTP_GET_LOCAL_ADDRS, 0, "SCTP_GET_LOCAL_ADDRS");
    }

    List<InetSocketAddress> peerAddresses(int fd, int assocId) throws SctpException {
        return addresses(fd, LinuxAbi.SCTP_GET_PEER_ADDRS, assocId, "SCTP_GET_PEER_ADDRS");
    }

    /**
     * SCTP_GET_LOCAL_ADDRS / SCTP_GET_PEER_ADDRS ({@code struct sctp_getaddrs}: the association, the
     * count, then packed {@code sockaddr_in}/{@code sockaddr_in6}); the buffer grows while the kernel
     * answers ENOMEM. A socket that is not SCTP falls back to {@code getsockname}/{@code getpeername}.
     */
    private List<InetSocketAddress> addresses(int fd, int option, int assocId, String optionName) throws SctpException {
        String text = "getsockopt(fd=" + fd + ", SOL_SCTP, " + optionName + ", assoc=" + assocId + ")";
        LinuxScratch s = LinuxScratch.get();
        for (int size = ADDRS_INITIAL; ; size *= 2) {
            Memory buf = s.bounce(size);
            buf.setInt(LinuxAbi.GETADDRS_ASSOC_ID, assocId);
            buf.setInt(LinuxAbi.GETADDRS_ADDR_NUM, 0);
            s.len.setInt(0, size);
            if (LinuxLibc.getsockopt(fd, LinuxAbi.SOL_SCTP, option, buf, s.len) == 0) {
                int count = buf.getInt(LinuxAbi.GETADDRS_ADDR_NUM);
                // Bounded by the buffer, not optlen: for SCTP_GET_LOCAL_ADDRS the kernel sets optlen to the
                // address bytes alone, without the 8-byte header (net/sctp/socket.c says so: "XXX").
                long end = size;
                List<InetSocketAddress> out = new ArrayList<>(count);
                long at = LinuxAbi.GETADDRS_ADDRS;
                for (int i = 0; i < count; i++) {
                    int sz = LinuxSockaddr.size(LinuxSockaddr.family(buf, at));
                    if (sz < 0 || at + sz > end) {
                        break;
                    }
                    out.add(LinuxSockaddr.read(buf, at));
                    at += sz;
                }
                return out;
            }
            int errno = LinuxLibc.errno();
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

    private static List<InetSocketAddress> failPeerAddresses(int fd, int assocId, String text, int errno)
            throws SctpException {
        // the kernel answers EINVAL only when it finds no such association on the socket
        throw fail(SctpError.NO_SUCH_ASSOCIATION, text, errno, "no association " + assocId + " on fd " + fd);
    }

    private static List<InetSocketAddress> nameFallback(int fd, boolean peer, String sctpText, int sctpErrno)
            throws SctpException {
        LinuxScratch s = LinuxScratch.get();
        s.len.setInt(0, LinuxAbi.SIZEOF_SOCKADDR_STORAGE);
        int rc = peer ? LinuxLibc.getpeername(fd, s.name, s.len) : LinuxLibc.getsockname(fd, s.name, s.len);
        if (rc < 0) {
            int errno = LinuxLibc.errno();
            SctpException e = fail(NativeCall.ADDRESSES, (peer ? "getpeername" : "getsockname") + "(fd=" + fd + ")", errno);
            e.addSuppressed(fail(NativeCall.ADDRESSES, sctpText, sctpErrno));
            throw e;
        }
        InetSocketAddress a = LinuxSockaddr.read(s.name, 0);
        return a == null ? List.of() : List.of(a);
    }

    // ------------------------------------------------------------------ peel-off

    /**
     * {@code sctp_peeloff_flags} through libc: {@code getsockopt(fd, SOL_SCTP,
     * SCTP_SOCKOPT_PEELOFF_FLAGS, {assoc, sd, flags}, 12)}, the flags word always stating both the
     * blocking mode and close-on-exec, so the kernel sets them atomically. When the kernel does not
     * know that option (before 4.13: ENOPROTOOPT on an SCTP socket; or EINVAL where a plain peel-off
     * then works) the provider falls back, for good, to {@code SCTP_SOCKOPT_PEELOFF} plus
     * {@link EmulatedPeeloffFlags}. Before peeling, a free descriptor is checked for
     * ({@code F_DUPFD_CLOEXEC}), because Linux detaches the association before it looks for a
     * descriptor, and destroys it when there is none.
     */
    int peeloff(int fd, int assocId, Set<PeeloffOption> options) throws SctpException {
        boolean flagsAsked = options.contains(PeeloffOption.NONBLOCK) || options.contains(PeeloffOption.CLOEXEC);
        boolean strict = options.contains(PeeloffOption.STRICT);
        if (peeloffFallback != null) {
            EmulatedPeeloffFlags.checkStrict(provider, fd, assocId, options);
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
                EmulatedPeeloffFlags.checkStrict(provider, fd, assocId, options);
            } else if (errno == LinuxAbi.EINVAL && !(strict && flagsAsked)) {
                int plain = peelOnce(fd, assocId, LinuxAbi.SCTP_SOCKOPT_PEELOFF, 0);
                if (plain < 0) {
                    throw peeloffFailure(fd, peeloffText(fd, assocId, options), -plain);
                }
                markEmulated("the kernel refused SCTP_SOCKOPT_PEELOFF_FLAGS (" + peeloffFlagsOption
                        + ") with EINVAL while SCTP_SOCKOPT_PEELOFF worked");
                return EmulatedPeeloffFlags.apply(provider, plain, options);
            } else {
                throw peeloffFailure(fd, peeloffText(fd, assocId, options), errno);
            }
        }
        int r = peelOnce(fd, assocId, LinuxAbi.SCTP_SOCKOPT_PEELOFF, 0);
        if (r < 0) {
            throw peeloffFailure(fd, peeloffText(fd, assocId, options), -r);
        }
        return EmulatedPeeloffFlags.apply(provider, r, options);
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
    private static int peelOnce(int fd, int assocId, int option, int flags) {
        LinuxScratch s = LinuxScratch.get();
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
            if (LinuxLibc.getsockopt(fd, LinuxAbi.SOL_SCTP, option, arg, s.len) >= 0) {
                return arg.getInt(LinuxAbi.PEELOFF_ARG_SD);
            }
            int errno = LinuxLibc.errno();
            if (errno != LinuxAbi.EINTR) {
                return -errno;
            }
        }
    }

    /** The call as error messages name it; built only when a peel-off fails. */
    private static String peeloffText(int fd, int assocId, Set<PeeloffOption> options) {
        return options.isEmpty()
                ? "sctp_peeloff(fd=" + fd + ", assoc=" + assocId + ")"
                : "sctp_peeloff(fd=" + fd + ", assoc=" + assocId + ", options=" + options + ")";
    }

    private static void checkFreeDescriptor(int fd, int assocId, Set<PeeloffOption> options) throws SctpException {
        int spare = LinuxLibc.fcntl(fd, LinuxAbi.F_DUPFD_CLOEXEC, 0);
        if (spare >= 0) {
            LinuxLibc.close(spare);
            return;
        }
        int errno = LinuxLibc.errno();
        if (errno == LinuxAbi.EMFILE) {
            throw fail(SctpError.TOO_MANY_OPEN_FILES, peeloffText(fd, assocId, options), errno,
                    "no free descriptor for the new socket (checked before peeling: the association stays on fd " + fd + ")");
        }
        // any other failure (EBADF...) is left for the peel-off itself to report
    }

    private static SctpException peeloffFailure(int fd, String text, int errno) {
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
    private static SctpException disambiguateEinval(int fd, String text, int errno) {
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
    static int socketType(int fd) {
        return intOption(fd, LinuxAbi.SOL_SOCKET, LinuxAbi.SO_TYPE);
    }

    private static boolean isSctpSocket(int fd) {
        return intOption(fd, LinuxAbi.SOL_SOCKET, LinuxAbi.SO_PROTOCOL) == LinuxAbi.IPPROTO_SCTP;
    }

    private static int intOption(int fd, int level, int name) {
        LinuxScratch s = LinuxScratch.get();
        s.optval.setInt(0, -1);
        s.len.setInt(0, 4);
        if (LinuxLibc.getsockopt(fd, level, name, s.optval, s.len) < 0) {
            return -1;
        }
        return s.optval.getInt(0);
    }

    /**
     * @return true when {@code getsockopt(SCTP_CONTEXT)} succeeds for {@link #PROBE_ASSOC_ID}: the
     *         socket does not look association ids up, so it is not one-to-many
     */
    static boolean answersForUnknownAssociation(int fd) {
        LinuxScratch s = LinuxScratch.get();
        s.optval.setMemory(0, LinuxAbi.SIZEOF_SCTP_ASSOC_VALUE, (byte) 0);
        s.optval.setInt(LinuxAbi.ASSOC_VALUE_ASSOC_ID, PROBE_ASSOC_ID);
        s.len.setInt(0, LinuxAbi.SIZEOF_SCTP_ASSOC_VALUE);
        return LinuxLibc.getsockopt(fd, LinuxAbi.SOL_SCTP, LinuxAbi.SCTP_CONTEXT, s.optval, s.len) == 0;
    }

    // ------------------------------------------------------------------ poll, fcntl, options, close

    boolean poll(int fd, boolean write, int timeoutMillis) throws SctpException {
        LinuxScratch s = LinuxScratch.get();
        short events = write ? LinuxAbi.POLLOUT : LinuxAbi.POLLIN;
        long deadline = timeoutMillis > 0 ? System.nanoTime() + timeoutMillis * 1_000_000L : 0;
        int timeout = timeoutMillis;
        while (true) {
            s.pollfd.setInt(LinuxAbi.POLLFD_FD, fd);
            s.pollfd.setShort(LinuxAbi.POLLFD_EVENTS, events);
            s.pollfd.setShort(LinuxAbi.POLLFD_REVENTS, (short) 0);
            int rc = LinuxLibc.poll(s.pollfd, 1, timeout);
            if (rc > 0) {
                int revents = s.pollfd.getShort(LinuxAbi.POLLFD_REVENTS);
                // an error, hang-up or closed descriptor also ends the wait: the next call reports it
                return (revents & (events | LinuxAbi.POLLERR | LinuxAbi.POLLHUP | LinuxAbi.POLLNVAL)) != 0;
            }
            if (rc == 0) {
                // a reader of a socket with nothing left to receive must not wait for ever: "ready",
                // and the receive that follows reports NOT_CONNECTED
                return !write && nothingLeftToReceive(fd);
            }
            int errno = LinuxLibc.errno();
            if (errno != LinuxAbi.EINTR) {
                throw fail(NativeCall.POLL, "poll(fd=" + fd + ", " + (write ? "POLLOUT" : "POLLIN") + ", " + timeoutMillis + " ms)", errno);
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

    void setBlocking(int fd, boolean blocking) throws SctpException {
        int fl = fcntl(fd, LinuxAbi.F_GETFL, 0, "F_GETFL");
        int want = blocking ? fl & ~LinuxAbi.O_NONBLOCK : fl | LinuxAbi.O_NONBLOCK;
        fcntl(fd, LinuxAbi.F_SETFL, want, blocking ? "F_SETFL, ~O_NONBLOCK" : "F_SETFL, O_NONBLOCK");
    }

    boolean isBlocking(int fd) throws SctpException {
        return (fcntl(fd, LinuxAbi.F_GETFL, 0, "F_GETFL") & LinuxAbi.O_NONBLOCK) == 0;
    }

    boolean isCloseOnExec(int fd) throws SctpException {
        return (fcntl(fd, LinuxAbi.F_GETFD, 0, "F_GETFD") & LinuxAbi.FD_CLOEXEC) != 0;
    }

    void setCloseOnExec(int fd, boolean closeOnExec) throws SctpException {
        int fdFlags = fcntl(fd, LinuxAbi.F_GETFD, 0, "F_GETFD");
        int want = closeOnExec ? fdFlags | LinuxAbi.FD_CLOEXEC : fdFlags & ~LinuxAbi.FD_CLOEXEC;
        fcntl(fd, LinuxAbi.F_SETFD, want, closeOnExec ? "F_SETFD, FD_CLOEXEC" : "F_SETFD, 0");
    }

    private static int fcntl(int fd, int cmd, int arg, String what) throws SctpException {
        int rc;
        int errno = 0;
        while ((rc = LinuxLibc.fcntl(fd, cmd, arg)) < 0 && (errno = LinuxLibc.errno()) == LinuxAbi.EINTR) {
            // retried: see the class comment
        }
        if (rc < 0) {
            throw fail(NativeCall.FCNTL, "fcntl(fd=" + fd + ", " + what + ")", errno);
        }
        return rc;
    }

    int getOption(int fd, SocketOption option) throws SctpException {
        LinuxScratch s = LinuxScratch.get();
        s.optval.setInt(0, 0);
        s.len.setInt(0, 4);
        if (LinuxLibc.getsockopt(fd, level(option), optionName(option), s.optval, s.len) < 0) {
            throw fail(NativeCall.GETSOCKOPT, "getsockopt(fd=" + fd + ", " + optionText(option) + ")", LinuxLibc.errno());
        }
        return s.optval.getInt(0);
    }

    void setOption(int fd, SocketOption option, int value) throws SctpException {
        LinuxScratch s = LinuxScratch.get();
        s.optval.setInt(0, value);
        if (LinuxLibc.setsockopt(fd, level(option), optionName(option), s.optval, 4) < 0) {
            throw fail(NativeCall.SETSOCKOPT, "setsockopt(fd=" + fd + ", " + optionText(option) + ", " + value + ")",
                    LinuxLibc.errno());
        }
    }

    private static int level(SocketOption option) {
        return option == SocketOption.NODELAY ? LinuxAbi.SOL_SCTP : LinuxAbi.SOL_SOCKET;
    }

    // if/else rather than a switch on the enum: a switch compiles to a synthetic class loaded lazily
    private static int optionName(SocketOption option) {
        if (option == SocketOption.SEND_BUFFER) {
            return LinuxAbi.SO_SNDBUF;
        }
        if (option == SocketOption.RECEIVE_BUFFER) {
            return LinuxAbi.SO_RCVBUF;
        }
        return LinuxAbi.SCTP_NODELAY;
    }

    private static String optionText(SocketOption option) {
        if (option == SocketOption.SEND_BUFFER) {
            return "SOL_SOCKET, SO_SNDBUF";
        }
        if (option == SocketOption.RECEIVE_BUFFER) {
            return "SOL_SOCKET, SO_RCVBUF";
        }
        return "SOL_SCTP, SCTP_NODELAY";
    }

    void close(int fd) throws SctpException {
        if (LinuxLibc.close(fd) < 0) {
            int errno = LinuxLibc.errno();
            if (errno == LinuxAbi.EINTR) {
                return; // released all the same on Linux; never retried (see the class comment)
            }
            throw fail(NativeCall.CLOSE, "close(fd=" + fd + ")", errno);
        }
    }
}
