/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns a run's raw.tsv into the table: medians of every measure for Peeloff, the JDK and C, the
 * ratios Peeloff/C and Peeloff/JDK, and the targets of the benchmark issue, met or missed and by
 * how much. Prints it, and writes it as Markdown and JSON.
 *
 * <pre>
 * java -cp ... org.peeloff.bench.Report --raw raw.tsv --md latest.md --json latest.json [--meta key=value]...
 * </pre>
 */
public final class Report {
    static final String[] IMPLS = {Driver.PEELOFF, Driver.JDK, Driver.C};

    /** Lower or higher figures are better. */
    enum Better { LOWER, HIGHER, NONE }

    /** A figure per implementation (NaN when not measured), with its samples. */
    record Row(String id, String title, String unit, Better better, Map<String, List<Double>> samples,
               Map<String, Double> value) {
        double of(String impl) {
            return value.getOrDefault(impl, Double.NaN);
        }

        double ratio(String other) {
            return of(Driver.PEELOFF) / of(other);
        }

        /** @return Peeloff's figure over the other's, per repetition ({@link #repRatios}) */
        List<Double> repRatio(String other) {
            return repRatios(samples.get(Driver.PEELOFF), samples.get(other));
        }
    }

    /**
     * A target of the issues, checked against a figure or ratio: on the run's median, and on each
     * repetition's own value ({@code perRep}, empty when the measure has one repetition only).
     */
    record Target(String text, double actual, double limit, boolean atMost, String detail, List<Double> perRep) {
        Target(String text, double actual, double limit, boolean atMost, String detail) {
            this(text, actual, limit, atMost, detail, List.of());
        }

        boolean measured() {
            return !Double.isNaN(actual);
        }

        boolean met() {
            return measured() && meets(actual);
        }

        private boolean meets(double v) {
            return !Double.isNaN(v) && (atMost ? v <= limit : v >= limit);
        }

        /** @return how many repetitions met the target on their own */
        int metIn() {
            int k = 0;
            for (double v : perRep) {
                if (meets(v)) {
                    k++;
                }
            }
            return k;
        }

        /** @return "all" (the median and every repetition), "median only", or "none" (not in the median) */
        String held() {
            if (!measured()) {
                return "not measured";
            }
            if (!met()) {
                return "none";
            }
            return perRep.size() <= 1 || metIn() == perRep.size() ? "all" : "median only";
        }

        /** How far from the limit, as a percentage of the limit (positive: the wrong side). */
        double missBy() {
            return atMost ? (actual / limit - 1) * 100 : (1 - actual / limit) * 100;
        }

        String verdict() {
            if (!measured()) {
                return "not measured";
            }
            int n = perRep.size();
            int k = metIn();
            if (met()) {
                if (n <= 1) {
                    return "met (one repetition)";
                }
                return k == n ? "met in all " + n + " repetitions"
                        : "met in the median only (" + k + " of " + n + " repetitions)";
            }
            double by = missBy();
            // A limit of 0 (the other implementation measured nothing, e.g. no CPU tick in its window)
            // has no percentage: say so instead of printing "Infinity%".
            String miss = Double.isFinite(by) ? String.format(Locale.ROOT, by < 10 ? "%.1f%%" : "%.0f%%", by)
                    : "an amount with no percentage: the limit is 0";
            if (n <= 1) {
                return "MISSED by " + miss + " (one repetition)";
            }
            return k == 0 ? "MISSED in all " + n + " repetitions (the median by " + miss + ")"
                    : "MISSED in the median, by " + miss + " (met in " + k + " of " + n + " repetitions)";
        }
    }

    private final RawLog.Contents raw;
    private final Map<String, String> meta = new LinkedHashMap<>();
    final List<Row> rows = new ArrayList<>();
    final List<Target> targets = new ArrayList<>();

    Report(RawLog.Contents raw, Map<String, String> hostMeta) {
        this.raw = raw;
        meta.putAll(hostMeta);
        meta.putAll(raw.meta());
        build();
    }

    /**
     * @param args see the class comment
     * @throws IOException when a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length >= 3 && args[0].equals("--compare")) {
            compareMain(args);
            return;
        }
        Path rawFile = null;
        Path md = null;
        Path json = null;
        Map<String, String> hostMeta = new LinkedHashMap<>();
        hostMeta.put("date", ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--raw" -> rawFile = Path.of(args[++i]);
                case "--md" -> md = Path.of(args[++i]);
                case "--json" -> json = Path.of(args[++i]);
                case "--meta" -> {
                    String kv = args[++i];
                    int eq = kv.indexOf('=');
                    hostMeta.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (rawFile == null) {
            throw new IllegalArgumentException("usage: Report --raw FILE [--md FILE] [--json FILE] [--meta key=value]...");
        }
        Report r = new Report(RawLog.read(rawFile), hostMeta);
        String markdown = r.markdown();
        System.out.print(markdown);
        if (md != null) {
            Files.writeString(md, markdown, StandardCharsets.UTF_8);
        }
        if (json != null) {
            Files.writeString(json, r.json(), StandardCharsets.UTF_8);
        }
    }

    // ------------------------------------------------------------------ repeatability

    /** How far two runs' ratios may differ: 10%. */
    static final double AGREEMENT = 0.10;

