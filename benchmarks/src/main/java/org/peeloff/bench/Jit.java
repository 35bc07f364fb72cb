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
     * Waits until the JIT has compiled nothing for a whole second (at most {@link #MAX_WAIT_MILLIS}):
     * what the set-up made hot is compiled before the timed part starts, not during it. The same for
     * every Java implementation; the C program has nothing to wait for.
     *
     * @return how long it waited, in ms
     * @throws InterruptedException when interrupted
     */
    static long awaitQuiet() throws InterruptedException {
        long t0 = System.nanoTime();
        long deadline = t0 + MAX_WAIT_MILLIS * 1_000_000;
        long before = millis();
        while (true) {
            Thread.sleep(1_000);
            long now = millis();
            if (now == before || System.nanoTime() > deadline) {
                return (System.nanoTime() - t0) / 1_000_000;
            }
            before = now;
        }
    }
}
