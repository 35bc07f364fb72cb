package org.peeloff.linux;

import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.peeloff.Capabilities;
import org.peeloff.PeeloffOption;
import org.peeloff.SctpError;
import org.peeloff.SctpException;
import org.peeloff.spi.ReceiveInfo;
import org.peeloff.spi.SctpProvider;
import org.peeloff.spi.SocketOption;
import org.peeloff.spi.SocketStyle;

/**
 * The Linux provider: the kernel's SCTP (lksctp) through libc alone, with JNA direct mapping.
 * {@code libsctp.so.1} is not needed at run time: {@code sctp_peeloff}, {@code sctp_peeloff_flags}
 * (declared in {@code <netinet/sctp.h>} but not exported by {@code libsctp.so.1}), {@code sctp_bindx},
 * {@code sctp_getpaddrs} and the rest are SCTP socket options, which this provider sets and reads
 * itself.
 *
 * <p>What it does on Linux, beyond the {@link SctpProvider} contract:
 * <ul>
 *   <li>Every new socket is created close-on-exec ({@code SOCK_CLOEXEC}), with SCTP_RECVRCVINFO on
 *       (an SCTP_RCVINFO control message with every message) and association-change and shutdown
 *       notifications subscribed (SCTP_EVENTS). Sends carry an SCTP_SNDINFO control message. On a
 *       kernel older than 3.17 (no SCTP_RECVRCVINFO) both fall back to SCTP_SNDRCV.</li>
 *   <li>Peel-off uses {@code SCTP_SOCKOPT_PEELOFF_FLAGS} (Linux 4.13), so {@link PeeloffOption#NONBLOCK}
 *       and {@link PeeloffOption#CLOEXEC} are set by the kernel atomically; a kernel that refuses the
 *       option makes the provider fall back, from then on, to {@code SCTP_SOCKOPT_PEELOFF} plus
 *       {@code fcntl}, and {@link #capabilities()} says {@code EMULATED}.</li>
 *   <li>Linux's EINVAL from a peel-off, which means either "no such association" or "not a one-to-many
 *       socket", is told apart by asking the kernel about the socket, so the caller gets
 *       {@link SctpError#NO_SUCH_ASSOCIATION} or {@link SctpError#NOT_ONE_TO_MANY}.</li>
 *   <li>Before a peel-off the provider checks that a descriptor is free: Linux moves the association
 *       to the new socket before it allocates the descriptor and destroys it on EMFILE, whereas the
 *       portable contract keeps the association on the original socket.</li>
 *   <li>The end of a peeled-off association is reported ({@code NOT_CONNECTED}) although Linux
 *       answers a non-blocking reader of such a socket with EAGAIN for ever (see {@link #receive}).</li>
 *   <li>The payload protocol identifier is passed through as the C API does (see {@link #send}).</li>
 *   <li>Calls interrupted by a signal (EINTR) are retried inside the provider, except {@code close}.</li>
 * </ul>
 *
 * <p>Found by {@link java.util.ServiceLoader}. Constructing it, {@link #id()}, {@link #matchesCurrentOs()}
 * and {@link #priority()} load nothing native; {@link #isAvailable()} loads JNA and binds libc once.
 * The numbers it uses are those of 64-bit Linux with the generic ABI (verified for x86_64).
 */
public final class LinuxSctpProvider implements SctpProvider {
    /** The provider id. */
    public static final String ID = "linux";
    /** How this provider reaches the kernel, as {@link Capabilities#binding()} reports it. */
    public static final String BINDING = "libc only (JNA direct mapping; libsctp.so.1 not needed)";

    private static final Path PROC_SCTP = Path.of("/proc/sys/net/sctp");
    /** Architectures whose numbers and layouts are those of {@code abi.tsv} (compiled for x86_64). */
    private static final Set<String> VERIFIED_ARCHS = Set.of("amd64", "x86_64");
    /** 64-bit architectures on the generic Linux ABI: same numbers, not verified here. */
    private static final Set<String> GENERIC_ARCHS = Set.of("aarch64", "riscv64", "loongarch64", "ppc64le", "ppc64", "s390x");

