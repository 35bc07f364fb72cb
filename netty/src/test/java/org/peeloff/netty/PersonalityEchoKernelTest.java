/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.netty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Netty's {@code SctpEchoTest} over Peeloff's transport on the solaris provider (server and client) and the
 * aix provider (server, with Netty's NIO client: the aix provider has no one-to-one client socket), through their ABI
 * personalities over the VM's real Linux kernel. A JVM binds one provider's POSIX library, so each
 * personality runs {@link IllumosPersonalityEcho} / {@link AixPersonalityEcho} in a JVM of its own (same
 * class path, the personality library named by the property this JVM was given); the case passes only if
 * that JVM ran Netty's cases with none failed and none skipped.
 */
@Tag("kernel")
class PersonalityEchoKernelTest {

    @Test
    @Timeout(value = 13, unit = TimeUnit.MINUTES)
    void netty_SctpEchoTest_passes_on_the_solaris_provider_through_the_illumos_personality() throws Exception {
        run(IllumosPersonalityEcho.class, "solaris", "org.peeloff.solaris.library");
    }

    @Test
    @Timeout(value = 13, unit = TimeUnit.MINUTES)
    void netty_SctpEchoTest_passes_with_Peeloff_at_both_ends_and_with_a_NIO_client_on_the_aix_provider_through_the_AIX_personality() throws Exception {
        run(AixPersonalityEcho.class, "aix", "org.peeloff.aix.library", "org.peeloff.aix.abi");
    }

    private static void run(Class<?> suite, String provider, String... properties) throws Exception {
        Path root = Path.of(System.getProperty("peeloff.root", "."));
        Path out = root.resolve("netty/target/kernel-test-reports-" + provider);
        Files.createDirectories(out);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xss1m");
        cmd.add("-Dorg.peeloff.provider=" + provider);
        for (String p : properties) {
            String v = System.getProperty(p);
            assertTrue(v != null && !v.isEmpty(), "-D" + p + " is not set for the kernel tests (netty/pom.xml)");
            cmd.add("-D" + p + "=" + v);
        }
        cmd.add("--add-opens");
        cmd.add("java.base/java.io=ALL-UNNAMED");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("org.junit.platform.console.ConsoleLauncher");
        cmd.add("execute");
        cmd.add("--select-class");
        cmd.add(suite.getName());
        cmd.add("--include-classname");
        cmd.add(".*");
        cmd.add("--reports-dir");
        cmd.add(out.toString());
        cmd.add("--disable-banner");
        cmd.add("--details=tree");
        cmd.add("--details-theme=ascii");
        Path log = out.resolve("console.txt");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(12, TimeUnit.MINUTES)) {
                throw new AssertionError("the " + provider + " echo JVM did not finish in 12 minutes; " + tail(log));
            }
        } finally {
            p.destroyForcibly(); // never left running behind a failed or interrupted case
        }
        String report = Files.readString(out.resolve("TEST-junit-jupiter.xml"));
        int tests = attr(report, "tests");
        int failures = attr(report, "failures");
        int errors = attr(report, "errors");
        int skipped = attr(report, "skipped");
        System.out.println("[" + provider + " personality] Netty SctpEchoTest: tests " + tests + ", failures "
                + failures + ", errors " + errors + ", skipped " + skipped);
        assertEquals(0, p.exitValue(), "the " + provider + " echo JVM failed; " + tail(log));
        assertTrue(tests >= 2, "Netty's two echo cases did not run: " + tests);
        assertEquals(0, failures + errors + skipped, tail(log));
    }

    private static int attr(String xml, String name) {
        Matcher m = Pattern.compile("<testsuite [^>]*\\b" + name + "=\"(\\d+)\"").matcher(xml);
        if (!m.find()) {
            throw new AssertionError("no " + name + " in the report");
        }
        return Integer.parseInt(m.group(1));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return "its output ends:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
