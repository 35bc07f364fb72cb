/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.kit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.peeloff.Capabilities;
import org.peeloff.Sctp;
import org.peeloff.compat.Provenance;
import org.peeloff.compat.SemanticsReportWriter;
import org.peeloff.spi.SctpProvider;

/**
 * "What does this OS do differently?": runs the TCK ({@link KitTck}) against this machine's
 * provider with the JUnit Platform Launcher, lets the TCK's report writer write the Markdown and
 * JSON semantics reports, and prints the portability matrix from that JSON: each case, its outcome,
 * the portable error, the native errno behind it, and the provenance (what the row proves).
 *
 * <p>Every case is required unless its name starts with {@code optional_} (the TCK's naming
 * convention for optional rules); the exit status is non-zero when a required case fails, when the
 * TCK could not run, and when no case passed (a run where everything was skipped proves nothing).
 */
final class Report {
    private final PrintStream out;

    Report(PrintStream out) {
        this.out = out;
    }

    static Options options() {
        return new Options()
                .flag("quick", "shorter loops (1000 peel-off cycles, 500 bad inputs, 500 messages) for a first look")
                .flag("verbose", "print each case's notes and the full reason of every case that did not pass");
    }

    int run(Options o) throws Options.UsageException {
        boolean verbose = o.bool("verbose");
        SctpProvider provider;
        try {
            provider = Sctp.provider();
        } catch (UnsupportedOperationException e) {
            out.println("No SCTP provider can be used here, so there is nothing to run the TCK against:");
            out.println("  " + e.getMessage().replace("\n", "\n  "));
            out.println("Run `kit/run doctor` to see why.");
            return Main.EXIT_NO_SCTP;
        }
        String os = System.getProperty("os.name");
        Provenance provenance = Provenance.of(provider, os);
        if (o.bool("quick")) {
            System.setProperty("peeloff.tck.cycles", System.getProperty("peeloff.tck.cycles", "1000"));
            System.setProperty("peeloff.tck.iterations", System.getProperty("peeloff.tck.iterations", "500"));
            System.setProperty("peeloff.tck.messages", System.getProperty("peeloff.tck.messages", "500"));
        }
        Path dir = SemanticsReportWriter.directory();
        out.printf(Locale.ROOT, "Peeloff report: the TCK (org.peeloff.compat.SctpProviderTck) against the '%s' provider%n",
                provider.id());
        out.printf(Locale.ROOT, "  on %s %s (%s)%s; provenance %s: %s%n", os, System.getProperty("os.version"),
                System.getProperty("os.arch"), Main.inVm() ? " inside harness/linux-vm" : "", provenance.json(),
                meaning(provenance));
        try {
            Capabilities caps = provider.capabilities();
            out.printf(Locale.ROOT, "  peel-off flags %s, %d unverified native value(s)%s%n", caps.peeloffFlags(),
                    caps.unverified().size(), o.bool("quick") ? "; --quick: shorter loops than CI" : "");
        } catch (RuntimeException | LinkageError e) {
            out.println("  capabilities() failed: " + e);
        }
        out.println();

        Instant started = Instant.now();
        long t0 = System.nanoTime();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(KitTck.class))
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        Progress progress = new Progress();
        launcher.execute(request, summary, progress);
        double seconds = (System.nanoTime() - t0) / 1e9;
        TestExecutionSummary s = summary.getSummary();
        out.println();

