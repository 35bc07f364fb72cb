/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.compat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Assumptions;

/**
 * A small network inside the test machine: one Linux network namespace holding a peer, joined to the
 * test's own namespace by veth pairs, each pair a path with its own addresses from 198.18.0.0/15 (the
 * benchmarking range; never the private ranges). Made with the {@code ip} tool (iproute2), so it needs
 * root and the {@code veth} module, as {@code harness/linux-vm} gives.
 *
 * <pre>{@code
 * try (NetworkLab lab = NetworkLab.create("paths")) {
 *     NetworkLab.Path a = lab.addPath();                 // 198.18.N.1 here <-> 198.18.N.2 in the namespace
 *     NetworkLab.Path b = lab.addPath();
 *     Process peer = lab.exec(out, "sctp_darn", "-H", "0.0.0.0", "-P", "5000", "-l");
 *     ... connect to a.peer() ...
 *     b.down();                                         // cut one path
 * }                                                     // peer killed, links and namespace gone
 * }</pre>
 *
 * <p>Everything made is undone by {@link #close()}, in reverse order, even after a failed case and
 * whatever step failed; a namespace left by a crashed earlier run (same name prefix and a pid that is
 * gone) is removed by {@link #create}. The lab never changes a sysctl of the test's own namespace:
 * other tests share it (a case that needs short SCTP timers sets them as socket options).
 * Paths are numbered from a per-JVM counter, so two labs in one run never share addresses.
 */
public final class NetworkLab implements AutoCloseable {
    private static final String PREFIX = "peeloff-";
    private static final AtomicInteger NEXT_SUBNET = new AtomicInteger(1);
    private static final AtomicInteger NEXT_LAB = new AtomicInteger();

    private final String name;
    private final String tag;
    private final Deque<Undo> undo = new ArrayDeque<>();
    private final List<Path> paths = new ArrayList<>();

    @FunctionalInterface
    private interface Undo {
        void run() throws Exception;
    }

    /**
     * One path: a veth pair, one end in the test's namespace, the other in the lab's.
     *
     * @param local     the address of this end (198.18.N.1)
     * @param peer      the address of the namespace's end (198.18.N.2)
     * @param localLink the interface name of this end
     * @param peerLink  the interface name of the namespace's end
     * @param lab       the lab
     */
    public record Path(InetAddress local, InetAddress peer, String localLink, String peerLink, NetworkLab lab) {
        /**
         * Cuts the path: this end's link goes down (the kernel drops its routes; nothing passes).
         *
         * @throws IOException when {@code ip} fails
         */
        public void down() throws IOException {
            lab.ip("link", "set", "dev", localLink, "down");
        }

        /**
         * Restores the path.
         *
         * @throws IOException when {@code ip} fails
         */
        public void up() throws IOException {
            lab.ip("link", "set", "dev", localLink, "up");
        }