    private static final Object LOAD_LOCK = new Object();
    /** null until the first availability check; then whether libc could be bound. */
    private static volatile Boolean loaded;
    private static volatile Throwable loadFailure;

    private final int peeloffFlagsOption;
    private final boolean sndrcvInfo;
    private volatile LinuxSockets sockets;

    /** Creates the provider; loads nothing native. */
    public LinuxSctpProvider() {
        this(LinuxAbi.SCTP_SOCKOPT_PEELOFF_FLAGS, false);
    }

    /**
     * For tests: a provider whose atomic peel-off uses another option number (one the kernel does not
     * know, to exercise the fallback for real), or that starts with SCTP_SNDRCV control messages.
     */
    LinuxSctpProvider(int peeloffFlagsOption, boolean sndrcvInfo) {
        this.peeloffFlagsOption = peeloffFlagsOption;
        this.sndrcvInfo = sndrcvInfo;
    }

    /** @return {@value #ID} */
    @Override
    public String id() {
        return ID;
    }

    /** @return true when {@code os.name} is {@code Linux} */
    @Override
    public boolean matchesCurrentOs() {
        return "Linux".equals(System.getProperty("os.name"));
    }

    /** @return 100: the only provider for Linux */
    @Override
    public int priority() {
        return 100;
    }

    /**
     * Checks the OS and architecture, then loads JNA and binds libc, once per class loader; the cause
     * of a failure is kept for {@link #unavailabilityCause()}. A kernel without SCTP does not make the
     * provider unavailable: {@link #socket} then fails with {@link SctpError#UNSUPPORTED_SOCKET}, and
     * {@link #capabilities()} tells whether the kernel has SCTP.
     *
     * @return true when the provider can be used here
     */
    @Override
    public boolean isAvailable() {
        return load();
    }

    /** @return why {@link #isAvailable()} is false, or null when it is available */
    @Override
    public Throwable unavailabilityCause() {
        return load() ? null : loadFailure;
    }

    private boolean load() {
        Boolean l = loaded;
        if (l != null) {
            return l;
        }
        synchronized (LOAD_LOCK) {
            if (loaded == null) {
                try {
                    checkPlatform();
                    LinuxLibc.register();
                    loaded = Boolean.TRUE;
                } catch (Throwable t) {
                    loadFailure = t;
                    loaded = Boolean.FALSE;
                }
            }
            return loaded;
        }
    }

    private void checkPlatform() {
        if (!matchesCurrentOs()) {
            throw new UnsupportedOperationException("the linux provider runs on Linux only, not on "
                    + System.getProperty("os.name"));
        }
        String arch = arch();
        if (!VERIFIED_ARCHS.contains(arch) && !GENERIC_ARCHS.contains(arch)) {
            throw new UnsupportedOperationException("os.arch " + arch + ": the linux provider knows the numbers and"
                    + " struct layouts of 64-bit Linux on the generic ABI (x86_64 verified; also " + GENERIC_ARCHS + ")");
        }
    }

    private static String arch() {
        return System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    }

    private LinuxSockets sockets() throws SctpException {
        LinuxSockets s = sockets;
        if (s != null) {
            return s;
        }
        if (!load()) {
            SctpException e = SctpException.rejected(SctpError.UNSUPPORTED_PLATFORM, "linux provider",
                    "not available here: " + loadFailure);
            e.initCause(loadFailure);
            throw e;
        }
        synchronized (this) {
            if (sockets == null) {
                sockets = new LinuxSockets(this, peeloffFlagsOption, sndrcvInfo);
            }
            return sockets;
        }
    }

    /** @return true when {@code /proc/sys/net/sctp} exists, i.e. the kernel's SCTP is loaded */
    static boolean kernelHasSctpLoaded() {
        return Files.isDirectory(PROC_SCTP);
    }

