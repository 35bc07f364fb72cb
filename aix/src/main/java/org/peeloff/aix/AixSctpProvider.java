package org.peeloff.aix;

import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import com.sun.jna.Function;
import com.sun.jna.Pointer;

import org.peeloff.AssociationChange;
import org.peeloff.AssociationId;
import org.peeloff.Capabilities;
import org.peeloff.OtherNotification;
import org.peeloff.PeeloffOption;
import org.peeloff.SctpError;
import org.peeloff.SctpException;
import org.peeloff.SctpNotification;
import org.peeloff.ShutdownEvent;
import org.peeloff.aix.AixAbi.Feature;
import org.peeloff.aix.AixAbi.Unknown;
import org.peeloff.jna.PollCalls;
import org.peeloff.jna.PollPoller;
import org.peeloff.jna.SctpLayout;
import org.peeloff.spi.EmulatedPeeloffFlags;
import org.peeloff.spi.NativeCall;
import org.peeloff.spi.Poller;
import org.peeloff.spi.PortableErrors;
import org.peeloff.spi.ReceiveInfo;
import org.peeloff.spi.SctpProvider;
import org.peeloff.spi.SocketOption;
import org.peeloff.spi.SocketStyle;

/**
 * The AIX provider: SCTP through the AIX C library ({@code libc.a}), bound with JNA, selected when
 * {@code os.name} is {@code AIX}.
 *
 * <p>What it implements, from IBM's documentation ({@code sctp_peeloff}, {@code sctp_opt_info},
 * {@code sctp_bindx}, "SCTP socket APIs"):
 * <ul>
 *   <li>{@code int sctp_peeloff(int sd, sctp_assoc_t *assoc_id)}: the association id is passed <b>by
 *       pointer</b>, from native memory the provider owns. Its errors map to portable ones: EINVAL
 *       {@code NO_SUCH_ASSOCIATION} (or {@code NOT_ONE_TO_MANY} when the socket has a peer, i.e. is a
 *       peeled-off one-to-one socket), EBADF {@code BAD_DESCRIPTOR}, EAFNOSUPPORT / ESOCKTNOSUPPORT
 *       {@code UNSUPPORTED_SOCKET}, EMFILE {@code TOO_MANY_OPEN_FILES}, ENOBUFS {@code NO_BUFFERS},
 *       ECONNABORTED {@code ASSOCIATION_ABORTED}.</li>
 *   <li>Peel-off options ({@code NONBLOCK}, {@code CLOEXEC}) are applied with {@code fcntl} right after
 *       the peel-off ({@link EmulatedPeeloffFlags}); {@code STRICT} refuses that.</li>
 *   <li>Only one-to-many ("UDP-style", {@code SOCK_SEQPACKET}) sockets: "in AIX 5.3, only support for
 *       UDP-style socket syntax is provided". {@code socket(ONE_TO_ONE)} fails {@code UNSUPPORTED_SOCKET}
 *       before any native call.</li>
 *   <li>AIX numbering throughout: {@code AF_INET6} 24, sockaddrs with a 1-byte {@code sin_len} then a
 *       1-byte family, a 48-byte {@code msghdr}, 12-byte unpadded control messages, {@code O_NONBLOCK} 4,
 *       {@code MSG_NONBLOCK} for a non-waiting call, AIX errno ({@link AixAbi}).</li>
 * </ul>
 *
 * <p>Most AIX SCTP option numbers and struct layouts are not public. The provider never guesses them:
 * they come from {@code -Dorg.peeloff.aix.abi.<KEY>} / {@code -Dorg.peeloff.aix.abi=<file>} (on a real
 * AIX, {@code harness/remote} writes that file with a probe compiled against the system's
 * {@code <netinet/sctp.h>}), or, for layouts RFC 6458 fixes, from the RFC. A feature whose values are
 * missing fails with {@link SctpError#UNSUPPORTED} naming them; {@link #capabilities()} lists every value
 * in use that no real AIX has confirmed ({@code unverified}) and every feature that is unavailable
 * ({@code unsupported}).
 *
 * <p>Other libraries: {@code -Dorg.peeloff.aix.library=<path>} binds the AIX entry points from that
 * library instead of libc (how the tests run this provider over the AIX ABI personality on a Linux
 * kernel). Constructing the provider and {@link #id()}, {@link #matchesCurrentOs()}, {@link #priority()}
 * load nothing native; {@link #isAvailable()} does, once.
 */
public final class AixSctpProvider implements SctpProvider {
    /** The provider id. */
    public static final String ID = "aix";
    private static final int PRIORITY = 100;
    private static final int ASSOC_LIST_BYTES = 64 * 1024;

    private final AixAbiConfig fixedConfig;
    private final String fixedLibrary;
    private final Object lock = new Object();
    private volatile Loaded loaded;
    private volatile Configured configured;
    /** Per one-to-many descriptor: associations seen come up, and the peer address seen with each. */
    private final ConcurrentMap<Integer, Tracked> tracked = new ConcurrentHashMap<>();

    /**
     * The provider as {@link java.util.ServiceLoader} makes it: values and library from the system
     * properties, read when first needed.
     */
    public AixSctpProvider() {
        this(null, null);
    }

    /**
     * A provider with explicit values and library (tests and tools).
     *
     * @param config  the values, or null to read the system properties
     * @param library the library to bind, or null for {@code -Dorg.peeloff.aix.library} / libc
     */
    AixSctpProvider(AixAbiConfig config, String library) {
        this.fixedConfig = config;
        this.fixedLibrary = library;
    }

    /**
     * A provider whose unknown values come only from the given properties (plus the RFC-derived
     * layouts), whatever the system properties say.
     *
     * @param values keys as in {@code aix-assumed-abi.properties}
     * @param name   where they come from, for capabilities and messages
     * @return the provider
     */
    static AixSctpProvider withValues(Properties values, String name) {
        return new AixSctpProvider(AixAbiConfig.of(values, name, new Properties()), null);
    }

    private record Loaded(AixAbiConfig config, String library, Throwable cause) {
    }

    /** What the provider learned from received messages about one descriptor. */
    private static final class Tracked {
        final Set<Integer> associations = ConcurrentHashMap.newKeySet();
        final Map<Integer, InetSocketAddress> peers = new ConcurrentHashMap<>();
    }

    // ---- identity and availability ---------------------------------------------------------------

    @Override
    public String id() {
        return ID;
    }