        /**
         * The bytes the kernel has sent out of this end so far (the interface's {@code tx_bytes}, as
         * {@code /proc/net/dev} of the test's namespace reports it): the kernel's own account of which path
         * carried the traffic.
         *
         * @return the byte count
         * @throws IOException when the interface is not listed
         */
        public long sentBytes() throws IOException {
            for (String line : Files.readAllLines(java.nio.file.Path.of("/proc/net/dev"), StandardCharsets.US_ASCII)) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(localLink)) {
                    // receive: bytes packets errs drop fifo frame compressed multicast; then transmit: bytes ...
                    String[] f = line.substring(colon + 1).trim().split("\\s+");
                    return Long.parseLong(f[8]);
                }
            }
            throw new IOException(localLink + " is not in /proc/net/dev");
        }
    }

    private NetworkLab(String name, String tag) {
        this.name = name;
        this.tag = tag;
    }

    /**
     * Aborts the calling test (JUnit assumption) when this machine cannot make a lab: not Linux, not
     * root, no {@code ip}, or no network namespaces. Inside {@code harness/linux-vm} all are there.
     */
    public static void assumeAvailable() {
        Assumptions.assumeTrue(System.getProperty("os.name", "").startsWith("Linux"),
                "network namespaces are a Linux facility (the harness/linux-vm guest)");
        Assumptions.assumeTrue(Files.isReadable(java.nio.file.Path.of("/proc/self/ns/net")), "no network namespaces");
        Assumptions.assumeTrue(ipTool() != null, "no ip tool (iproute2)");
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "making namespaces and veth links needs root (the harness/linux-vm guest runs tests as root)");
    }

    private static String ipTool() {
        for (String d : new String[] {"/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"}) {
            if (Files.isExecutable(java.nio.file.Path.of(d))) {
                return d;
            }
        }
        return null;
    }

    /**
     * Makes a new namespace (loopback up) for a lab.
     *
     * @param tag a short word for the names (letters and digits; at most 6 used)
     * @return the lab; close it
     * @throws IOException when {@code ip} fails (what was made is undone)
     */
    public static NetworkLab create(String tag) throws IOException {
        String t = tag.replaceAll("[^A-Za-z0-9]", "");
        t = t.substring(0, Math.min(6, t.length()));
        long pid = ProcessHandle.current().pid();
        removeStale();
        NetworkLab lab = new NetworkLab(PREFIX + t + "-" + pid + "-" + NEXT_LAB.incrementAndGet(), t);
        try {
            lab.ip("netns", "add", lab.name);
            lab.undo.push(() -> lab.ip("netns", "delete", lab.name));
            lab.ip("-n", lab.name, "link", "set", "dev", "lo", "up");
            return lab;
        } catch (IOException | RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    /** Removes namespaces a crashed earlier run of this facility left behind (their JVM is gone). */
    private static void removeStale() throws IOException {
        String list = run(List.of(ipTool(), "netns", "list"), false);
        for (String line : list.split("\n")) {
            String n = line.trim().split("\\s+")[0];
            if (!n.startsWith(PREFIX)) {
                continue;
            }
            String[] parts = n.split("-");
            if (parts.length >= 4) {
                try {
                    long pid = Long.parseLong(parts[2]);
                    if (ProcessHandle.of(pid).isPresent()) {
                        continue;
                    }
                } catch (NumberFormatException e) {
                    // not ours after all: leave it
                    continue;
                }
                run(List.of(ipTool(), "netns", "delete", n), false);
            }
        }
    }

    /** @return the namespace's name (for {@code ip netns exec}) */
    public String namespace() {
        return name;
    }

    /** @return the paths made so far */
    public List<Path> paths() {
        return List.copyOf(paths);
    }

    /**
     * Adds a path: a veth pair with 198.18.N.1/24 on this side and 198.18.N.2/24 in the namespace, both up.
     *
     * @return the path
     * @throws IOException when {@code ip} fails
     */
    public Path addPath() throws IOException {
        int n = NEXT_SUBNET.getAndIncrement();
        if (n > 254) {
            throw new IllegalStateException("more than 254 paths in one JVM");
        }
        String local = "pl" + tag + n + "a";
        String peer = "pl" + tag + n + "b";
        ip("link", "add", local, "type", "veth", "peer", "name", peer, "netns", name);
        undo.push(() -> ip("link", "delete", local)); // deleting one end deletes the pair
        ip("addr", "add", "198.18." + n + ".1/24", "dev", local);
        ip("link", "set", "dev", local, "up");
        ip("-n", name, "addr", "add", "198.18." + n + ".2/24", "dev", peer);
        ip("-n", name, "link", "set", "dev", peer, "up");
        Path p = new Path(InetAddress.getByAddress(new byte[] {(byte) 198, 18, (byte) n, 1}),
                InetAddress.getByAddress(new byte[] {(byte) 198, 18, (byte) n, 2}), local, peer, this);
        paths.add(p);
        return p;
    }

    /**
     * Starts a program inside the namespace ({@code ip netns exec}); it is killed on {@link #close()}.
     *
     * @param out     the file its output (and errors) go to
     * @param command the program and its arguments
     * @return the process
     * @throws IOException when it cannot start
     */
    public Process exec(java.nio.file.Path out, String... command) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ipTool(), "netns", "exec", name));
        cmd.addAll(List.of(command));
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        undo.push(() -> {
            proc.destroyForcibly();
            proc.waitFor(10, TimeUnit.SECONDS);
        });
        return proc;
    }

    /**
     * Waits until an SCTP endpoint in the namespace listens on {@code port} ({@code /proc/net/sctp/eps}
     * as the namespace sees it), so that a connect does not race the peer's start.
     *
     * @param port    the local port of the listener
     * @param timeout how long to wait
     * @throws IOException when it does not appear in time
     */
    public void awaitSctpListener(int port, java.time.Duration timeout) throws IOException {
        long end = System.nanoTime() + timeout.toNanos();
        String eps = "";
        while (System.nanoTime() < end) {
            eps = run(List.of(ipTool(), "netns", "exec", name, "cat", "/proc/net/sctp/eps"), false);
            for (String line : eps.split("\n")) {
                String[] f = line.trim().split("\\s+");
                // ENDPT SOCK STY SST HBKT LPORT UID INODE LADDRS
                if (f.length > 5 && f[5].equals(Integer.toString(port))) {
                    return;
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for a listener on port " + port, e);
            }
        }
        throw new IOException("no SCTP listener on port " + port + " in " + name + " after " + timeout + ": " + eps);
    }

    /**
     * Sets a sysctl inside the namespace (gone with it).
     *
     * @param key   e.g. {@code net.sctp.hb_interval}
     * @param value the value
     * @throws IOException when {@code ip netns exec sysctl} fails
     */
    public void sysctl(String key, String value) throws IOException {
        run(List.of(ipTool(), "netns", "exec", name, "sh", "-c",
                "echo " + value + " > /proc/sys/" + key.replace('.', '/')), true);
    }

    /**
     * Runs {@code ip} with these arguments.
     *
     * @param args the arguments
     * @return its output
     * @throws IOException when it fails (the message has its output)
     */
    public String ip(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Objects.requireNonNull(ipTool(), "no ip tool")));
        cmd.addAll(List.of(args));
        return run(cmd, true);
    }

    private static String run(List<String> cmd, boolean check) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + ": no answer in 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(String.join(" ", cmd) + ": interrupted", e);
        }
        if (check && p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed (" + p.exitValue() + "): " + out.trim());
        }
        return out;
    }

    /**
     * Undoes everything, last made first: processes killed, links and the namespace
     * deleted. Every step is tried; the first failure is thrown at the end with the others suppressed.
     *
     * @throws IOException when a step failed
     */
    @Override
    public void close() throws IOException {
        IOException first = null;
        while (!undo.isEmpty()) {
            try {
                undo.pop().run();
            } catch (Exception e) {
                IOException io = new IOException("undoing a step of " + name + ": " + e, e);
                if (first == null) {
                    first = io;
                } else {
                    first.addSuppressed(io);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public String toString() {
        return "NetworkLab[" + name + ", " + paths.size() + " paths]";
    }
}
