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
     */
    record Cost(double cpuMillisPerSecond, double wakeupsPerSecond, double processSwitchesPerSecond, int blocked) {
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

    /** The idle window, with the receivers already started. */
    private static Cost window(long settleMillis, long windowMillis) throws IOException, InterruptedException {
        Thread.sleep(settleMillis);
        long[] s0 = switches();
        long c0 = processCpuNanos();
        long t0 = System.nanoTime();
        Thread.sleep(windowMillis);
        long c1 = processCpuNanos();
        long t1 = System.nanoTime();
        long[] s1 = switches();
        int blocked = sleeping();
        double secs = (t1 - t0) / 1e9;
        return new Cost((c1 - c0) / 1e6 / secs, (s1[0] - s0[0]) / secs, (s1[1] - s0[1]) / secs, blocked);
    }

    static Cost peeloff(int n, long settleMillis, long windowMillis) throws Exception {
        try (PeeloffFixture f = PeeloffFixture.open(n)) {
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
            Cost c = window(settleMillis, windowMillis);
            f.close();
            for (Thread t : threads) {
                t.join(5_000);
            }
            return c;
        }
    }

    static Cost jdk(int n, long settleMillis, long windowMillis) throws Exception {
        try (JdkFixture f = JdkFixture.open(n)) {
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
            Cost c = window(settleMillis, windowMillis);
            f.close();
            for (Thread t : threads) {
                t.join(5_000);
            }
            return c;
        }
    }
}