    /** @return true when {@code os.name} is {@code AIX} */
    @Override
    public boolean matchesCurrentOs() {
        return "AIX".equalsIgnoreCase(System.getProperty("os.name", ""));
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    /**
     * Resolves the values and binds the library, once; the cause of a failure is kept.
     *
     * @return true when the provider can be used
     */
    @Override
    public boolean isAvailable() {
        return load().cause == null;
    }

    @Override
    public Throwable unavailabilityCause() {
        return load().cause;
    }

    private Loaded load() {
        Loaded l = loaded;
        if (l == null) {
            synchronized (lock) {
                l = loaded;
                if (l == null) {
                    l = doLoad();
                    loaded = l;
                }
            }
        }
        return l;
    }

    private Loaded doLoad() {
        Configured c = configured();
        String library = fixedLibrary != null ? fixedLibrary : System.getProperty(AixLibc.LIBRARY_PROPERTY);
        if (c.cause != null) {
            return new Loaded(c.config, library, c.cause);
        }
        try {
            AixLibc.register(library);
            return new Loaded(c.config, library, null);
        } catch (LinkageError | RuntimeException e) {
            return new Loaded(c.config, library, e);
        }
    }

    private record Configured(AixAbiConfig config, RuntimeException cause) {
    }

    /** The values, resolved once without touching anything native. */
    private Configured configured() {
        Configured c = configured;
        if (c == null) {
            synchronized (lock) {
                c = configured;
                if (c == null) {
                    try {
                        AixAbiConfig config = fixedConfig != null ? fixedConfig : AixAbiConfig.fromSystemProperties();
                        c = config.mismatches().isEmpty() ? new Configured(config, null)
                                : new Configured(config, new IllegalStateException(
                                        "the AIX headers disagree with the provider's own constants: "
                                                + String.join("; ", config.mismatches())));
                    } catch (RuntimeException e) {
                        c = new Configured(null, e);
                    }
                    configured = c;
                }
            }
        }
        return c;
    }

    /**
     * The values, for checks made before any native call.
     *
     * @throws SctpException {@code UNSUPPORTED_PLATFORM} when the configuration is invalid
     */
    private AixAbiConfig values(String call) throws SctpException {
        Configured c = configured();
        if (c.cause != null) {
            throw SctpException.rejected(SctpError.UNSUPPORTED_PLATFORM, call,
                    "the AIX provider is not available: " + c.cause.getMessage());
        }
        return c.config;
    }

    /** @return the values, once the native part is loaded; refuses the call when the provider is unavailable */
    private AixAbiConfig ready(String call) throws SctpException {
        values(call);
        Loaded l = load();
        if (l.cause != null) {
            throw SctpException.rejected(SctpError.UNSUPPORTED_PLATFORM, call,
                    "the AIX provider is not available: " + l.cause);
        }
        return l.config;
    }

    private boolean personality() {
        return !matchesCurrentOs()
                && (fixedLibrary != null || System.getProperty(AixLibc.LIBRARY_PROPERTY) != null);
    }

    /** @return the OS as errors and capabilities name it */
    private String os() {
        String os = System.getProperty("os.name", "?");
        return matchesCurrentOs() ? os : "AIX ABI personality on a " + os + " kernel";
    }

    // ---- capabilities ---------------------------------------------------------------------------

    /**
     * What this provider can do here. Values the provider uses that no real AIX has confirmed are in
     * {@code unverified} with their origin ("from ..., not verified against a real AIX", "derived from
     * RFC 6458 ..."); features lacking a value are in {@code unsupported}.
     *
     * @return the capabilities
     */
    @Override
    public Capabilities capabilities() {
        Configured cf = configured();
        Loaded l = loaded;
        AixAbiConfig c = cf.config != null ? cf.config : AixAbiConfig.of(new Properties(), null, new Properties());
        String library = fixedLibrary != null ? fixedLibrary : System.getProperty(AixLibc.LIBRARY_PROPERTY);
        List<String> unverified = new ArrayList<>(c.unverified());
        unverified.add("sctp_peeloff failing with EINVAL on a socket that has a peer (getpeername succeeds) is "
                + "reported NOT_ONE_TO_MANY: AIX documents no one-to-one sockets, so what its peel-off says for a "
                + "peeled-off socket is unverified");
        unverified.add("peerAddresses(fd, assoc) on a one-to-many socket is the address recvmsg() reported "
                + "(msg_name) with that association's messages and notifications: AIX documents no sctp_getpaddrs, "
                + "and that recvmsg fills msg_name for notifications is unverified on AIX");
        unverified.add("a full descriptor table is detected before sctp_peeloff with fcntl(F_DUPFD) so the association "
                + "stays on the original socket; whether AIX's own EMFILE from sctp_peeloff keeps it is not documented");
        if (c.supports(Feature.BINDX)) {
            unverified.add("sctp_bindx is looked up in libc, then in " + System.getProperty(AixLibc.LIBSCTP_PROPERTY,
                    AixLibc.DEFAULT_LIBSCTP) + " (IBM's current sctp_bindx page names libsctp.a; the archive "
                    + "member name is unverified)");
        }
        boolean nativeList = c.supports(Feature.NATIVE_ASSOCIATION_LIST);
        boolean trackedList = c.supports(Feature.RECEIVE) && c.supports(Feature.NOTIFICATIONS);

        List<String> unsupported = new ArrayList<>();
        unsupported.add("socket(ONE_TO_ONE): UNSUPPORTED_SOCKET; IBM documents only one-to-many (UDP-style, "
                + "SOCK_SEQPACKET) SCTP sockets on AIX; peelOff() is how a one-to-one socket is made");
        for (Feature f : Feature.values()) {
            if (f == Feature.NATIVE_ASSOCIATION_LIST && trackedList) {
                continue;
            }
            if (!c.supports(f)) {
                unsupported.add(f.description() + ": needs " + AixAbiConfig.describeMissing(c.missing(f)));
            }
        }

        Map<String, String> details = new LinkedHashMap<>();
        details.put("environment", personality()
                ? "AIX ABI personality on a Linux kernel: AIX numbers, layouts and errno over Linux's SCTP; proves "
                        + "the provider's mechanics, not AIX"
                : System.getProperty("os.name", "?") + " " + System.getProperty("os.version", ""));
        details.put("library", library != null ? library : "libc (the running process, as JNA opens \"c\" on AIX)");
        details.put("abi.values", c.file() != null ? c.file() + (c.provenance().isEmpty() ? "" : " (" + c.provenance() + ")")
                : "none configured (-D" + AixAbiConfig.FILE_PROPERTY + " / -D" + AixAbiConfig.PREFIX + "<KEY>)");
        List<String> verified = c.verified();
        if (!verified.isEmpty()) {
            details.put("abi.verified", String.join("; ", verified));
        }
        details.put("associations", nativeList ? "from the kernel: sctp_opt_info(SCTP_GET_ASSOC_ID_LIST)"
                : trackedList ? "tracked from association-change events seen by receive(): an association is listed "
                        + "once its COMMUNICATION_UP has been received, until it ends, is peeled off, or the socket "
                        + "is closed" : "unavailable");
        details.put("socket.closeOnExec", "set with fcntl(F_SETFD) right after socket(): no SOCK_CLOEXEC is known on AIX");
        details.put("readiness", "poll(2) backend (pollset: not yet)");
        details.put("localAddresses", "the one address getsockname() reports (AIX documents no sctp_getladdrs)");
        Throwable cause = cf.cause != null ? cf.cause : l != null ? l.cause : null;
        if (cause != null) {
            details.put("unavailable", String.valueOf(cause));
        }
        String binding = (library != null ? library : "libc.a") + " (JNA direct mapping; sctp_peeloff(int, "
                + "sctp_assoc_t *) by pointer; sctp_opt_info and sctp_bindx looked up on first use)";
        return new Capabilities(ID, os(), binding, Capabilities.FlagSupport.EMULATED, nativeList, false, unverified,
                unsupported, details);
    }

    // ---- errors ----------------------------------------------------------------------------------

    /**
     * The exception for a failed native call: the one place an AIX errno number becomes a name and a
     * portable error.
     *
     * @param call  the native call
     * @param text  the call with its arguments
     * @param errno the AIX errno, read right after the call
     * @return the exception
     */
    SctpException fail(NativeCall call, String text, int errno) {
        return PortableErrors.exception(call, text, errno, AixAbi.errnoName(errno), os());
    }

    // ---- sockets ---------------------------------------------------------------------------------

    /**
     * {@code socket(AF_INET|AF_INET6, SOCK_SEQPACKET, IPPROTO_SCTP)}, then close-on-exec with
     * {@code fcntl}, then (when the values are known) the event subscription.
     *
     * @throws SctpException {@code UNSUPPORTED_SOCKET} for {@link SocketStyle#ONE_TO_ONE}, before any
     *                       native call: AIX documents only one-to-many SCTP sockets
     */
    @Override
    public int socket(ProtocolFamily family, SocketStyle style) throws SctpException {
        String call = "socket(" + family + ", " + style + ")";
        if (style == SocketStyle.ONE_TO_ONE) {
            throw SctpException.rejected(SctpError.UNSUPPORTED_SOCKET, call,
                    "AIX documents only one-to-many (UDP-style, SOCK_SEQPACKET) SCTP sockets (IBM, \"SCTP socket "
                            + "APIs\": \"only support for UDP-style socket syntax is provided\"); a one-to-one socket "
                            + "is made by peeling an association off");
        }
        int domain;
        if (family == StandardProtocolFamily.INET) {
            domain = AixAbi.AF_INET;
        } else if (family == StandardProtocolFamily.INET6) {
            domain = AixAbi.AF_INET6;
        } else {
            throw new IllegalArgumentException("SCTP needs INET or INET6, not " + family);
        }
        AixAbiConfig c = ready(call);
        int fd = AixLibc.socket(domain, AixAbi.SOCK_SEQPACKET, AixAbi.IPPROTO_SCTP);
        if (fd < 0) {
            throw fail(NativeCall.SOCKET, "socket(" + (domain == AixAbi.AF_INET ? "AF_INET" : "AF_INET6=24")
                    + ", SOCK_SEQPACKET, IPPROTO_SCTP)", AixLibc.errno());
        }
        tracked.remove(fd);
        try {
            setCloseOnExec(fd, true);
            if (c.supports(Feature.EVENTS)) {
                subscribe(c, fd);
            }
            return fd;
        } catch (SctpException | RuntimeException e) {
            closeQuietly(fd, e);
            throw e;
        }
    }

    private void subscribe(AixAbiConfig c, int fd) throws SctpException {
        int size = c.get(Unknown.EVENT_SUBSCRIBE_SIZE);
        int level = c.get(Unknown.SOL_SCTP);
        int option = c.get(Unknown.SCTP_EVENTS);
        String text = "setsockopt(fd=" + fd + ", SOL_SCTP=" + level + ", SCTP_EVENTS=" + option + ", size " + size + ")";
        int[] fields = {c.get(Unknown.EV_DATA_IO), c.get(Unknown.EV_ASSOCIATION), c.get(Unknown.EV_SHUTDOWN)};
        for (int off : fields) {
            if (off < 0 || off >= size) {
                throw SctpException.rejected(SctpError.UNSUPPORTED, text, "a struct sctp_event_subscribe field offset ("
                        + off + ") lies outside its configured size " + size);
            }
        }
        AixScratch s = AixScratch.get();
        Pointer v = size <= AixScratch.OPTVAL_SIZE ? s.optval : s.bounce(size);
        v.setMemory(0, size, (byte) 0);
        for (int off : fields) {
            v.setByte(off, (byte) 1);
        }
        if (AixLibc.setsockopt(fd, level, option, v, size) != 0) {
            throw fail(NativeCall.SETSOCKOPT, text, AixLibc.errno());
        }
    }

    private void closeQuietly(int fd, Exception primary) {
        if (AixLibc.close(fd) != 0) {
            primary.addSuppressed(fail(NativeCall.CLOSE, "close(fd=" + fd + ")", AixLibc.errno()));
        }
        tracked.remove(fd);
    }

    @Override
    public void bind(int fd, InetSocketAddress address) throws SctpException {
        String text = "bind(fd=" + fd + ", " + address + ")";
        ready(text);
        AixScratch s = AixScratch.get();
        int len = AixSockaddr.write(s.name, address);
        if (AixLibc.bind(fd, s.name, len) != 0) {
            throw fail(NativeCall.BIND, text, AixLibc.errno());
        }
    }

    /**
     * {@code sctp_bindx} with a packed array of AIX sockaddrs.
     *
     * @throws SctpException {@code UNSUPPORTED} when the flag values are unknown or no library has the symbol
     */
    @Override
    public void bindx(int fd, List<InetSocketAddress> addresses, boolean add) throws SctpException {
        String text = "sctp_bindx(fd=" + fd + ", " + addresses + ", " + (add ? "SCTP_BINDX_ADD_ADDR" : "SCTP_BINDX_REM_ADDR") + ")";
        AixAbiConfig c = values(text);
        c.require(Feature.BINDX, text);
        ready(text);
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("no address given");
        }
        Function f;
        try {
            f = AixLibc.bindx();
        } catch (UnsatisfiedLinkError e) {
            throw SctpException.rejected(SctpError.UNSUPPORTED, text, "no sctp_bindx in libc nor in -D"
                    + AixLibc.LIBSCTP_PROPERTY + " (" + System.getProperty(AixLibc.LIBSCTP_PROPERTY, AixLibc.DEFAULT_LIBSCTP)
                    + "): " + e.getMessage());
        }
        AixScratch s = AixScratch.get();
        Pointer buf = s.bounce((long) addresses.size() * AixAbi.SIZEOF_SOCKADDR_IN6);
        long at = 0;
        for (InetSocketAddress a : addresses) {
            at += AixSockaddr.write(buf.share(at), a);
        }
        int flag = c.get(add ? Unknown.SCTP_BINDX_ADD_ADDR : Unknown.SCTP_BINDX_REM_ADDR);
        if (f.invokeInt(new Object[] {fd, buf, addresses.size(), flag}) != 0) {
            throw fail(NativeCall.BINDX, text, AixLibc.errno());
        }
    }