        Path json = dir.resolve(SemanticsReportWriter.JSON);
        Path md = dir.resolve(SemanticsReportWriter.MARKDOWN);
        Map<String, Object> merged;
        try {
            merged = map(MiniJson.parse(Files.readString(json, StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            out.println("The TCK ran (" + s.getTestsFoundCount() + " cases found) but its report could not be read: "
                    + json + ": " + e.getMessage());
            printJUnitFailures(s);
            return Main.EXIT_FAILED;
        }
        Map<String, Object> run = null;
        for (Object p : list(merged.get("providers"))) {
            Map<String, Object> m = map(p);
            if (provider.id().equals(m.get("provider")) && provenance.json().equals(m.get("provenance"))) {
                run = m;
            }
        }
        if (run == null || !KitTck.class.getName().equals(run.get("testClass"))
                || String.valueOf(run.get("generated")).compareTo(started.toString()) < 0) {
            out.println("The report in " + json + " has no rows of this run (" + provider.id() + ", "
                    + provenance.json() + ", " + KitTck.class.getName() + ").");
            printJUnitFailures(s);
            return Main.EXIT_FAILED;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Object r : list(merged.get("rows"))) {
            Map<String, Object> m = map(r);
            if (provider.id().equals(m.get("provider")) && provenance.json().equals(m.get("provenance"))) {
                rows.add(m);
            }
        }

        out.println("Portability matrix (" + provider.id() + ", " + provenance.json() + ")");
        printMatrix(rows, verbose);
        out.println();

        int passed = 0;
        int failed = 0;
        int aborted = 0;
        int requiredFailed = 0;
        for (Map<String, Object> r : rows) {
            switch (String.valueOf(r.get("outcome"))) {
                case "passed" -> passed++;
                case "failed" -> {
                    failed++;
                    if (!String.valueOf(r.get("case")).startsWith("optional_")) {
                        requiredFailed++;
                    }
                }
                default -> aborted++;
            }
        }
        Object containerError = run.get("containerError");
        out.printf(Locale.ROOT, "Cases: %d passed, %d failed (%d required), %d aborted (not supported here), %d in all; %s%n",
                passed, failed, requiredFailed, aborted, rows.size(), Fmt.seconds(seconds));
        out.printf(Locale.ROOT, "JUnit: %d found, %d succeeded, %d failed, %d aborted, %d containers failed%n",
                s.getTestsFoundCount(), s.getTestsSucceededCount(), s.getTestsFailedCount(), s.getTestsAbortedCount(),
                s.getContainersFailedCount());
        out.println("Reports: " + md);
        out.println("         " + json);
        if (containerError != null) {
            out.println("The TCK could not run: " + containerError);
        }
        if (!verbose && failed > 0) {
            out.println("(kit/run report --verbose prints why each case failed; the Markdown report has it too)");
        }
        out.println();
        if (containerError != null || s.getContainersFailedCount() > 0) {
            out.println("RESULT: FAILED - the TCK did not run completely");
            return Main.EXIT_FAILED;
        }
        if (requiredFailed > 0) {
            out.println("RESULT: FAILED - " + requiredFailed + " required case(s) failed");
            return Main.EXIT_FAILED;
        }
        if (passed == 0) {
            out.println("RESULT: FAILED - no case passed; a run where every case was skipped proves nothing");
            return Main.EXIT_FAILED;
        }
        out.println("RESULT: OK - every required case passed" + (aborted > 0 ? " (" + aborted + " aborted: not supported here)" : ""));
        return Main.EXIT_OK;
    }

    private static String meaning(Provenance p) {
        return switch (p) {
            case REAL_KERNEL -> "the provider against the real Linux kernel, so the rows prove the OS";
            case REAL_OS -> "the provider on a real installation of its OS, so the rows prove the OS";
            case ABI_PERSONALITY -> "an ABI personality over another kernel: the provider's mechanics, not the OS";
            case PURE_JAVA -> "no native call";
        };
    }

    private void printMatrix(List<Map<String, Object>> rows, boolean verbose) {
        Map<String, List<Map<String, Object>>> byGroup = new LinkedHashMap<>();
        for (Map<String, Object> r : rows) {
            byGroup.computeIfAbsent(String.valueOf(r.get("group")), g -> new ArrayList<>()).add(r);
        }
        List<List<String>> table = new ArrayList<>();
        List<Map<String, Object>> source = new ArrayList<>(); // the row behind each table line, null for headings
        table.add(List.of("case", "outcome", "portable error", "native errno", "provenance"));
        source.add(null);
        for (var g : byGroup.entrySet()) {
            table.add(List.of(g.getKey(), "", "", "", ""));
            source.add(null);
            for (Map<String, Object> r : g.getValue()) {
                Object errno = r.get("errno");
                String outcome = String.valueOf(r.get("outcome"));
                table.add(List.of("  " + r.get("case"), outcome.equals("failed") ? "FAILED" : outcome,
                        r.get("portableError") == null ? "-" : String.valueOf(r.get("portableError")),
                        errno == null ? "-" : r.get("errnoName") + " (" + errno + ")",
                        String.valueOf(r.get("provenance"))));
                source.add(r);
            }
        }
        List<String> lines = Fmt.columns(table, new boolean[] {false, false, false, false, false}, 2);
        for (int i = 0; i < lines.size(); i++) {
            out.println(lines.get(i));
            if (source.get(i) != null) {
                printDetails(source.get(i), verbose);
            }
        }
    }

    private void printDetails(Map<String, Object> r, boolean verbose) {
        String outcome = String.valueOf(r.get("outcome"));
        Object reason = r.get("reason");
        if (reason != null && !outcome.equals("passed")) {
            String text = String.valueOf(reason).strip();
            if (!verbose) {
                text = text.split("\n", 2)[0];
                if (text.length() > 160) {
                    text = text.substring(0, 157) + "...";
                }
            }
            String label = outcome.equals("failed") ? "failed: " : "aborted: ";
            for (String l : text.split("\n")) {
                out.println("      " + label + l);
                label = "  ";
            }
        }
        if (verbose) {
            for (Object n : list(r.get("notes"))) {
                out.println("      note: " + n);
            }
        }
    }

    private void printJUnitFailures(TestExecutionSummary s) {
        s.getFailures().forEach(f -> out.println("  " + f.getTestIdentifier().getDisplayName() + ": " + f.getException()));
    }

    /** Prints one line per finished case, so a long run shows that it is alive. */
    private final class Progress implements TestExecutionListener {
        private final Map<String, Long> started = new ConcurrentHashMap<>();

        @Override
        public void executionStarted(TestIdentifier id) {
            started.put(id.getUniqueId(), System.nanoTime());
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            if (id.isTest()) {
                out.printf(Locale.ROOT, "  %-8s %s (%s)%n", "skipped", name(id), reason);
            }
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            Long t = started.remove(id.getUniqueId());
            double s = t == null ? 0 : (System.nanoTime() - t) / 1e9;
            if (id.isTest()) {
                String status = switch (result.getStatus()) {
                    case SUCCESSFUL -> "passed";
                    case ABORTED -> "aborted";
                    case FAILED -> "FAILED";
                };
                out.printf(Locale.ROOT, "  %-8s %s (%s)%n", status, name(id), Fmt.seconds(s));
            } else if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                out.printf(Locale.ROOT, "  %-8s %s: %s%n", "ERROR", id.getDisplayName(),
                        result.getThrowable().map(Throwable::toString).orElse("(no cause)"));
            }
        }

        private String name(TestIdentifier id) {
            return id.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                    .map(m -> {
                        String c = m.getClassName();
                        return c.substring(c.lastIndexOf('$') + 1) + "." + m.getMethodName();
                    }).orElse(id.getDisplayName());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        if (!(o instanceof Map)) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        return (Map<String, Object>) o;
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }
}
