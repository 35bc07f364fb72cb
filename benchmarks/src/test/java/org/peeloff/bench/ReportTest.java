/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The arithmetic and formatting of the report (no timing is asserted anywhere: these are figures, not tests). */
class ReportTest {

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, Report.median(List.of(3.0, 1.0, 2.0)));
        assertEquals(2.5, Report.median(List.of(4.0, 1.0, 2.0, 3.0)));
        assertTrue(Double.isNaN(Report.median(List.of())));
    }

    @Test
    void rawLogRoundTripsAndReportComputesRatiosAndVerdicts(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("raw.tsv");
        RawLog raw = new RawLog(file);
        raw.meta("kernel", "6.1.0-test");
        raw.meta("emulated", "yes");
        raw.meta("peel.assocs", 2000);
        RawLog.Batch b = raw.batch();
        for (double v : new double[] {34, 37, 35}) {
            b.sample("peel", "peeloff", "us_per_call", v);
        }
        for (double v : new double[] {30, 30, 30}) {
            b.sample("peel", "c", "us_per_call", v);
        }
        b.sample("peel", "jdk", "us_per_call", 1000);
        b.sample("scale.1000", "peeloff", "us_per_call", 40);
        b.sample("scale.20000", "peeloff", "us_per_call", 60);
        b.sample("tput.1024", "peeloff", "msgs_per_s", 900);
        b.sample("tput.1024", "c", "msgs_per_s", 1000);
        b.sample("tput.1024", "jdk", "msgs_per_s", 800);
        b.note("shared", "c", "peeled 1:2");
        assertTrue(RawLog.read(file).samples().isEmpty(), "nothing is written before the batch is committed");
        b.commit();

        Report r = new Report(RawLog.read(file), Map.of("date", "2030-01-01T00:00:00Z"));
        Report.Row peel = r.rows.get(0);
        assertEquals(35.0, peel.of("peeloff"));
        assertEquals(35.0 / 30, peel.ratio("c"), 1e-9);
        assertEquals(0.035, peel.ratio("jdk"), 1e-9);
        assertEquals(List.of(34.0 / 30, 37.0 / 30, 35.0 / 30), peel.repRatio("c"), "three repetitions, paired in order");

        Report.Target perCall = r.targets.get(0);
        assertTrue(perCall.met(), "1.17x is within 1.2x");
        assertEquals("median only", perCall.held(), "37/30 = 1.23x in one repetition is not");
        assertEquals("met in the median only (2 of 3 repetitions)", perCall.verdict());
        Report.Target vsJdk = r.targets.get(1);
        assertTrue(vsJdk.met(), "1000/35 is more than 10x");
        Report.Target flat = r.targets.stream().filter(t -> t.text().startsWith("Scale")).findFirst().orElseThrow();
        assertFalse(flat.met(), "60/40 = 1.5x is not within 1.3x");
        assertEquals("MISSED by 15% (one repetition)", flat.verdict());
        assertEquals("none", flat.held());
        Report.Target tput = r.targets.stream().filter(t -> t.text().contains("1.0x C")).findFirst().orElseThrow();
        assertFalse(tput.met(), "0.9x is less than 1.0x");

        String md = r.markdown();
        assertTrue(md.contains("| 1. Peel-off, time per call (2,000 associations) | µs (lower is better) | 35.0 [34.0–37.0] | 1,000 | 30.0 [30.0–30.0] | 1.17x [1.13x–1.23x] | 0.04x |"), md);
        assertTrue(md.contains("emulated (qemu TCG"), md);
        String json = r.json();
        assertTrue(json.contains("\"emulated\": true"), json);
        assertTrue(json.contains("\"peeloff_over_c\": 1.16667"), json);
        assertTrue(json.contains("\"met\": false"), json);
        assertEquals(json.chars().filter(c -> c == '{').count(), json.chars().filter(c -> c == '}').count());
    }

    @Test
    void repetitionsAreGroupedByTheCommonDivisorOfTheSampleCounts() {
        // 12 JMH iterations (3 forks of 4) against 9 C rounds (3 of 3): the 3 rounds
        List<Double> a = List.of(1.0, 2.0, 3.0, 4.0, 10.0, 20.0, 30.0, 40.0, 5.0, 5.0, 5.0, 5.0);
        List<Double> b = List.of(1.0, 1.0, 1.0, 10.0, 10.0, 10.0, 2.0, 2.0, 2.0);
        assertEquals(List.of(2.5, 2.5, 2.5), Report.repRatios(a, b));
        assertEquals(List.of(), Report.repRatios(a, List.of()));
        assertEquals(1.0, Report.costRatio(0, 0), "nothing against nothing is equal");
        assertTrue(Double.isInfinite(Report.costRatio(1, 0)));
    }

    @Test
    void verdictsSayInHowManyRepetitionsTheTargetHeld() {
        Report.Target all = new Report.Target("t", 1.1, 1.0, false, "", List.of(1.05, 1.2, 1.1));
        assertEquals("met in all 3 repetitions", all.verdict());
        assertEquals("all", all.held());
        Report.Target none = new Report.Target("t", 0.5, 1.0, false, "", List.of(0.4, 0.5, 0.6));
        assertEquals("MISSED in all 3 repetitions (the median by 50%)", none.verdict());
        Report.Target some = new Report.Target("t", 0.85, 1.0, false, "", List.of(0.8, 0.85, 1.1));
        assertEquals("MISSED in the median, by 15% (met in 1 of 3 repetitions)", some.verdict());
        assertEquals("none", some.held());
        Report.Target zero = new Report.Target("t", 0.5, 0.0, true, "", List.of(0.0, 1.0));
        assertEquals("MISSED in the median, by an amount with no percentage: the limit is 0 (met in 1 of 2 repetitions)",
                zero.verdict());
    }

    @Test
    void repeatabilityComparesEveryRatioOfTwoRuns(@TempDir Path dir) throws IOException {
        Path[] files = {dir.resolve("a.tsv"), dir.resolve("b.tsv")};
        double[] peeloff = {1090, 1000};
        for (int i = 0; i < 2; i++) {
            RawLog raw = new RawLog(files[i]);
            RawLog.Batch b = raw.batch();
            b.sample("tput.1024", "peeloff", "msgs_per_s", peeloff[i]);
            b.sample("tput.1024", "c", "msgs_per_s", 1000);
            b.sample("tput.1024", "jdk", "msgs_per_s", 1000);
            b.commit();
        }
        Report a = new Report(RawLog.read(files[0]), Map.of());
        Report b = new Report(RawLog.read(files[1]), Map.of());
        List<Report.Pair> pairs = Report.pairs(a, b);
        Report.Pair msgsOverC = pairs.get(0);
        assertEquals("Peeloff/C", msgsOverC.ratio());
        assertEquals(0.09, msgsOverC.differ(), 1e-9, "1.09x against 1.00x: 9% apart");
        String md = Report.compareMarkdown(a, b);
        assertTrue(md.contains("| 9.0% | yes |"), md);
        assertTrue(md.contains("2 of 2 ratios within 10%"), md);
    }

    @Test
    void nettyEchoIsPeeloffsTransportAgainstNettysNioInTheJdkColumn(@TempDir Path dir) throws IOException {
        RawLog raw = new RawLog(dir.resolve("raw.tsv"));
        RawLog.Batch b = raw.batch();
        // three repetitions, 100 associations: throughput 1.1x, 0.9x, 1.2x NIO's (median 1.1x over 1.0x)
        double[][] tput = {{1100, 1000}, {900, 1000}, {1200, 1000}};
        double[][] p50 = {{90, 100}, {95, 100}, {99, 100}};
        double[][] p99 = {{300, 200}, {300, 200}, {150, 200}};
        for (int rep = 0; rep < 3; rep++) {
            b.sample("netty.tput.100", "peeloff", "msgs_per_s", tput[rep][0]);
            b.sample("netty.tput.100", "jdk", "msgs_per_s", tput[rep][1]);
            b.sample("netty.lat.100", "peeloff", "p50_us", p50[rep][0]);
            b.sample("netty.lat.100", "jdk", "p50_us", p50[rep][1]);
            b.sample("netty.lat.100", "peeloff", "p99_us", p99[rep][0]);
            b.sample("netty.lat.100", "jdk", "p99_us", p99[rep][1]);
            b.sample("netty.jit.100", "peeloff", "ms", 0);
            b.sample("netty.jit.100", "jdk", "ms", 0);
        }
        b.commit();
        Report r = new Report(RawLog.read(dir.resolve("raw.tsv")), Map.of());

        Report.Row t = r.rows.stream().filter(x -> x.id().equals("netty.tput.100")).findFirst().orElseThrow();
        assertEquals(1100.0, t.of("peeloff"));
        assertEquals(1.1, t.ratio("jdk"), 1e-9);
        assertTrue(Double.isNaN(t.of("c")), "no C side in measure 8");
        assertEquals(List.of(1.1, 0.9, 1.2), t.repRatio("jdk"));

        Report.Target tt = r.targets.stream().filter(x -> x.text().contains("throughput")).findFirst().orElseThrow();
        assertEquals("met in the median only (2 of 3 repetitions)", tt.verdict());
        Report.Target t50 = r.targets.stream().filter(x -> x.text().contains("p50")).findFirst().orElseThrow();
        assertEquals("met in all 3 repetitions", t50.verdict(), "0.90x, 0.95x, 0.99x are all at most 1.0x");
        Report.Target t99 = r.targets.stream().filter(x -> x.text().contains("p99")).findFirst().orElseThrow();
        assertEquals("MISSED in the median, by 50% (met in 1 of 3 repetitions)", t99.verdict(),
                "300 against 200 is 1.5x: latency worse than NIO's");
        assertEquals("Peeloff 300, NIO 200 µs: Peeloff/NIO = 1.50x [0.75x–1.50x]", t99.detail());

        String md = r.markdown();
        assertTrue(md.contains("| 8. Netty echo, 100 associations, 1,024 B: throughput (JDK column: Netty's NIO SCTP"
                + " transport) | msgs/s (higher is better) | 1,100 [900–1,200] | 1,000 [1,000–1,000] | — | — |"
                + " 1.10x [0.90x–1.20x] |"), md);
        assertTrue(md.contains("| 8. Netty echo, 100 associations: JIT time that fell into the windows | ms |"), md);
    }

    @Test
    void nettyEchoPercentilesAreNearestRank() {
        long[] hundred = new long[100];
        for (int i = 0; i < 100; i++) {
            hundred[i] = i + 1; // 1..100
        }
        assertEquals(50.0, NettyEcho.percentile(hundred, 50));
        assertEquals(99.0, NettyEcho.percentile(hundred, 99));
        assertEquals(7.0, NettyEcho.percentile(new long[] {7}, 99), "one round trip is every percentile");
        assertEquals(20.0, NettyEcho.percentile(new long[] {10, 20, 30}, 50));
        assertEquals(30.0, NettyEcho.percentile(new long[] {10, 20, 30}, 99));
        assertTrue(Double.isNaN(NettyEcho.percentile(new long[0], 50)));
    }

    @Test
    void aQuickRunSaysItsVerdictsAreNotEvidence(@TempDir Path dir) throws IOException {
        RawLog raw = new RawLog(dir.resolve("raw.tsv"));
        raw.meta("plan", "quick");
        Report r = new Report(RawLog.read(dir.resolve("raw.tsv")), Map.of());
        assertTrue(r.markdown().contains("verdicts are not evidence"), r.markdown());
    }

    @Test
    void parsesTheCProgramsResultLines() {
        CProgram.Result r = CProgram.parse("RESULT peel impl=c assocs=2000 round=1 warmup=0 per_call_ns=34000.5");
        assertEquals("peel", r.measure());
        assertEquals(34000.5, r.number("per_call_ns"));
        assertEquals("0", r.text("warmup"));
        assertNull(CProgram.parse("peeloff_bench: 2000 associations up"));
    }

    @Test
    void busiestAssociationsComeOutInOrder() {
        SharedSocket.PerAssociation per = new SharedSocket.PerAssociation();
        int[] ids = {5, 9, 4097, 5, 9, 5};
        for (int id : ids) {
            per.count(id);
        }
        StringBuilder log = new StringBuilder();
        assertEquals(5, per.takeBusiest(log));
        assertEquals(9, per.takeBusiest(log));
        assertEquals(4097, per.takeBusiest(log));
        assertEquals(0, per.takeBusiest(log));
        assertEquals("5:3,9:2,4097:1", log.toString());
    }

    @Test
    void figuresAreFormattedForReading() {
        assertEquals("34.2", Report.figure(34.2, "us"));
        assertEquals("1,100", Report.figure(1100.4, "us"));
        assertEquals("12,345", Report.figure(12345.4, "msgs/s"));
        assertEquals("0.236", Report.figure(0.2361, "MB/s"));
        assertEquals("—", Report.figure(Double.NaN, "us"));
        assertEquals("1.25x", Report.x(1.25));
        assertTrue(Files.exists(Path.of(".")));
    }
}