    @Override
    public void listen(int fd, int backlog) throws SctpException {
        String text = "listen(fd=" + fd + ", " + backlog + ")";
        ready(text);
        if (AixLibc.listen(fd, backlog) != 0) {
            throw fail(NativeCall.LISTEN, text, AixLibc.errno());
        }
    }

    @Override
    public void connect(int fd, InetSocketAddress remote) throws SctpException {
        String text = "connect(fd=" + fd + ", " + remote + ")";
        ready(text);
        AixScratch s = AixScratch.get();
        int len = AixSockaddr.write(s.name, remote);
        if (AixLibc.connect(fd, s.name, len) != 0) {
            throw fail(NativeCall.CONNECT, text, AixLibc.errno());
        }
    }

    // ---- data ------------------------------------------------------------------------------------

    /**
     * {@code sendmsg} with an {@code SCTP_SNDRCV} control message (12-byte AIX header, RFC 6458
     * {@code sctp_sndrcvinfo}) when an association, stream, ppid or unordered delivery is asked for; a
     * message to an address on stream 0 with ppid 0 needs no control data.
     *
     * @throws SctpException {@code UNSUPPORTED} when the control message's values are unknown
     */
    @Override
    public int send(int fd, ByteBuffer src, int assocId, InetSocketAddress to, int stream, int ppid,
                    boolean unordered, boolean dontWait) throws SctpException {
        String text = "sendmsg(fd=" + fd + ", assoc=" + Integer.toUnsignedString(assocId)
                + (to != null ? ", to=" + to : "") + ", stream=" + stream + ", ppid=" + ppid
                + (unordered ? ", unordered" : "") + ")";
        AixAbiConfig c = values(text);
        boolean info = assocId != 0 || stream != 0 || ppid != 0 || unordered;
        if (info) {
            c.require(Feature.SEND_INFO, text);
        }
        if (unordered) {
            c.require(Feature.SEND_UNORDERED, text);
        }
        ready(text);
        AixScratch s = AixScratch.get();
        int len = src.remaining();
        Pointer data = s.memoryFor(src, len);
        if (!src.isDirect() && len > 0) {
            data.write(0, src.array(), src.arrayOffset() + src.position(), len);
        }
        Pointer msg = s.msghdr;
        msg.setMemory(0, AixAbi.SIZEOF_MSGHDR, (byte) 0);
        if (to != null) {
            msg.setPointer(AixAbi.MSGHDR_NAME, s.name);
            msg.setInt(AixAbi.MSGHDR_NAMELEN, AixSockaddr.write(s.name, to));
        }
        s.iov.setPointer(0, data);
        s.iov.setLong(AixAbi.IOV_LEN, len);
        msg.setPointer(AixAbi.MSGHDR_IOV, s.iov);
        msg.setInt(AixAbi.MSGHDR_IOVLEN, 1);
        if (info) {
            int controlLen = sndrcv(c, s.control, assocId, stream, ppid, unordered, text);
            msg.setPointer(AixAbi.MSGHDR_CONTROL, s.control);
            msg.setInt(AixAbi.MSGHDR_CONTROLLEN, controlLen);
        }
        long n = AixLibc.sendmsg(fd, msg, AixAbi.MSG_NOSIGNAL | (dontWait ? AixAbi.MSG_NONBLOCK : 0));
        if (n < 0) {
            int errno = AixLibc.errno();
            if (dontWait && errno == AixAbi.EAGAIN) {
                return -1;
            }
            throw fail(NativeCall.SEND, text, errno);
        }
        src.position(src.position() + (int) n);
        return (int) n;
    }