    /**
     * What the provider does here: atomic peel-off flags until the kernel refuses them (then
     * {@code EMULATED}), the kernel's own association list, one-to-one sockets, and in the details
     * the kernel release, whether the kernel's SCTP is loaded, the JNA version and how peel-off and
     * receive information are done.
     *
     * @return the capabilities; {@code unverified} is empty on x86_64, whose numbers all come from
     *         compiled Debian headers
     */
    @Override
    public Capabilities capabilities() {
        String kernel = System.getProperty("os.version", "?");
        LinuxSockets s = sockets;
        String fallback = s == null ? null : s.peeloffFallback();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("kernel", kernel);
        details.put("kernelSctp", kernelHasSctpLoaded()
                ? "yes (/proc/sys/net/sctp exists)"
                : "not loaded (/proc/sys/net/sctp is missing; socket() loads the sctp module on demand where the kernel has one)");
        details.put("arch", arch());
        details.put("jna", load() ? jnaVersion() : "not loaded: " + loadFailure);
        details.put("peeloff", fallback == null
                ? "getsockopt(SOL_SCTP, SCTP_SOCKOPT_PEELOFF_FLAGS): NONBLOCK and CLOEXEC set by the kernel atomically"
                : "getsockopt(SOL_SCTP, SCTP_SOCKOPT_PEELOFF) + fcntl, because " + fallback);
        details.put("receiveInfo", s != null && s.usesSndrcvInfo() || s == null && sndrcvInfo
                ? "SCTP_SNDRCV control messages (sctp_data_io_event)"
                : "SCTP_RCVINFO control messages (SCTP_RECVRCVINFO); sends with SCTP_SNDINFO");
        details.put("notifications", "SCTP_EVENTS: association change, shutdown");
        details.put("ppid", "passed through as in the C API: the int is stored in the struct as given (host byte order)");
        List<String> unverified = VERIFIED_ARCHS.contains(arch()) ? List.of()
                : List.of("all numbers and layouts: taken from x86_64 Debian 12 headers; the generic ABI of "
                        + arch() + " is expected to match but no run has verified it");
        return new Capabilities(ID, "Linux " + kernel, BINDING,
                fallback == null ? Capabilities.FlagSupport.ATOMIC : Capabilities.FlagSupport.EMULATED,
                true, true, unverified, List.of(), details);
    }

    private static String jnaVersion() {
        return LinuxLibc.jnaVersion();
    }

    /**
     * {@code socket(family, SOCK_SEQPACKET | SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_SCTP)}, then
     * SCTP_RECVRCVINFO and the association-change and shutdown subscriptions.
     *
     * @param family {@link java.net.StandardProtocolFamily#INET} or {@code INET6}
     * @param style  one-to-many or one-to-one
     * @return the new descriptor, blocking and close-on-exec
     * @throws SctpException {@code UNSUPPORTED_SOCKET} on a kernel without SCTP, ...
     */
    @Override
    public int socket(ProtocolFamily family, SocketStyle style) throws SctpException {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(style, "style");
        return sockets().socket(family, style);
    }

    /**
     * {@code bind()} with a {@code sockaddr_in} or {@code sockaddr_in6}.
     *
     * @param fd      the socket
     * @param address the local address
     * @throws SctpException on failure
     */
    @Override
    public void bind(int fd, InetSocketAddress address) throws SctpException {
        sockets().bind(fd, address);
    }

    /**
     * {@code setsockopt(SOL_SCTP, SCTP_SOCKOPT_BINDX_ADD / _REM)} with the packed addresses, as
     * {@code sctp_bindx} does.
     *
     * @param fd        the socket
     * @param addresses the addresses
     * @param add       add or remove
     * @throws SctpException on failure
     */
    @Override
    public void bindx(int fd, List<InetSocketAddress> addresses, boolean add) throws SctpException {
        Objects.requireNonNull(addresses, "addresses");
        sockets().bindx(fd, addresses, add);
    }

    /**
     * {@code listen()}.
     *
     * @param fd      the socket
     * @param backlog the backlog
     * @throws SctpException on failure
     */
    @Override
    public void listen(int fd, int backlog) throws SctpException {
        sockets().listen(fd, backlog);
    }

    /**
     * {@code connect()}.
     *
     * @param fd     the socket
     * @param remote the peer
     * @throws SctpException on failure; {@code WOULD_BLOCK} (EINPROGRESS) on a non-blocking socket
     */
    @Override
    public void connect(int fd, InetSocketAddress remote) throws SctpException {
        sockets().connect(fd, remote);
    }