    /** One ratio of both runs. */
    record Pair(String row, String title, String ratio, double first, double second) {
        /** @return the larger over the smaller, minus one (NaN when either is missing) */
        double differ() {
            if (Double.isNaN(first) || Double.isNaN(second) || Double.isInfinite(first) || Double.isInfinite(second)
                    || first <= 0 || second <= 0) {
                return Double.NaN;
            }
            return Math.max(first, second) / Math.min(first, second) - 1;
        }
    }

    /** @return every Peeloff/C and Peeloff/JDK ratio that both runs have, in the first run's order */
    static List<Pair> pairs(Report a, Report b) {
        List<Pair> out = new ArrayList<>();
        for (Row ra : a.rows) {
            if (ra.unit().equals("x") || ra.better() == Better.NONE) {
                continue;
            }
            Row rb = b.rows.stream().filter(r -> r.id().equals(ra.id())).findFirst().orElse(null);
            if (rb == null) {
                continue;
            }
            for (String other : List.of(Driver.C, Driver.JDK)) {
                double r1 = ra.ratio(other);
                double r2 = rb.ratio(other);
                if (!Double.isNaN(r1) || !Double.isNaN(r2)) {
                    out.add(new Pair(ra.id(), ra.title() + " (" + ra.unit() + ")",
                            other.equals(Driver.C) ? "Peeloff/C" : "Peeloff/JDK", r1, r2));
                }
            }
        }
        return out;
    }

    /** The comparison of two runs as Markdown. */
    static String compareMarkdown(Report a, Report b) {
        List<Pair> pairs = pairs(a, b);
        StringBuilder sb = new StringBuilder("# Peeloff benchmarks: repeatability (the same measures, two runs)\n\n");
        sb.append("- Run 1: started ").append(a.meta.getOrDefault("started", "?")).append(" (the guest's clock), ")
                .append(a.meta.getOrDefault("qemu.icount", "qemu.icount ?")).append('\n');
        sb.append("- Run 2: started ").append(b.meta.getOrDefault("started", "?")).append(" (the guest's clock), ")
                .append(b.meta.getOrDefault("qemu.icount", "qemu.icount ?")).append('\n');
        for (String k : List.of("plan", "commit", "host")) {
            sb.append("- ").append(k).append(": ").append(a.meta.getOrDefault(k, "?")).append(" / ")
                    .append(b.meta.getOrDefault(k, "?")).append('\n');
        }
        sb.append("\nDiffer: the larger of the two ratios over the smaller, minus one. Target: every ratio within ")
                .append(Math.round(AGREEMENT * 100)).append("%.\n\n");
        sb.append("| Measure | Ratio | Run 1 | Run 2 | Differ | Within ").append(Math.round(AGREEMENT * 100))
                .append("% |\n|---|---|--:|--:|--:|---|\n");
        int within = 0;
        int compared = 0;
        Pair worst = null;
        for (Pair p : pairs) {
            double d = p.differ();
            boolean ok = !Double.isNaN(d) && d <= AGREEMENT;
            if (!Double.isNaN(d)) {
                compared++;
                within += ok ? 1 : 0;
                if (worst == null || d > worst.differ()) {
                    worst = p;
                }
            }
            sb.append("| ").append(p.title()).append(" | ").append(p.ratio()).append(" | ").append(x(p.first()))
                    .append(" | ").append(x(p.second())).append(" | ")
                    .append(Double.isNaN(d) ? "—" : String.format(Locale.ROOT, "%.1f%%", d * 100)).append(" | ")
                    .append(Double.isNaN(d) ? "—" : ok ? "yes" : "NO").append(" |\n");
        }
        sb.append("\n**").append(within).append(" of ").append(compared).append(" ratios within ")
                .append(Math.round(AGREEMENT * 100)).append("%");
        if (worst != null) {
            sb.append(String.format(Locale.ROOT, "; the largest difference %.1f%%", worst.differ() * 100)).append(" (")
                    .append(worst.title()).append(", ").append(worst.ratio()).append(")");
        }
        sb.append(".**\n");
        sb.append("\n## Verdicts of both runs\n\n| Target | Run 1 | Run 2 |\n|---|---|---|\n");
        for (Target t : a.targets) {
            Target u = b.targets.stream().filter(v -> v.text().equals(t.text())).findFirst().orElse(null);
            sb.append("| ").append(t.text()).append(" | ").append(t.detail()).append(": ").append(t.verdict())
                    .append(" | ").append(u == null ? "—" : u.detail() + ": " + u.verdict()).append(" |\n");
        }
        return sb.toString();
    }