    /** Writes one SCTP_SNDRCV control message; returns its length (AIX: no padding after it). */
    private static int sndrcv(AixAbiConfig c, Pointer p, int assocId, int stream, int ppid, boolean unordered,
                              String text) throws SctpException {
        int size = c.get(Unknown.SNDRCVINFO_SIZE);
        int total = AixAbi.CMSG_DATA + size;
        if (total > AixScratch.CONTROL_SIZE) {
            throw SctpException.rejected(SctpError.UNSUPPORTED, text, "a configured sizeof(struct sctp_sndrcvinfo) of "
                    + size + " does not fit the provider's control buffer");
        }
        p.setMemory(0, total, (byte) 0);
        p.setInt(AixAbi.CMSG_LEN, total);
        p.setInt(AixAbi.CMSG_LEVEL, c.get(Unknown.SOL_SCTP));
        p.setInt(AixAbi.CMSG_TYPE, c.get(Unknown.SCTP_SNDRCV));
        Pointer info = p.share(AixAbi.CMSG_DATA);
        info.setShort(c.get(Unknown.SINFO_STREAM), (short) stream);
        info.setShort(c.get(Unknown.SINFO_FLAGS), (short) (unordered ? c.get(Unknown.SCTP_UNORDERED) : 0));
        info.setInt(c.get(Unknown.SINFO_PPID), ppid);
        info.setInt(c.get(Unknown.SINFO_ASSOC_ID), assocId);
        return total;
    }

