/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.bench;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import com.sun.nio.sctp.SctpChannel;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.peeloff.SctpException;
import org.peeloff.SctpSocket;

/**
 * Measure 1, peel-off cost per association, with JMH: a peel-off consumes its association, so each
 * iteration is one batch ({@link Mode#SingleShotTime} with a batch size of {@code assocs}) over
 * {@code assocs} associations set up, untimed, by {@link Setup @Setup(Level.Iteration)}. The score
 * is the time of the whole batch; {@link Driver} divides it by the batch size. Warm-up iterations
 * run the same batches, so the measured ones use compiled code.
 *
 * <p>The batch size must equal {@code assocs}: {@link Driver} sets both ({@code -bs} and
 * {@code -p assocs} when run by hand), and the tear-down fails the run when they differ.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PeelOffBenchmark {

    /** Peeloff's side: a {@link PeeloffFixture} per iteration. */
    @State(Scope.Thread)
    public static class PeeloffState {
        /** Associations per iteration (= the batch size). */
        @Param("2000")
        public int assocs;
        PeeloffFixture fixture;
        CpuSplit split;

        /**
         * @throws IOException when the set-up fails
         * @throws InterruptedException when interrupted while waiting for the JIT
         */
        @Setup(Level.Iteration)
        public void setUp() throws IOException, InterruptedException {
            fixture = PeeloffFixture.open(assocs);
            System.gc(); // the set-up's garbage is not collected during the timed batch
            Jit.awaitQuiet(); // nor are the set-up's JIT compilations done during it (one emulated CPU)
            split = CpuSplit.start();
        }

        /** Closes everything, after checking that every association was peeled off. */
        @TearDown(Level.Iteration)
        public void tearDown() {
            int done = fixture.peeledCount();
            split.print(Driver.PEELOFF, done);
            fixture.close();
            if (done != assocs) {
                throw new IllegalStateException("peeled " + done + " of " + assocs
                        + " associations: the batch size must equal -p assocs");
            }
        }
    }

    /** The JDK's side: a {@link JdkFixture} per iteration. */
    @State(Scope.Thread)
    public static class JdkState {
        /** Associations per iteration (= the batch size). */
        @Param("2000")
        public int assocs;
        JdkFixture fixture;
        CpuSplit split;

        /**
         * @throws IOException when the set-up fails
         * @throws InterruptedException when interrupted while waiting for the JIT
         */
        @Setup(Level.Iteration)
        public void setUp() throws IOException, InterruptedException {
            fixture = JdkFixture.open(assocs);
            System.gc(); // the set-up's garbage is not collected during the timed batch
            Jit.awaitQuiet(); // nor are the set-up's JIT compilations done during it (one emulated CPU)
            split = CpuSplit.start();
        }

        /** Closes everything, after checking that every association was branched off. */
        @TearDown(Level.Iteration)
        public void tearDown() {
            int done = fixture.branchedCount();
            split.print(Driver.JDK, done);
            fixture.close();
            if (done != assocs) {
                throw new IllegalStateException("branched " + done + " of " + assocs
                        + " associations: the batch size must equal -p assocs");
            }
        }
    }

    /**
     * The benchmark thread's CPU time over the timed batch (from the end of the set-up to the start
     * of the tear-down), split into user and kernel time: {@code ThreadMXBean}'s thread CPU time
     * (exact) and user time (the kernel's accounting, in clock ticks); kernel = CPU - user. Printed
     * as one {@code CPUSPLIT} line per iteration, for reading (not a figure of the report): under
     * instruction counting it tells how much of a call's cost is the kernel's work and how much the
     * caller's own code. The C program prints the same from {@code getrusage(RUSAGE_THREAD)}.
     */
    record CpuSplit(long cpu0, long user0, long jit0, long ticks0) {
        /**
         * A file the fork appends one line per iteration to (impl, CPU, user and kernel ns per call,
         * JIT ms during the batch), for {@link Driver} to record.
         */
        static final String CPU_LOG_PROPERTY = "peeloff.bench.cpuLog";

        static CpuSplit start() {
            var t = java.lang.management.ManagementFactory.getThreadMXBean();
            return new CpuSplit(t.getCurrentThreadCpuTime(), t.getCurrentThreadUserTime(), Jit.millis(),
                    Jit.compilerTicks());
        }

        void print(String impl, int calls) {
            var t = java.lang.management.ManagementFactory.getThreadMXBean();
            long cpu = t.getCurrentThreadCpuTime() - cpu0;
            long user = t.getCurrentThreadUserTime() - user0;
            long jit = Jit.millis() - jit0;
            long ticks = Jit.compilerTicks() - ticks0;
            System.out.printf(java.util.Locale.ROOT, "CPUSPLIT impl=%s calls=%d cpu_ns_per_call=%.0f user_ns_per_call=%.0f"
                    + " sys_ns_per_call=%.0f jit_ms_during_batch=%d compiler_ticks_during_batch=%d%n", impl, calls,
                    (double) cpu / calls, (double) user / calls, (double) (cpu - user) / calls, jit, ticks);
            String log = System.getProperty(CPU_LOG_PROPERTY);
            if (log != null) {
                try {
                    java.nio.file.Files.writeString(java.nio.file.Path.of(log), String.format(java.util.Locale.ROOT,
                            "%s\t%.1f\t%.1f\t%.1f\t%d\t%d%n", impl, (double) cpu / calls, (double) user / calls,
                            (double) (cpu - user) / calls, jit, ticks), java.nio.file.StandardOpenOption.CREATE,
                            java.nio.file.StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
    }

    /**
     * {@code SctpMultiSocket.peelOff(association)}.
     *
     * @param s the state
     * @return the new socket
     * @throws SctpException when the peel-off fails
     */
    @Benchmark
    public SctpSocket peeloff(PeeloffState s) throws SctpException {
        return s.fixture.peelNext();
    }

    /**
     * {@code SctpMultiChannel.branch(association)}.
     *
     * @param s the state
     * @return the new channel
     * @throws IOException when branch fails
     */
    @Benchmark
    public SctpChannel jdk(JdkState s) throws IOException {
        return s.fixture.branchNext();
    }
}