    /**
     * {@code sendmsg()} with an SCTP_SNDINFO control message, {@code MSG_NOSIGNAL} always and
     * {@code MSG_DONTWAIT} when asked. A direct buffer is handed to the kernel in place; a heap buffer
     * is copied through a per-thread native buffer. The ppid is stored in {@code snd_ppid} exactly as
     * given, like the C API: the kernel puts those bytes on the wire as they lie in memory, so the
     * caller converts to network byte order if its protocol wants that, and the receiver sees the
     * same int back.
     *
     * @param fd        the socket
     * @param src       the message
     * @param assocId   the association
     * @param to        the peer for an implicit set-up, or null
     * @param stream    the stream (0..65535)
     * @param ppid      the payload protocol identifier
     * @param unordered {@code SCTP_UNORDERED}
     * @param dontWait  {@code MSG_DONTWAIT}
     * @return bytes sent, or -1 when {@code dontWait} and the kernel answered EAGAIN
     * @throws SctpException on failure
     */
    @Override
    public int send(int fd, ByteBuffer src, int assocId, InetSocketAddress to, int stream, int ppid,
                    boolean unordered, boolean dontWait) throws SctpException {
        Objects.requireNonNull(src, "src");
        return sockets().send(fd, src, assocId, to, stream, ppid, unordered, dontWait);
    }

    /**
     * {@code recvmsg()}; {@link ReceiveInfo#complete} is {@code MSG_EOR}, notifications are parsed
     * into {@link org.peeloff.AssociationChange}, {@link org.peeloff.ShutdownEvent} or
     * {@link org.peeloff.OtherNotification}.
     *
     * <p>The end of an association is reported as {@code NOT_CONNECTED} in both forms Linux has: a
     * one-to-one socket's {@code recvmsg} returns 0; a peeled-off socket (or a one-to-many socket that
     * does not listen) with no association left answers EAGAIN to {@code MSG_DONTWAIT} for ever and
     * ENOTCONN only to a blocking call, so when the queue is empty the provider asks the kernel whether
     * any association is left ({@code SCTP_GET_ASSOC_NUMBER}, {@code SO_ACCEPTCONN}).
     *
     * @param fd       the socket
     * @param dst      where the bytes go (must have room)
     * @param info     filled in
     * @param dontWait {@code MSG_DONTWAIT}
     * @return false when {@code dontWait} and nothing was queued
     * @throws SctpException {@code NOT_CONNECTED} when the association has ended (see above), ...
     */
    @Override
    public boolean receive(int fd, ByteBuffer dst, ReceiveInfo info, boolean dontWait) throws SctpException {
        Objects.requireNonNull(dst, "dst");
        Objects.requireNonNull(info, "info");
        return sockets().receive(fd, dst, info, dontWait);
    }

    /**
     * {@code SCTP_GET_ASSOC_ID_LIST}, sized with {@code SCTP_GET_ASSOC_NUMBER}.
     *
     * @param fd the socket
     * @return the association ids
     * @throws SctpException {@code NOT_ONE_TO_MANY} on a one-to-one socket, ...
     */
    @Override
    public int[] associations(int fd) throws SctpException {
        return sockets().associations(fd);
    }

    /**
     * {@code getsockopt(SOL_SCTP, SCTP_SOCKOPT_PEELOFF_FLAGS)}, or the fallback; see the class comment.
     *
     * @param fd      the one-to-many socket
     * @param assocId the association
     * @param options the options
     * @return the new descriptor
     * @throws SctpException {@code NO_SUCH_ASSOCIATION}, {@code NOT_ONE_TO_MANY}, {@code BAD_DESCRIPTOR},
     *                       {@code NOT_A_SOCKET}, {@code TOO_MANY_OPEN_FILES}, {@code BUSY}, {@code UNSUPPORTED}
     *                       (STRICT after the fallback), ...
     */
    @Override
    public int peeloff(int fd, int assocId, Set<PeeloffOption> options) throws SctpException {
        Objects.requireNonNull(options, "options");
        return sockets().peeloff(fd, assocId, options);
    }

