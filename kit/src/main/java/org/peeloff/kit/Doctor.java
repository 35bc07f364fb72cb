/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.kit;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.peeloff.AssociationChange;
import org.peeloff.AssociationId;
import org.peeloff.Capabilities;
import org.peeloff.MessageInfo;
import org.peeloff.PeeloffOption;
import org.peeloff.ProviderCandidate;
import org.peeloff.Sctp;
import org.peeloff.SctpData;
import org.peeloff.SctpError;
import org.peeloff.SctpException;
import org.peeloff.SctpMultiSocket;
import org.peeloff.SctpReceived;
import org.peeloff.SctpSocket;
import org.peeloff.spi.SctpProvider;

/**
 * "Does it work here?": the OS and the JVM, every provider discovery saw with why it was chosen or
 * passed over ({@link Sctp#candidates()}), the chosen provider's capabilities (peel-off flags
 * atomic or emulated, values not yet verified on a real OS), and a live probe of the kernel: open a
 * one-to-many socket, set up an association over loopback, peel it off. When something is missing
 * it says what to do about it, for the OS at hand.
 */
final class Doctor {
    private final PrintStream out;

    Doctor(PrintStream out) {
        this.out = out;
    }

    static Options options() {
        return new Options()
                .flag("no-probe", "only open a socket; do not set up an association and peel it off")
                .flag("stack", "print the full stack trace of each unavailability cause");
    }

    int run(Options o) throws Options.UsageException {
        boolean probe = !o.bool("no-probe");
        boolean stack = o.bool("stack");
        String os = System.getProperty("os.name");

        out.println("Peeloff doctor" + (Main.inVm()
                ? " - inside harness/linux-vm (a Debian kernel with SCTP, booted under qemu)"
                : " - on this machine, directly"));
        out.println();
        out.println("System");
        kv("OS", os + " " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")");
        String distro = distribution();
        if (distro != null) {
            kv("distribution", distro);
        }
        kv("Java", System.getProperty("java.version") + ", " + System.getProperty("java.vm.name") + " ("
                + System.getProperty("java.vendor") + ")");
        kv("Java home", System.getProperty("java.home"));
        kv("CPUs / max heap", Runtime.getRuntime().availableProcessors() + " / "
                + Fmt.bytes(Runtime.getRuntime().maxMemory()));
        String forced = System.getProperty(Sctp.PROVIDER_PROPERTY);
        kv(Sctp.PROVIDER_PROPERTY, forced == null || forced.isBlank() ? "(not set: automatic choice)" : forced);
        out.println();

        out.println("Providers found (ServiceLoader), highest priority first");
        List<ProviderCandidate> candidates = Sctp.candidates();
        if (candidates.isEmpty()) {
            out.println("  none: no peeloff-linux, peeloff-solaris-illumos or peeloff-aix jar on the class path");
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("", "provider", "priority", "for this OS", "available", "why"));
        for (ProviderCandidate c : candidates) {
            rows.add(List.of(c.chosen() ? "=>" : "", c.id(), String.valueOf(c.priority()), c.matchesOs() ? "yes" : "no",
                    c.chosen() || c.available() ? "yes" : (c.cause() == null ? "not tried" : "NO"),
                    firstLine(c.reason())));
        }
        if (!candidates.isEmpty()) {
            Fmt.columns(rows, new boolean[] {false, false, true, false, false, false}, 2).forEach(out::println);
        }
        for (ProviderCandidate c : candidates) {
            if (c.cause() != null && (c.matchesOs() || forced != null)) {
                out.println("  cause for " + c.id() + ":");
                printCause(c.cause(), stack);
            }
        }
        out.println();

        SctpProvider provider;
        try {
            provider = Sctp.provider();
        } catch (UnsupportedOperationException e) {
            out.println("No provider can be used here.");
            advice(os, null);
            return Main.EXIT_NO_SCTP;
        }

        Capabilities caps;
        try {
            caps = provider.capabilities();
        } catch (RuntimeException | LinkageError e) {
            out.println("The chosen provider '" + provider.id() + "' could not describe its capabilities: " + e);
            return Main.EXIT_FAILED;
        }
        printCapabilities(caps);
        out.println();

        out.println("Kernel SCTP (live probe with the " + provider.id() + " provider)");
        boolean works = probe(provider, probe);
        out.println();
        if (!works) {
            advice(os, provider);
            return Main.EXIT_NO_SCTP;
        }
        out.println("Verdict: SCTP and sctp_peeloff work here with the '" + provider.id() + "' provider"
                + (caps.peeloffFlags() == Capabilities.FlagSupport.ATOMIC
                        ? " (peel-off flags atomic)." : " (peel-off flags emulated with fcntl)."));
        if (!caps.fullyVerified()) {
            out.println("         " + caps.unverified().size() + " native value(s) of this provider are not yet"
                    + " verified on a real " + caps.os() + " (listed above).");
        }
        return Main.EXIT_OK;
    }

