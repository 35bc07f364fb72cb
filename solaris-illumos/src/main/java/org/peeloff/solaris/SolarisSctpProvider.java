package org.peeloff.solaris;

import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

import org.peeloff.AssociationChange;
import org.peeloff.Capabilities;
import org.peeloff.OtherNotification;
import org.peeloff.PeeloffOption;
import org.peeloff.SctpError;
import org.peeloff.SctpException;
import org.peeloff.SctpNotification;
import org.peeloff.ShutdownEvent;
import org.peeloff.spi.EmulatedPeeloffFlags;
import org.peeloff.spi.NativeCall;
import org.peeloff.spi.ReceiveInfo;
import org.peeloff.spi.SctpProvider;
import org.peeloff.spi.SocketOption;
import org.peeloff.spi.SocketStyle;

/**
 * The Solaris/illumos provider (id {@code solaris}): SCTP through {@code libsctp.so.1} and
 * {@code libsocket.so.1}, for Solaris 11 and the illumos distributions (OmniOS, OpenIndiana, SmartOS),
 * where {@code os.name} is {@code SunOS}.
 *
 * <p>What it does that the OS does not:
 * <ul>
 *   <li>Peel-off flags: {@code sctp_peeloff(int, sctp_assoc_t)} has none, so {@link PeeloffOption#NONBLOCK}
 *       and {@link PeeloffOption#CLOEXEC} are applied with {@code fcntl} right after the peel-off
 *       ({@link Capabilities.FlagSupport#EMULATED}); {@link PeeloffOption#STRICT} refuses that, and a
 *       failed {@code fcntl} closes the new descriptor.</li>
 *   <li>The association list: illumos has no {@code SCTP_GET_ASSOC_ID_LIST}, so {@link #associations}
 *       answers from the association-change events {@link #receive} has seen on the descriptor.</li>
 *   <li>Errors: illumos errno numbers, named through {@link SolarisAbi#errnoName}, mapped by
 *       {@link org.peeloff.spi.PortableErrors}; a peel-off on something that is not a socket is told
 *       apart from other ioctl failures by asking the descriptor.</li>
 * </ul>
 *
 * <p>Constructing it, {@link #id()}, {@link #matchesCurrentOs()} and {@link #priority()} load nothing
 * native. {@link #isAvailable()} binds the libraries once, or, when the system property
 * {@code org.peeloff.solaris.library} names a file, that library instead of all three (the illumos ABI
 * personality the project's tests run on Linux).
 */
public final class SolarisSctpProvider implements SctpProvider {
    /** The provider id. */
    public static final String ID = "solaris";

    /** What {@link Capabilities#os()} and errors say when the illumos ABI personality is in use. */
    static final String PERSONALITY_OS = "illumos ABI personality on a Linux kernel";

    private static final int BACKLOG_MAX = 65535;
    private static final int ENDPOINT = 0;

    private final SolarisDescriptors descriptors = new SolarisDescriptors();
    private volatile Availability availability;

    private record Availability(SolarisNative.Libraries libraries, Throwable cause, Capabilities capabilities) {
    }

    /** Creates the provider; nothing native is loaded until {@link #isAvailable()}. */
    public SolarisSctpProvider() {
    }

    /** @return {@value #ID} */
    @Override
    public String id() {
        return ID;
    }

    /** @return true when {@code os.name} is {@code SunOS} (Solaris 11, illumos) */
    @Override
    public boolean matchesCurrentOs() {
        return "SunOS".equalsIgnoreCase(System.getProperty("os.name", ""));
    }

    /** @return 0: the only provider for SunOS */
    @Override
    public int priority() {
        return 0;
    }

    /**
     * Binds libsctp.so.1, libsocket.so.1 and libc.so.1 (or the personality named by
     * {@code org.peeloff.solaris.library}) the first time it is asked.
     *
     * @return true when the bindings are in place
     */
    @Override
    public boolean isAvailable() {
        return availability().cause == null;
    }

    /** @return why the libraries could not be bound, or null */
    @Override
    public Throwable unavailabilityCause() {
        return availability().cause;
    }

    /**
     * @return emulated peel-off flags, no native association list, and the libraries (or personality) in use
     * @throws IllegalStateException when the provider is not available
     */
    @Override
    public Capabilities capabilities() {
        Availability a = availability();
        if (a.capabilities == null) {
            throw new IllegalStateException("provider 'solaris' is not available", a.cause);
        }
        return a.capabilities;
    }

    private Availability availability() {
        Availability a = availability;
        if (a == null) {
            synchronized (this) {
                a = availability;
                if (a == null) {
                    a = load();
                    availability = a;
                }
            }
        }
        return a;
    }

