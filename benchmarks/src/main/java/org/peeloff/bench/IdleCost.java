/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.sun.nio.sctp.AbstractNotificationHandler;
import com.sun.nio.sctp.HandlerResult;
import com.sun.nio.sctp.SctpChannel;
import com.sun.nio.sctp.ShutdownNotification;

import org.peeloff.SctpException;
import org.peeloff.SctpSocket;

/**
 * Measure 6, the idle cost: N peeled sockets (from N associations on one one-to-many server), each
 * with a thread blocked in a blocking {@code receive} on it, and nothing sent. Over a window: the
 * process's CPU time, and the context switches (voluntary and involuntary, from
 * {@code /proc/self/task/*}{@code /status}) of the receiving threads and of the whole process. A
 * receiving thread that sleeps in the kernel until data comes costs nothing; one that wakes
 * periodically shows a context switch per wake-up. Peeloff's sockets against the JDK's
 * {@code branch()}ed channels; C has no figure here.
 */
final class IdleCost {
    private IdleCost() {
    }

    /** The thread-name prefix of the receiving threads (their /proc comm, at most 15 characters). */
    static final String PREFIX = "idle-rx-";

    /**
     * @param cpuMillisPerSecond      process CPU time during the window, per second of window
     * @param wakeupsPerSecond        the receiving threads' context switches per second
     * @param processSwitchesPerSecond every thread's context switches per second
     * @param blocked                 receiving threads found in the kernel, not runnable, at the window's end
     * @param jitMillisPerSecond      the JIT compilers' time during the window, per second (part of the CPU time)
     */
    record Cost(double cpuMillisPerSecond, double wakeupsPerSecond, double processSwitchesPerSecond, int blocked,
                double jitMillisPerSecond) {
    }



