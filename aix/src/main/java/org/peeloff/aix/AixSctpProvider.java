/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.aix;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.peeloff.Capabilities;
import org.peeloff.SctpError;
import org.peeloff.SctpException;
import org.peeloff.aix.AixAbi.Feature;
import org.peeloff.jna.PosixCalls;
import org.peeloff.spi.NativeCall;
import org.peeloff.spi.NativeSctpProvider;
import org.peeloff.spi.PortableErrors;
import org.peeloff.spi.SctpOperations;

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
 *       the peel-off ({@link org.peeloff.spi.EmulatedPeeloffFlags}); {@code STRICT} refuses that.</li>
 *   <li>Only one-to-many ("UDP-style", {@code SOCK_SEQPACKET}) sockets: "in AIX 5.3, only support for
 *       UDP-style socket syntax is provided". {@code socket(ONE_TO_ONE)} fails {@code UNSUPPORTED_SOCKET}
 *       before any native call.</li>
 *   <li>The payload protocol identifier is carried in network byte order; {@code sac_error} is read in
 *       network byte order, as Linux fills it (both unverified on AIX).</li>
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
 * <p>The socket code itself is the shared POSIX layer's ({@link org.peeloff.jna.PosixSctp}, with its
 * contracts: EINTR retried, {@code poll} without limit on a negative time-out and POLLNVAL
 * {@code BAD_DESCRIPTOR}, {@code close} after EINTR a success); {@link AixLayout} gives it AIX's numbers
 * and layouts, jna-support's {@code Libc} the C calls (bound by {@code AixLibc}), and {@code AixSockets} what AIX does differently.
 *
 * <p>Other libraries: {@code -Dorg.peeloff.aix.library=<path>} binds the AIX entry points from that
 * library instead of libc (how the tests run this provider over the AIX ABI personality on a Linux
 * kernel). Constructing the provider and {@link #id()}, {@link #matchesCurrentOs()}, {@link #priority()}
 * load nothing native; {@link #isAvailable()} does, once.
 */
public final class AixSctpProvider extends NativeSctpProvider {
    /** The provider id. */
    public static final String ID = "aix";
    private static final int PRIORITY = 100;

    private final AixAbiConfig fixedConfig;
    private final String fixedLibrary;
    /** For tests: the C calls to use instead of binding a library, or null. */
    private final PosixCalls fixedCalls;
    private final Object lock = new Object();
    private volatile Configured configured;

    /**
     * The provider as {@link java.util.ServiceLoader} makes it: values and library from the system
     * properties, read when first needed.
     */
    public AixSctpProvider() {
        this(null, (String) null);
    }

    /**
     * A provider with explicit values and library (tests and tools).
     *
     * @param config  the values, or null to read the system properties
     * @param library the library to bind, or null for {@code -Dorg.peeloff.aix.library} / libc
     */
    AixSctpProvider(AixAbiConfig config, String library) {
        this(config, library, null);
    }

    private AixSctpProvider(AixAbiConfig config, String library, PosixCalls calls) {
        super(ID, "AIX", PRIORITY);
        this.fixedConfig = config;
        this.fixedLibrary = library;
        this.fixedCalls = calls;
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

    /**
     * For tests: a provider that binds no library and makes its C calls through {@code calls}.
     *
     * @param config the values
     * @param calls  the C calls
     * @return the provider
     */
    static AixSctpProvider over(AixAbiConfig config, PosixCalls calls) {
        return new AixSctpProvider(config, null, calls);
    }

    // ---- identity and availability ---------------------------------------------------------------




    /**
     * Resolves the values (a probe file that contradicts the provider's own constants makes the
     * provider unavailable), then binds the library once per class loader.
     */
    @Override
    protected SctpOperations load() {
        Configured c = configured();
        if (c.cause != null) {
            throw c.cause;
        }
        if (fixedCalls != null) {
            return new AixSockets(c.config, os(), fixedCalls, null);
        }
        return new AixSockets(c.config, os(), AixLibc.register(library()), AixLibc.library()); // registers first
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

    private String library() {
        return fixedLibrary != null ? fixedLibrary : System.getProperty(AixLibc.LIBRARY_PROPERTY);
    }

    private boolean personality() {
        return !matchesCurrentOs() && (fixedCalls != null || library() != null);
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
        unverified.add("pollset: PS_ADD/PS_MOD/PS_DELETE, struct poll_ctl and the AIX POLL* bits come from abi.tsv"
                + " (rust-lang/libc, golang/sys; none from properties); that pollset_poll does not see changes made"
                + " during it is taken from OpenJDK's AIX PollsetPoller; the backend has run only through the AIX ABI"
                + " personality, never on a real AIX");
        unverified.add("sac_error read in network byte order (as Linux fills it): unverified on AIX");
        unverified.add("ppid carried in network byte order (the IANA number, swapped on a little-endian host): "
                + "unverified on AIX");
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

        unsupported.add("connect(List) with several addresses: no sctp_connectx is documented for AIX (abi.tsv aix "
                + "fact:sctp_connectx.library: ?)");
        unsupported.add("MessageInfo.timeToLiveMillis (PR-SCTP): SCTP_PR_SCTP_TTL is not known for AIX (abi.tsv: ?)");
        if (!nativeList) {
            unsupported.add("connect() returning the association id (it returns null): the id is read from "
                    + "sctp_opt_info(SCTP_GET_ASSOC_ID_LIST), whose values are missing");
        }

        Map<String, String> details = new LinkedHashMap<>();
        if (loadedOperations() instanceof AixSockets sockets) {
            unsupported.addAll(sockets.unsupportedOptions());
            details.put("options", sockets.supportedOptions());
        }
        details.put("connect", "connect(), then the one id that was not in sctp_opt_info(SCTP_GET_ASSOC_ID_LIST) before"
                + " (AIX documents no sctp_connectx)");
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
        AixSockets ops = (AixSockets) loadedOperations();
        details.put("blockingWait", "MSG_DONTWAIT, poll(2) 1 ms (platform threads), then the readiness backend; no bounded"
                + " kernel wait (SO_RCVTIMEO/SO_SNDTIMEO): its numbers and AIX SCTP's time-out behaviour are not verified");
        details.put("readiness", ops == null ? "not loaded" : ops.readinessDetail("pollset_create(-1), pollset_ctl "
                + "(PS_ADD; PS_MOD only to widen, since it ORs; PS_DELETE + PS_ADD to narrow), pollset_poll into struct"
                + " pollfd, pollset_destroy; a change during a wait wakes it through a pipe" + (personality()
                        ? "; here the personality's pollset_* over Linux poll(2), not AIX" : "")));
        details.put("notifications", "association change and shutdown only (capabilities().notifications()): the AIX"
                + " sn_type values, switch offsets and bodies of the others (sctp_paddr_change with AIX's 1288-byte"
                + " sockaddr_storage, ssf_flags values) are not public; subscribing to them fails UNSUPPORTED naming them");
        details.put("localAddresses", "the one address getsockname() reports (AIX documents no sctp_getladdrs)");
        Throwable cause = cf.cause != null ? cf.cause : unavailabilityCause();
        if (cause != null) {
            details.put("unavailable", String.valueOf(cause));
        }
        String binding = (library != null ? library : "libc.a") + " (JNA direct mapping; sctp_peeloff(int, "
                + "sctp_assoc_t *) by pointer; sctp_opt_info and sctp_bindx looked up on first use)";
        return new Capabilities(ID, os(), binding, Capabilities.FlagSupport.EMULATED, nativeList, false, unverified,
                unsupported, details, notificationKinds());
    }

    /**
     * The exception for a failed native call, as the provider reports it (for tests that make a call
     * of their own).
     *
     * @param call  the native call
     * @param text  the call with its arguments
     * @param errno the AIX errno, read right after the call
     * @return the exception
     */
    SctpException fail(NativeCall call, String text, int errno) {
        return PortableErrors.exception(call, text, errno, AixAbi.errnoName(errno), os());
    }

    @Override
    public String toString() {
        return "AixSctpProvider[" + os() + "]";
    }
}