    /**
     * {@code recvmsg}: a notification ({@code MSG_NOTIFICATION}) is parsed into a typed event when its
     * type is known; for data the association, stream and ppid come from the {@code SCTP_SNDRCV}
     * control message. The peer address {@code recvmsg} reports is remembered per association (for
     * {@link #peerAddresses}), and association changes update the tracked association list.
     *
     * @throws SctpException {@code UNSUPPORTED} (before any native call) when the values receive needs
     *                       are unknown; {@code NOT_CONNECTED} when a one-to-one association has ended
     */
    @Override
    public boolean receive(int fd, ByteBuffer dst, ReceiveInfo info, boolean dontWait) throws SctpException {
        String text = "recvmsg(fd=" + fd + ")";
        AixAbiConfig c = values(text);
        c.require(Feature.RECEIVE, text);
        ready(text);
        if (dst.isReadOnly()) {
            throw new IllegalArgumentException("read-only buffer");
        }
        int capacity = dst.remaining();
        if (capacity == 0) {
            throw SctpException.rejected(SctpError.INVALID_ARGUMENT, text, "the buffer has no room left");
        }
        AixScratch s = AixScratch.get();
        Pointer data = s.memoryFor(dst, capacity);
        Pointer msg = s.msghdr;
        msg.setPointer(AixAbi.MSGHDR_NAME, s.name);
        msg.setInt(AixAbi.MSGHDR_NAMELEN, AixScratch.NAME_SIZE);
        s.iov.setPointer(0, data);
        s.iov.setLong(AixAbi.IOV_LEN, capacity);
        msg.setPointer(AixAbi.MSGHDR_IOV, s.iov);
        msg.setInt(AixAbi.MSGHDR_IOVLEN, 1);
        msg.setPointer(AixAbi.MSGHDR_CONTROL, s.control);
        msg.setInt(AixAbi.MSGHDR_CONTROLLEN, AixScratch.CONTROL_SIZE);
        msg.setInt(AixAbi.MSGHDR_FLAGS, 0);
        long n = AixLibc.recvmsg(fd, msg, dontWait ? AixAbi.MSG_NONBLOCK : 0);
        if (n < 0) {
            int errno = AixLibc.errno();
            if (dontWait && errno == AixAbi.EAGAIN) {
                return false;
            }
            throw fail(NativeCall.RECEIVE, text, errno);
        }
        if (n == 0) {
            throw new SctpException(SctpError.NOT_CONNECTED, text, AixAbi.ENOTCONN, "ENOTCONN", os(),
                    "recvmsg returned 0: the association has ended");
        }
        int bytes = (int) n;
        if (!dst.isDirect()) {
            data.read(0, dst.array(), dst.arrayOffset() + dst.position(), bytes);
        }
        dst.position(dst.position() + bytes);
        int flags = msg.getInt(AixAbi.MSGHDR_FLAGS);
        info.bytes = bytes;
        info.complete = (flags & AixAbi.MSG_EOR) != 0;
        InetSocketAddress from = AixSockaddr.read(s.name, msg.getInt(AixAbi.MSGHDR_NAMELEN));
        if ((flags & c.get(Unknown.MSG_NOTIFICATION)) != 0) {
            info.isNotification = true;
            info.notification = notification(c, fd, data, bytes, from);
            info.assocId = assocOf(info.notification);
            return true;
        }
        readSndrcv(c, s, msg.getInt(AixAbi.MSGHDR_CONTROLLEN), info);
        if (from != null && info.assocId != 0) {
            Tracked t = tracked.get(fd);
            if (t != null && !t.peers.containsKey(info.assocId)) {
                t.peers.put(info.assocId, from);
            }
        }
        return true;
    }

    private static int assocOf(SctpNotification n) {
        if (n instanceof AssociationChange a) {
            return a.association().value();
        }
        if (n instanceof ShutdownEvent e) {
            return e.association().value();
        }
        return ((OtherNotification) n).association().value();
    }

    private static void readSndrcv(AixAbiConfig c, AixScratch s, int controlLen, ReceiveInfo info) {
        int level = c.get(Unknown.SOL_SCTP);
        int type = c.get(Unknown.SCTP_SNDRCV);
        int need = Math.max(Math.max(c.get(Unknown.SINFO_STREAM) + 2, c.get(Unknown.SINFO_FLAGS) + 2),
                Math.max(c.get(Unknown.SINFO_PPID) + 4, c.get(Unknown.SINFO_ASSOC_ID) + 4));
        int end = Math.min(controlLen, AixScratch.CONTROL_SIZE);
        int at = 0;
        while (at + AixAbi.SIZEOF_CMSGHDR <= end) {
            int len = s.control.getInt(at + AixAbi.CMSG_LEN);
            if (len < AixAbi.SIZEOF_CMSGHDR || at + len > end) {
                return;
            }
            if (s.control.getInt(at + AixAbi.CMSG_LEVEL) == level && s.control.getInt(at + AixAbi.CMSG_TYPE) == type
                    && len - AixAbi.CMSG_DATA >= need) {
                Pointer p = s.control.share(at + AixAbi.CMSG_DATA);
                info.stream = p.getShort(c.get(Unknown.SINFO_STREAM)) & 0xffff;
                info.ppid = p.getInt(c.get(Unknown.SINFO_PPID));
                info.assocId = p.getInt(c.get(Unknown.SINFO_ASSOC_ID));
                int sinfoFlags = p.getShort(c.get(Unknown.SINFO_FLAGS)) & 0xffff;
                info.unordered = c.supports(Feature.RECEIVE_UNORDERED) && (sinfoFlags & c.get(Unknown.SCTP_UNORDERED)) != 0;
                return;
            }
            at += len;   // abi.tsv aix "CMSG alignment (bytes)": 1, no padding to skip
        }
    }

