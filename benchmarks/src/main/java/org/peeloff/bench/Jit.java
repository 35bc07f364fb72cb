/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * The JIT compilers' activity, from {@link CompilationMXBean}. Under instruction counting the guest
 * has one CPU: a compilation that runs while a batch or a window is timed is billed to it. In a JMH
 * fork of measure 1 after 20 warm-up iterations, measured batches of 1,000 peel-offs took 95 to
 * 112 us per call when the JIT compiled for 7 to 103 ms during the iteration, and 182 to 184 us when
 * it compiled for 261 to 371 ms (benchmarks/README.md, "JIT compilation and the one CPU").
 */
final class Jit {
    private Jit() {
    }

    /** How long {@link #awaitQuiet()} waits at most. */
    static final long MAX_WAIT_MILLIS = 120_000;

    /** @return the JIT compilers' accumulated time in ms, or -1 when the JVM does not say */
    static long millis() {
        CompilationMXBean c = ManagementFactory.getCompilationMXBean();
        return c != null && c.isCompilationTimeMonitoringSupported() ? c.getTotalCompilationTime() : -1;
    }

    /**
     * The JIT compiler threads' CPU time so far, in clock ticks (utime + stime of the threads whose
     * name starts with "C1 Compiler" or "C2 Compiler", from {@code /proc/self/task/*}{@code /stat}),
     * or -1 when it cannot be read. Unlike {@link #millis()}, which grows only when a compilation
     * ends, this grows while one is under way: under emulation a C2 compilation takes seconds.
     */
    static long compilerTicks() {
        long sum = 0;
        try (java.nio.file.DirectoryStream<java.nio.file.Path> tasks =
                     java.nio.file.Files.newDirectoryStream(java.nio.file.Path.of("/proc/self/task"))) {
            for (java.nio.file.Path t : tasks) {
                try {
                    String stat = java.nio.file.Files.readString(t.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        sum += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                } catch (java.io.IOException | RuntimeException e) {
                    // the thread ended
                }
            }
        } catch (java.io.IOException e) {
            return -1;
        }
        return sum;
    }

    /**
     * Waits until the JIT compiler threads have used no CPU for a whole second ({@link #compilerTicks()};
     * at most {@link #MAX_WAIT_MILLIS}): what the set-up made hot is compiled before the timed part
     * starts, not during it. The same for every Java implementation; the C program has nothing to
     * wait for. (A first version waited for {@link #millis()} to stand still for a second; it grows
     * only when a compilation ends, and a C2 compilation under way for seconds then ran into the
     * timed window: 296 clock ticks of the C2 thread in one idle window.)
     *
     * @return how long it waited, in ms
     * @throws InterruptedException when interrupted
     */
    static long awaitQuiet() throws InterruptedException {
        return awaitQuiet(MAX_WAIT_MILLIS);
    }

    /**
     * {@link #awaitQuiet()} with a limit of its own.
     *
     * @param maxWaitMillis how long to wait at most
     * @return how long it waited, in ms
     * @throws InterruptedException when interrupted
     */
    static long awaitQuiet(long maxWaitMillis) throws InterruptedException {
        long t0 = System.nanoTime();
        long deadline = t0 + maxWaitMillis * 1_000_000;
        long before = compilerTicks();
        while (true) {
            Thread.sleep(1_000);
            long now = compilerTicks();
            if (now == before || System.nanoTime() > deadline) {
                return (System.nanoTime() - t0) / 1_000_000;
            }
            before = now;
        }
    }
}