    /** Context switches of this process's threads: [receivers, all]. */
    static long[] switches() throws IOException {
        long mine = 0;
        long all = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path t : tasks) {
                String name = "";
                long n = 0;
                List<String> lines;
                try {
                    lines = Files.readAllLines(t.resolve("status"), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    continue; // the thread ended
                }
                for (String line : lines) {
                    if (line.startsWith("Name:")) {
                        name = line.substring(5).trim();
                    } else if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                        n += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                    }
                }
                all += n;
                if (name.startsWith(PREFIX)) {
                    mine += n;
                }
            }
        }
        return new long[] {mine, all};
    }

    /** Every thread's CPU time so far (utime + stime, clock ticks), by "tid name". */
    static java.util.Map<String, Long> threadTicks() throws IOException {
        java.util.Map<String, Long> m = new java.util.HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path t : tasks) {
                try {
                    String stat = Files.readString(t.resolve("stat"), StandardCharsets.UTF_8);
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    // after the comm: state is field 3 of stat(5), utime 14, stime 15
                    m.put(t.getFileName() + " " + comm, Long.parseLong(f[11]) + Long.parseLong(f[12]));
                } catch (IOException | RuntimeException e) {
                    // the thread ended
                }
            }
        }
        return m;
    }

    /** The threads that used the most CPU between two {@link #threadTicks()}, for the log. */
    static String topThreads(java.util.Map<String, Long> before, java.util.Map<String, Long> after) {
        return after.entrySet().stream()
                .map(e -> java.util.Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .limit(4).map(e -> e.getKey() + "=" + e.getValue()).toList().toString();
    }

    /** How many receiving threads are sleeping in the kernel (state S). */
    static int sleeping() throws IOException {
        int n = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path t : tasks) {
                try {
                    String stat = Files.readString(t.resolve("stat"), StandardCharsets.UTF_8);
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    char state = stat.charAt(stat.lastIndexOf(')') + 2);
                    if (comm.startsWith(PREFIX) && state == 'S') {
                        n++;
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended
                }
            }
        }
        return n;
    }

    static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }

    /**
     * The idle window, with the receivers started: first waits (at most 120 s) until all of them are
     * asleep in the kernel, then settles, then measures.
     */
    private static Cost window(String impl, int n, long settleMillis, long windowMillis)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        int asleep;
        while ((asleep = sleeping()) < n && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        // The set-up's garbage and its JIT compilations are not the idle cost: collect the one and
        // wait (at most 120 s) until the JIT has compiled nothing for a whole second, the same for
        // both implementations. In the first runs without this wait, the implementation whose set-up
        // had just ended showed 100 times the other's CPU time, all of it the JIT's (one CPU).
        // The driver's own reading of /proc (1,000 and more files at each end of the window) is hot
        // code too: in the runs before this warm-up, the JIT compiled it during the window (C2
        // compiler thread 82 to 296 clock ticks of a 10 s window, for both implementations).
        for (int i = 0; i < 5; i++) {
            switches();
            threadTicks();
            sleeping();
        }
        System.gc();
        Jit.awaitQuiet();
        Driver.say("   %s: %d of %d receivers asleep in the kernel before the window, the JIT quiet", impl, asleep, n);
        Thread.sleep(settleMillis);
        long[] s0 = switches();
        java.util.Map<String, Long> k0 = threadTicks();
        long j0 = Jit.millis();
        long c0 = processCpuNanos();
        long t0 = System.nanoTime();
        Thread.sleep(windowMillis);
        long c1 = processCpuNanos();
        long t1 = System.nanoTime();
        long j1 = Jit.millis();
        long[] s1 = switches();
        java.util.Map<String, Long> k1 = threadTicks();
        int blocked = sleeping();
        double secs = (t1 - t0) / 1e9;
        Driver.say("   %s: the threads that used CPU in the window (clock ticks): %s", impl, topThreads(k0, k1));
        return new Cost((c1 - c0) / 1e6 / secs, (s1[0] - s0[0]) / secs, (s1[1] - s0[1]) / secs, blocked,
                (j1 - j0) / secs);
    }

    /**
     * After the close: every receiver must have ended (its receive woken by the close) within 60 s
     * in all, else the measure fails rather than leave threads behind.
     */
    private static void joinAll(String impl, List<Thread> threads) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        int alive = 0;
        for (Thread t : threads) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left > 0) {
                t.join(left);
            }
            if (t.isAlive()) {
                alive++;
            }
        }
        if (alive > 0) {
            throw new IllegalStateException(impl + ": " + alive + " of " + threads.size()
                    + " receivers still blocked 60 s after their sockets were closed");
        }
    }

    static Cost peeloff(int n, long settleMillis, long windowMillis) throws Exception {
        try (PeeloffFixture f = PeeloffFixture.open(n)) {
            Driver.say("   peeloff: %d associations up", n);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                SctpSocket s = f.peelNext();
                Thread t = new Thread(() -> {
                    ByteBuffer dst = ByteBuffer.allocate(256);
                    try {
                        while (s.receive(dst.clear()) != null) {
                            // nothing is sent: never reached in the window
                        }
                    } catch (SctpException e) {
                        // closed: done
                    }
                }, PREFIX + i);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
            Cost c = window(Driver.PEELOFF, n, settleMillis, windowMillis);
            f.close();
            joinAll(Driver.PEELOFF, threads);
            return c;
        }
    }

    static Cost jdk(int n, long settleMillis, long windowMillis) throws Exception {
        try (JdkFixture f = JdkFixture.open(n)) {
            Driver.say("   jdk: %d associations up", n);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                SctpChannel ch = f.branchNext();
                Thread t = new Thread(() -> {
                    ByteBuffer dst = ByteBuffer.allocate(256);
                    AbstractNotificationHandler<Object> h = new AbstractNotificationHandler<>() {
                        @Override
                        public HandlerResult handleNotification(ShutdownNotification sn, Object attachment) {
                            return HandlerResult.RETURN;
                        }
                    };
                    try {
                        while (ch.receive(dst.clear(), null, h) != null) {
                            // nothing is sent: never reached in the window
                        }
                    } catch (IOException e) {
                        // closed: done
                    }
                }, PREFIX + i);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
            Cost c = window(Driver.JDK, n, settleMillis, windowMillis);
            f.close();
            joinAll(Driver.JDK, threads);
            return c;
        }
    }
}