    /** Parses a notification; a type this provider cannot name stays an {@link OtherNotification}. */
    private SctpNotification notification(AixAbiConfig c, int fd, Pointer p, int bytes, InetSocketAddress from) {
        int typeAt = c.getOr(Unknown.SAC_TYPE, 0);
        int type = bytes >= typeAt + 2 ? p.getShort(typeAt) & 0xffff : -1;
        if (c.supports(Feature.NOTIFICATIONS)) {
            if (type == c.get(Unknown.SCTP_ASSOC_CHANGE) && bytes >= c.get(Unknown.ASSOC_CHANGE_SIZE)) {
                int id = p.getInt(c.get(Unknown.SAC_ASSOC_ID));
                AssociationChange.State state = state(c, p.getShort(c.get(Unknown.SAC_STATE)) & 0xffff);
                if (state == null) {
                    return new OtherNotification(AssociationId.of(id), type, bytes);
                }
                track(fd, id, state, from);
                return new AssociationChange(AssociationId.of(id), state, p.getShort(c.get(Unknown.SAC_ERROR)) & 0xffff,
                        p.getShort(c.get(Unknown.SAC_OUTBOUND_STREAMS)) & 0xffff,
                        p.getShort(c.get(Unknown.SAC_INBOUND_STREAMS)) & 0xffff);
            }
            if (type == c.get(Unknown.SCTP_SHUTDOWN_EVENT) && bytes >= c.get(Unknown.SSE_ASSOC_ID) + 4) {
                return new ShutdownEvent(AssociationId.of(p.getInt(c.get(Unknown.SSE_ASSOC_ID))));
            }
        }
        return new OtherNotification(AssociationId.of(0), type, bytes);
    }

    private static AssociationChange.State state(AixAbiConfig c, int value) {
        if (value == c.get(Unknown.SCTP_COMM_UP)) {
            return AssociationChange.State.COMMUNICATION_UP;
        }
        if (value == c.get(Unknown.SCTP_COMM_LOST)) {
            return AssociationChange.State.COMMUNICATION_LOST;
        }
        if (value == c.get(Unknown.SCTP_RESTART)) {
            return AssociationChange.State.RESTART;
        }
        if (value == c.get(Unknown.SCTP_SHUTDOWN_COMP)) {
            return AssociationChange.State.SHUTDOWN_COMPLETE;
        }
        if (value == c.get(Unknown.SCTP_CANT_STR_ASSOC)) {
            return AssociationChange.State.CANNOT_START;
        }
        return null;
    }

    private void track(int fd, int id, AssociationChange.State state, InetSocketAddress from) {
        switch (state) {
            case COMMUNICATION_UP, RESTART -> {
                Tracked t = tracked.computeIfAbsent(fd, k -> new Tracked());
                t.associations.add(id);
                if (from != null) {
                    t.peers.put(id, from);
                }
            }
            default -> {
                Tracked t = tracked.get(fd);
                if (t != null) {
                    t.associations.remove(id);
                    t.peers.remove(id);
                }
            }
        }
    }

    /**
     * The associations of a one-to-many socket: from the kernel with
     * {@code sctp_opt_info(SCTP_GET_ASSOC_ID_LIST)} ({@code size_t *} length) when that option's number
     * is known, else tracked from the association-change events {@link #receive} saw.
     *
     * @throws SctpException {@code UNSUPPORTED} when neither way is possible with the known values
     */
    @Override
    public int[] associations(int fd) throws SctpException {
        String text = "associations(fd=" + fd + ")";
        AixAbiConfig c = values(text);
        if (!c.supports(Feature.NATIVE_ASSOCIATION_LIST)
                && (!c.supports(Feature.RECEIVE) || !c.supports(Feature.NOTIFICATIONS))) {
            c.require(Feature.NATIVE_ASSOCIATION_LIST, text);
        }
        ready(text);
        if (c.supports(Feature.NATIVE_ASSOCIATION_LIST)) {
            return nativeAssociations(c, fd);
        }
        // no native call lists them: make sure the descriptor is at least open, as the kernel would
        if (AixLibc.fcntl(fd, AixAbi.F_GETFD, 0) < 0) {
            throw fail(NativeCall.FCNTL, "fcntl(fd=" + fd + ", F_GETFD)", AixLibc.errno());
        }
        Tracked t = tracked.get(fd);
        if (t == null) {
            return new int[0];
        }
        return t.associations.stream().mapToInt(Integer::intValue).toArray();
    }

    private int[] nativeAssociations(AixAbiConfig c, int fd) throws SctpException {
        int option = c.get(Unknown.SCTP_GET_ASSOC_ID_LIST);
        String text = "sctp_opt_info(fd=" + fd + ", 0, SCTP_GET_ASSOC_ID_LIST=" + option + ")";
        Function f;
        try {
            f = AixLibc.optInfo();
        } catch (UnsatisfiedLinkError e) {
            throw SctpException.rejected(SctpError.UNSUPPORTED, text, "no sctp_opt_info in the library: " + e.getMessage());
        }
        AixScratch s = AixScratch.get();
        Pointer buf = s.bounce(ASSOC_LIST_BYTES);
        buf.setMemory(0, ASSOC_LIST_BYTES, (byte) 0);
        s.len.setLong(0, ASSOC_LIST_BYTES);   // size_t, 8 bytes
        if (f.invokeInt(new Object[] {fd, 0, option, buf, s.len}) != 0) {
            throw fail(NativeCall.GETSOCKOPT, text, AixLibc.errno());
        }
        long got = s.len.getLong(0);
        int first = c.get(Unknown.GAIDS_ASSOC_ID);
        int count = buf.getInt(0);
        long fits = (Math.min(got, ASSOC_LIST_BYTES) - first) / AixAbi.SIZEOF_SCTP_ASSOC_T;
        if (count < 0 || count > fits) {
            throw SctpException.rejected(SctpError.OTHER, text, "the kernel reported " + count
                    + " associations in " + got + " bytes");
        }
        int[] ids = new int[count];
        for (int i = 0; i < count; i++) {
            ids[i] = buf.getInt(first + (long) i * AixAbi.SIZEOF_SCTP_ASSOC_T);
        }
        return ids;
    }

    // ---- peel-off --------------------------------------------------------------------------------

    /**
     * {@code sctp_peeloff(fd, &id)} with the id in this thread's native scratch memory, then the options
     * with {@code fcntl} ({@link EmulatedPeeloffFlags#apply}; the new descriptor is closed if that fails).
     * The association leaves the tracked list of {@code fd}.
     */
    @Override
    public int peeloff(int fd, int assocId, Set<PeeloffOption> options) throws SctpException {
        EmulatedPeeloffFlags.checkStrict(this, fd, assocId, options);
        String text = "sctp_peeloff(fd=" + fd + ", &assoc=" + Integer.toUnsignedString(assocId) + ")";
        ready(text);
        checkFreeDescriptor(fd, text);
        AixScratch s = AixScratch.get();
        s.assocId.setInt(0, assocId);
        int newFd = AixLibc.sctp_peeloff(fd, s.assocId);
        if (newFd < 0) {
            throw peeloffFailure(fd, text, AixLibc.errno());
        }
        Tracked t = tracked.get(fd);
        if (t != null) {
            t.associations.remove(assocId);
            t.peers.remove(assocId);
        }
        tracked.remove(newFd);
        return EmulatedPeeloffFlags.apply(this, newFd, options);
    }

