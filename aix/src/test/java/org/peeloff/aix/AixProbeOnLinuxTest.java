/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.aix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.peeloff.compat.AbiTable;

/**
 * The AIX probe ({@code harness/remote/aix-abi-probe.c}, run by {@code probe-abi.sh}) cannot be run
 * on AIX here; the build compiles and runs it against Linux headers instead, and this test holds its
 * output against the linux rows of abi.tsv. That checks the probe itself: its keys, its
 * {@code offsetof}/{@code sizeof} expressions, and the per-name retry that finds constants defined as
 * enums.
 */
class AixProbeOnLinuxTest {

    private static Properties linuxProbe() throws IOException {
        Path p = Path.of(System.getProperty("peeloff.aix.personality.dir", "target/personality"), "linux-probe.properties");
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(p)) {
            props.load(in);
        }
        return props;
    }

    /** The abi.tsv row a probe key describes. */
    private static String row(String key) {
        if (key.startsWith("check.fieldsize.")) {
            String[] p = key.substring("check.fieldsize.".length()).split("\\.");
            return "sizeof(struct " + p[0] + "." + p[1] + ")";
        }
        return AixAbi.abiRowOf(key.startsWith("check.") ? key.substring("check.".length()) : key);
    }

    @Test
    void the_probe_run_against_linux_headers_reports_linux_values() throws IOException {
        AbiTable abi = AbiTable.load();
        Properties probe = linuxProbe();
        List<String> wrong = new ArrayList<>();
        int compared = 0;
        for (String key : probe.stringPropertyNames()) {
            if (key.startsWith("org.peeloff")) {
                continue;
            }
            Optional<AbiTable.Row> r = abi.find("linux", row(key));
            if (r.isPresent() && r.get().isKnownNumber()) {
                compared++;
                long value = Long.parseLong(probe.getProperty(key));
                if (value != r.get().number()) {
                    wrong.add(key + "=" + value + " but abi.tsv linux " + row(key) + " = " + r.get().number());
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        assertTrue(compared >= 60, "only " + compared + " probe values could be compared with abi.tsv");
    }

    @Test
    void constants_defined_as_enums_are_found_by_the_per_name_retry() throws IOException {
        Properties probe = linuxProbe();
        // <linux/sctp.h> declares these in enums only: #ifdef cannot see them
        assertEquals("0", probe.getProperty("SCTP_COMM_UP"));
        assertEquals("1", probe.getProperty("SCTP_UNORDERED"));
    }

    @Test
    void every_key_the_provider_reads_is_printed_by_the_probe() throws IOException {
        Properties probe = linuxProbe();
        List<String> absent = new ArrayList<>();
        for (AixAbi.Unknown u : AixAbi.Unknown.values()) {
            // SOL_SCTP is in lksctp's <netinet/sctp.h>, not in <linux/sctp.h>: the probe says so in a comment
            if (probe.getProperty(u.key()) == null && u != AixAbi.Unknown.SOL_SCTP) {
                absent.add(u.key());
            }
        }
        assertTrue(absent.isEmpty(), "the probe does not print " + absent);
    }

    @Test
    void a_probe_not_compiled_on_AIX_does_not_claim_to_verify_anything() throws IOException {
        String provenance = linuxProbe().getProperty(AixAbiConfig.PROVENANCE_KEY);
        assertTrue(!AixAbiConfig.PROBE.equals(provenance) && provenance.contains("not AIX values"), provenance);
    }
}