    static String compareJson(Report a, Report b) {
        StringBuilder sb = new StringBuilder("{\n  \"agreement\": ").append(num(AGREEMENT)).append(",\n  \"ratios\": [");
        int i = 0;
        for (Pair p : pairs(a, b)) {
            sb.append(i++ == 0 ? "\n" : ",\n").append("    {\"measure\": ").append(str(p.row()))
                    .append(", \"ratio\": ").append(str(p.ratio()))
                    .append(", \"run1\": ").append(num(p.first()))
                    .append(", \"run2\": ").append(num(p.second()))
                    .append(", \"differ\": ").append(num(p.differ()))
                    .append(", \"within\": ").append(Double.isNaN(p.differ()) ? "null" : String.valueOf(p.differ() <= AGREEMENT))
                    .append('}');
        }
        return sb.append("\n  ]\n}\n").toString();
    }

    /** {@code --compare RAW1 RAW2 [--md FILE] [--json FILE] [--meta key=value]...} */
    private static void compareMain(String[] args) throws IOException {
        Path md = null;
        Path json = null;
        Map<String, String> hostMeta = new LinkedHashMap<>();
        for (int i = 3; i < args.length; i++) {
            switch (args[i]) {
                case "--md" -> md = Path.of(args[++i]);
                case "--json" -> json = Path.of(args[++i]);
                case "--meta" -> {
                    String kv = args[++i];
                    int eq = kv.indexOf('=');
                    hostMeta.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Report a = new Report(RawLog.read(Path.of(args[1])), hostMeta);
        Report b = new Report(RawLog.read(Path.of(args[2])), hostMeta);
        String markdown = compareMarkdown(a, b);
        System.out.print(markdown);
        if (md != null) {
            Files.writeString(md, markdown, StandardCharsets.UTF_8);
        }
        if (json != null) {
            Files.writeString(json, compareJson(a, b), StandardCharsets.UTF_8);
        }
    }

    // ------------------------------------------------------------------ building

    static double median(List<Double> v) {
        if (v.isEmpty()) {
            return Double.NaN;
        }
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    static double min(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    static double max(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** @return the medians of {@code v} cut into {@code g} consecutive groups of equal size */
    static List<Double> groupMedians(List<Double> v, int g) {
        List<Double> out = new ArrayList<>();
        if (g <= 0 || v.isEmpty() || v.size() % g != 0) {
            return out;
        }
        int size = v.size() / g;
        for (int i = 0; i < g; i++) {
            out.add(median(v.subList(i * size, (i + 1) * size)));
        }
        return out;
    }

    /**
     * The ratio a/b per repetition. The samples are in the order they were taken; both lists are cut
     * into as many consecutive groups as their sizes allow (the greatest common divisor: 10 and 10
     * give 10 repetitions; 12 JMH iterations of 3 forks and 9 C rounds of 3 give the 3 rounds), and
     * the group medians are divided.
     */
    static List<Double> repRatios(List<Double> a, List<Double> b) {
        if (a == null || b == null || a.isEmpty() || b.isEmpty()) {
            return List.of();
        }
        int g = gcd(a.size(), b.size());
        List<Double> ma = groupMedians(a, g);
        List<Double> mb = groupMedians(b, g);
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < g; i++) {
            out.add(ma.get(i) / mb.get(i));
        }
        return out;
    }

    /** a/b, where 0/0 counts as equal (1.0): for costs that may be nil on both sides. */
    static double costRatio(double a, double b) {
        return a == 0 && b == 0 ? 1.0 : a / b;
    }

    private static List<Double> inverse(List<Double> v) {
        return v.stream().map(d -> 1 / d).toList();
    }

    private static String spread(List<Double> v) {
        return v.size() <= 1 ? "" : " [" + x(min(v)) + "–" + x(max(v)) + "]";
    }

    private Row row(String id, String title, String unit, Better better, String measure, String key) {
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        Map<String, Double> value = new LinkedHashMap<>();
        for (String impl : IMPLS) {
            List<Double> v = raw.values(measure, impl, key);
            samples.put(impl, v);
            value.put(impl, median(v));
        }
        Row r = new Row(id, title, unit, better, samples, value);
        rows.add(r);
        return r;
    }

    private Row derived(String id, String title, String unit, Better better, Map<String, Double> value) {
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        for (String impl : IMPLS) {
            samples.put(impl, List.of());
        }
        Row r = new Row(id, title, unit, better, samples, value);
        rows.add(r);
        return r;
    }

    private void build() {
        String n = meta.getOrDefault("peel.assocs", "?");
        Row peel = row("peel", "1. Peel-off, time per call (" + thousands(n) + " associations)", "us", Better.LOWER,
                "peel", "us_per_call");
        targets.add(ratioTarget("Peel-off: Peeloff at most 1.2x the C time per call", peel, Driver.C, 1.2, true));
        targets.add(new Target("Peel-off: Peeloff at least 10x faster than the JDK's branch()",
                1 / peel.ratio(Driver.JDK), 10, false, "JDK/Peeloff = " + x(1 / peel.ratio(Driver.JDK))
                + spread(inverse(peel.repRatio(Driver.JDK))), inverse(peel.repRatio(Driver.JDK))));
        if (!raw.values("peel.cpu", Driver.PEELOFF, "us_per_call").isEmpty()) {
            Row cpu = row("peel.cpu", "1c. Peel-off, CPU time of the calling thread per call (user + kernel)", "us",
                    Better.LOWER, "peel.cpu", "us_per_call");
            row("peel.sys", "1d. Peel-off, of which kernel time", "us", Better.LOWER, "peel.sys", "us_per_call");
            targets.add(ratioTarget("Peel-off, the calling thread's CPU time: Peeloff at most 1.2x C", cpu, Driver.C,
                    1.2, true));
        }
        if (!raw.values("peel.dupclose", Driver.C, "us_per_call").isEmpty()) {
            Map<String, Double> v = new LinkedHashMap<>();
            v.put(Driver.PEELOFF, Double.NaN);
            v.put(Driver.JDK, Double.NaN);
            v.put(Driver.C, median(raw.values("peel.dupclose", Driver.C, "us_per_call")));
            derived("peel.dupclose", "1b. Probe: fcntl(F_DUPFD_CLOEXEC) + close(), the kernel work Peeloff adds to a peel-off (timed in C)",
                    "us", Better.NONE, v);
        }

        List<Integer> sizes = sizesOf("scale.");
        Map<Integer, Row> scale = new LinkedHashMap<>();
        for (int size : sizes) {
            scale.put(size, row("scale." + size, "2. Scale: time per peel-off (median 100-call block), "
                    + thousands(size) + " associations",
                    "us", Better.LOWER, "scale." + size, "us_per_call"));
        }
        if (sizes.size() >= 2) {
            int lo = sizes.get(0);
            int hi = sizes.get(sizes.size() - 1);
            Row flat = derived("scale.flatness", "2. Scale: time per peel-off at " + thousands(hi) + " / at "
                    + thousands(lo), "x", Better.LOWER, quotients(scale.get(hi), scale.get(lo)));
            List<Double> flatReps = repRatios(scale.get(hi).samples().get(Driver.PEELOFF),
                    scale.get(lo).samples().get(Driver.PEELOFF));
            targets.add(new Target("Scale: time per peel-off at " + thousands(hi) + " within 1.3x of the time at "
                    + thousands(lo), flat.of(Driver.PEELOFF), 1.3, true, "Peeloff " + x(flat.of(Driver.PEELOFF))
                    + spread(flatReps) + " (C " + x(flat.of(Driver.C)) + ", JDK " + x(flat.of(Driver.JDK)) + ")", flatReps));
            for (int size : sizes) {
                row("scale.heap." + size, "2. Java heap retained per peeled socket, " + thousands(size)
                        + " associations", "bytes", Better.LOWER, "scale." + size, "heap_bytes_per_socket");
            }
        }

        for (int size : sizesOf("tput.")) {
            Row msgs = row("tput." + size + ".msgs", "3. Throughput on a peeled socket, " + thousands(size)
                    + "-byte messages", "msgs/s", Better.HIGHER, "tput." + size, "msgs_per_s");
            row("tput." + size + ".mb", "3. Throughput on a peeled socket, " + thousands(size) + "-byte messages",
                    "MB/s", Better.HIGHER, "tput." + size, "mb_per_s");
            if (size == 1024) {
                targets.add(ratioTarget("Throughput, 1,024-byte messages: Peeloff at least 1.0x C", msgs, Driver.C, 1.0, false));
                targets.add(ratioTarget("Throughput, 1,024-byte messages: Peeloff at least 1.0x the JDK", msgs, Driver.JDK,
                        1.0, false));
            }
        }

        if (!raw.values("shared.before", Driver.PEELOFF, "msgs_per_s").isEmpty()
                || !raw.values("shared.before", Driver.C, "msgs_per_s").isEmpty()) {
            Row before = row("shared.before.msgs", "4. Shared socket: receive throughput, all on one socket",
                    "msgs/s", Better.HIGHER, "shared.before", "msgs_per_s");
            row("shared.before.mb", "4. Shared socket: receive throughput, all on one socket", "MB/s",
                    Better.HIGHER, "shared.before", "mb_per_s");
            Row after = row("shared.after.msgs", "4. Shared socket: after the busiest are peeled off to own threads",
                    "msgs/s", Better.HIGHER, "shared.after", "msgs_per_s");
            row("shared.after.mb", "4. Shared socket: after the busiest are peeled off to own threads", "MB/s",
                    Better.HIGHER, "shared.after", "mb_per_s");
            derived("shared.gain", "4. Shared socket: after / before", "x", Better.HIGHER, quotients(after, before));
            targets.add(ratioTarget("Shared socket, receive on the one socket: Peeloff at least 1.0x C", before, Driver.C,
                    1.0, false));
            targets.add(ratioTarget("Shared socket, receive on the one socket: Peeloff at least 1.0x the JDK", before,
                    Driver.JDK, 1.0, false));
        }

        for (int size : sizesOf("loop.")) {
            Row loop = row("loop." + size, "5. Event loop: one thread serving " + thousands(size)
                    + " peeled associations", "msgs/s", Better.HIGHER, "loop." + size, "msgs_per_s");
            targets.add(ratioTarget("Event loop, " + thousands(size) + " associations: Peeloff at least 1.0x the JDK",
                    loop, Driver.JDK, 1.0, false));
            targets.add(ratioTarget("Event loop, " + thousands(size) + " associations: Peeloff at least 0.8x C",
                    loop, Driver.C, 0.8, false));
        }

        if (!raw.values("idle", Driver.PEELOFF, "wakeups_per_s").isEmpty()) {
            String idleN = thousands(meta.getOrDefault("idle.sockets", "1000"));
            Row cpu = row("idle.cpu", "6. Idle: " + idleN + " threads blocked in receive, process CPU time", "ms/s",
                    Better.LOWER, "idle", "cpu_ms_per_s");
            Row wake = row("idle.wakeups", "6. Idle: " + idleN + " threads blocked in receive, their wake-ups",
                    "1/s", Better.LOWER, "idle", "wakeups_per_s");
            row("idle.switches", "6. Idle: context switches of the whole process", "1/s", Better.LOWER, "idle",
                    "process_switches_per_s");
            row("idle.blocked", "6. Idle: receiving threads asleep in the kernel at the window's end", "threads",
                    Better.NONE, "idle", "blocked");
            if (!raw.values("idle", Driver.PEELOFF, "jit_ms_per_s").isEmpty()) {
                row("idle.jit", "6. Idle: of the process CPU time, the JIT compilers'", "ms/s", Better.LOWER, "idle",
                        "jit_ms_per_s");
            }
            targets.add(costTarget("Idle, process CPU time: Peeloff no more than the JDK", cpu));
            targets.add(costTarget("Idle, wake-ups of the blocked threads: Peeloff no more than the JDK", wake));
        }

        if (!raw.values("close", Driver.PEELOFF, "ms").isEmpty()) {
            Row close = row("close", "7. Close latency: close() to the blocked receive's exception", "ms", Better.LOWER,
                    "close", "ms");
            int reps = 1;
            try {
                reps = Integer.parseInt(meta.getOrDefault("close.reps", "1"));
            } catch (NumberFormatException e) {
                reps = 1;
            }
            List<Double> per = groupMedians(close.samples().get(Driver.PEELOFF), reps);
            targets.add(new Target("Close latency: Peeloff's median under 5 ms", close.of(Driver.PEELOFF), 5, true,
                    "median " + figure(close.of(Driver.PEELOFF), "ms") + " ms [" + figure(min(close.samples().get(Driver.PEELOFF)), "ms")
                            + "–" + figure(max(close.samples().get(Driver.PEELOFF)), "ms") + "] (JDK "
                            + figure(close.of(Driver.JDK), "ms") + " ms)", per.size() > 1 ? per : List.of()));
        }

        // 8. Netty echo: Peeloff's Netty transport against Netty's NIO SCTP transport (the JDK column)
        for (int k : sizesOf("netty.tput.")) {
            String assocs = thousands(k) + (k == 1 ? " association" : " associations");
            Row tput = row("netty.tput." + k, "8. Netty echo, " + assocs + ", 1,024 B: throughput (JDK column: Netty's"
                    + " NIO SCTP transport)", "msgs/s", Better.HIGHER, "netty.tput." + k, "msgs_per_s");
            Row p50 = row("netty.p50." + k, "8. Netty echo, " + assocs + ", 1,024 B: round trip p50 (JDK column: NIO)",
                    "us", Better.LOWER, "netty.lat." + k, "p50_us");
            Row p99 = row("netty.p99." + k, "8. Netty echo, " + assocs + ", 1,024 B: round trip p99 (JDK column: NIO)",
                    "us", Better.LOWER, "netty.lat." + k, "p99_us");
            row("netty.jit." + k, "8. Netty echo, " + assocs + ": JIT time that fell into the windows", "ms",
                    Better.NONE, "netty.jit." + k, "ms");
            targets.add(nioTarget("Netty echo, " + assocs + ", throughput: Peeloff's transport at least 1.0x NIO's",
                    tput, false));
            targets.add(nioTarget("Netty echo, " + assocs + ", round trip p50: Peeloff's transport no worse than NIO's"
                    + " (at most 1.0x)", p50, true));
            targets.add(nioTarget("Netty echo, " + assocs + ", round trip p99: Peeloff's transport no worse than NIO's"
                    + " (at most 1.0x)", p99, true));
        }
    }

    /** A target on Peeloff/other for a row, on the median and on each repetition. */
    private static Target ratioTarget(String text, Row r, String other, double limit, boolean atMost) {
        List<Double> per = r.repRatio(other);
        return new Target(text, r.ratio(other), limit, atMost,
                "Peeloff/" + (other.equals(Driver.C) ? "C" : "JDK") + " = " + x(r.ratio(other)) + spread(per), per);
    }

    /** A target on Peeloff/NIO (Netty's NIO SCTP transport, in the JDK column) at 1.0x. */
    private static Target nioTarget(String text, Row r, boolean atMost) {
        List<Double> per = r.repRatio(Driver.JDK);
        return new Target(text, r.ratio(Driver.JDK), 1.0, atMost, "Peeloff " + figure(r.of(Driver.PEELOFF), r.unit())
                + ", NIO " + figure(r.of(Driver.JDK), r.unit()) + " " + (r.unit().equals("us") ? "µs" : r.unit())
                + ": Peeloff/NIO = " + x(r.ratio(Driver.JDK)) + spread(per), per);
    }

    /** Peeloff's cost no more than the JDK's (0 against 0 counts as equal). */
    private static Target costTarget(String text, Row r) {
        List<Double> p = r.samples().get(Driver.PEELOFF);
        List<Double> j = r.samples().get(Driver.JDK);
        List<Double> per = new ArrayList<>();
        if (p.size() == j.size()) {
            for (int i = 0; i < p.size(); i++) {
                per.add(costRatio(p.get(i), j.get(i)));
            }
        }
        double ratio = costRatio(r.of(Driver.PEELOFF), r.of(Driver.JDK));
        return new Target(text, ratio, 1.0, true, "Peeloff " + figure(r.of(Driver.PEELOFF), r.unit()) + ", JDK "
                + figure(r.of(Driver.JDK), r.unit()) + " " + r.unit() + ": Peeloff/JDK = " + x(ratio) + spread(per), per);
    }

    /** @return per implementation, {@code num}'s figure divided by {@code den}'s */
    private static Map<String, Double> quotients(Row num, Row den) {
        Map<String, Double> q = new LinkedHashMap<>();
        for (String impl : IMPLS) {
            q.put(impl, num.of(impl) / den.of(impl));
        }
        return q;
    }

    private List<Integer> sizesOf(String prefix) {
        TreeSet<Integer> sizes = new TreeSet<>();
        for (RawLog.Sample s : raw.samples()) {
            if (s.measure().startsWith(prefix)) {
                sizes.add(Integer.parseInt(s.measure().substring(prefix.length())));
            }
        }
        return new ArrayList<>(sizes);
    }

    // ------------------------------------------------------------------ formatting

    static String thousands(Object n) {
        try {
            return String.format(Locale.ROOT, "%,d", Long.parseLong(String.valueOf(n)));
        } catch (NumberFormatException e) {
            return String.valueOf(n);
        }
    }

    static String x(double ratio) {
        return Double.isNaN(ratio) || Double.isInfinite(ratio) ? "—" : String.format(Locale.ROOT, "%.2fx", ratio);
    }

    static String figure(double v, String unit) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "—";
        }
        return switch (unit) {
            case "us" -> v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
            case "msgs/s", "bytes", "threads" -> String.format(Locale.ROOT, "%,.0f", v);
            case "ms", "ms/s", "1/s" -> v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
            case "MB/s" -> v >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.3f", v);
            case "x" -> String.format(Locale.ROOT, "%.2fx", v);
            default -> String.format(Locale.ROOT, "%.3g", v);
        };
    }

    private static String betterNote(Better b) {
        return switch (b) {
            case LOWER -> "lower is better";
            case HIGHER -> "higher is better";
            case NONE -> "";
        };
    }

    /** Ratio cells: only where both figures exist and the row is not itself a ratio. */
    private static String ratioCell(Row r, String other) {
        if (r.unit().equals("x") || r.better() == Better.NONE) {
            return "—";
        }
        return x(r.ratio(other)) + spread(r.repRatio(other));
    }

    /** The median, and [min–max] of the samples when there are several. */
    private static String figureCell(Row r, String impl) {
        String f = figure(r.of(impl), r.unit());
        List<Double> v = r.samples().get(impl);
        if (v == null || v.size() <= 1) {
            return f;
        }
        return f + " [" + figure(min(v), r.unit()) + "–" + figure(max(v), r.unit()) + "]";
    }

    String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Peeloff benchmarks: latest run\n\n");
        sb.append("- Date: ").append(meta.getOrDefault("date", "?")).append('\n');
        sb.append("- Kernel: Linux ").append(meta.getOrDefault("kernel", "?"))
                .append("yes".equals(meta.get("emulated")) ? ", emulated (qemu TCG, harness/linux-vm): only the ratios mean anything"
                        : ", not emulated (the host kernel)").append('\n');
        sb.append("- Emulated: ").append(meta.getOrDefault("emulated", "?")).append('\n');
        sb.append("- Plan: ").append(meta.getOrDefault("plan", "?"))
                .append(meta.containsKey("seconds") ? " (" + meta.get("seconds") + " s of measuring)" : "").append('\n');
        for (String k : List.of("cpus", "qemu.tcg.thread", "qemu.icount", "java", "gcc", "libsctp", "lo.mtu", "net.sctp.rcvbuf_policy", "commit", "host", "retried steps",
                "failed steps", "jvm crashes")) {
            if (meta.containsKey(k)) {
                sb.append("- ").append(k).append(": ").append(meta.get(k)).append('\n');
            }
        }
        sb.append('\n');
        if ("quick".equals(meta.get("plan"))) {
            sb.append("**A quick run: small counts, short windows, one repetition. Its figures and verdicts are not")
                    .append(" evidence; only a standard or full run's are.**\n\n");
        }
        sb.append("Figures are medians of the repetitions of one run, with [min–max] over the repetitions (or samples);")
                .append(" the three implementations ran back to back in the same boot. Peeloff/C and Peeloff/JDK divide")
                .append(" Peeloff's figure by the other's, with [min–max] of the same ratio taken repetition by")
                .append(" repetition: for times and costs below 1.00x is better than the other, for throughputs above")
                .append(" 1.00x. A verdict says whether the target held in every repetition, in the median only, or")
                .append(" not in the median.\n\n");
        sb.append("| Measure | Unit | Peeloff | JDK | C | Peeloff/C | Peeloff/JDK |\n");
        sb.append("|---|---|--:|--:|--:|--:|--:|\n");
        for (Row r : rows) {
            String unit = r.unit().equals("us") ? "µs" : r.unit();
            String note = betterNote(r.better());
            sb.append("| ").append(r.title()).append(" | ").append(unit).append(note.isEmpty() ? "" : " (" + note + ")")
                    .append(" | ").append(figureCell(r, Driver.PEELOFF))
                    .append(" | ").append(figureCell(r, Driver.JDK))
                    .append(" | ").append(figureCell(r, Driver.C))
                    .append(" | ").append(ratioCell(r, Driver.C))
                    .append(" | ").append(ratioCell(r, Driver.JDK)).append(" |\n");
        }
        sb.append("\n## Targets (same run)\n\n");
        sb.append("| Target | Measured | Verdict |\n|---|---|---|\n");
        for (Target t : targets) {
            sb.append("| ").append(t.text()).append(" | ").append(t.detail()).append(" | ").append(t.verdict())
                    .append(" |\n");
        }
        List<RawLog.Note> notes = raw.notes();
        if (!notes.isEmpty()) {
            sb.append("\n## Notes\n\n");
            for (RawLog.Note n : notes) {
                sb.append("- ").append(n.measure()).append(", ").append(n.impl()).append(": ").append(n.text())
                        .append('\n');
            }
        }
        if (!sizesOf("scale.").isEmpty()) {
            sb.append("\n## Scale: mean time per peel-off over all calls (µs; host scheduling spikes included)\n\n");
            for (int size : sizesOf("scale.")) {
                sb.append("- ").append(thousands(size)).append(':');
                for (String impl : IMPLS) {
                    double m = median(raw.values("scale." + size, impl, "us_per_call_mean"));
                    sb.append(' ').append(impl).append(' ').append(figure(m, "us"));
                }
                sb.append('\n');
            }
        }
        sb.append("\n## Samples (every repetition, before taking medians)\n\n");
        for (Row r : rows) {
            boolean any = false;
            StringBuilder line = new StringBuilder("- ").append(r.id()).append(" (").append(r.unit()).append("):");
            for (String impl : IMPLS) {
                List<Double> v = r.samples().get(impl);
                if (!v.isEmpty()) {
                    any = true;
                    line.append(' ').append(impl).append(" [");
                    for (int i = 0; i < v.size(); i++) {
                        line.append(i == 0 ? "" : ", ").append(figure(v.get(i), r.unit()));
                    }
                    line.append(']');
                }
            }
            if (any) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }

    String json() {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"date\": ").append(str(meta.getOrDefault("date", ""))).append(",\n");
        sb.append("  \"kernel\": ").append(str(meta.getOrDefault("kernel", ""))).append(",\n");
        sb.append("  \"emulated\": ").append("yes".equals(meta.get("emulated"))).append(",\n");
        sb.append("  \"meta\": {");
        int i = 0;
        for (Map.Entry<String, String> e : meta.entrySet()) {
            sb.append(i++ == 0 ? "\n" : ",\n").append("    ").append(str(e.getKey())).append(": ").append(str(e.getValue()));
        }
        sb.append("\n  },\n  \"measures\": [");
        i = 0;
        for (Row r : rows) {
            sb.append(i++ == 0 ? "\n" : ",\n").append("    {\"id\": ").append(str(r.id()))
                    .append(", \"title\": ").append(str(r.title()))
                    .append(", \"unit\": ").append(str(r.unit()))
                    .append(", \"better\": ").append(str(r.better().name().toLowerCase(Locale.ROOT)));
            for (String impl : IMPLS) {
                sb.append(", ").append(str(impl)).append(": {\"median\": ").append(num(r.of(impl)))
                        .append(", \"min\": ").append(num(min(r.samples().get(impl))))
                        .append(", \"max\": ").append(num(max(r.samples().get(impl))))
                        .append(", \"samples\": [");
                List<Double> v = r.samples().get(impl);
                for (int k = 0; k < v.size(); k++) {
                    sb.append(k == 0 ? "" : ", ").append(num(v.get(k)));
                }
                sb.append("]}");
            }
            boolean ratios = !r.unit().equals("x") && r.better() != Better.NONE;
            sb.append(", \"peeloff_over_c\": ").append(ratios ? num(r.ratio(Driver.C)) : "null")
                    .append(", \"peeloff_over_c_per_repetition\": ").append(ratios ? nums(r.repRatio(Driver.C)) : "[]")
                    .append(", \"peeloff_over_jdk\": ").append(ratios ? num(r.ratio(Driver.JDK)) : "null")
                    .append(", \"peeloff_over_jdk_per_repetition\": ").append(ratios ? nums(r.repRatio(Driver.JDK)) : "[]")
                    .append('}');
        }
        sb.append("\n  ],\n  \"targets\": [");
        i = 0;
        for (Target t : targets) {
            sb.append(i++ == 0 ? "\n" : ",\n").append("    {\"target\": ").append(str(t.text()))
                    .append(", \"measured\": ").append(num(t.actual()))
                    .append(", \"limit\": ").append(num(t.limit()))
                    .append(", \"limit_is\": ").append(str(t.atMost() ? "at most" : "at least"))
                    .append(", \"met\": ").append(t.measured() ? String.valueOf(t.met()) : "null")
                    .append(", \"held\": ").append(str(t.held()))
                    .append(", \"per_repetition\": ").append(nums(t.perRep()))
                    .append(", \"met_in_repetitions\": ").append(t.metIn())
                    .append(", \"verdict\": ").append(str(t.verdict()))
                    .append(", \"detail\": ").append(str(t.detail())).append('}');
        }
        sb.append("\n  ],\n  \"notes\": [");
        i = 0;
        for (RawLog.Note n : raw.notes()) {
            sb.append(i++ == 0 ? "\n" : ",\n").append("    {\"measure\": ").append(str(n.measure()))
                    .append(", \"impl\": ").append(str(n.impl())).append(", \"text\": ").append(str(n.text())).append('}');
        }
        sb.append("\n  ]\n}\n");
        return sb.toString();
    }

    static String nums(List<Double> v) {
        StringBuilder sb = new StringBuilder("[");
        for (int k = 0; k < v.size(); k++) {
            sb.append(k == 0 ? "" : ", ").append(num(v.get(k)));
        }
        return sb.append(']').toString();
    }

    static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "null";
        }
        return String.format(Locale.ROOT, "%.6g", v);
    }

    static String str(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