    /**
     * "The per-process descriptor table is full" is checked before peeling, with a spare descriptor
     * taken and given back at once: a kernel that moves the association to the new socket before it
     * finds a descriptor for it (Linux does, under the personality; what AIX does is not documented)
     * would otherwise lose the association, which must stay usable on {@code fd}. A descriptor another
     * thread takes in between can still make the peel-off itself fail with EMFILE.
     */
    private void checkFreeDescriptor(int fd, String text) throws SctpException {
        int spare = AixLibc.fcntl(fd, AixAbi.F_DUPFD, 0);
        if (spare >= 0) {
            AixLibc.close(spare);
            return;
        }
        int errno = AixLibc.errno();
        if (errno == AixAbi.EMFILE) {
            throw new SctpException(SctpError.TOO_MANY_OPEN_FILES, text, errno, "EMFILE", os(),
                    "no free descriptor for the new socket (checked before peeling: the association stays on fd " + fd + ")");
        }
        // anything else (EBADF...) is left for sctp_peeloff itself to report, in its own words
    }

    /**
     * EINVAL from a peel-off means "no such association" (every man page), unless the socket is itself
     * one-to-one: a socket with a peer ({@code getpeername} succeeds) is a peeled-off socket, so the
     * answer is {@code NOT_ONE_TO_MANY}.
     */
    private SctpException peeloffFailure(int fd, String text, int errno) {
        SctpException e = fail(NativeCall.PEELOFF, text, errno);
        if (errno == AixAbi.EINVAL && hasPeer(fd)) {
            return new SctpException(SctpError.NOT_ONE_TO_MANY, text, errno, "EINVAL", os(),
                    "the socket has a peer (getpeername succeeds): it is a one-to-one socket, nothing can be "
                            + "peeled off it");
        }
        return e;
    }

    private static boolean hasPeer(int fd) {
        AixScratch s = AixScratch.get();
        s.len.setInt(0, AixScratch.NAME_SIZE);
        return AixLibc.getpeername(fd, s.name, s.len) == 0;
    }

    // ---- descriptors -----------------------------------------------------------------------------

    /** The C calls of the poll(2) backend, over this provider's own binding. */
    private static final PollCalls POLL_CALLS = new PollCalls() {
        @Override
        public int poll(Pointer fds, long nfds, int timeout) {
            return AixLibc.poll(fds, (int) nfds, timeout);
        }

        @Override
        public int pipe(Pointer fds) {
            return AixLibc.pipe(fds);
        }

        @Override
        public long read(int fd, Pointer buf, long count) {
            return AixLibc.read(fd, buf, count);
        }

        @Override
        public long write(int fd, Pointer buf, long count) {
            return AixLibc.write(fd, buf, count);
        }

        @Override
        public int fcntl(int fd, int cmd, int arg) {
            return AixLibc.fcntl(fd, cmd, arg);
        }

        @Override
        public int close(int fd) {
            return AixLibc.close(fd);
        }

        @Override
        public int errno() {
            return AixLibc.errno();
        }
    };

    /**
     * {@inheritDoc} The portable {@code poll(2)} backend with AIX's numbers ({@code POLLOUT} 2,
     * {@code POLLERR} 0x4000, ...); AIX's own {@code pollset} is not bound yet.
     */
    @Override
    public Poller openPoller() throws SctpException {
        ready("openPoller()");
        return new PollPoller(POLL_CALLS,
                new SctpLayout.Poll(AixAbi.SIZEOF_POLLFD, 0, AixAbi.POLLFD_EVENTS, AixAbi.POLLFD_REVENTS, AixAbi.POLLIN,
                        AixAbi.POLLOUT, AixAbi.POLLERR, AixAbi.POLLHUP, AixAbi.POLLNVAL),
                new SctpLayout.Fcntl(AixAbi.F_GETFD, AixAbi.F_SETFD, AixAbi.F_GETFL, AixAbi.F_SETFL, AixAbi.F_DUPFD,
                        AixAbi.FD_CLOEXEC, AixAbi.O_NONBLOCK, 0),
                AixAbi.EINTR, AixAbi::errnoName, os());
    }

