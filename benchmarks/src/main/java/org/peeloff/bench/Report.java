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
    }

    /** A target of the issue, checked against a ratio. */
    record Target(String text, double actual, double limit, boolean atMost, String detail) {
        boolean measured() {
            return !Double.isNaN(actual);
        }

        boolean met() {
            return measured() && (atMost ? actual <= limit : actual >= limit);
        }

        /** How far from the limit, as a percentage of the limit (positive: the wrong side). */
        double missBy() {
            return atMost ? (actual / limit - 1) * 100 : (1 - actual / limit) * 100;
        }

        String verdict() {
            if (!measured()) {
                return "not measured";
            }
            if (met()) {
                return "met";
            }
            double by = missBy();
            return String.format(Locale.ROOT, by < 10 ? "MISSED by %.1f%%" : "MISSED by %.0f%%", by);
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
        targets.add(new Target("Peel-off: Peeloff at most 1.5x the C time per call", peel.ratio(Driver.C), 1.5, true,
                "Peeloff/C = " + x(peel.ratio(Driver.C))));
        targets.add(new Target("Peel-off: Peeloff at least 10x faster than the JDK's branch()",
                1 / peel.ratio(Driver.JDK), 10, false, "JDK/Peeloff = " + x(1 / peel.ratio(Driver.JDK))));
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
            targets.add(new Target("Scale: time per peel-off at " + thousands(hi) + " within 1.3x of the time at "
                    + thousands(lo), flat.of(Driver.PEELOFF), 1.3, true, "Peeloff " + x(flat.of(Driver.PEELOFF))
                    + " (C " + x(flat.of(Driver.C)) + ", JDK " + x(flat.of(Driver.JDK)) + ")"));
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
                targets.add(new Target("Throughput, 1,024-byte messages: Peeloff at least 0.8x C",
                        msgs.ratio(Driver.C), 0.8, false, "Peeloff/C = " + x(msgs.ratio(Driver.C))));
                targets.add(new Target("Throughput, 1,024-byte messages: Peeloff at least 1.0x the JDK",
                        msgs.ratio(Driver.JDK), 1.0, false, "Peeloff/JDK = " + x(msgs.ratio(Driver.JDK))));
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
        }
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
            case "msgs/s", "bytes" -> String.format(Locale.ROOT, "%,.0f", v);
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
        return x(r.ratio(other));
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
        for (String k : List.of("cpus", "qemu.tcg.thread", "java", "gcc", "libsctp", "lo.mtu", "net.sctp.rcvbuf_policy", "commit", "host", "retried steps",
                "failed steps", "jvm crashes")) {
            if (meta.containsKey(k)) {
                sb.append("- ").append(k).append(": ").append(meta.get(k)).append('\n');
            }
        }
        sb.append('\n');
        sb.append("Figures are medians of the repetitions of one run; the three implementations ran back to back in")
                .append(" the same boot. Peeloff/C and Peeloff/JDK divide Peeloff's figure by the other's: for times")
                .append(" below 1.00x is faster than the other, for throughputs above 1.00x is faster.\n\n");
        sb.append("| Measure | Unit | Peeloff | JDK | C | Peeloff/C | Peeloff/JDK |\n");
        sb.append("|---|---|--:|--:|--:|--:|--:|\n");
        for (Row r : rows) {
            String unit = r.unit().equals("us") ? "µs" : r.unit();
            String note = betterNote(r.better());
            sb.append("| ").append(r.title()).append(" | ").append(unit).append(note.isEmpty() ? "" : " (" + note + ")")
                    .append(" | ").append(figure(r.of(Driver.PEELOFF), r.unit()))
                    .append(" | ").append(figure(r.of(Driver.JDK), r.unit()))
                    .append(" | ").append(figure(r.of(Driver.C), r.unit()))
                    .append(" | ").append(ratioCell(r, Driver.C))
                    .append(" | ").append(ratioCell(r, Driver.JDK)).append(" |\n");
        }
        sb.append("\n## Targets (ratios, same run)\n\n");
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
                        .append(", \"samples\": [");
                List<Double> v = r.samples().get(impl);
                for (int k = 0; k < v.size(); k++) {
                    sb.append(k == 0 ? "" : ", ").append(num(v.get(k)));
                }
                sb.append("]}");
            }
            boolean ratios = !r.unit().equals("x") && r.better() != Better.NONE;
            sb.append(", \"peeloff_over_c\": ").append(ratios ? num(r.ratio(Driver.C)) : "null")
                    .append(", \"peeloff_over_jdk\": ").append(ratios ? num(r.ratio(Driver.JDK)) : "null").append('}');
        }
        sb.append("\n  ],\n  \"targets\": [");
        i = 0;
        for (Target t : targets) {
            sb.append(i++ == 0 ? "\n" : ",\n").append("    {\"target\": ").append(str(t.text()))
                    .append(", \"measured\": ").append(num(t.actual()))
                    .append(", \"limit\": ").append(num(t.limit()))
                    .append(", \"limit_is\": ").append(str(t.atMost() ? "at most" : "at least"))
                    .append(", \"met\": ").append(t.measured() ? String.valueOf(t.met()) : "null")
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
