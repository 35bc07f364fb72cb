/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peeloff.SctpError;
import org.peeloff.compat.SemanticsReportWriter.Outcome;
import org.peeloff.compat.SemanticsReportWriter.Row;
import org.peeloff.compat.SemanticsReportWriter.Run;

class SemanticsReportWriterTest {

    @TempDir
    Path dir;

    private static Observed.Observation einval(SctpError error) {
        return new Observed.Observation(error, 22, "EINVAL", "Linux", "sctp_peeloff(fd=5, assoc=9)", 1);
    }

    private static Run linux(String generated) {
        return new Run("linux", Provenance.REAL_KERNEL, "org.peeloff.linux.LinuxTckTest", "Linux 6.1.0", "Linux 6.1.0 amd64",
                "17", generated, Map.of("peeloffFlags", "ATOMIC"), null, List.of(
                new Row("linux", Provenance.REAL_KERNEL, "PeelOff", "peeloff_of_unknown_association_fails_NO_SUCH_ASSOCIATION",
                        Outcome.PASSED, null, "Linux", List.of(einval(SctpError.NO_SUCH_ASSOCIATION)), List.of()),
                new Row("linux", Provenance.REAL_KERNEL, "PeerAbort", "peeloff_after_the_peer_aborted",
                        Outcome.PASSED, null, "Linux", List.of(
                        new Observed.Observation(SctpError.CLOSED, 0, "", "Linux", "receive(fd=3)", 1),
                        einval(SctpError.NO_SUCH_ASSOCIATION)), List.of("server saw COMMUNICATION_LOST"))));
    }