    private static Availability load() {
        try {
            SolarisNative.Libraries libs = SolarisNative.load();
            // never plain "illumos" for a personality run: it proves the provider, not the OS
            String os = libs.personality() != null ? PERSONALITY_OS
                    : System.getProperty("os.name") + " " + System.getProperty("os.version");
            SolarisErrors.setOs(libs.personality() != null ? PERSONALITY_OS : System.getProperty("os.name"));
            return new Availability(libs, null, describe(libs, os));
        } catch (LinkageError | RuntimeException e) {
            return new Availability(null, e, null);
        }
    }

    private static Capabilities describe(SolarisNative.Libraries libs, String os) {
        List<String> unverified = new ArrayList<>();
        String arch = System.getProperty("os.arch", "");
        if (arch.startsWith("sparc")) {
            unverified.add("struct layouts: SolarisAbi holds the amd64 rows of abi.tsv; on SPARC cmsg headers align"
                    + " to 8 (_CMSG_HDR_ALIGNMENT), which only a SPARC run can confirm");
        }
        List<String> unsupported = List.of(
                "atomic peel-off flags: illumos sctp_peeloff(int, sctp_assoc_t) has none; NONBLOCK and CLOEXEC are"
                        + " set with fcntl right after the peel-off, and STRICT with either fails UNSUPPORTED",
                "sctp_connectx, sctp_sendv, sctp_recvv: not bound (abi.tsv fact:sctp_peeloff.library lists none in"
                        + " libsctp.so.1); connect() takes one address");
        Map<String, String> details = new LinkedHashMap<>();
        if (libs.personality() != null) {
            details.put("personality", libs.personality()
                    + " (illumos ABI personality: the illumos symbols, numbers, layouts and errno performed on the"
                    + " Linux kernel; proves the provider's mechanics, not illumos)");
        } else {
            details.put("libsctp", libs.sctp());
            details.put("libsocket", libs.socket());
            details.put("libc", libs.c());
        }
        details.put("associations", "illumos has no SCTP_GET_ASSOC_ID_LIST: associations() lists only the"
                + " associations whose COMMUNICATION_UP or RESTART events receive() has seen on this socket (and"
                + " not yet their end or a peel-off); an association set up but whose event has not been received"
                + " yet is not listed");
        details.put("peeloff", "sctp_peeloff(int, sctp_assoc_t) of libsctp.so.1 (ioctl SIOCSCTPPEELOFF), then fcntl"
                + " for the blocking mode and close-on-exec, always set explicitly");
        details.put("send/receive", "__xnet_sendmsg/__xnet_recvmsg of libsocket.so.1 (XPG4.2 msghdr, 48 bytes),"
                + " per-message sctp_sndrcvinfo as SCTP_SNDRCV (256) control data");
        details.put("abi", "illumos amd64 (abi.tsv os=illumos)");
        details.put("kernel", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + arch);
        return new Capabilities(ID, os, libs.personality() != null
                ? "illumos ABI personality library (JNA direct mapping)"
                : "libsctp.so.1 + libsocket.so.1 + libc.so.1 (JNA direct mapping)",
                Capabilities.FlagSupport.EMULATED, false, true, unverified, unsupported, details);
    }