    /**
     * {@code poll()} on one descriptor; EINTR is retried with the time left.
     *
     * @param fd            the socket
     * @param write         wait for {@code POLLOUT} instead of {@code POLLIN}
     * @param timeoutMillis at most this long (0: do not wait; negative: no limit)
     * @return true when ready, or when an error or hang-up is pending, or (waiting to read) when the
     *         socket has no association left and does not listen: the next call reports it
     * @throws SctpException on failure
     */
    @Override
    public boolean poll(int fd, boolean write, int timeoutMillis) throws SctpException {
        return sockets().poll(fd, write, timeoutMillis);
    }

    /**
     * {@code fcntl(F_SETFL)} with {@code O_NONBLOCK} set or cleared.
     *
     * @param fd       the descriptor
     * @param blocking true for blocking
     * @throws SctpException on failure
     */
    @Override
    public void setBlocking(int fd, boolean blocking) throws SctpException {
        sockets().setBlocking(fd, blocking);
    }

    /**
     * @param fd the descriptor
     * @return true when {@code O_NONBLOCK} is clear
     * @throws SctpException on failure
     */
    @Override
    public boolean isBlocking(int fd) throws SctpException {
        return sockets().isBlocking(fd);
    }

    /**
     * @param fd the descriptor
     * @return true when {@code FD_CLOEXEC} is set
     * @throws SctpException on failure
     */
    @Override
    public boolean isCloseOnExec(int fd) throws SctpException {
        return sockets().isCloseOnExec(fd);
    }

    /**
     * {@code fcntl(F_SETFD)} with {@code FD_CLOEXEC} set or cleared.
     *
     * @param fd          the descriptor
     * @param closeOnExec true to set it
     * @throws SctpException on failure
     */
    @Override
    public void setCloseOnExec(int fd, boolean closeOnExec) throws SctpException {
        sockets().setCloseOnExec(fd, closeOnExec);
    }

    /**
     * {@code SO_SNDBUF} / {@code SO_RCVBUF} at {@code SOL_SOCKET} (Linux reports twice the size set,
     * its bookkeeping overhead included), {@code SCTP_NODELAY} at {@code SOL_SCTP}.
     *
     * @param fd     the socket
     * @param option the option
     * @return its value
     * @throws SctpException on failure
     */
    @Override
    public int getOption(int fd, SocketOption option) throws SctpException {
        Objects.requireNonNull(option, "option");
        return sockets().getOption(fd, option);
    }

    /**
     * Sets {@code SO_SNDBUF}, {@code SO_RCVBUF} or {@code SCTP_NODELAY}.
     *
     * @param fd     the socket
     * @param option the option
     * @param value  the value
     * @throws SctpException on failure
     */
    @Override
    public void setOption(int fd, SocketOption option, int value) throws SctpException {
        Objects.requireNonNull(option, "option");
        sockets().setOption(fd, option, value);
    }

    /**
     * {@code SCTP_GET_LOCAL_ADDRS} for the socket (association 0: the bound addresses; a wildcard
     * bind lists every local address); {@code getsockname} on a socket that is not SCTP.
     *
     * @param fd the socket
     * @return the addresses
     * @throws SctpException on failure
     */
    @Override
    public List<InetSocketAddress> localAddresses(int fd) throws SctpException {
        return sockets().localAddresses(fd);
    }

    /**
     * {@code SCTP_GET_PEER_ADDRS}; {@code getpeername} on a socket that is not SCTP.
     *
     * @param fd      the socket
     * @param assocId the association (ignored by the kernel on a one-to-one socket)
     * @return the peer's addresses
     * @throws SctpException {@code NO_SUCH_ASSOCIATION} when the association is not on the socket, ...
     */
    @Override
    public List<InetSocketAddress> peerAddresses(int fd, int assocId) throws SctpException {
        return sockets().peerAddresses(fd, assocId);
    }

    /**
     * {@code close()}, never retried: Linux releases the descriptor even when it reports EINTR.
     *
     * @param fd the descriptor
     * @throws SctpException {@code BAD_DESCRIPTOR} on EBADF, ...
     */
    @Override
    public void close(int fd) throws SctpException {
        sockets().close(fd);
    }

    /** @return the test hook: the operations object, once available */
    LinuxSockets socketsForTest() throws SctpException {
        return sockets();
    }

    @Override
    public String toString() {
        return "LinuxSctpProvider[" + BINDING + "]";
    }
}