    @Override
    public boolean poll(int fd, boolean write, int timeoutMillis) throws SctpException {
        String text = "poll(fd=" + fd + ", " + (write ? "POLLOUT" : "POLLIN") + ", " + timeoutMillis + " ms)";
        ready(text);
        AixScratch s = AixScratch.get();
        short events = (short) (write ? AixAbi.POLLOUT : AixAbi.POLLIN);
        long deadline = timeoutMillis > 0 ? System.nanoTime() + timeoutMillis * 1_000_000L : 0;
        int timeout = timeoutMillis;
        while (true) {
            s.pollfd.setInt(0, fd);
            s.pollfd.setShort(AixAbi.POLLFD_EVENTS, events);
            s.pollfd.setShort(AixAbi.POLLFD_REVENTS, (short) 0);
            int rc = AixLibc.poll(s.pollfd, 1, timeout);
            if (rc >= 0) {
                int revents = s.pollfd.getShort(AixAbi.POLLFD_REVENTS) & 0xffff;
                // an error, hang-up or closed descriptor also ends the wait: the next call reports it
                return rc > 0 && (revents & (events | AixAbi.POLLERR | AixAbi.POLLHUP | AixAbi.POLLNVAL)) != 0;
            }
            int errno = AixLibc.errno();
            if (errno != AixAbi.EINTR) {
                throw fail(NativeCall.POLL, text, errno);
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

    /** Sets or clears {@code O_NONBLOCK} (4 on AIX; never {@code O_NDELAY}). */
    @Override
    public void setBlocking(int fd, boolean blocking) throws SctpException {
        String text = "fcntl(fd=" + fd + ", F_SETFL, " + (blocking ? "~O_NONBLOCK" : "O_NONBLOCK") + ")";
        ready(text);
        int flags = AixLibc.fcntl(fd, AixAbi.F_GETFL, 0);
        if (flags < 0) {
            throw fail(NativeCall.FCNTL, "fcntl(fd=" + fd + ", F_GETFL)", AixLibc.errno());
        }
        int wanted = blocking ? flags & ~AixAbi.O_NONBLOCK : flags | AixAbi.O_NONBLOCK;
        if (wanted != flags && AixLibc.fcntl(fd, AixAbi.F_SETFL, wanted) < 0) {
            throw fail(NativeCall.FCNTL, text, AixLibc.errno());
        }
    }

    @Override
    public boolean isBlocking(int fd) throws SctpException {
        String text = "fcntl(fd=" + fd + ", F_GETFL)";
        ready(text);
        int flags = AixLibc.fcntl(fd, AixAbi.F_GETFL, 0);
        if (flags < 0) {
            throw fail(NativeCall.FCNTL, text, AixLibc.errno());
        }
        return (flags & AixAbi.O_NONBLOCK) == 0;
    }

    @Override
    public boolean isCloseOnExec(int fd) throws SctpException {
        String text = "fcntl(fd=" + fd + ", F_GETFD)";
        ready(text);
        int flags = AixLibc.fcntl(fd, AixAbi.F_GETFD, 0);
        if (flags < 0) {
            throw fail(NativeCall.FCNTL, text, AixLibc.errno());
        }
        return (flags & AixAbi.FD_CLOEXEC) != 0;
    }

    @Override
    public void setCloseOnExec(int fd, boolean closeOnExec) throws SctpException {
        String text = "fcntl(fd=" + fd + ", F_SETFD, " + (closeOnExec ? "FD_CLOEXEC" : "0") + ")";
        ready(text);
        if (AixLibc.fcntl(fd, AixAbi.F_SETFD, closeOnExec ? AixAbi.FD_CLOEXEC : 0) < 0) {
            throw fail(NativeCall.FCNTL, text, AixLibc.errno());
        }
    }

    /**
     * {@code SO_SNDBUF} / {@code SO_RCVBUF} at {@code SOL_SOCKET} (0xffff), {@code SCTP_NODELAY} at the
     * SCTP level.
     *
     * @throws SctpException {@code UNSUPPORTED} for {@code NODELAY} while its number is unknown
     */
    @Override
    public int getOption(int fd, SocketOption option) throws SctpException {
        String text = "getsockopt(fd=" + fd + ", " + option + ")";
        int[] lo = levelAndName(values(text), option, text);
        ready(text);
        AixScratch s = AixScratch.get();
        s.optval.setInt(0, 0);
        s.len.setInt(0, 4);
        if (AixLibc.getsockopt(fd, lo[0], lo[1], s.optval, s.len) != 0) {
            throw fail(NativeCall.GETSOCKOPT, text, AixLibc.errno());
        }
        return s.optval.getInt(0);
    }

    @Override
    public void setOption(int fd, SocketOption option, int value) throws SctpException {
        String text = "setsockopt(fd=" + fd + ", " + option + ", " + value + ")";
        int[] lo = levelAndName(values(text), option, text);
        ready(text);
        AixScratch s = AixScratch.get();
        s.optval.setInt(0, value);
        if (AixLibc.setsockopt(fd, lo[0], lo[1], s.optval, 4) != 0) {
            throw fail(NativeCall.SETSOCKOPT, text, AixLibc.errno());
        }
    }

    private static int[] levelAndName(AixAbiConfig c, SocketOption option, String text) throws SctpException {
        switch (option) {
            case SEND_BUFFER:
                return new int[] {AixAbi.SOL_SOCKET, AixAbi.SO_SNDBUF};
            case RECEIVE_BUFFER:
                return new int[] {AixAbi.SOL_SOCKET, AixAbi.SO_RCVBUF};
            case NODELAY:
                c.require(Feature.NODELAY, text);
                return new int[] {c.get(Unknown.SOL_SCTP), c.get(Unknown.SCTP_NODELAY)};
            default:
                throw new IllegalArgumentException("unknown option " + option);
        }
    }

    /** The address {@code getsockname} reports (AIX documents no {@code sctp_getladdrs}). */
    @Override
    public List<InetSocketAddress> localAddresses(int fd) throws SctpException {
        String text = "getsockname(fd=" + fd + ")";
        ready(text);
        AixScratch s = AixScratch.get();
        s.len.setInt(0, AixScratch.NAME_SIZE);
        if (AixLibc.getsockname(fd, s.name, s.len) != 0) {
            throw fail(NativeCall.ADDRESSES, text, AixLibc.errno());
        }
        InetSocketAddress a = AixSockaddr.read(s.name, s.len.getInt(0));
        return a == null ? List.of() : List.of(a);
    }

    /**
     * On a one-to-many socket, the address {@code recvmsg} reported with the association's messages and
     * notifications; on a one-to-one (peeled-off) socket, {@code getpeername}. AIX documents no
     * {@code sctp_getpaddrs}.
     */
    @Override
    public List<InetSocketAddress> peerAddresses(int fd, int assocId) throws SctpException {
        String text = "peerAddresses(fd=" + fd + ", assoc=" + Integer.toUnsignedString(assocId) + ")";
        ready(text);
        Tracked t = tracked.get(fd);
        InetSocketAddress seen = t == null ? null : t.peers.get(assocId);
        if (seen != null) {
            return List.of(seen);
        }
        AixScratch s = AixScratch.get();
        s.len.setInt(0, AixScratch.NAME_SIZE);
        if (AixLibc.getpeername(fd, s.name, s.len) != 0) {
            int errno = AixLibc.errno();
            SctpException e = fail(NativeCall.ADDRESSES, "getpeername(fd=" + fd + ")", errno);
            if (errno == AixAbi.ENOTCONN) {
                return rethrow(new SctpException(SctpError.NO_SUCH_ASSOCIATION, text, errno, "ENOTCONN", os(),
                        "no peer address of this association has been seen on this one-to-many socket (AIX documents "
                                + "no sctp_getpaddrs; the provider learns addresses from recvmsg)"), e);
            }
            throw e;
        }
        InetSocketAddress a = AixSockaddr.read(s.name, s.len.getInt(0));
        return a == null ? List.of() : List.of(a);
    }

    private static <T> T rethrow(SctpException e, SctpException cause) throws SctpException {
        e.addSuppressed(cause);
        throw e;
    }

    @Override
    public void close(int fd) throws SctpException {
        String text = "close(fd=" + fd + ")";
        ready(text);
        tracked.remove(fd);
        if (AixLibc.close(fd) != 0) {
            throw fail(NativeCall.CLOSE, text, AixLibc.errno());
        }
    }

    @Override
    public String toString() {
        return "AixSctpProvider[" + os() + "]";
    }
}