    private void ensureAvailable() throws SctpException {
        Availability a = availability();
        if (a.cause != null) {
            SctpException e = new SctpException(SctpError.UNSUPPORTED_PLATFORM, "provider '" + ID + "'", 0, null,
                    System.getProperty("os.name"), "not available: " + a.cause);
            e.initCause(a.cause);
            throw e;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // sockets

    /**
     * {@inheritDoc} On illumos: {@code SOCK_SEQPACKET} is 6 and {@code SOCK_STREAM} 2; close-on-exec
     * comes from {@code SOCK_CLOEXEC}, or from {@code fcntl} on a release without it.
     */
    @Override
    public int socket(ProtocolFamily family, SocketStyle style) throws SctpException {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(style, "style");
        ensureAvailable();
        int domain;
        if (family == StandardProtocolFamily.INET) {
            domain = SolarisAbi.AF_INET;
        } else if (family == StandardProtocolFamily.INET6) {
            domain = SolarisAbi.AF_INET6;
        } else {
            throw new IllegalArgumentException("SCTP needs INET or INET6, not " + family);
        }
        int type = style == SocketStyle.ONE_TO_MANY ? SolarisAbi.SOCK_SEQPACKET : SolarisAbi.SOCK_STREAM;
        String text = "socket(" + family + ", " + style + ", IPPROTO_SCTP)";
        int fd = SolarisLibSocket.socket(domain, type | SolarisAbi.SOCK_CLOEXEC, SolarisAbi.IPPROTO_SCTP);
        boolean cloexecByFcntl = false;
        if (fd < 0) {
            int errno = SolarisErrors.errno();
            if (errno != SolarisAbi.EINVAL && errno != SolarisAbi.EPROTOTYPE) {
                throw SolarisErrors.exception(NativeCall.SOCKET, text, errno);
            }
            // a release without SOCK_CLOEXEC in socket(): create, then set FD_CLOEXEC
            fd = SolarisLibSocket.socket(domain, type, SolarisAbi.IPPROTO_SCTP);
            if (fd < 0) {
                throw SolarisErrors.exception(NativeCall.SOCKET, text, SolarisErrors.errno());
            }
            cloexecByFcntl = true;
        }
        try {
            if (cloexecByFcntl) {
                setCloseOnExec(fd, true);
            }
            subscribe(fd);
        } catch (SctpException | RuntimeException e) {
            if (SolarisLibc.close(fd) < 0) {
                e.addSuppressed(SolarisErrors.exception(NativeCall.CLOSE, "close(fd=" + fd + ")", SolarisErrors.errno()));
            }
            throw e;
        }
        descriptors.opened(fd, domain);
        return fd;
    }

    /** Association-change and shutdown events, and the per-message sctp_sndrcvinfo. */
    private static void subscribe(int fd) throws SctpException {
        Pointer v = SolarisScratch.get().optval;
        v.setMemory(0, SolarisAbi.SIZEOF_EVENT_SUBSCRIBE, (byte) 0);
        v.setByte(SolarisAbi.EV_DATA_IO, (byte) 1);
        v.setByte(SolarisAbi.EV_ASSOCIATION, (byte) 1);
        v.setByte(SolarisAbi.EV_SHUTDOWN, (byte) 1);
        if (SolarisLibSocket.setsockopt(fd, SolarisAbi.SCTP_OPTION_LEVEL, SolarisAbi.SCTP_EVENTS, v,
                SolarisAbi.SIZEOF_EVENT_SUBSCRIBE) < 0) {
            throw SolarisErrors.exception(NativeCall.SETSOCKOPT, "setsockopt(fd=" + fd + ", IPPROTO_SCTP, SCTP_EVENTS)",
                    SolarisErrors.errno());
        }
    }

    /** The socket's family, from the table or from getsockname once. */
    private int familyOf(int fd) throws SctpException {
        int family = descriptors.family(fd);
        if (family != 0) {
            return family;
        }
        SolarisScratch s = SolarisScratch.get();
        s.len.setInt(0, SolarisAbi.SIZEOF_SOCKADDR_STORAGE);
        if (SolarisLibSocket.getsockname(fd, s.name, s.len) < 0) {
            throw SolarisErrors.exception(NativeCall.ADDRESSES, "getsockname(fd=" + fd + ")", SolarisErrors.errno());
        }
        family = SolarisSockaddr.family(s.name, 0);
        descriptors.learnFamily(fd, family);
        return family;
    }

    private static InetSocketAddress resolved(InetSocketAddress address, String call) throws SctpException {
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw SctpException.rejected(SctpError.INVALID_ARGUMENT, call, "unresolved address " + address);
        }
        return address;
    }

    /** {@inheritDoc} IPv4 addresses on an {@code AF_INET6} socket are passed as {@code ::ffff:a.b.c.d}. */
    @Override
    public void bind(int fd, InetSocketAddress address) throws SctpException {
        ensureAvailable();
        String text = "bind(fd=" + fd + ", " + address + ")";
        resolved(address, text);
        int family = familyOf(fd);
        SolarisScratch s = SolarisScratch.get();
        int len = SolarisSockaddr.encode(s.name, 0, address, family);
        if (SolarisLibSocket.bind(fd, s.name, len) < 0) {
            throw SolarisErrors.exception(NativeCall.BIND, text, SolarisErrors.errno());
        }
    }

    /** {@inheritDoc} illumos takes one address family per call: the socket's. */
    @Override
    public void bindx(int fd, List<InetSocketAddress> addresses, boolean add) throws SctpException {
        ensureAvailable();
        String text = "sctp_bindx(fd=" + fd + ", " + addresses + ", " + (add ? "SCTP_BINDX_ADD_ADDR" : "SCTP_BINDX_REM_ADDR") + ")";
        if (addresses.isEmpty()) {
            throw SctpException.rejected(SctpError.INVALID_ARGUMENT, text, "no address");
        }
        int family = familyOf(fd);
        // illumos takes one family for the whole array: an AF_INET socket gets sockaddr_in only,
        // an AF_INET6 one sockaddr_in6 only (IPv4 addresses mapped)
        Memory buf = SolarisScratch.get().bounce((long) addresses.size() * SolarisAbi.SIZEOF_SOCKADDR_IN6);
        long off = 0;
        for (InetSocketAddress a : addresses) {
            off += SolarisSockaddr.encode(buf, off, resolved(a, text), family);
        }
        if (SolarisLibSctp.sctp_bindx(fd, buf, addresses.size(),
                add ? SolarisAbi.SCTP_BINDX_ADD_ADDR : SolarisAbi.SCTP_BINDX_REM_ADDR) < 0) {
            throw SolarisErrors.exception(NativeCall.BINDX, text, SolarisErrors.errno());
        }
    }

    /** {@inheritDoc} */
    @Override
    public void listen(int fd, int backlog) throws SctpException {
        ensureAvailable();
        if (SolarisLibSocket.listen(fd, Math.max(0, Math.min(backlog, BACKLOG_MAX))) < 0) {
            throw SolarisErrors.exception(NativeCall.LISTEN, "listen(fd=" + fd + ", " + backlog + ")", SolarisErrors.errno());
        }
    }

    /** {@inheritDoc} */
    @Override
    public void connect(int fd, InetSocketAddress remote) throws SctpException {
        ensureAvailable();
        String text = "connect(fd=" + fd + ", " + remote + ")";
        resolved(remote, text);
        int family = familyOf(fd);
        SolarisScratch s = SolarisScratch.get();
        int len = SolarisSockaddr.encode(s.name, 0, remote, family);
        if (SolarisLibSocket.connect(fd, s.name, len) < 0) {
            throw SolarisErrors.exception(NativeCall.CONNECT, text, SolarisErrors.errno());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // data

    /** {@inheritDoc} Through {@code __xnet_sendmsg} with an SCTP_SNDRCV (256) control message. */
    @Override
    public int send(int fd, ByteBuffer src, int assocId, InetSocketAddress to, int stream, int ppid,
                    boolean unordered, boolean dontWait) throws SctpException {
        Objects.requireNonNull(src, "src");
        if (stream < 0 || stream > 0xffff) {
            throw new IllegalArgumentException("stream out of range 0..65535: " + stream);
        }
        ensureAvailable();
        SolarisScratch s = SolarisScratch.get();
        int length = src.remaining();
        long base;
        if (src.isDirect()) {
            base = s.addressOf(src) + src.position();
        } else {
            Memory bounce = s.bounce(Math.max(length, 1));
            if (src.hasArray()) {
                bounce.write(0, src.array(), src.arrayOffset() + src.position(), length);
            } else {
                byte[] copy = new byte[length];
                src.duplicate().get(copy);
                bounce.write(0, copy, 0, length);
            }
            base = Pointer.nativeValue(bounce);
        }
        Pointer msg = s.msghdr;
        if (to != null) {
            if (to.isUnresolved()) {
                throw SctpException.rejected(SctpError.INVALID_ARGUMENT, "sendmsg(fd=" + fd + ")", "unresolved address " + to);
            }
            int nameLength = SolarisSockaddr.encode(s.name, 0, to, familyOf(fd));
            msg.setPointer(SolarisAbi.MSGHDR_NAME, s.name);
            msg.setInt(SolarisAbi.MSGHDR_NAMELEN, nameLength);
        } else {
            msg.setPointer(SolarisAbi.MSGHDR_NAME, null);
            msg.setInt(SolarisAbi.MSGHDR_NAMELEN, 0);
        }
        s.iov.setLong(SolarisAbi.IOVEC_BASE, base);
        s.iov.setLong(SolarisAbi.IOVEC_LEN, length);
        msg.setPointer(SolarisAbi.MSGHDR_IOV, s.iov);
        msg.setInt(SolarisAbi.MSGHDR_IOVLEN, 1);

        Pointer c = s.control;
        c.setMemory(0, SolarisAbi.CMSG_SPACE_SNDRCVINFO, (byte) 0);
        c.setInt(SolarisAbi.CMSGHDR_LEN, SolarisAbi.CMSG_LEN_0 + SolarisAbi.SIZEOF_SNDRCVINFO);
        c.setInt(SolarisAbi.CMSGHDR_LEVEL, SolarisAbi.IPPROTO_SCTP);
        c.setInt(SolarisAbi.CMSGHDR_TYPE, SolarisAbi.SCTP_SNDRCV);
        long info = SolarisAbi.CMSG_DATA_OFFSET;
        c.setShort(info + SolarisAbi.SINFO_STREAM, (short) stream);
        c.setShort(info + SolarisAbi.SINFO_FLAGS, (short) (unordered ? SolarisAbi.MSG_UNORDERED : 0));
        c.setInt(info + SolarisAbi.SINFO_PPID, ppid);
        c.setInt(info + SolarisAbi.SINFO_ASSOC_ID, assocId);
        msg.setPointer(SolarisAbi.MSGHDR_CONTROL, c);
        msg.setInt(SolarisAbi.MSGHDR_CONTROLLEN, SolarisAbi.CMSG_SPACE_SNDRCVINFO);
        msg.setInt(SolarisAbi.MSGHDR_FLAGS, 0);

        long n = SolarisLibSocket.__xnet_sendmsg(fd, msg, dontWait ? SolarisAbi.MSG_DONTWAIT : 0);
        if (n < 0) {
            int errno = SolarisErrors.errno();
            if (dontWait && errno == SolarisAbi.EAGAIN) {
                return -1;
            }
            throw SolarisErrors.exception(NativeCall.SEND, "sendmsg(fd=" + fd + ", assoc=" + assocId + ", stream="
                    + stream + ", bytes=" + length + ")", errno);
        }
        src.position(src.position() + (int) n);
        return (int) n;
    }

    /**
     * {@inheritDoc} Through {@code __xnet_recvmsg}; an association-change event received here also
     * updates what {@link #associations} answers.
     */
    @Override
    public boolean receive(int fd, ByteBuffer dst, ReceiveInfo info, boolean dontWait) throws SctpException {
        Objects.requireNonNull(dst, "dst");
        Objects.requireNonNull(info, "info");
        if (dst.isReadOnly()) {
            throw new IllegalArgumentException("read-only buffer");
        }
        ensureAvailable();
        SolarisScratch s = SolarisScratch.get();
        int room = dst.remaining();
        Memory bounce = null;
        long base;
        if (dst.isDirect()) {
            base = s.addressOf(dst) + dst.position();
        } else {
            bounce = s.bounce(Math.max(room, 1));
            base = Pointer.nativeValue(bounce);
        }
        Pointer msg = s.msghdr;
        msg.setPointer(SolarisAbi.MSGHDR_NAME, null);
        msg.setInt(SolarisAbi.MSGHDR_NAMELEN, 0);
        s.iov.setLong(SolarisAbi.IOVEC_BASE, base);
        s.iov.setLong(SolarisAbi.IOVEC_LEN, room);
        msg.setPointer(SolarisAbi.MSGHDR_IOV, s.iov);
        msg.setInt(SolarisAbi.MSGHDR_IOVLEN, 1);
        msg.setPointer(SolarisAbi.MSGHDR_CONTROL, s.control);
        msg.setInt(SolarisAbi.MSGHDR_CONTROLLEN, SolarisScratch.CONTROL_SIZE);
        msg.setInt(SolarisAbi.MSGHDR_FLAGS, 0);

        long n = SolarisLibSocket.__xnet_recvmsg(fd, msg, dontWait ? SolarisAbi.MSG_DONTWAIT : 0);
        if (n < 0) {
            int errno = SolarisErrors.errno();
            if (dontWait && errno == SolarisAbi.EAGAIN) {
                return false;
            }
            throw SolarisErrors.exception(NativeCall.RECEIVE, "recvmsg(fd=" + fd + ")", errno);
        }
        int flags = msg.getInt(SolarisAbi.MSGHDR_FLAGS);
        boolean notification = (flags & SolarisAbi.MSG_NOTIFICATION) != 0;
        if (n == 0 && room > 0 && !notification) {
            throw new SctpException(SctpError.NOT_CONNECTED, "recvmsg(fd=" + fd + ")", SolarisAbi.ENOTCONN, "ENOTCONN",
                    SolarisErrors.os(), "recvmsg returned 0: the association has ended");
        }
        int bytes = (int) n;
        if (bounce != null && bytes > 0) {
            if (dst.hasArray()) {
                bounce.read(0, dst.array(), dst.arrayOffset() + dst.position(), bytes);
            } else {
                dst.duplicate().put(bounce.getByteBuffer(0, bytes));
            }
        }
        info.bytes = bytes;
        info.complete = (flags & SolarisAbi.MSG_EOR) != 0;
        if (notification) {
            info.isNotification = true;
            if (info.complete) {
                SctpNotification note = SolarisNotifications.parse(bounce != null ? bounce : new Pointer(base), bytes);
                info.notification = note;
                info.assocId = associationOf(note);
                if (note instanceof AssociationChange change) {
                    descriptors.event(fd, change);
                }
            }
        } else {
            readSndrcv(s.control, msg.getInt(SolarisAbi.MSGHDR_CONTROLLEN), info);
        }
        dst.position(dst.position() + bytes);
        return true;
    }

    private static int associationOf(SctpNotification note) {
        if (note instanceof AssociationChange c) {
            return c.association().value();
        }
        if (note instanceof ShutdownEvent e) {
            return e.association().value();
        }
        if (note instanceof OtherNotification o) {
            return o.association().value();
        }
        return 0;
    }

    /** Walks the control messages for IPPROTO_SCTP / SCTP_SNDRCV (4-byte cmsg_len, data at 12). */
    private static void readSndrcv(Pointer control, int controlLength, ReceiveInfo info) {
        int end = Math.min(controlLength, SolarisScratch.CONTROL_SIZE);
        int off = 0;
        while (off + SolarisAbi.CMSG_LEN_0 <= end) {
            int len = control.getInt(off + SolarisAbi.CMSGHDR_LEN);
            if (len < SolarisAbi.CMSG_LEN_0 || off + len > end) {
                return;
            }
            if (control.getInt(off + SolarisAbi.CMSGHDR_LEVEL) == SolarisAbi.IPPROTO_SCTP
                    && control.getInt(off + SolarisAbi.CMSGHDR_TYPE) == SolarisAbi.SCTP_SNDRCV
                    && len >= SolarisAbi.CMSG_LEN_0 + SolarisAbi.SIZEOF_SNDRCVINFO) {
                long d = off + SolarisAbi.CMSG_DATA_OFFSET;
                info.stream = control.getShort(d + SolarisAbi.SINFO_STREAM) & 0xffff;
                info.unordered = (control.getShort(d + SolarisAbi.SINFO_FLAGS) & SolarisAbi.MSG_UNORDERED) != 0;
                info.ppid = control.getInt(d + SolarisAbi.SINFO_PPID);
                info.assocId = control.getInt(d + SolarisAbi.SINFO_ASSOC_ID);
                return;
            }
            off += (len + SolarisAbi.CMSG_HDR_ALIGNMENT - 1) & -SolarisAbi.CMSG_HDR_ALIGNMENT;
        }
    }

    /**
     * The associations of a one-to-many socket as far as this provider knows them: those whose
     * COMMUNICATION_UP or RESTART event {@link #receive} has returned on this descriptor, less those
     * that ended or were peeled off since (illumos has no {@code SCTP_GET_ASSOC_ID_LIST}).
     */
    @Override
    public int[] associations(int fd) throws SctpException {
        ensureAvailable();
        int errno = probeSocket(fd);
        if (errno != 0) {
            throw SolarisErrors.exception(NativeCall.GETSOCKOPT, "associations(fd=" + fd + ")", errno);
        }
        return descriptors.associations(fd);
    }

    /** getsockopt(SOL_SOCKET, SO_SNDBUF): 0 when fd is an open socket, else the errno. */
    private static int probeSocket(int fd) {
        SolarisScratch s = SolarisScratch.get();
        s.len.setInt(0, 4);
        if (SolarisLibSocket.getsockopt(fd, SolarisAbi.SOL_SOCKET, SolarisAbi.SO_SNDBUF, s.optval, s.len) < 0) {
            return SolarisErrors.errno();
        }
        return 0;
    }

    /**
     * {@inheritDoc} On illumos: {@code sctp_peeloff(fd, id)}, then {@code fcntl} for the blocking mode
     * and close-on-exec ({@link EmulatedPeeloffFlags}); STRICT with NONBLOCK or CLOEXEC fails
     * {@code UNSUPPORTED} before any native call. The association then leaves {@link #associations}.
     */
    @Override
    public int peeloff(int fd, int assocId, Set<PeeloffOption> options) throws SctpException {
        Objects.requireNonNull(options, "options");
        EmulatedPeeloffFlags.checkStrict(this, fd, assocId, options);
        ensureAvailable();
        int newFd = SolarisLibSctp.sctp_peeloff(fd, assocId);
        if (newFd < 0) {
            int errno = SolarisErrors.errno();
            throw SolarisErrors.peeloff("sctp_peeloff(fd=" + fd + ", assoc=" + assocId + ")", errno,
                    () -> probeSocket(fd));
        }
        descriptors.removed(fd, assocId);
        descriptors.opened(newFd, descriptors.family(fd));
        return EmulatedPeeloffFlags.apply(this, newFd, options);
    }

    // ---------------------------------------------------------------------------------------------
    // descriptor state

    /** {@inheritDoc} POLLNVAL gives {@code BAD_DESCRIPTOR}. */
    @Override
    public boolean poll(int fd, boolean write, int timeoutMillis) throws SctpException {
        ensureAvailable();
        Pointer p = SolarisScratch.get().pollfd;
        p.setInt(SolarisAbi.POLLFD_FD, fd);
        p.setShort(SolarisAbi.POLLFD_EVENTS, write ? SolarisAbi.POLLOUT : SolarisAbi.POLLIN);
        p.setShort(SolarisAbi.POLLFD_REVENTS, (short) 0);
        int r = SolarisLibc.poll(p, 1, Math.max(timeoutMillis, 0));
        if (r < 0) {
            int errno = SolarisErrors.errno();
            if (errno == SolarisAbi.EINTR || errno == SolarisAbi.EAGAIN) {
                return false;
            }
            throw SolarisErrors.exception(NativeCall.POLL, "poll(fd=" + fd + ")", errno);
        }
        if (r == 0) {
            return false;
        }
        if ((p.getShort(SolarisAbi.POLLFD_REVENTS) & SolarisAbi.POLLNVAL) != 0) {
            throw new SctpException(SctpError.BAD_DESCRIPTOR, "poll(fd=" + fd + ")", SolarisAbi.EBADF, "EBADF",
                    SolarisErrors.os(), "poll reported POLLNVAL: the descriptor is not open");
        }
        // POLLERR and POLLHUP count as ready: the next call reports what happened
        return true;
    }

    private static int getfl(int fd) throws SctpException {
        int flags = SolarisLibc.fcntl(fd, SolarisAbi.F_GETFL, 0);
        if (flags < 0) {
            throw SolarisErrors.exception(NativeCall.FCNTL, "fcntl(fd=" + fd + ", F_GETFL)", SolarisErrors.errno());
        }
        return flags;
    }

    /** {@inheritDoc} Clears both {@code O_NONBLOCK} (0x80) and the System V {@code O_NDELAY} (4). */
    @Override
    public void setBlocking(int fd, boolean blocking) throws SctpException {
        ensureAvailable();
        int flags = getfl(fd);
        // O_NDELAY is the System V bit: a blocking socket has neither
        int next = blocking ? flags & ~(SolarisAbi.O_NONBLOCK | SolarisAbi.O_NDELAY) : flags | SolarisAbi.O_NONBLOCK;
        if (next != flags && SolarisLibc.fcntl(fd, SolarisAbi.F_SETFL, next) < 0) {
            throw SolarisErrors.exception(NativeCall.FCNTL, "fcntl(fd=" + fd + ", F_SETFL, " + (blocking ? "~" : "")
                    + "O_NONBLOCK)", SolarisErrors.errno());
        }
    }

    /** {@inheritDoc} False when either {@code O_NONBLOCK} or {@code O_NDELAY} is set. */
    @Override
    public boolean isBlocking(int fd) throws SctpException {
        ensureAvailable();
        return (getfl(fd) & (SolarisAbi.O_NONBLOCK | SolarisAbi.O_NDELAY)) == 0;
    }

    /** {@inheritDoc} */
    @Override
    public boolean isCloseOnExec(int fd) throws SctpException {
        ensureAvailable();
        int flags = SolarisLibc.fcntl(fd, SolarisAbi.F_GETFD, 0);
        if (flags < 0) {
            throw SolarisErrors.exception(NativeCall.FCNTL, "fcntl(fd=" + fd + ", F_GETFD)", SolarisErrors.errno());
        }
        return (flags & SolarisAbi.FD_CLOEXEC) != 0;
    }

    /** {@inheritDoc} */
    @Override
    public void setCloseOnExec(int fd, boolean closeOnExec) throws SctpException {
        ensureAvailable();
        int flags = SolarisLibc.fcntl(fd, SolarisAbi.F_GETFD, 0);
        if (flags < 0) {
            throw SolarisErrors.exception(NativeCall.FCNTL, "fcntl(fd=" + fd + ", F_GETFD)", SolarisErrors.errno());
        }
        int next = closeOnExec ? flags | SolarisAbi.FD_CLOEXEC : flags & ~SolarisAbi.FD_CLOEXEC;
        if (next != flags && SolarisLibc.fcntl(fd, SolarisAbi.F_SETFD, next) < 0) {
            throw SolarisErrors.exception(NativeCall.FCNTL, "fcntl(fd=" + fd + ", F_SETFD, " + (closeOnExec ? "" : "~")
                    + "FD_CLOEXEC)", SolarisErrors.errno());
        }
    }

    private static int level(SocketOption option) {
        return option == SocketOption.NODELAY ? SolarisAbi.SCTP_OPTION_LEVEL : SolarisAbi.SOL_SOCKET;
    }

    private static int name(SocketOption option) {
        switch (option) {
            case SEND_BUFFER: return SolarisAbi.SO_SNDBUF;
            case RECEIVE_BUFFER: return SolarisAbi.SO_RCVBUF;
            case NODELAY: return SolarisAbi.SCTP_NODELAY;
            default: throw new IllegalArgumentException(String.valueOf(option));
        }
    }

    /** {@inheritDoc} {@code SO_SNDBUF}/{@code SO_RCVBUF} at {@code SOL_SOCKET} 0xffff, {@code SCTP_NODELAY} (4) at {@code IPPROTO_SCTP}. */
    @Override
    public int getOption(int fd, SocketOption option) throws SctpException {
        Objects.requireNonNull(option, "option");
        ensureAvailable();
        SolarisScratch s = SolarisScratch.get();
        s.optval.setInt(0, 0);
        s.len.setInt(0, 4);
        if (SolarisLibSocket.getsockopt(fd, level(option), name(option), s.optval, s.len) < 0) {
            throw SolarisErrors.exception(NativeCall.GETSOCKOPT, "getsockopt(fd=" + fd + ", " + option + ")",
                    SolarisErrors.errno());
        }
        return s.optval.getInt(0);
    }

    /** {@inheritDoc} */
    @Override
    public void setOption(int fd, SocketOption option, int value) throws SctpException {
        Objects.requireNonNull(option, "option");
        ensureAvailable();
        SolarisScratch s = SolarisScratch.get();
        s.optval.setInt(0, value);
        if (SolarisLibSocket.setsockopt(fd, level(option), name(option), s.optval, 4) < 0) {
            throw SolarisErrors.exception(NativeCall.SETSOCKOPT, "setsockopt(fd=" + fd + ", " + option + ", " + value + ")",
                    SolarisErrors.errno());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // addresses

    /** {@inheritDoc} {@code SCTP_GET_NLADDRS}/{@code SCTP_GET_LADDRS} through {@code sctp_opt_info}. */
    @Override
    public List<InetSocketAddress> localAddresses(int fd) throws SctpException {
        ensureAvailable();
        return addresses(fd, ENDPOINT, SolarisAbi.SCTP_GET_NLADDRS, SolarisAbi.SCTP_GET_LADDRS,
                "sctp_getladdrs(fd=" + fd + ")");
    }

    /** {@inheritDoc} {@code SCTP_GET_NPADDRS}/{@code SCTP_GET_PADDRS} through {@code sctp_opt_info}. */
    @Override
    public List<InetSocketAddress> peerAddresses(int fd, int assocId) throws SctpException {
        ensureAvailable();
        return addresses(fd, assocId, SolarisAbi.SCTP_GET_NPADDRS, SolarisAbi.SCTP_GET_PADDRS,
                "sctp_getpaddrs(fd=" + fd + ", assoc=" + assocId + ")");
    }

    /** What libsctp's sctp_getladdrs/sctp_getpaddrs do, into this thread's memory instead of malloc. */
    private static List<InetSocketAddress> addresses(int fd, int assocId, int countOption, int listOption, String text)
            throws SctpException {
        SolarisScratch s = SolarisScratch.get();
        s.optval.setInt(0, 0);
        s.len.setInt(0, 4);
        if (SolarisLibSctp.sctp_opt_info(fd, assocId, countOption, s.optval, s.len) < 0) {
            throw SolarisErrors.exception(NativeCall.ADDRESSES, text, SolarisErrors.errno());
        }
        int count = s.optval.getInt(0);
        if (count <= 0) {
            return List.of();
        }
        int room = count * SolarisAbi.SIZEOF_SOCKADDR_IN6;
        Memory buf = s.bounce(room);
        s.len.setInt(0, room);
        if (SolarisLibSctp.sctp_opt_info(fd, assocId, listOption, buf, s.len) < 0) {
            throw SolarisErrors.exception(NativeCall.ADDRESSES, text, SolarisErrors.errno());
        }
        int end = Math.min(s.len.getInt(0), room);
        List<InetSocketAddress> out = new ArrayList<>(count);
        int off = 0;
        while (off + SolarisAbi.SIZEOF_SA_FAMILY <= end) {
            int size = SolarisSockaddr.size(SolarisSockaddr.family(buf, off));
            if (size == 0 || off + size > end) {
                break;
            }
            out.add(SolarisSockaddr.decode(buf, off));
            off += size;
        }
        return List.copyOf(out);
    }

    /** {@inheritDoc} Forgets what the provider tracked for the descriptor; EINTR counts as closed. */
    @Override
    public void close(int fd) throws SctpException {
        ensureAvailable();
        descriptors.forget(fd);
        if (SolarisLibc.close(fd) < 0) {
            int errno = SolarisErrors.errno();
            if (errno == SolarisAbi.EINTR) {
                return; // the descriptor is released all the same
            }
            throw SolarisErrors.exception(NativeCall.CLOSE, "close(fd=" + fd + ")", errno);
        }
    }

    /** @return the provider id */
    @Override
    public String toString() {
        return "SolarisSctpProvider[" + ID + "]";
    }
}