    private void printCapabilities(Capabilities caps) {
        out.println("Capabilities of the chosen provider '" + caps.provider() + "'");
        kv("OS", caps.os());
        kv("binding", caps.binding());
        kv("peel-off flags", caps.peeloffFlags() == Capabilities.FlagSupport.ATOMIC
                ? "ATOMIC: NONBLOCK/CLOEXEC applied by the kernel in the peel-off call itself"
                : "EMULATED: NONBLOCK/CLOEXEC applied with fcntl right after the peel-off"
                  + " (PeeloffOption.STRICT refuses this)");
        kv("associations()", caps.nativeAssociationList()
                ? "asked from the kernel" : "tracked from association-change events (no kernel list on this OS)");
        kv("one-to-one sockets", caps.oneToOneSockets() ? "can be opened directly" : "only from a peel-off");
        if (caps.unverified().isEmpty()) {
            kv("unverified values", "none: every native value is verified");
        } else {
            kv("unverified values", caps.unverified().size() + " (derived, not yet confirmed by a real-OS run):");
            caps.unverified().forEach(u -> out.println("      - " + u));
        }
        if (!caps.unsupported().isEmpty()) {
            kv("unsupported", caps.unsupported().size() + ":");
            caps.unsupported().forEach(u -> out.println("      - " + u));
        }
        if (!caps.details().isEmpty()) {
            out.println("  details");
            new TreeMap<>(caps.details()).forEach((k, v) -> out.println("      " + k + ": " + v));
        }
    }

