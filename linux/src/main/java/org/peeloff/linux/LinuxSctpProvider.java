/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.linux;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.peeloff.Capabilities;
import org.peeloff.PeeloffOption;
import org.peeloff.SctpError;
import org.peeloff.SctpException;
import org.peeloff.spi.NativeSctpProvider;
import org.peeloff.spi.SctpOperations;
import org.peeloff.spi.SctpProvider;

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
 *   <li>The payload protocol identifier is the IANA number, carried in network byte order (the
 *       shared layer swaps it on this little-endian host), as the JDK's SCTP and Netty do.</li>
 *   <li>Calls interrupted by a signal (EINTR) are retried inside the provider, except {@code close}.</li>
 * </ul>
 *
 * <p>Found by {@link java.util.ServiceLoader}. Constructing it, {@link #id()}, {@link #matchesCurrentOs()}
 * and {@link #priority()} load nothing native; {@link #isAvailable()} loads JNA and binds libc once.
 * The numbers it uses are those of 64-bit Linux with the generic ABI (verified for x86_64).
 */
public final class LinuxSctpProvider extends NativeSctpProvider {
    /** The provider id. */
    public static final String ID = "linux";
    /** How this provider reaches the kernel, as {@link Capabilities#binding()} reports it. */
    public static final String BINDING = "libc only (JNA direct mapping; libsctp.so.1 not needed)";

    private static final Path PROC_SCTP = Path.of("/proc/sys/net/sctp");
    /** Architectures whose numbers and layouts are those of {@code abi.tsv} (compiled for x86_64). */
    private static final Set<String> VERIFIED_ARCHS = Set.of("amd64", "x86_64");
    /** 64-bit architectures on the generic Linux ABI: same numbers, not verified here. */
    private static final Set<String> GENERIC_ARCHS = Set.of("aarch64", "riscv64", "loongarch64", "ppc64le", "ppc64", "s390x");

    /** null until the first availability check; then whether libc could be bound. */

    private final int peeloffFlagsOption;
    private final boolean sndrcvInfo;

    /** Creates the provider; loads nothing native. */
    public LinuxSctpProvider() {
        this(LinuxAbi.SCTP_SOCKOPT_PEELOFF_FLAGS, false);
    }

    /**
     * For tests: a provider whose atomic peel-off uses another option number (one the kernel does not
     * know, to exercise the fallback for real), or that starts with SCTP_SNDRCV control messages.
     */
    LinuxSctpProvider(int peeloffFlagsOption, boolean sndrcvInfo) {
        super(ID, "Linux", 100); // the only provider for Linux
        this.peeloffFlagsOption = peeloffFlagsOption;
        this.sndrcvInfo = sndrcvInfo;
    }




    /**
     * Checks the OS and architecture, then binds libc (once per class loader: JNA registers a class
     * once). A kernel without SCTP does not make the provider unavailable: {@code socket} then fails
     * with {@link SctpError#UNSUPPORTED_SOCKET}, and {@link #capabilities()} tells whether the kernel
     * has SCTP.
     */
    @Override
    protected SctpOperations load() {
        checkPlatform();
        return new LinuxSockets(peeloffFlagsOption, sndrcvInfo); // binds libc (JNA) the first time
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
        LinuxSockets s = (LinuxSockets) loadedOperations();
        String fallback = s == null ? null : s.peeloffFallback();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("kernel", kernel);
        details.put("kernelSctp", kernelHasSctpLoaded()
                ? "yes (/proc/sys/net/sctp exists)"
                : "not loaded (/proc/sys/net/sctp is missing; socket() loads the sctp module on demand where the kernel has one)");
        details.put("arch", arch());
        details.put("jna", isAvailable() ? jnaVersion() : "not loaded: " + unavailabilityCause());
        details.put("peeloff", fallback == null
                ? "getsockopt(SOL_SCTP, SCTP_SOCKOPT_PEELOFF_FLAGS): NONBLOCK and CLOEXEC set by the kernel atomically"
                : "getsockopt(SOL_SCTP, SCTP_SOCKOPT_PEELOFF) + fcntl, because " + fallback);
        details.put("receiveInfo", s != null && s.usesSndrcvInfo() || s == null && sndrcvInfo
                ? "SCTP_SNDRCV control messages (sctp_data_io_event)"
                : "SCTP_RCVINFO control messages (SCTP_RECVRCVINFO); sends with SCTP_SNDINFO");
        EpollPoller.Layout epoll = LinuxSockets.epollLayout();
        details.put("readiness", s == null ? "not loaded" : s.readinessDetail(epoll != null
                ? "epoll_create1(EPOLL_CLOEXEC), epoll_ctl, epoll_wait; level-triggered; wake-up through a pipe; struct"
                        + " epoll_event of " + epoll.size() + " bytes, data at " + epoll.data()
                        + (epoll == EpollPoller.Layout.PACKED ? " (x86_64, packed)" : " (natural alignment)")
                : "no epoll on a 32-bit JVM: abi.tsv has the 64-bit struct epoll_event layouts only"));
        details.put("blockingWait", "a platform thread's blocking receive/send on a connected one-to-one (peeled-off)"
                + " socket: one blocking recvmsg/sendmsg bounded by SO_RCVTIMEO/SO_SNDTIMEO (1 ms, rounded up to one clock"
                + " tick; set once per socket, cleared before a connect), then the readiness backend; one-to-many sockets,"
                + " virtual threads and non-blocking mode: MSG_DONTWAIT, poll(2) 1 ms (platform threads), then the backend");
        details.put("notifications", "SCTP_EVENTS (struct sctp_event_subscribe, a prefix as long as the kernel's"
                + " own): association change and shutdown by default; subscribe() adds any kind the kernel's struct has");
        if (s != null) {
            details.put("options", s.supportedOptions());
        }
        details.put("ppid", "the IANA number, in network byte order on the wire (swapped on this little-endian host)");
        List<String> unverified = VERIFIED_ARCHS.contains(arch()) ? List.of()
                : List.of("all numbers and layouts: taken from x86_64 Debian 12 headers; the generic ABI of "
                        + arch() + " is expected to match but no run has verified it",
                        "struct epoll_event: 16 bytes with data at 8 (torvalds/linux include/uapi/linux/eventpoll.h packs"
                                + " it on x86_64 only); no run on " + arch() + " has verified it");
        return new Capabilities(ID, "Linux " + kernel, BINDING,
                fallback == null ? Capabilities.FlagSupport.ATOMIC : Capabilities.FlagSupport.EMULATED,
                true, true, unverified, s == null ? List.of() : s.unsupportedOptions(), details,
                notificationKinds());
    }

    private static String jnaVersion() {
        return LinuxSockets.jnaVersion();
    }

    /** @return the test hook: the operations object, once available */
    LinuxSockets socketsForTest() throws SctpException {
        return (LinuxSockets) operations();
    }

    @Override
    public String toString() {
        return "LinuxSctpProvider[" + BINDING + "]";
    }
}
