/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Writes the semantics report: what every provider that ran the TCK did, case by case, for people
 * ({@value #MARKDOWN}) and for tools ({@value #JSON}), in {@code <project root>/target/peeloff-semantics/}.
 *
 * <p>Each provider module runs the TCK in its own JVM (and its own VM boot), so each run writes its
 * own rows file ({@code rows-<provider>-<provenance>.json}) and then regenerates the merged files from
 * every rows file present. A run replaces its own rows file only.
 *
 * <p>{@link #main} regenerates the merged files from the rows files of a folder.
 */
public final class SemanticsReportWriter {
    /** The merged report for people. */
    public static final String MARKDOWN = "peeloff-semantics.md";
    /** The merged report for tools. */
    public static final String JSON = "peeloff-semantics.json";
    /** The format tag of a rows file. */
    static final String ROWS_FORMAT = "peeloff-semantics-rows/1";
    /** The format tag of the merged JSON. */
    static final String MERGED_FORMAT = "peeloff-semantics/1";
    /** The system property naming the project root (harness/kernel-tests passes it). */
    public static final String ROOT_PROPERTY = "peeloff.root";
    /**
     * {@code true}: a run amends the rows file of its provider and provenance instead of replacing it
     * (its cases replace the same cases, the others stay): a second JVM that runs a few cases again, such
     * as {@code harness/kernel-tests}' run of the virtual-thread cases on a newer JDK.
     */
    public static final String AMEND_PROPERTY = "peeloff.semantics.amend";

    private SemanticsReportWriter() {
    }

    /** How a case ended. */
    public enum Outcome {
        /** Every assertion held. */
        PASSED,
        /** An assertion failed or the case threw. */
        FAILED,
        /** The provider cannot support the case; the reason says why. */
        ABORTED;

        /** @return the JSON value: {@code passed}, {@code failed}, {@code aborted} */
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Outcome fromJson(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * One case on one provider: one row of the report.
     *
     * @param provider      the provider id
     * @param provenance    where the result comes from
     * @param group         the contract group (the nested class), e.g. {@code PeelOff}
     * @param caseName      the case (the test method), named after the rule it checks
     * @param outcome       how it ended
     * @param reason        why it was aborted or failed, else null
     * @param os            the OS that answered (from the error, else the provider's capabilities)
     * @param observations  the errors seen, in order, the first native one first in the report
     * @param notes         what the case did where the OS leaves a choice, or what it saw
     */
    public record Row(String provider, Provenance provenance, String group, String caseName, Outcome outcome,
                      String reason, String os, List<Observed.Observation> observations, List<String> notes) {
        /** Copies the lists. */
        public Row {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(provenance, "provenance");
            Objects.requireNonNull(caseName, "caseName");
            Objects.requireNonNull(outcome, "outcome");
            observations = List.copyOf(observations);
            notes = List.copyOf(notes);
        }

        /** @return the observation shown in the row's own fields: the first native one, else the first */
        public Observed.Observation primary() {
            return observations.stream().filter(o -> o.errno() != 0).findFirst()
                    .orElse(observations.isEmpty() ? null : observations.get(0));
        }

        Map<String, Object> toJson() {
            Observed.Observation p = primary();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("provider", provider);
            m.put("case", caseName);
            m.put("group", group);
            m.put("outcome", outcome.json());
            m.put("reason", reason);
            m.put("portableError", p == null ? null : p.error().name());
            m.put("errno", p == null || p.errno() == 0 ? null : (Object) (long) p.errno());
            m.put("errnoName", p == null || p.errnoName().isEmpty() ? null : p.errnoName());
            m.put("os", os);
            m.put("provenance", provenance.json());
            m.put("call", p == null ? null : p.call());
            List<Object> obs = new ArrayList<>();
            for (Observed.Observation o : observations) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("portableError", o.error().name());
                x.put("errno", (long) o.errno());
                x.put("errnoName", o.errnoName());
                x.put("os", o.os());
                x.put("call", o.call());
                x.put("count", (long) o.count());
                obs.add(x);
            }
            m.put("observations", obs);
            m.put("notes", new ArrayList<Object>(notes));
            return m;
        }

        static Row fromJson(Map<String, Object> m) {
            List<Observed.Observation> obs = new ArrayList<>();
            for (Object o : list(m.get("observations"))) {
                Map<String, Object> x = map(o);
                obs.add(new Observed.Observation(org.peeloff.SctpError.valueOf(str(x.get("portableError"))),
                        (int) num(x.get("errno")), str(x.get("errnoName")), str(x.get("os")), str(x.get("call")),
                        (int) num(x.get("count"))));
            }
            List<String> notes = new ArrayList<>();
            for (Object o : list(m.get("notes"))) {
                notes.add(str(o));
            }
            return new Row(str(m.get("provider")), Provenance.fromJson(str(m.get("provenance"))), str(m.get("group")),
                    str(m.get("case")), Outcome.fromJson(str(m.get("outcome"))), str(m.get("reason")), str(m.get("os")),
                    obs, notes);
        }
    }

    /**
     * One provider's TCK run: who ran, on what, and its rows.
     *
     * @param provider       the provider id
     * @param provenance     where the results come from
     * @param testClass      the TCK subclass that ran
     * @param os             the OS as the provider reports it ({@code Capabilities.os()}), or the JVM's
     * @param jvmOs          the JVM's {@code os.name os.version os.arch} (the real kernel under a personality)
     * @param java           the Java runtime version
     * @param generated      when the rows were written (ISO-8601, UTC)
     * @param capabilities   the provider's capabilities as strings, empty when unavailable
     * @param containerError why the TCK could not run at all (provider unavailable), else null
     * @param rows           the cases
     */
    public record Run(String provider, Provenance provenance, String testClass, String os, String jvmOs, String java,
                      String generated, Map<String, Object> capabilities, String containerError, List<Row> rows) {
        /** Copies the collections. */
        public Run {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(provenance, "provenance");
            capabilities = Collections.unmodifiableMap(new LinkedHashMap<>(capabilities));
            rows = List.copyOf(rows);
        }

        /**
         * @param outcome an outcome
         * @return how many rows ended so
         */
        public long count(Outcome outcome) {
            return rows.stream().filter(r -> r.outcome() == outcome).count();
        }

        /**
         * @return the rows file name, {@code rows-<provider>-<provenance>[-<kernel>].json}: one file per
         *         Linux kernel, so that the runs of a kernel matrix sit side by side
         */
        public String fileName() {
            String k = kernel();
            return "rows-" + safe(provider) + "-" + provenance.json() + (k == null ? "" : "-" + safe(k)) + ".json";
        }

        /**
         * @return the Linux kernel release the run's calls reached (the JVM's {@code os.version} when it
         *         ran on Linux against the real kernel or an ABI personality over it), else null
         */
        public String kernel() {
            if (jvmOs == null || !jvmOs.startsWith("Linux ")
                    || (provenance != Provenance.REAL_KERNEL && provenance != Provenance.ABI_PERSONALITY)) {
                return null;
            }
            String[] parts = jvmOs.split(" ");
            return parts.length > 1 && !parts[1].isEmpty() ? parts[1] : null;
        }

        /** @return how the report names this run: provider, provenance and, on Linux, the kernel */
        public String label() {
            String k = kernel();
            return provider + " (" + provenance.json() + (k == null ? "" : ", Linux " + k) + ")";
        }

        Map<String, Object> metaJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("provider", provider);
            m.put("provenance", provenance.json());
            m.put("testClass", testClass);
            m.put("os", os);
            m.put("jvmOs", jvmOs);
            m.put("kernel", kernel());
            m.put("java", java);
            m.put("generated", generated);
            m.put("capabilities", capabilities);
            m.put("containerError", containerError);
            m.put("passed", count(Outcome.PASSED));
            m.put("failed", count(Outcome.FAILED));
            m.put("aborted", count(Outcome.ABORTED));
            return m;
        }

        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("format", ROWS_FORMAT);
            m.putAll(metaJson());
            List<Object> r = new ArrayList<>();
            for (Row row : rows) {
                r.add(row.toJson());
            }
            m.put("rows", r);
            return m;
        }

        static Run fromJson(Map<String, Object> m) {
            if (!ROWS_FORMAT.equals(m.get("format"))) {
                throw new IllegalArgumentException("not a rows file (format " + m.get("format") + ")");
            }
            List<Row> rows = new ArrayList<>();
            for (Object o : list(m.get("rows"))) {
                rows.add(Row.fromJson(map(o)));
            }
            Object caps = m.get("capabilities");
            return new Run(str(m.get("provider")), Provenance.fromJson(str(m.get("provenance"))), str(m.get("testClass")),
                    str(m.get("os")), str(m.get("jvmOs")), str(m.get("java")), str(m.get("generated")),
                    caps == null ? Map.of() : map(caps), str(m.get("containerError")), rows);
        }
    }

    /**
     * The report folder: {@code <peeloff.root>/target/peeloff-semantics}; without that property the
     * working directory's parent's {@code target} when the parent is the Maven project root (a module
     * runs with its own folder as working directory), else {@code target} here.
     *
     * @return the folder (not created)
     */
    public static Path directory() {
        String root = System.getProperty(ROOT_PROPERTY);
        if (root != null && !root.isBlank()) {
            return Path.of(root, "target", "peeloff-semantics");
        }
        Path cwd = Path.of("").toAbsolutePath();
        Path parent = cwd.getParent();
        if (parent != null && Files.isRegularFile(parent.resolve("pom.xml")) && Files.isRegularFile(cwd.resolve("pom.xml"))) {
            return parent.resolve("target").resolve("peeloff-semantics");
        }
        return cwd.resolve("target").resolve("peeloff-semantics");
    }

    /**
     * Writes one run's rows file, replacing the previous one of the same provider, provenance and kernel, then
     * regenerates the merged report from every rows file in the folder.
     *
     * @param dir the report folder (created if needed)
     * @param run the run
     * @return the rows file
     */
    public static Path write(Path dir, Run run) {
        try {
            Files.createDirectories(dir);
            Path rows = dir.resolve(run.fileName());
            if (Boolean.getBoolean(AMEND_PROPERTY) && Files.isRegularFile(rows)) {
                run = amend(Run.fromJson(map(Json.parse(Files.readString(rows, StandardCharsets.UTF_8)))), run);
            }
            replace(rows, Json.write(run.toJson()));
            merge(dir);
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param earlier the run written first (its description is kept)
     * @param later   a run of some cases again
     * @return {@code earlier} with each case of {@code later} in place of the same case
     */
    static Run amend(Run earlier, Run later) {
        Map<String, Row> byCase = new LinkedHashMap<>();
        for (Row r : earlier.rows()) {
            byCase.put(r.group() + "." + r.caseName(), r);
        }
        for (Row r : later.rows()) {
            byCase.put(r.group() + "." + r.caseName(), r);
        }
        return new Run(earlier.provider(), earlier.provenance(), earlier.testClass(), earlier.os(), earlier.jvmOs(),
                earlier.java(), later.generated(), earlier.capabilities(), earlier.containerError(),
                new ArrayList<>(byCase.values()));
    }

    /**
     * Regenerates {@value #MARKDOWN} and {@value #JSON} from the rows files in {@code dir}.
     *
     * @param dir the report folder
     * @throws IOException when the folder cannot be read or written
     */
    public static void merge(Path dir) throws IOException {
        List<String> unreadable = new ArrayList<>();
        List<Run> runs = read(dir, unreadable);
        replace(dir.resolve(JSON), Json.write(mergedJson(runs, unreadable)));
        replace(dir.resolve(MARKDOWN), markdown(runs, unreadable));
    }

    static List<Run> read(Path dir, List<String> unreadable) throws IOException {
        List<Run> runs = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return runs;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "rows-*.json")) {
            ds.forEach(files::add);
        }
        files.sort(Comparator.comparing(Path::toString));
        for (Path f : files) {
            try {
                runs.add(Run.fromJson(map(Json.parse(Files.readString(f, StandardCharsets.UTF_8)))));
            } catch (IOException | RuntimeException e) {
                unreadable.add(f.getFileName() + ": " + e.getMessage());
            }
        }
        runs.sort(RUN_ORDER);
        return runs;
    }

    /** By provider id, then provenance, then kernel: no list of providers is written out here. */
    private static final Comparator<Run> RUN_ORDER = Comparator
            .comparing(Run::provider)
            .thenComparing(r -> r.provenance().ordinal())
            .thenComparing(r -> r.kernel() == null ? "" : r.kernel());

    static Map<String, Object> mergedJson(List<Run> runs, List<String> unreadable) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", MERGED_FORMAT);
        m.put("generated", java.time.Instant.now().toString());
        List<Object> providers = new ArrayList<>();
        List<Object> rows = new ArrayList<>();
        for (Run run : runs) {
            providers.add(run.metaJson());
            for (Row row : sortedRows(run)) {
                Map<String, Object> json = row.toJson();
                json.put("kernel", run.kernel());
                rows.add(json);
            }
        }
        m.put("providers", providers);
        m.put("rows", rows);
        m.put("unreadableRowsFiles", new ArrayList<Object>(unreadable));
        return m;
    }

    private static List<Row> sortedRows(Run run) {
        List<Row> rows = new ArrayList<>(run.rows());
        rows.sort(Comparator.comparing((Row r) -> r.group() == null ? "" : r.group()).thenComparing(Row::caseName));
        return rows;
    }

    static String markdown(List<Run> runs, List<String> unreadable) {
        StringBuilder md = new StringBuilder(16 * 1024);
        md.append("# Peeloff portable semantics\n\n");
        md.append("What each provider's TCK run (`compat-tests`) observed, case by case. Cases are named after the rule\n")
          .append("they check. *Provenance* says what a row proves: `real-kernel` and `real-os` prove the OS;\n")
          .append("`abi-personality` proves only the provider's own mechanics (signatures, marshalling, numbers, errno\n")
          .append("mapping) over the Linux kernel; `pure-java` involves no native call. Generated ")
          .append(java.time.Instant.now()).append(" from the rows files in this folder (`rows-*.json`);\n")
          .append("machine-readable: `").append(JSON).append("`.\n\n");
        if (runs.isEmpty()) {
            md.append("No provider has run the TCK yet.\n");
        }
        for (String u : unreadable) {
            md.append("> Unreadable rows file: ").append(cell(u)).append("\n\n");
        }
        if (!runs.isEmpty()) {
            md.append("## Providers\n\n");
            md.append("| Provider | Provenance | OS (provider) | JVM OS | Peel-off flags | Passed | Failed | Aborted | Run | Test class |\n");
            md.append("|---|---|---|---|---|---|---|---|---|---|\n");
            for (Run r : runs) {
                md.append("| ").append(cell(r.provider())).append(" | ").append(r.provenance().json()).append(" | ")
                  .append(cell(r.os())).append(" | ").append(cell(r.jvmOs())).append(" | ")
                  .append(cell(String.valueOf(r.capabilities().getOrDefault("peeloffFlags", "?")))).append(" | ")
                  .append(r.count(Outcome.PASSED)).append(" | ").append(r.count(Outcome.FAILED)).append(" | ")
                  .append(r.count(Outcome.ABORTED)).append(" | ").append(cell(r.generated())).append(" | `")
                  .append(cell(r.testClass())).append("` |\n");
            }
            md.append('\n');
            for (Run r : runs) {
                if (r.containerError() != null) {
                    md.append("**").append(r.label()).append(" could not run the TCK:** ").append(cell(r.containerError())).append("\n\n");
                }
            }
            errnoMap(md, runs);
            notifications(md, runs);
            options(md, runs);
            results(md, runs);
            notAllPassed(md, runs);
            capabilities(md, runs);
        }
        return md.toString();
    }

    /**
     * One row per notification kind per provider: whether the provider delivers it on its OS
     * ({@code capabilities().notifications()}), and what the {@code Notifications} cases saw of it.
     */
    private static void notifications(StringBuilder md, List<Run> runs) {
        md.append("## Notifications\n\nOne row per notification kind per provider: delivered as its own record "
                + "(and subscribable), or refused `UNSUPPORTED`; then what the TCK's `Notifications` cases saw.\n\n");
        md.append("| Notification | Provider | OS (provider) | Delivered | Seen by the TCK |\n|---|---|---|---|---|\n");
        for (org.peeloff.SctpEventType kind : org.peeloff.SctpEventType.values()) {
            for (Run r : runs) {
                Object listed = r.capabilities().get("notifications");
                String delivered = listed instanceof List<?> l ? (l.contains(kind.name()) ? "yes" : "no") : "?";
                List<String> seen = new ArrayList<>();
                for (Row row : r.rows()) {
                    if (!NOTIFICATION_GROUPS.contains(row.group())) {
                        continue;
                    }
                    for (String n : row.notes()) {
                        if (n.startsWith(kind.name() + ":") || n.contains(kind.name() + " ")
                                || n.contains(kind.record().getSimpleName())) {
                            seen.add(row.caseName() + " (" + row.outcome() + "): " + n);
                        }
                    }
                }
                md.append("| ").append(kind.name()).append(" | ").append(cell(r.provider())).append(" (")
                  .append(r.provenance().json()).append(") | ").append(cell(r.os())).append(" | ").append(delivered)
                  .append(" | ").append(cell(seen.isEmpty() ? "-" : String.join("; ", seen))).append(" |\n");
            }
        }
        md.append('\n');
    }

    /** The TCK groups whose cases show notifications being delivered. */
    private static final java.util.Set<String> NOTIFICATION_GROUPS = java.util.Set.of("Notifications", "MultiHoming",
            "DeliveryFailures");

    /**
     * One row per typed option ({@link org.peeloff.SctpOptions#all()}) per provider: supported on its OS or
     * not (with the provider's own reason from {@code capabilities().unsupported()}), and the cases whose
     * name or notes mention the option, with their outcome.
     */
    private static void options(StringBuilder md, List<Run> runs) {
        md.append("## Options\n\nOne row per typed option per provider: supported, or refused `UNSUPPORTED` with the "
                + "provider's reason; then the TCK cases that exercised it (name or notes), with their outcome.\n\n");
        md.append("| Option | Provider | OS (provider) | Supported | Exercised by |\n|---|---|---|---|---|\n");
        for (org.peeloff.SctpOption<?> option : org.peeloff.SctpOptions.all()) {
            String name = option.name();
            for (Run r : runs) {
                String supported = "?";
                Object details = r.capabilities().get("details");
                if (details instanceof Map<?, ?> d && d.get("options") instanceof String listed) {
                    supported = java.util.Arrays.stream(listed.split("[,;]")).map(String::trim)
                            .anyMatch(name::equals) ? "yes" : "no";
                }
                if (r.capabilities().get("unsupported") instanceof List<?> l) {
                    for (Object u : l) {
                        if (String.valueOf(u).startsWith("option " + name + ":")) {
                            supported = "no: " + String.valueOf(u).substring(("option " + name + ":").length()).trim();
                        }
                    }
                }
                List<String> seen = new ArrayList<>();
                for (Row row : sortedRows(r)) {
                    boolean named = row.caseName().contains(name);
                    if (named || row.notes().stream().anyMatch(n -> mentions(n, name))) {
                        seen.add(row.group() + "." + row.caseName() + " (" + row.outcome().json() + ")");
                    }
                }
                md.append("| ").append(name).append(" | ").append(cell(r.provider())).append(" (")
                  .append(r.provenance().json()).append(") | ").append(cell(r.os())).append(" | ")
                  .append(cell(supported)).append(" | ").append(cell(seen.isEmpty() ? "-" : String.join(", ", seen)))
                  .append(" |\n");
            }
        }
        md.append('\n');
    }

    /** Whether {@code text} names {@code option} as a word (SCTP_STATUS, not SCTP_STATUS_X). */
    static boolean mentions(String text, String option) {
        for (int at = text.indexOf(option); at >= 0; at = text.indexOf(option, at + 1)) {
            int after = at + option.length();
            boolean startOk = at == 0 || !(Character.isLetterOrDigit(text.charAt(at - 1)) || text.charAt(at - 1) == '_');
            boolean endOk = after == text.length()
                    || !(Character.isLetterOrDigit(text.charAt(after)) || text.charAt(after) == '_');
            if (startOk && endOk) {
                return true;
            }
        }
        return false;
    }

    /** The errno each provider's OS gave, and the portable error it became, with the cases that showed it. */
    private static void errnoMap(StringBuilder md, List<Run> runs) {
        md.append("## Native errors and their portable meaning\n\n");
        md.append("| Provider | OS said | Portable error | Seen in |\n|---|---|---|---|\n");
        for (Run r : runs) {
            Map<String, List<String>> seen = new TreeMap<>();
            for (Row row : sortedRows(r)) {
                for (Observed.Observation o : row.observations()) {
                    String key = (o.errno() == 0 ? "(no native call)" : o.errnoName() + " (" + o.errno() + ")")
                            + "\t" + o.error();
                    List<String> cases = seen.computeIfAbsent(key, k -> new ArrayList<>());
                    if (!cases.contains(row.caseName())) {
                        cases.add(row.caseName());
                    }
                }
            }
            for (Map.Entry<String, List<String>> e : seen.entrySet()) {
                String[] k = e.getKey().split("\t", 2);
                md.append("| ").append(cell(r.label())).append(" | ")
                  .append(cell(k[0])).append(" | ").append(k[1]).append(" | ")
                  .append(cell(String.join(", ", e.getValue()))).append(" |\n");
            }
        }
        md.append('\n');
    }

    private static void results(StringBuilder md, List<Run> runs) {
        md.append("## Results\n\nOne row per case per provider.\n\n");
        Map<String, Map<String, List<Map.Entry<Run, Row>>>> byGroup = new TreeMap<>();
        for (Run r : runs) {
            for (Row row : r.rows()) {
                byGroup.computeIfAbsent(row.group() == null ? "" : row.group(), g -> new TreeMap<>())
                       .computeIfAbsent(row.caseName(), c -> new ArrayList<>()).add(Map.entry(r, row));
            }
        }
        for (Map.Entry<String, Map<String, List<Map.Entry<Run, Row>>>> g : byGroup.entrySet()) {
            md.append("### ").append(g.getKey().isEmpty() ? "(ungrouped)" : g.getKey()).append("\n\n");
            md.append("| Case | Provider | Outcome | OS said -> portable error | Notes, reason |\n|---|---|---|---|---|\n");
            for (Map.Entry<String, List<Map.Entry<Run, Row>>> c : g.getValue().entrySet()) {
                for (Map.Entry<Run, Row> rr : c.getValue()) {
                    Row row = rr.getValue();
                    md.append("| `").append(cell(row.caseName())).append("` | ").append(cell(rr.getKey().label()))
                      .append(" | ").append(mark(row.outcome()))
                      .append(" | ").append(cell(observed(row))).append(" | ").append(cell(notesAndReason(row)))
                      .append(" |\n");
                }
            }
            md.append('\n');
        }
    }

    private static void notAllPassed(StringBuilder md, List<Run> runs) {
        List<Map.Entry<Run, Row>> bad = new ArrayList<>();
        for (Run r : runs) {
            for (Row row : sortedRows(r)) {
                if (row.outcome() != Outcome.PASSED) {
                    bad.add(Map.entry(r, row));
                }
            }
        }
        if (bad.isEmpty()) {
            return;
        }
        md.append("## Failed and aborted cases in full\n\n");
        for (Map.Entry<Run, Row> rr : bad) {
            Row row = rr.getValue();
            md.append("- **").append(rr.getKey().label()).append("** `")
              .append(row.group()).append('.').append(row.caseName()).append("`: ").append(row.outcome().json())
              .append("\n\n  ```\n");
            for (String line : String.valueOf(row.reason()).split("\n", -1)) {
                md.append("  ").append(line.replace("```", "'''")).append('\n');
            }
            md.append("  ```\n");
        }
        md.append('\n');
    }

    private static void capabilities(StringBuilder md, List<Run> runs) {
        md.append("## Capabilities reported by each provider\n\n");
        for (Run r : runs) {
            md.append("- **").append(r.label()).append("**, Java ")
              .append(cell(r.java())).append(": ");
            if (r.capabilities().isEmpty()) {
                md.append("none (the provider was not available)");
            }
            List<String> parts = new ArrayList<>();
            r.capabilities().forEach((k, v) -> parts.add(k + " = " + v));
            md.append(cell(String.join("; ", parts))).append('\n');
        }
        md.append('\n');
    }

    private static String mark(Outcome o) {
        return switch (o) {
            case PASSED -> "passed";
            case FAILED -> "**FAILED**";
            case ABORTED -> "aborted";
        };
    }

    private static String observed(Row row) {
        List<String> parts = new ArrayList<>();
        for (Observed.Observation o : row.observations()) {
            parts.add(o.summary());
        }
        return parts.isEmpty() ? "" : String.join("; ", parts);
    }

    private static String notesAndReason(Row row) {
        List<String> parts = new ArrayList<>(row.notes());
        if (row.reason() != null && row.outcome() != Outcome.PASSED) {
            String first = row.reason().strip().split("\n", 2)[0];
            if (first.length() > 300) {
                first = first.substring(0, 300) + "...";
            }
            parts.add((row.outcome() == Outcome.ABORTED ? "aborted: " : "failed: ") + first);
        }
        return String.join("; ", parts);
    }

    /** Makes text safe for one Markdown table cell. */
    static String cell(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("\\", "\\\\").replace("|", "\\|").replace("\r", "").replace("\n", " ");
    }

    private static String safe(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static void replace(Path target, String text) throws IOException {
        // A sibling named for this process (not createTempFile, whose file only its owner may read).
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        if (!(o instanceof Map)) {
            throw new IllegalArgumentException("expected a JSON object, got " + o);
        }
        return (Map<String, Object>) o;
    }

    private static List<?> list(Object o) {
        if (o == null) {
            return List.of();
        }
        if (!(o instanceof List)) {
            throw new IllegalArgumentException("expected a JSON array, got " + o);
        }
        return (List<?>) o;
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static long num(Object o) {
        if (!(o instanceof Number n)) {
            throw new IllegalArgumentException("expected a number, got " + o);
        }
        return n.longValue();
    }

    /**
     * Regenerates the merged report from the rows files of a folder.
     *
     * @param args the folder; default {@link #directory()}
     * @throws IOException when it cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        Path dir = args.length > 0 ? Path.of(args[0]) : directory();
        merge(dir);
        System.out.println("peeloff semantics report: " + dir.resolve(MARKDOWN) + ", " + dir.resolve(JSON));
    }
}