    /**
     * Opens a one-to-many socket; then, unless told not to, sets up one association over loopback,
     * sends a message each side of a peel-off and reads both back.
     *
     * @return true when the kernel has SCTP (the socket opened) and every step passed
     */
    private boolean probe(SctpProvider provider, boolean full) {
        long t = System.nanoTime();
        SctpMultiSocket server;
        try {
            server = SctpMultiSocket.open(provider, StandardProtocolFamily.INET);
        } catch (SctpException e) {
            step(false, "open a one-to-many socket (SOCK_SEQPACKET, IPPROTO_SCTP)", t, e.getMessage());
            if (e.error() == SctpError.UNSUPPORTED_SOCKET) {
                out.println("  => this kernel has no SCTP.");
            }
            return false;
        } catch (RuntimeException | LinkageError e) {
            step(false, "open a one-to-many socket", t, e.toString());
            return false;
        }
        step(true, "open a one-to-many socket (SOCK_SEQPACKET, IPPROTO_SCTP): fd " + server.rawDescriptor(), t, null);
        if (!full) {
            close(server);
            return true;
        }
        SctpMultiSocket client = null;
        SctpSocket own = null;
        String stepName = "bind 127.0.0.1 and listen";
        t = System.nanoTime();
        try {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).listen();
            InetSocketAddress address = server.localAddresses().get(0);
            step(true, "bind and listen on " + address.getAddress().getHostAddress() + ":" + address.getPort(), t, null);

            stepName = "connect a client over loopback";
            t = System.nanoTime();
            client = SctpMultiSocket.open(provider, StandardProtocolFamily.INET);
            client.connect(address);
            AssociationId clientSide = upEvent(client);
            ByteBuffer buf = ByteBuffer.allocate(4096);
            byte[] first = "before the peel-off".getBytes(StandardCharsets.US_ASCII);
            client.send(ByteBuffer.wrap(first), MessageInfo.to(clientSide, 0));
            AssociationId serverSide = null;
            SctpData data = null;
            while (data == null) {
                SctpReceived r = server.receive(buf.clear());
                if (r instanceof SctpData d) {
                    data = d;
                    serverSide = d.association();
                }
            }
            step(data.bytes() == first.length, "association up, one message received on the shared socket ("
                    + serverSide + ")", t, null);

            stepName = "peel the association off";
            t = System.nanoTime();
            own = server.peelOff(serverSide, PeeloffOption.CLOEXEC);
            boolean gone = !server.associations().contains(serverSide);
            boolean cloexec = provider.isCloseOnExec(own.rawDescriptor());
            boolean blocking = provider.isBlocking(own.rawDescriptor());
            step(gone && cloexec && blocking, "peelOff(" + serverSide + ", CLOEXEC) -> fd " + own.rawDescriptor()
                    + (gone ? ", gone from the shared socket" : ", STILL LISTED on the shared socket")
                    + ", close-on-exec " + cloexec + ", blocking " + blocking, t, null);

            stepName = "receive on the peeled socket";
            t = System.nanoTime();
            byte[] second = "after the peel-off".getBytes(StandardCharsets.US_ASCII);
            client.send(ByteBuffer.wrap(second), MessageInfo.to(clientSide, 0));
            SctpData d2 = null;
            while (d2 == null) {
                SctpReceived r = own.receive(buf.clear());
                if (r instanceof SctpData d) {
                    d2 = d;
                }
            }
            boolean ok = d2.bytes() == second.length;
            step(ok, "the next message arrived on the peeled socket", t, null);

            stepName = "peel-off on the peeled socket is refused";
            t = System.nanoTime();
            try {
                provider.peeloff(own.rawDescriptor(), 1, java.util.Set.of());
                step(false, stepName, t, "it succeeded");
                ok = false;
            } catch (SctpException e) {
                boolean right = e.error() == SctpError.NOT_ONE_TO_MANY;
                step(right, "peel-off on the peeled (one-to-one) socket: " + e.errnoName() + " -> " + e.error(), t,
                        right ? null : e.getMessage());
                ok &= right;
            }
            return ok && gone && cloexec && blocking;
        } catch (SctpException | RuntimeException e) {
            step(false, stepName, t, e.getMessage() == null ? e.toString() : e.getMessage());
            return false;
        } finally {
            close(own);
            close(client);
            close(server);
        }
    }

    private static AssociationId upEvent(SctpMultiSocket s) throws SctpException {
        ByteBuffer b = ByteBuffer.allocate(512);
        while (true) {
            SctpReceived r = s.receive(b.clear());
            if (r instanceof AssociationChange ac && ac.state() == AssociationChange.State.COMMUNICATION_UP) {
                return ac.association();
            }
        }
    }

    private void step(boolean ok, String what, long startNanos, String detail) {
        out.printf(Locale.ROOT, "  [%s] %s (%s)%n", ok ? " ok " : "FAIL", what, Fmt.millis(System.nanoTime() - startNanos));
        if (detail != null) {
            out.println("         " + detail);
        }
    }

    /** What to do when SCTP is not usable, for the OS at hand. */
    private void advice(String os, SctpProvider provider) {
        out.println("What to do");
        String lower = os.toLowerCase(Locale.ROOT);
        if (lower.startsWith("linux")) {
            boolean protocols = readable("/proc/net/protocols") && contains("/proc/net/protocols", "SCTP");
            boolean sysctl = Files.isDirectory(Path.of("/proc/sys/net/sctp"));
            Path modules = Path.of("/lib/modules", System.getProperty("os.version"));
            kv("kernel", "sctp in /proc/net/protocols: " + yes(protocols) + "; /proc/sys/net/sctp: " + yes(sysctl)
                    + "; " + modules + ": " + yes(Files.isDirectory(modules)));
            out.println("  - Load the module: `sudo modprobe sctp` (Ubuntu: install linux-modules-extra-$(uname -r)"
                    + " first; some distributions blacklist sctp in /etc/modprobe.d).");
            out.println("  - In a container the kernel is the host's: load sctp on the host.");
            if (!Files.isDirectory(modules)) {
                out.println("  - This kernel has no module tree, so it cannot load sctp at all.");
            }
            out.println("  - Or use what the project uses in CI: `kit/run COMMAND` runs the command inside"
                    + " harness/linux-vm (a Debian kernel with SCTP under qemu) by itself.");
        } else if (lower.startsWith("sunos")) {
            out.println("  - SCTP is part of the illumos/Solaris IP stack; the provider needs libsctp.so.1 and libsocket.so.1"
                    + " (/usr/lib/64 on a 64-bit JVM).");
            out.println("  - Check `ls /usr/lib/64/libsctp.so.1` and `netstat -P sctp`; in a zone, the global zone's stack.");
        } else if (lower.startsWith("aix")) {
            out.println("  - Load the SCTP kernel extension: `sctpctrl load` (as root); `sctpctrl status` shows it.");
            out.println("  - The provider calls libc.a; run a 64-bit JVM.");
        } else {
            out.println("  - Peeloff has providers for Linux, illumos/Solaris and AIX only; " + os + " is none of them.");
            out.println("  - `kit/run` on a Linux machine runs everything in harness/linux-vm when its kernel lacks SCTP.");
        }
        if (provider == null) {
            out.println("  - No provider could be chosen; the causes are listed above (run with --stack for traces).");
        }
    }

    private static String yes(boolean b) {
        return b ? "yes" : "no";
    }

    private static boolean readable(String p) {
        return Files.isReadable(Path.of(p));
    }

    private static boolean contains(String p, String what) {
        try {
            return Files.readString(Path.of(p), StandardCharsets.UTF_8).contains(what);
        } catch (IOException e) {
            return false;
        }
    }

    private static String distribution() {
        Path p = Path.of("/etc/os-release");
        if (!Files.isReadable(p)) {
            return null;
        }
        try {
            Map<String, String> m = new TreeMap<>();
            for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    m.put(line.substring(0, eq), line.substring(eq + 1).replace("\"", ""));
                }
            }
            return m.get("PRETTY_NAME");
        } catch (IOException e) {
            return null;
        }
    }

    private void printCause(Throwable cause, boolean stack) {
        if (stack) {
            java.io.StringWriter sw = new java.io.StringWriter();
            cause.printStackTrace(new java.io.PrintWriter(sw));
            for (String line : sw.toString().split("\n")) {
                out.println("      " + line);
            }
            return;
        }
        Throwable c = cause;
        String indent = "      ";
        for (int depth = 0; c != null && depth < 5; depth++, c = c.getCause()) {
            out.println(indent + c);
            indent += "  ";
            if (c.getCause() == c) {
                break;
            }
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 110 ? line.substring(0, 107) + "..." : line;
    }

    private void kv(String key, String value) {
        out.printf(Locale.ROOT, "  %-20s %s%n", key, value);
    }

    private static void close(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // a probe socket; nothing to do
            }
        }
    }
}
