/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the measurements, in one boot of one kernel: the Java ones in this JVM (and, for the peel-off
 * cost, in JMH's forked JVMs), the C ones by running the C program. Within each repetition the three
 * implementations run back to back; {@link Report} takes medians.
 *
 * <pre>
 * java -cp ... org.peeloff.bench.Driver --out DIR --c PATH [--plan standard|full|quick] --step meta|1..8|profile [--only 1,3]
 * java -cp ... org.peeloff.bench.Driver --tput-once peeloff|jdk SIZE WARMUP_MS WINDOW_MS   (for the profile)
 * java -cp ... org.peeloff.bench.Driver --shared-once peeloff|jdk C_PROGRAM                 (for the profile)
 * </pre>
 *
 * {@code src/main/sh/in-vm.sh} runs one JVM per step. Each step appends to DIR/raw.tsv ({@link RawLog})
 * whole units only (a size, a repetition), and skips the units already there: when a JVM crashes
 * (JIT-compiled code under qemu's TCG emulation occasionally does), in-vm.sh runs the step again and
 * it resumes where the crash left it. The profile step writes DIR/profile-*.txt. Progress goes to
 * standard output.
 */
public final class Driver {
    /** Implementation ids. */
    static final String C = "c";
    static final String PEELOFF = "peeloff";
    static final String JDK = "jdk";

    /**
     * How much of everything: the standard run ({@code benchmarks/run}'s default), the full one
     * (more sizes and repetitions, {@code --full}), or a quick one for development.
     *
     * @param scaleJdkFullUpTo at sizes above this, the JDK's branch() is timed for the first
     *                         {@code scaleJdkSample} associations only (it scans its association map
     *                         on every call, so all 20,000 would take minutes; its set-up, which must
     *                         receive every COMM_UP, is done in full)
     */
    record Plan(String name,
                int peelAssocs, int peelRounds, int jmhWarmup, int jmhMeasure, int cWarmup, int cMeasure,
                int[] scaleSizes, int scaleReps, int scaleWarmupAssocs, int scaleWarmupRounds, int scaleJdkFullUpTo, int scaleJdkSample,
                int[] tputSizes, long tputWarmupMillis, long tputWindowMillis, int tputReps,
                int sharedAssocs, int sharedBusy, int sharedBusySize, int sharedSporadicSize,
                int sharedIntervalMillis, int sharedPathMtu, long sharedWarmupMillis, long sharedWindowMillis,
                int sharedReps,
                int[] loopSizes, long loopWarmupMillis, long loopWindowMillis, int loopReps,
                int idleSockets, long idleSettleMillis, long idleWindowMillis, int idleReps,
                int closeSamples, int closeReps) {

        static Plan full() {
            return new Plan("full", 2000, 3, 8, 4, 1, 3,
                    new int[] {1000, 5000, 20000}, 3, 2000, 10, 5000, 2000,
                    new int[] {64, 1024}, 1000, 2000, 10,
                    200, 4, 1024, 64, 500, 1500, 1500, 4000, 4,
                    new int[] {100, 1000}, 1000, 2000, 3,
                    1000, 1000, 10_000, 3,
                    10, 3);
        }

        /**
         * The default: what two boots of this plan can finish, one after the other or at the same
         * time, on the 2-core project machine under instruction counting within an hour or so, and
         * still evidence: every figure from several repetitions with its spread (measure 1: 2 rounds
         * of a C run of 3 rounds and a JMH fork of 5 warm-up + 2 measured batches of 1,000 each, the
         * JIT quiet before each batch; measure 2 up to 5,000 associations; 4, 3, 3, 2, 3 repetitions
         * for measures 3 to 7).
         */
        static Plan standard() {
            return new Plan("standard", 1000, 2, 5, 2, 1, 3,
                    new int[] {1000, 5000}, 2, 1000, 6, 5000, 1000,
                    new int[] {64, 1024}, 1000, 2000, 4,
                    200, 4, 1024, 64, 500, 1500, 1500, 3000, 3,
                    new int[] {100, 1000}, 1000, 2000, 3,
                    1000, 1000, 10_000, 2,
                    10, 3);
        }

        /** @return the plan of that name: standard, full or quick */
        static Plan named(String name) {
            return switch (name) {
                case "standard" -> standard();
                case "full" -> full();
                case "quick" -> quick();
                default -> throw new IllegalArgumentException("unknown plan " + name + " (standard, full, quick)");
            };
        }

        static Plan quick() {
            return new Plan("quick", 300, 1, 1, 2, 1, 2,
                    new int[] {200, 500, 1000}, 1, 300, 2, 500, 300,
                    new int[] {64, 1024}, 1000, 1500, 1,
                    40, 4, 1024, 64, 500, 1500, 1000, 1500, 1,
                    new int[] {100, 1000}, 500, 1000, 1,
                    1000, 500, 10_000, 1,
                    10, 1);
        }

        /** @return measure 4's load, generated by the C program at {@code cBinary} */
        SharedSocket.Load sharedLoad(String cBinary) {
            return new SharedSocket.Load(cBinary, sharedAssocs, sharedBusy, sharedBusySize, sharedSporadicSize,
                    sharedIntervalMillis, sharedPathMtu);
        }
    }

    private final Plan plan;
    private final CProgram c;
    private final RawLog raw;
    private final Path out;

    private Driver(Plan plan, CProgram c, Path out) {
        this.plan = plan;
        this.c = c;
        this.out = out;
        this.raw = new RawLog(out.resolve("raw.tsv"));
    }

    /**
     * @param args see the class comment
     * @throws Exception when a measurement fails (the whole units measured so far stay in raw.tsv)
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 5 && args[0].equals("--tput-once")) {
            tputOnce(args[1], Integer.parseInt(args[2]), Long.parseLong(args[3]), Long.parseLong(args[4]));
            return;
        }
        if (args.length == 3 && args[0].equals("--shared-once")) {
            sharedOnce(args[1], args[2]);
            return;
        }
        Path out = null;
        String cBinary = null;
        String planName = "standard";
        String step = null;
        String only = "1,2,3,4,5,6,7,8";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--c" -> cBinary = args[++i];
                case "--quick" -> planName = "quick";
                case "--plan" -> planName = args[++i];
                case "--step" -> step = args[++i];
                case "--only" -> only = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (out == null || cBinary == null || step == null) {
            throw new IllegalArgumentException(
                    "usage: Driver --out DIR --c PATH [--plan standard|full|quick] --step meta|1..8|profile [--only 1,3]");
        }
        Files.createDirectories(out);
        Driver d = new Driver(Plan.named(planName), new CProgram(cBinary), out);
        switch (step) {
            case "meta" -> d.meta();
            case "1" -> d.peelCost();
            case "2" -> d.scale();
            case "3" -> d.throughput();
            case "4" -> d.shared();
            case "5" -> d.eventLoop();
            case "6" -> d.idle();
            case "7" -> d.closeLatency();
            case "8" -> d.nettyEcho();
            case "profile" -> d.profile(List.of(only.split(",")));
            default -> throw new IllegalArgumentException("unknown step " + step);
        }
    }

    private void meta() {
        raw.meta("started", Instant.now());
        raw.meta("plan", plan.name());
        raw.meta("kernel", System.getProperty("os.version"));
        raw.meta("emulated", "1".equals(System.getenv("PEELOFF_IN_VM")) ? "yes" : "no");
        raw.meta("cpus", Runtime.getRuntime().availableProcessors());
        if ("1".equals(System.getenv("PEELOFF_IN_VM"))) {
            // benchmarks/run asks harness/linux-vm for one host thread per emulated CPU.
            raw.meta("qemu.tcg.thread", String.valueOf(System.getenv("PEELOFF_VM_TCG_THREAD")));
            String icount = System.getenv("PEELOFF_VM_ICOUNT");
            raw.meta("qemu.icount", icount == null || icount.isEmpty() ? "off (guest clocks follow the host's time)"
                    : icount + " (guest clocks count executed instructions)");
        }
        raw.meta("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        raw.meta("lo.mtu", readFirstLine(Path.of("/sys/class/net/lo/mtu")));
        raw.meta("net.sctp.rcvbuf_policy", readFirstLine(Path.of("/proc/sys/net/sctp/rcvbuf_policy")));
        raw.meta("peel.assocs", plan.peelAssocs());
        raw.meta("peel.iterations", plan.peelRounds() + " rounds of: C " + plan.cWarmup() + " warm-up + "
                + plan.cMeasure() + " measured rounds, then a JMH fork each for Peeloff and the JDK, "
                + plan.jmhWarmup() + " warm-up + " + plan.jmhMeasure() + " measured iterations");
        raw.meta("scale.sizes", Arrays.toString(plan.scaleSizes()) + ", C and Peeloff " + plan.scaleReps()
                + " times each, the JDK once, after a warm-up of " + plan.scaleWarmupRounds() + " (Peeloff) and "
                + Math.min(JDK_SCALE_WARMUP_ROUNDS, plan.scaleWarmupRounds()) + " (JDK) x "
                + plan.scaleWarmupAssocs() + " peel-offs");
        raw.meta("tput.window", plan.tputWarmupMillis() + " ms warm-up, " + plan.tputWindowMillis() + " ms window, "
                + plan.tputReps() + " repetitions");
        raw.meta("shared.load", plan.sharedAssocs() + " associations, " + plan.sharedBusy() + " busy ("
                + plan.sharedBusySize() + "-byte messages, unpaced), the others one " + plan.sharedSporadicSize()
                + "-byte message every " + plan.sharedIntervalMillis() + " ms; path MTU " + plan.sharedPathMtu()
                + "; " + plan.sharedWarmupMillis() + " ms warm-up, " + plan.sharedWindowMillis() + " ms window, "
                + plan.sharedReps() + " repetitions");
        raw.meta("loop", Arrays.toString(plan.loopSizes()) + " peeled associations served by one thread; "
                + plan.loopWarmupMillis() + " ms warm-up, " + plan.loopWindowMillis() + " ms window, "
                + plan.loopReps() + " repetitions");
        raw.meta("idle", plan.idleSockets() + " threads blocked in receive; " + plan.idleSettleMillis()
                + " ms settling, " + plan.idleWindowMillis() + " ms window, " + plan.idleReps() + " repetitions");
        raw.meta("close", plan.closeReps() + " repetitions of " + plan.closeSamples() + " closes each");
        raw.meta("close.reps", plan.closeReps());
        raw.meta("idle.sockets", plan.idleSockets());
        raw.meta("netty", NettyEcho.Plan.named(plan.name()).describe());
    }

    /** How many samples raw.tsv already has for a measure, implementation and key. */
    private int have(String measure, String impl, String key) throws IOException {
        return raw.contents().values(measure, impl, key).size();
    }

    private static final long START = System.nanoTime();

    static void say(String format, Object... args) {
        Object[] all = new Object[args.length + 1];
        all[0] = (System.nanoTime() - START) / 1e9;
        System.arraycopy(args, 0, all, 1, args.length);
        System.out.printf(Locale.ROOT, "[bench %4.0fs] " + format + "%n", all);
        System.out.flush();
    }

    private final Consumer<String> cLog = line -> System.out.println("[c] " + line);

    private static String readFirstLine(Path p) {
        try {
            List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
            return lines.isEmpty() ? "?" : lines.get(0).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    /**
     * Waits until the kernel has finished tearing down the associations of the last measurement
     * (closing thousands of them goes on in the background), so that it does not slow the next, and
     * then until this JVM's JIT is quiet ({@link Jit#awaitQuiet()}).
     */
    static void quiesce() throws InterruptedException {
        awaitNoAssociations();
        // Then this JVM's own JIT: on the one emulated CPU its compilations would run during the next
        // step, and a C program started now would be billed for them as much as Java code (in the
        // first --repeatability run of all measures, C's first sample at 1,000 associations in
        // measure 2 was 125 us per call against 64.9 in the next, right after the warm-up's peel-offs).
        Jit.awaitQuiet();
    }

    private static void awaitNoAssociations() throws InterruptedException {
        Path assocs = Path.of("/proc/net/sctp/assocs");
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                if (Files.readAllLines(assocs, StandardCharsets.UTF_8).size() <= 1) {
                    return;
                }
            } catch (IOException e) {
                return; // not readable here: nothing to wait for
            }
            Thread.sleep(200);
        }
        say("   note: associations still being torn down after 60 s");
    }

    /** The repetition's order: rotated each time, so that no implementation always runs first. */
    static List<String> order(int rep) {
        List<String> o = new ArrayList<>(List.of(C, PEELOFF, JDK));
        Collections.rotate(o, -rep);
        return o;
    }

    // ------------------------------------------------------------------ 1. peel-off cost

    private void peelCost() throws Exception {
        int n = plan.peelAssocs();
        say("1. peel-off cost: %d associations per iteration; %d rounds of C, then a JMH fork of Peeloff and of the JDK",
                n, plan.peelRounds());
        // Several JMH forks, not one: under emulation a fork's JIT settles at a level of its own
        // (one run's Peeloff fork measured 39-51 us per call, the next run's 63-82 us, while C gave
        // 41-51 us in both), so one fork is one sample, not a figure. A fork per unit of work also
        // means that a JVM crash (see README) repeats that fork only.
        for (int round = 0; round < plan.peelRounds(); round++) {
            if (have("peel", C, "us_per_call") < (round + 1) * plan.cMeasure()) {
                RawLog.Batch b = raw.batch();
                for (CProgram.Result r : c.run(cLog, "peel", Integer.toString(n), Integer.toString(plan.cMeasure()),
                        Integer.toString(plan.cWarmup()))) {
                    if (r.text("warmup").equals("0")) {
                        b.sample("peel", C, "us_per_call", r.number("per_call_ns") / 1e3);
                        b.sample("peel.cpu", C, "us_per_call", (r.number("user_ns") + r.number("sys_ns")) / n / 1e3);
                        b.sample("peel.sys", C, "us_per_call", r.number("sys_ns") / n / 1e3);
                        b.sample("peel.dupclose", C, "us_per_call", r.number("dupclose_ns") / 1e3);
                        say("   round %d c: %.1f us per call", round + 1, r.number("per_call_ns") / 1e3);
                    }
                }
                b.commit();
                quiesce();
            }
            for (String impl : List.of(PEELOFF, JDK)) {
                if (have("peel", impl, "us_per_call") >= (round + 1) * plan.jmhMeasure()) {
                    continue;
                }
                Path cpuLog = out.resolve("cpu-" + impl + "-" + (round + 1) + ".tsv");
                Files.deleteIfExists(cpuLog);
                Collection<RunResult> results = new Runner(jmhOptions(n, impl,
                        "-D" + PeelOffBenchmark.CpuSplit.CPU_LOG_PROPERTY + "=" + cpuLog).build()).run();
                RawLog.Batch b = raw.batch();
                // the calling thread's CPU time per call, of the measured batches (the file's last lines)
                List<String> cpuLines = Files.exists(cpuLog) ? Files.readAllLines(cpuLog) : List.of();
                for (String line : cpuLines.subList(Math.max(0, cpuLines.size() - plan.jmhMeasure()), cpuLines.size())) {
                    String[] f = line.split("\t");
                    b.sample("peel.cpu", impl, "us_per_call", Double.parseDouble(f[1]) / 1e3);
                    b.sample("peel.sys", impl, "us_per_call", Double.parseDouble(f[3]) / 1e3);
                    say("   round %d %s: CPU time of the calling thread %.1f us per call (kernel %.1f), JIT %s ms compiled"
                            + " and %s clock ticks of compiler threads during the batch", round + 1, impl,
                            Double.parseDouble(f[1]) / 1e3, Double.parseDouble(f[3]) / 1e3, f[4], f[5]);
                }
                List<Double> fork = new ArrayList<>();
                for (RunResult rr : results) {
                    for (BenchmarkResult br : rr.getBenchmarkResults()) {
                        for (IterationResult ir : br.getIterationResults()) {
                            // SingleShotTime: the score is the time of one batch of n calls, in microseconds
                            double perCall = ir.getPrimaryResult().getScore() / n;
                            b.sample("peel", impl, "us_per_call", perCall);
                            fork.add(perCall);
                        }
                    }
                }
                say("   round %d %s: %s us per call", round + 1, impl, fork.stream()
                        .map(v -> String.format(Locale.ROOT, "%.1f", v)).toList());
                b.commit();
                quiesce();
            }
        }
    }

    private ChainedOptionsBuilder jmhOptions(int n, String methods, String... extraJvmArgs) {
        List<String> jvmArgs = new ArrayList<>(List.of("-Xms512m", "-Xmx512m"));
        jvmArgs.addAll(List.of(extraJvmArgs));
        return new OptionsBuilder()
                .include(PeelOffBenchmark.class.getName() + "\\." + methods + "$")
                .param("assocs", Integer.toString(n))
                .warmupIterations(plan.jmhWarmup()).warmupBatchSize(n)
                .measurementIterations(plan.jmhMeasure()).measurementBatchSize(n)
                .forks(1)
                .jvmArgsAppend(jvmArgs.toArray(new String[0]))
                .timeout(TimeValue.minutes(20))
                .shouldFailOnError(true);
    }

    // ------------------------------------------------------------------ 2. scale

    private void scale() throws Exception {
        say("2. scale: peel-off of %s associations from one socket; warm-up first: %d x %d peel-offs (not recorded)",
                Arrays.toString(plan.scaleSizes()), plan.scaleWarmupRounds(), plan.scaleWarmupAssocs());
        List<Integer> todo = new ArrayList<>();
        for (int n : plan.scaleSizes()) {
            if (have("scale." + n, JDK, "us_per_call") == 0) {
                todo.add(n);
            }
        }
        if (todo.isEmpty()) {
            return;
        }
        // This JVM has not peeled off before: the JIT needs several thousand calls (JMH's warm-up
        // iterations show the time per call settling after 4,000 to 6,000), else the first size
        // would be measured on colder code than the last.
        // The JDK's rounds are fewer: its figures are far from any target, and each of its rounds
        // costs four times Peeloff's.
        for (int r = 0; r < plan.scaleWarmupRounds(); r++) {
            ScalePoint wp = peeloffScale(plan.scaleWarmupAssocs());
            if (r < JDK_SCALE_WARMUP_ROUNDS) {
                ScalePoint wj = jdkScale(plan.scaleWarmupAssocs(), plan.scaleWarmupAssocs());
                say("   warm-up %d: peeloff %.1f us per call, jdk %.1f us per call", r + 1, wp.usPerCall(), wj.usPerCall());
            } else {
                say("   warm-up %d: peeloff %.1f us per call", r + 1, wp.usPerCall());
            }
        }
        quiesce();
        for (int n : todo) {
            String m = "scale." + n;
            RawLog.Batch b = raw.batch();
            // C and Peeloff, back to back, several times (one sample is at the mercy of whatever
            // else the host runs during it); the JDK once, its figure is far from any target and
            // its set-up at 20,000 takes minutes.
            for (int rep = 0; rep < plan.scaleReps(); rep++) {
                for (CProgram.Result r : c.run(cLog, "peel", Integer.toString(n), "1", "0")) {
                    b.sample(m, C, "us_per_call", r.number("block_median_ns") / 1e3);
                    b.sample(m, C, "us_per_call_mean", r.number("per_call_ns") / 1e3);
                    say("   %d c: %.1f us per call (median block), %.1f (mean)", n, r.number("block_median_ns") / 1e3,
                            r.number("per_call_ns") / 1e3);
                }
                quiesce();
                ScalePoint p = peeloffScale(n);
                b.sample(m, PEELOFF, "us_per_call", p.blockMedian);
                b.sample(m, PEELOFF, "us_per_call_mean", p.usPerCall);
                b.sample(m, PEELOFF, "heap_bytes_per_socket", p.heapPerSocket);
                say("   %d peeloff: %.1f us per call (median block), %.1f (mean), %.0f bytes of heap per socket", n,
                        p.blockMedian, p.usPerCall, p.heapPerSocket);
                quiesce();
            }
            int limit = n > plan.scaleJdkFullUpTo() ? plan.scaleJdkSample() : n;
            ScalePoint j = jdkScale(n, limit);
            b.sample(m, JDK, "us_per_call", j.blockMedian);
            b.sample(m, JDK, "us_per_call_mean", j.usPerCall);
            b.sample(m, JDK, "heap_bytes_per_socket", j.heapPerSocket);
            if (limit < n) {
                b.note(m, JDK, "branch() timed for the first " + limit + " of " + n
                        + " associations (each call scans the channel's association map; all would take minutes)");
            }
            say("   %d jdk: %.1f us per call (median block), %.1f (mean) (%d calls), %.0f bytes of heap per channel", n,
                    j.blockMedian, j.usPerCall, limit, j.heapPerSocket);
            b.commit();
            quiesce();
        }
    }

    /**
     * @param usPerCall   mean time per call
     * @param blockMedian median over blocks of {@link #BLOCK} consecutive calls of the block's time per
     *                    call: robust to the host's scheduling spikes, which under emulation on a shared
     *                    machine add whole milliseconds to a few calls
     */
    record ScalePoint(double usPerCall, double blockMedian, double heapPerSocket) {
    }

    static final int BLOCK = 100;

    /** Warm-up rounds of the JDK before the scale sizes (Peeloff's: the plan's). */
    static final int JDK_SCALE_WARMUP_ROUNDS = 3;

    /** A timed loop of calls, per block of {@link #BLOCK}. */
    interface Call {
        void run() throws Exception;
    }

    private static ScalePoint timed(int calls, Call call) throws Exception {
        long[] blocks = new long[calls / BLOCK];
        long before = settledHeap();
        // The fixture's set-up (thousands of connects and COMM_UP receives) has just made code hot:
        // on the one emulated CPU its compilation would run during the timed loop (measure 1 waits
        // the same way; without it measure 2 gave Peeloff 100 or 200 us per call from one size to
        // the next, in both boots of a --repeatability run).
        Jit.awaitQuiet();
        var threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long ticks0 = Jit.compilerTicks();
        long t0 = System.nanoTime();
        long tb = t0;
        for (int i = 0; i < calls; i++) {
            call.run();
            if ((i + 1) % BLOCK == 0) {
                long now = System.nanoTime();
                blocks[i / BLOCK] = now - tb;
                tb = now;
            }
        }
        long t1 = System.nanoTime();
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        long ticks = Jit.compilerTicks() - ticks0;
        say("      (%d calls: the calling thread's CPU time %.1f us per call; %d clock ticks of the JIT's compiler"
                + " threads during the loop)", calls, cpu / 1e3 / calls, ticks);
        long after = settledHeap();
        double median = (t1 - t0) / 1e3 / calls;
        if (blocks.length > 0) {
            List<Double> v = new ArrayList<>();
            for (long b : blocks) {
                v.add(b / 1e3 / BLOCK);
            }
            median = Report.median(v);
        }
        return new ScalePoint((t1 - t0) / 1e3 / calls, median, (double) (after - before) / calls);
    }

    private static ScalePoint peeloffScale(int n) throws Exception {
        try (PeeloffFixture f = PeeloffFixture.open(n)) {
            return timed(n, f::peelNext);
        }
    }

    private static ScalePoint jdkScale(int n, int calls) throws Exception {
        try (JdkFixture f = JdkFixture.open(n)) {
            return timed(calls, f::branchNext);
        }
    }

    /** Used heap after full collections, once it stops shrinking. */
    static long settledHeap() throws InterruptedException {
        var mem = ManagementFactory.getMemoryMXBean();
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 6; i++) {
            System.gc();
            Thread.sleep(50);
            long used = mem.getHeapMemoryUsage().getUsed();
            if (used >= last && i >= 2) {
                return Math.min(used, last);
            }
            last = Math.min(last, used);
        }
        return last;
    }

    // ------------------------------------------------------------------ 3. throughput

    private void throughput() throws Exception {
        int done = have("tput." + plan.tputSizes()[plan.tputSizes().length - 1], JDK, "msgs_per_s");
        say("3. throughput on a peeled socket: sizes %s, %d ms warm-up, %d ms window, %d repetitions%s",
                Arrays.toString(plan.tputSizes()), plan.tputWarmupMillis(), plan.tputWindowMillis(), plan.tputReps(),
                done > 0 ? " (" + done + " already done)" : "");
        if (done >= plan.tputReps()) {
            return;
        }
        // This JVM has not sent or received before: one unrecorded pass per size compiles those paths.
        for (int size : plan.tputSizes()) {
            Throughput.Rate p = javaThroughput(PEELOFF, size, plan.tputWarmupMillis(), plan.tputWindowMillis());
            Throughput.Rate j = javaThroughput(JDK, size, plan.tputWarmupMillis(), plan.tputWindowMillis());
            say("   warm-up %d B: peeloff %.0f msgs/s, jdk %.0f msgs/s (not recorded)", size, p.msgsPerSecond(),
                    j.msgsPerSecond());
        }
        for (int rep = done; rep < plan.tputReps(); rep++) {
            RawLog.Batch b = raw.batch();
            for (int size : plan.tputSizes()) {
                String m = "tput." + size;
                for (String impl : order(rep)) {
                    Throughput.Rate r = switch (impl) {
                        case C -> {
                            CProgram.Result res = c.run(cLog, "tput", Integer.toString(size),
                                    Long.toString(plan.tputWarmupMillis()), Long.toString(plan.tputWindowMillis())).get(0);
                            yield new Throughput.Rate(res.number("msgs_per_s"), res.number("mb_per_s"),
                                    (long) res.number("msgs"), res.number("seconds"));
                        }
                        default -> javaThroughput(impl, size, plan.tputWarmupMillis(), plan.tputWindowMillis());
                    };
                    b.sample(m, impl, "msgs_per_s", r.msgsPerSecond());
                    b.sample(m, impl, "mb_per_s", r.mbPerSecond());
                    say("   %d B %s: %.0f msgs/s, %.3f MB/s", size, impl, r.msgsPerSecond(), r.mbPerSecond());
                }
            }
            b.commit();
        }
        quiesce();
    }

    /** Measure 3 with Peeloff or the JDK ({@code impl}). */
    private static Throughput.Rate javaThroughput(String impl, int size, long warmupMillis, long windowMillis)
            throws Exception {
        return impl.equals(JDK) ? Throughput.jdk(size, warmupMillis, windowMillis)
                : Throughput.peeloff(size, warmupMillis, windowMillis);
    }

    /** One throughput measurement, printed: what the profile runs under strace. */
    private static void tputOnce(String impl, int size, long warmupMillis, long windowMillis) throws Exception {
        Throughput.Rate r = javaThroughput(impl, size, warmupMillis, windowMillis);
        System.out.printf(Locale.ROOT, "RESULT tput impl=%s size=%d msgs=%d seconds=%.3f msgs_per_s=%.1f%n", impl, size,
                r.msgs(), r.seconds(), r.msgsPerSecond());
    }

    // ------------------------------------------------------------------ 4. shared socket

    /** One shared-socket measurement with the full plan's load, printed: what the profile runs under strace. */
    private static void sharedOnce(String impl, String cBinary) throws Exception {
        Plan p = Plan.full();
        SharedSocket.Outcome o = SharedSocket.measure(javaServer(impl), p.sharedLoad(cBinary), p.sharedWarmupMillis(),
                p.sharedWindowMillis());
        System.out.printf(Locale.ROOT, "RESULT shared impl=%s before_msgs=%d after_msgs=%d msgs=%d%n", impl,
                o.before().msgs(), o.after().msgs(), o.before().msgs() + o.after().msgs());
    }

    /** Measure 4's server with Peeloff or the JDK ({@code impl}). */
    private static SharedSocket.Server javaServer(String impl) {
        return impl.equals(JDK) ? new SharedSocket.JdkServer() : new SharedSocket.PeeloffServer();
    }

    private void shared() throws Exception {
        SharedSocket.Load load = plan.sharedLoad(c.binary());
        int done = have("shared.after", JDK, "msgs_per_s");
        say("4. shared socket: %d associations, %d busy; %d repetitions%s", load.assocs(), load.busy(),
                plan.sharedReps(), done > 0 ? " (" + done + " already done)" : "");
        if (done >= plan.sharedReps()) {
            return;
        }
        // This JVM has not served a shared socket before: one unrecorded pass per Java server, so that
        // the measured windows run compiled code (a receiver that falls behind lets the socket's buffer
        // overflow, and the associations then stall in retransmission timeouts).
        for (String impl : List.of(PEELOFF, JDK)) {
            SharedSocket.Outcome o = SharedSocket.measure(javaServer(impl), load, 1000, 2000);
            say("   warm-up %s: before %.0f msgs/s, after %.0f msgs/s (not recorded)", impl, o.before().msgsPerSecond(),
                    o.after().msgsPerSecond());
            quiesce();
        }
        for (int rep = done; rep < plan.sharedReps(); rep++) {
            RawLog.Batch b = raw.batch();
            for (String impl : order(rep)) {
                Map<String, Long> k0 = sctpCounters();
                switch (impl) {
                    case C -> sharedC(load, b);
                    default -> sharedJava(impl, load, b);
                }
                Map<String, Long> k1 = sctpCounters();
                if (!k0.isEmpty() && !k1.isEmpty()) {
                    String k = "repetition " + (rep + 1) + ", the kernel during the run (warm-up, before, after): "
                            + counterDelta(k0, k1, "SctpT3RtxExpireds") + " T3-rtx timer expiries, "
                            + counterDelta(k0, k1, "SctpInDataChunkDiscards") + " DATA chunks discarded, "
                            + counterDelta(k0, k1, "SctpInPktDiscards") + " packets discarded";
                    b.note("shared", impl, k);
                    say("   %s: %s", impl, k);
                }
                quiesce();
            }
            b.commit();
        }
    }

    /**
     * The kernel's SCTP counters ({@code /proc/net/sctp/snmp}): they tell why a shared-socket window
     * collapsed (the socket's receive buffer overflowed, DATA chunks were discarded, and the senders
     * sat out retransmission timeouts).
     *
     * @return counter name to value; empty when the file cannot be read
     */
    static Map<String, Long> sctpCounters() {
        Map<String, Long> m = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/net/sctp/snmp"), StandardCharsets.UTF_8)) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 2) {
                    try {
                        m.put(f[0], Long.parseLong(f[1]));
                    } catch (NumberFormatException e) {
                        // not a counter line
                    }
                }
            }
        } catch (IOException e) {
            m.clear();
        }
        return m;
    }

    private static String counterDelta(Map<String, Long> before, Map<String, Long> after, String name) {
        Long a = before.get(name);
        Long b = after.get(name);
        return a == null || b == null ? "?" : String.format(Locale.ROOT, "%,d", b - a);
    }

    /** The C server in its own process, against the same C load generator. */
    private void sharedC(SharedSocket.Load load, RawLog.Batch b) throws Exception {
        try (CProgram.SharedServer server = new CProgram.SharedServer(c, cLog, Integer.toString(load.assocs()),
                Integer.toString(load.busy()), Long.toString(plan.sharedWarmupMillis()),
                Long.toString(plan.sharedWindowMillis()))) {
            Process loader = load.start(server.port);
            try {
                for (CProgram.Result r : server.results()) {
                    String phase = r.text("phase");
                    b.sample("shared." + phase, C, "msgs_per_s", r.number("msgs_per_s"));
                    b.sample("shared." + phase, C, "mb_per_s", r.number("mb_per_s"));
                    if (!r.text("peeled").isEmpty()) {
                        b.note("shared", C, "peeled (id:msgs received before) " + r.text("peeled"));
                    }
                    say("   c: %s %.0f msgs/s", phase, r.number("msgs_per_s"));
                }
            } finally {
                loader.destroyForcibly();
                loader.waitFor();
            }
        }
    }

    private void sharedJava(String impl, SharedSocket.Load load, RawLog.Batch b) throws Exception {
        SharedSocket.Outcome o = SharedSocket.measure(javaServer(impl), load, plan.sharedWarmupMillis(), plan.sharedWindowMillis());
        b.sample("shared.before", impl, "msgs_per_s", o.before().msgsPerSecond());
        b.sample("shared.before", impl, "mb_per_s", o.before().mbPerSecond());
        b.sample("shared.after", impl, "msgs_per_s", o.after().msgsPerSecond());
        b.sample("shared.after", impl, "mb_per_s", o.after().mbPerSecond());
        b.note("shared", impl, "peeled (id:msgs received before) " + o.peeled());
        say("   %s: before %.0f msgs/s, after %.0f msgs/s (peeled %s)", impl, o.before().msgsPerSecond(),
                o.after().msgsPerSecond(), o.peeled());
    }

    // ------------------------------------------------------------------ 5. event loop

    private void eventLoop() throws Exception {
        int done = have("loop." + plan.loopSizes()[plan.loopSizes().length - 1], JDK, "msgs_per_s");
        say("5. event loop: %s peeled associations served by one thread; %d ms warm-up, %d ms window, %d repetitions%s",
                Arrays.toString(plan.loopSizes()), plan.loopWarmupMillis(), plan.loopWindowMillis(), plan.loopReps(),
                done > 0 ? " (" + done + " already done)" : "");
        if (done >= plan.loopReps()) {
            return;
        }
        // This JVM has not served an event loop before: one unrecorded pass per Java server.
        for (String impl : List.of(PEELOFF, JDK)) {
            Throughput.Rate w = javaLoop(impl, plan.loopSizes()[0], plan.loopWarmupMillis(), plan.loopWindowMillis());
            say("   warm-up %s: %.0f msgs/s (not recorded)", impl, w.msgsPerSecond());
            quiesce();
        }
        for (int rep = done; rep < plan.loopReps(); rep++) {
            RawLog.Batch b = raw.batch();
            for (int n : plan.loopSizes()) {
                for (String impl : order(rep)) {
                    Throughput.Rate r = switch (impl) {
                        case C -> loopC(n);
                        default -> javaLoop(impl, n, plan.loopWarmupMillis(), plan.loopWindowMillis());
                    };
                    b.sample("loop." + n, impl, "msgs_per_s", r.msgsPerSecond());
                    say("   %d associations %s: %.0f msgs/s", n, impl, r.msgsPerSecond());
                    quiesce();
                }
            }
            b.commit();
        }
    }

    private Throughput.Rate javaLoop(String impl, int n, long warmupMillis, long windowMillis) throws Exception {
        SharedSocket.Load load = EventLoop.load(c.binary(), n);
        return impl.equals(JDK) ? EventLoop.jdk(load, warmupMillis, windowMillis)
                : EventLoop.peeloff(load, warmupMillis, windowMillis);
    }

    private Throughput.Rate loopC(int n) throws Exception {
        List<String> cmd = List.of(c.binary(), "loop-server", Integer.toString(n), Long.toString(plan.loopWarmupMillis()),
                Long.toString(plan.loopWindowMillis()));
        Process server = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Process loader = null;
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            CProgram.Result res = null;
            while ((line = out.readLine()) != null) {
                cLog.accept(line);
                if (line.startsWith("READY port=")) {
                    loader = EventLoop.load(c.binary(), n).start(Integer.parseInt(line.substring(11).trim()));
                }
                CProgram.Result r = CProgram.parse(line);
                if (r != null) {
                    res = r;
                }
            }
            if (res == null) {
                throw new IOException("the C loop-server gave no result (exit " + server.waitFor() + ")");
            }
            return new Throughput.Rate(res.number("msgs_per_s"), res.number("mb_per_s"), (long) res.number("msgs"),
                    res.number("seconds"));
        } finally {
            server.destroyForcibly();
            if (loader != null) {
                loader.destroyForcibly();
                loader.waitFor();
            }
        }
    }

    // ------------------------------------------------------------------ 6. idle cost

    private void idle() throws Exception {
        int done = have("idle", JDK, "wakeups_per_s");
        say("6. idle cost: %d threads blocked in receive, %d ms window, %d repetitions%s", plan.idleSockets(),
                plan.idleWindowMillis(), plan.idleReps(), done > 0 ? " (" + done + " already done)" : "");
        if (done == 0) {
            // Unrecorded: in two boots, the first window of the JVM (whichever implementation) had the
            // C2 compiler at work (141 to 307 ms/s of JIT) and every later window 0 to 1 ms/s.
            for (String impl : List.of(PEELOFF, JDK)) {
                IdleCost.Cost w = impl.equals(JDK) ? IdleCost.jdk(plan.idleSockets(), plan.idleSettleMillis(), 1_000)
                        : IdleCost.peeloff(plan.idleSockets(), plan.idleSettleMillis(), 1_000);
                say("   warm-up %s: %.2f ms CPU per s (not recorded)", impl, w.cpuMillisPerSecond());
                quiesce();
            }
        }
        for (int rep = done; rep < plan.idleReps(); rep++) {
            RawLog.Batch b = raw.batch();
            for (String impl : rep % 2 == 0 ? List.of(PEELOFF, JDK) : List.of(JDK, PEELOFF)) {
                IdleCost.Cost cost = impl.equals(JDK)
                        ? IdleCost.jdk(plan.idleSockets(), plan.idleSettleMillis(), plan.idleWindowMillis())
                        : IdleCost.peeloff(plan.idleSockets(), plan.idleSettleMillis(), plan.idleWindowMillis());
                b.sample("idle", impl, "cpu_ms_per_s", cost.cpuMillisPerSecond());
                b.sample("idle", impl, "wakeups_per_s", cost.wakeupsPerSecond());
                b.sample("idle", impl, "process_switches_per_s", cost.processSwitchesPerSecond());
                b.sample("idle", impl, "blocked", cost.blocked());
                b.sample("idle", impl, "jit_ms_per_s", cost.jitMillisPerSecond());
                say("   %s: %.2f ms CPU per s (JIT %.2f), %.1f wake-ups/s of the receivers, %.1f context switches/s of the"
                        + " process, %d of %d receivers asleep in the kernel at the end", impl, cost.cpuMillisPerSecond(),
                        cost.jitMillisPerSecond(), cost.wakeupsPerSecond(), cost.processSwitchesPerSecond(), cost.blocked(),
                        plan.idleSockets());
                quiesce();
            }
            b.commit();
        }
    }

    // ------------------------------------------------------------------ 7. close latency

    private void closeLatency() throws Exception {
        int done = have("close", JDK, "ms") / Math.max(1, plan.closeSamples());
        say("7. close latency: %d repetitions of %d closes%s", plan.closeReps(), plan.closeSamples(),
                done > 0 ? " (" + done + " already done)" : "");
        if (done == 0) {
            // unrecorded: the receive and close paths compiled before the first recorded close
            say("   warm-up: peeloff %s ms, jdk %s ms (not recorded)", CloseLatency.peeloff(plan.closeSamples(), 50),
                    CloseLatency.jdk(plan.closeSamples(), 50));
            quiesce();
        }
        for (int rep = done; rep < plan.closeReps(); rep++) {
            RawLog.Batch b = raw.batch();
            for (String impl : rep % 2 == 0 ? List.of(PEELOFF, JDK) : List.of(JDK, PEELOFF)) {
                List<Double> ms = impl.equals(JDK) ? CloseLatency.jdk(plan.closeSamples(), 50)
                        : CloseLatency.peeloff(plan.closeSamples(), 50);
                for (double v : ms) {
                    b.sample("close", impl, "ms", v);
                }
                say("   %s: %s ms", impl, ms.stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).toList());
                quiesce();
            }
            b.commit();
        }
    }

    // ------------------------------------------------------------------ 8. Netty echo

    /**
     * Measure 8: Peeloff's Netty transport against Netty's NIO SCTP transport (recorded under the
     * JDK's id: it runs on the JDK's com.sun.nio.sctp); no C. See {@link NettyEcho}.
     */
    private void nettyEcho() throws Exception {
        NettyEcho.Plan np = NettyEcho.Plan.named(plan.name());
        int[] sizes = np.assocs();
        int done = have("netty.tput." + sizes[sizes.length - 1], JDK, "msgs_per_s");
        say("8. Netty echo: %s%s", np.describe(), done > 0 ? " (" + done + " already done)" : "");
        if (done >= np.reps()) {
            return;
        }
        // This JVM has not run either transport before: one unrecorded pass of each transport at each
        // size. With one pass at the first size only, the first recorded repetition still had 1 to 3.5 s
        // of JIT time in its windows (the later ones 0 to 539 ms) and half the throughput
        // (results/2026-12-05-standard-8-run1.md); with a 1 s warm-up in those passes, 1 to 1.5 s of JIT
        // still fell into Peeloff's first two repetitions at 1 association (run2.md): the passes warm up
        // for longer (NettyEcho.Plan#forWarmUpPass).
        for (int n : sizes) {
            for (String impl : List.of(PEELOFF, JDK)) {
                NettyEcho.Outcome w = NettyEcho.run(impl.equals(PEELOFF), n, np.forWarmUpPass());
                say("   warm-up, %d association(s) %s: %.0f msgs/s, p50 %.0f us, JIT %d ms in the windows (not recorded)",
                        n, impl.equals(JDK) ? "nio" : impl, w.msgsPerSecond(), w.p50Micros(), w.jitMillisInWindows());
                quiesce();
            }
        }
        for (int rep = done; rep < np.reps(); rep++) {
            RawLog.Batch b = raw.batch();
            for (int n : sizes) {
                for (String impl : rep % 2 == 0 ? List.of(PEELOFF, JDK) : List.of(JDK, PEELOFF)) {
                    NettyEcho.Outcome o = NettyEcho.run(impl.equals(PEELOFF), n, np);
                    b.sample("netty.tput." + n, impl, "msgs_per_s", o.msgsPerSecond());
                    b.sample("netty.lat." + n, impl, "p50_us", o.p50Micros());
                    b.sample("netty.lat." + n, impl, "p99_us", o.p99Micros());
                    b.sample("netty.lat." + n, impl, "round_trips", o.roundTrips());
                    b.sample("netty.jit." + n, impl, "ms", o.jitMillisInWindows());
                    say("   %d association(s) %s: %.0f msgs/s (%d echoes), round trip p50 %.0f us, p99 %.0f us (%d),"
                            + " JIT %d ms in the windows", n, impl.equals(JDK) ? "nio" : impl, o.msgsPerSecond(),
                            o.echoes(), o.p50Micros(), o.p99Micros(), o.roundTrips(), o.jitMillisInWindows());
                    quiesce();
                }
            }
            b.commit();
        }
    }

    // ------------------------------------------------------------------ profile

    /**
     * Not recorded as figures: Flight Recorder samples of Peeloff's peel-off (in a JMH fork) and of
     * the 1,024-byte throughput of Peeloff and the JDK (where the sending and receiving threads
     * are); the system calls each implementation makes for the 1,024-byte throughput and for the
     * shared-socket scenario (strace -c on a separate process: the counts, not the times, matter).
     */
    private void profile(List<String> measures) throws Exception {
        if (measures.contains("1") && !Files.exists(out.resolve("profile-peel.txt"))) {
            say("profile: Flight Recorder on Peeloff's peelOff in JMH -> profile-peel.txt");
            Path jfr = out.resolve("profile-peel.jfr");
            // more peel-offs than a measured run, so that the sampler sees enough of them
            new Runner(jmhOptions(2000, "peeloff", "-XX:StartFlightRecording=filename=" + jfr + ",settings=profile")
                    .warmupIterations(3).measurementIterations(10).build()).run();
            Files.writeString(out.resolve("profile-peel.txt"),
                    Profiles.hotMethods(jfr, "org.peeloff.bench.PeeloffFixture.peelNext", 20), StandardCharsets.UTF_8);
            quiesce();
        }
        if (measures.contains("3")) {
            String java = ProcessHandle.current().info().command().orElse("java");
            String cp = System.getProperty("java.class.path");
            for (String impl : List.of(PEELOFF, JDK)) {
                Path jfr = out.resolve("profile-tput-" + impl + ".jfr");
                List<String> cmd = List.of(java, "-XX:StartFlightRecording=filename=" + jfr + ",settings=profile",
                        "-cp", cp, Driver.class.getName(), "--tput-once", impl, "1024", "2000", "3000");
                runQuietly(cmd);
                Path txt = out.resolve("profile-tput-" + impl + ".txt");
                Files.writeString(txt, "# " + String.join(" ", cmd) + "\n" + Profiles.hotMethods(jfr, "org.peeloff.bench.Throughput", 20),
                        StandardCharsets.UTF_8);
                say("profile: JFR of %s tput 1024 -> %s", impl, txt.getFileName());
                quiesce();
            }
            String strace = findOnPath("strace");
            for (String impl : strace == null ? List.<String>of() : List.of(C, PEELOFF, JDK)) {
                Path file = out.resolve("profile-syscalls-" + impl + ".txt");
                List<String> cmd = new ArrayList<>(List.of(strace, "-f", "-c", "-o", file.toString()));
                if (impl.equals(C)) {
                    cmd.addAll(List.of(c.binary(), "tput", "1024", "0", "3000"));
                } else {
                    cmd.addAll(List.of(java, "-cp", cp, Driver.class.getName(), "--tput-once", impl, "1024", "0", "3000"));
                }
                String output = runQuietly(cmd);
                long msgs = 0;
                for (String line : output.split("\n")) {
                    CProgram.Result r = CProgram.parse(line);
                    if (r != null) {
                        msgs = (long) r.number("msgs");
                    }
                }
                Files.writeString(file, "# " + String.join(" ", cmd) + "\n# messages received in the window: " + msgs
                        + " (the counts below cover the whole process: set-up, window, every JVM thread)\n"
                        + Files.readString(file), StandardCharsets.UTF_8);
                say("profile: strace -c of %s tput 1024 -> %s", impl, file.getFileName());
                quiesce();
            }
        }
        String strace = findOnPath("strace");
        if (measures.contains("4") && strace != null) {
            String java = ProcessHandle.current().info().command().orElse("java");
            for (String impl : List.of(PEELOFF, JDK)) {
                Path file = out.resolve("profile-syscalls-shared-" + impl + ".txt");
                // only the server's receiving calls: the load generator (a child) sends with sendmsg
                List<String> cmd = List.of(strace, "-f", "-c", "-e", "trace=recvmsg,poll,getsockopt,fcntl", "-o",
                        file.toString(), java, "-cp", System.getProperty("java.class.path"), Driver.class.getName(),
                        "--shared-once", impl, c.binary());
                String output = runQuietly(cmd);
                String result = "";
                for (String line : output.split("\n")) {
                    if (line.startsWith("RESULT")) {
                        result = line;
                    }
                }
                Files.writeString(file, "# " + String.join(" ", cmd) + "\n# " + result
                        + "\n# (calls of the whole process: set-up, both phases' warm-ups and windows)\n"
                        + Files.readString(file), StandardCharsets.UTF_8);
                say("profile: strace -c of %s shared socket -> %s", impl, file.getFileName());
                quiesce();
            }
        }
    }

    private static String runQuietly(List<String> cmd) throws IOException, InterruptedException {
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = proc.waitFor();
        if (rc != 0) {
            say("   note: %s exited with %d: %s", cmd.get(0), rc, output.strip());
        }
        return output;
    }

    private static String findOnPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }
}