    private static Run aix() {
        return new Run("aix", Provenance.ABI_PERSONALITY, "org.peeloff.aix.AixTckTest", "AIX", "Linux 6.1.0 amd64", "17",
                "2026-01-01T00:00:00Z", Map.of("peeloffFlags", "EMULATED"), null, List.of(
                new Row("aix", Provenance.ABI_PERSONALITY, "PeelOff", "peeloff_of_a_one_to_one_socket_fails_NOT_ONE_TO_MANY",
                        Outcome.ABORTED, "provider 'aix' opens no | one-to-one socket", "AIX", List.of(), List.of()),
                new Row("aix", Provenance.ABI_PERSONALITY, "PeelOff", "peeloff_of_unknown_association_fails_NO_SUCH_ASSOCIATION",
                        Outcome.FAILED, "expected NO_SUCH_ASSOCIATION\nbut got OTHER", "AIX", List.of(), List.of())));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> merged() throws IOException {
        return (Map<String, Object>) Json.parse(Files.readString(dir.resolve(SemanticsReportWriter.JSON)));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(Map<String, Object> merged) {
        return (List<Map<String, Object>>) merged.get("rows");
    }

    @Test
    void every_run_gets_its_own_rows_file_and_the_merged_report_covers_all() throws IOException {
        SemanticsReportWriter.write(dir, linux("2026-01-01T00:00:00Z"));
        SemanticsReportWriter.write(dir, aix());

        assertTrue(Files.isRegularFile(dir.resolve("rows-linux-real-kernel-6.1.0.json")));
        assertTrue(Files.isRegularFile(dir.resolve("rows-aix-abi-personality-6.1.0.json")));
        List<Map<String, Object>> rows = rows(merged());
        assertEquals(4, rows.size(), "one row per case per provider");
        assertEquals(List.of("aix", "aix", "linux", "linux"),
                rows.stream().map(r -> r.get("provider")).collect(Collectors.toList()), "ordered by provider id");
        for (Map<String, Object> r : rows) {
            for (String key : List.of("provider", "case", "outcome", "reason", "portableError", "errno", "errnoName", "os",
                    "provenance")) {
                assertTrue(r.containsKey(key), key + " in " + r);
            }
        }
    }

    @Test
    void a_row_shows_the_first_native_error_in_its_own_fields() throws IOException {
        SemanticsReportWriter.write(dir, linux("2026-01-01T00:00:00Z"));

        Map<String, Object> abort = rows(merged()).stream().filter(r -> r.get("case").equals("peeloff_after_the_peer_aborted"))
                .findFirst().orElseThrow();
        assertEquals("NO_SUCH_ASSOCIATION", abort.get("portableError"));
        assertEquals(22L, abort.get("errno"));
        assertEquals("EINVAL", abort.get("errnoName"));
        assertEquals("real-kernel", abort.get("provenance"));
        assertEquals("passed", abort.get("outcome"));
        assertNull(abort.get("reason"));
        assertEquals(2, ((List<?>) abort.get("observations")).size());
    }

    @Test
    void a_new_run_replaces_only_its_own_provider() throws IOException {
        SemanticsReportWriter.write(dir, linux("2026-01-01T00:00:00Z"));
        SemanticsReportWriter.write(dir, aix());
        SemanticsReportWriter.write(dir, linux("2026-02-02T00:00:00Z"));

        Map<String, Object> merged = merged();
        assertEquals(4, rows(merged).size());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> providers = (List<Map<String, Object>>) merged.get("providers");
        assertEquals("2026-02-02T00:00:00Z", providers.get(1).get("generated"));
        assertEquals("aix", providers.get(0).get("provider"));
        assertEquals(1L, providers.get(0).get("failed"));
        assertEquals(1L, providers.get(0).get("aborted"));
    }

    @Test
    void the_markdown_has_a_row_per_case_per_provider_and_the_reasons() throws IOException {
        SemanticsReportWriter.write(dir, linux("2026-01-01T00:00:00Z"));
        SemanticsReportWriter.write(dir, aix());

        String md = Files.readString(dir.resolve(SemanticsReportWriter.MARKDOWN));
        long caseRows = md.lines().filter(l -> l.startsWith("| `")).count();
        assertEquals(4, caseRows, md);
        assertTrue(md.contains("EINVAL (22) -> NO_SUCH_ASSOCIATION"), md);
        assertTrue(md.contains("| linux (real-kernel, Linux 6.1.0) | EINVAL (22) | NO_SUCH_ASSOCIATION |"), md);
        assertTrue(md.contains("aborted: provider 'aix' opens no \\| one-to-one socket"), "pipes are escaped: " + md);
        assertTrue(md.contains("**FAILED**"), md);
        assertTrue(md.contains("but got OTHER"), "the full reason of a failure: " + md);
        assertTrue(md.contains("server saw COMMUNICATION_LOST"), md);
    }

    @Test
    void the_markdown_has_a_row_per_option_per_provider_with_support_and_the_cases_that_used_it() throws IOException {
        Map<String, Object> caps = Map.of("details", Map.of("options", "SO_SNDBUF, SCTP_STATUS; per association"),
                "unsupported", List.of("option SCTP_MAXSEG: the kernel answers ENOPROTOOPT"));
        SemanticsReportWriter.write(dir, new Run("solaris", Provenance.ABI_PERSONALITY, "T", "SunOS", "Linux", "17",
                "2026-01-01T00:00:00Z", caps, null, List.of(
                new Row("solaris", Provenance.ABI_PERSONALITY, "TypedOptions", "SCTP_STATUS_matches_the_peer",
                        Outcome.PASSED, null, "SunOS", List.of(), List.of()),
                new Row("solaris", Provenance.ABI_PERSONALITY, "MultiHoming", "primary_moves",
                        Outcome.ABORTED, "no lab", "SunOS", List.of(), List.of("SCTP_STATUS primary /198.18.2.2:1")))));

        String md = Files.readString(dir.resolve(SemanticsReportWriter.MARKDOWN));
        assertTrue(md.contains("## Options"), md);
        assertTrue(md.contains("| SCTP_STATUS | solaris (abi-personality) | SunOS | yes | "
                + "MultiHoming.primary_moves (aborted), TypedOptions.SCTP_STATUS_matches_the_peer (passed) |"), md);
        assertTrue(md.contains("| SCTP_MAXSEG | solaris (abi-personality) | SunOS | no: the kernel answers ENOPROTOOPT | - |"), md);
        assertTrue(md.contains("| SO_RCVBUF | solaris (abi-personality) | SunOS | no | - |"), md);
        long optionRows = md.lines().filter(l -> l.startsWith("| SO_") || l.startsWith("| SCTP_")).count();
        assertEquals(org.peeloff.SctpOptions.all().size(), optionRows, "one row per option for the one provider: " + md);
        assertFalse(SemanticsReportWriter.mentions("SCTP_STATUS_X", "SCTP_STATUS"));
    }

    @Test
    void each_kernel_of_a_matrix_keeps_its_own_run_and_names_it() throws IOException {
        SemanticsReportWriter.write(dir, linux("2026-01-01T00:00:00Z"));
        Run older = linux("2026-01-01T00:00:00Z");
        SemanticsReportWriter.write(dir, new Run(older.provider(), older.provenance(), older.testClass(), "Linux 5.10.0-32-amd64",
                "Linux 5.10.0-32-amd64 amd64", older.java(), older.generated(), older.capabilities(), null, older.rows()));

        assertTrue(Files.isRegularFile(dir.resolve("rows-linux-real-kernel-5.10.0-32-amd64.json")));
        assertTrue(Files.isRegularFile(dir.resolve("rows-linux-real-kernel-6.1.0.json")));
        List<Map<String, Object>> rows = rows(merged());
        assertEquals(4, rows.size(), "both kernels' rows");
        assertEquals(List.of("5.10.0-32-amd64", "5.10.0-32-amd64", "6.1.0", "6.1.0"),
                rows.stream().map(r -> r.get("kernel")).collect(Collectors.toList()), "ordered by kernel");
        String md = Files.readString(dir.resolve(SemanticsReportWriter.MARKDOWN));
        assertTrue(md.contains("| `peeloff_after_the_peer_aborted` | linux (real-kernel, Linux 5.10.0-32-amd64) | passed |"), md);
        assertEquals(2, md.lines().filter(l -> l.startsWith("| `peeloff_after_the_peer_aborted` |")).count(), md);
    }

    @Test
    void a_pure_java_run_names_no_kernel() {
        Run run = new Run("stand-in", Provenance.PURE_JAVA, "X", "Linux", "Linux 6.1.0 amd64", "17",
                "2026-01-01T00:00:00Z", Map.of(), null, List.of());
        assertNull(run.kernel());
        assertEquals("rows-stand-in-pure-java.json", run.fileName());
    }

    @Test
    void an_unreadable_rows_file_is_reported_not_fatal() throws IOException {
        Files.writeString(dir.resolve("rows-broken-real-os.json"), "{ not json");
        SemanticsReportWriter.write(dir, aix());

        Map<String, Object> merged = merged();
        assertEquals(2, rows(merged).size());
        assertFalse(((List<?>) merged.get("unreadableRowsFiles")).isEmpty());
        assertTrue(Files.readString(dir.resolve(SemanticsReportWriter.MARKDOWN)).contains("rows-broken-real-os.json"));
    }

    @Test
    void a_run_that_could_not_start_says_why() throws IOException {
        Run run = new Run("solaris", Provenance.REAL_OS, "org.peeloff.solaris.SolarisTckTest", "SunOS", "SunOS 5.11 amd64",
                "17", "2026-01-01T00:00:00Z", Map.of(), "provider 'solaris' is not available: no libsctp.so.1", List.of());
        SemanticsReportWriter.write(dir, run);

        assertTrue(Files.readString(dir.resolve(SemanticsReportWriter.MARKDOWN)).contains("no libsctp.so.1"));
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = ((List<Map<String, Object>>) merged().get("providers")).get(0);
        assertEquals("provider 'solaris' is not available: no libsctp.so.1", meta.get("containerError"));
    }

    @Test
    void the_folder_is_under_the_project_root_when_it_is_given() {
        String old = System.getProperty(SemanticsReportWriter.ROOT_PROPERTY);
        try {
            System.setProperty(SemanticsReportWriter.ROOT_PROPERTY, dir.toString());
            assertEquals(dir.resolve("target").resolve("peeloff-semantics"), SemanticsReportWriter.directory());
            System.clearProperty(SemanticsReportWriter.ROOT_PROPERTY);
            // surefire runs in the module folder, whose parent is the project root
            Path here = Path.of("").toAbsolutePath();
            assertEquals(here.getParent().resolve("target").resolve("peeloff-semantics"), SemanticsReportWriter.directory());
        } finally {
            if (old == null) {
                System.clearProperty(SemanticsReportWriter.ROOT_PROPERTY);
            } else {
                System.setProperty(SemanticsReportWriter.ROOT_PROPERTY, old);
            }
        }
    }

    @Test
    void an_amending_run_replaces_its_own_cases_and_keeps_the_others() {
        Run first = linux("2026-01-01T00:00:00Z");
        Row again = new Row("linux", Provenance.REAL_KERNEL, "PeerAbort", "peeloff_after_the_peer_aborted",
                Outcome.FAILED, "on Java 25", "Linux", List.of(), List.of("Java 25"));
        Run second = new Run("linux", Provenance.REAL_KERNEL, "org.peeloff.linux.LinuxTckTest", "Linux 6.1.0",
                "Linux 6.1.0 amd64", "25", "2026-01-01T00:01:00Z", Map.of(), null, List.of(again));
        Run amended = SemanticsReportWriter.amend(first, second);
        assertEquals(2, amended.rows().size());
        assertEquals(first.rows().get(0), amended.rows().get(0), "the case the second run did not run is kept");
        assertEquals(again, amended.rows().get(1), "the case it ran again is replaced");
        assertEquals("17", amended.java(), "the first run's description is kept");
        assertEquals(first.capabilities(), amended.capabilities());
    }
}
