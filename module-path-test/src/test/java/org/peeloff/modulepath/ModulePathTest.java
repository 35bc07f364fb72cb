/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.modulepath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Proves that the published Peeloff jars work on the MODULE path, not only on the class path: it
 * starts a new JVM with {@code java --module-path <this module's classes and its run-time
 * dependencies> -m org.peeloff.modulepath/org.peeloff.modulepath.ModulePathCheck} (with
 * {@code --enable-native-access=com.sun.jna}, as an application on the module path runs). That resolves
 * {@code org.peeloff}, {@code org.peeloff.compat} and, by service binding only (the program requires
 * none of them), the three provider modules with {@code org.peeloff.jna} and JNA; then
 * {@link ModulePathCheck} checks that {@code ServiceLoader} and {@code Sctp.candidates()} see the
 * linux, solaris and aix providers in their named modules (their {@code provides} clauses, since the
 * module system ignores {@code META-INF/services} in named modules), that on Linux
 * {@code Sctp.capabilities()} answers from the Linux provider after it bound libc through JNA, and
 * that the TCK module reads its {@code abi.tsv}.
 *
 * <p>Pure Java, no kernel: nothing opens a socket, so it runs in every {@code ./mvnw verify}, on
 * machines without SCTP too. It does not prove that any SCTP call works on the module path; the
 * kernel tests (class path) do that.
 */
class ModulePathTest {

    @Test
    void providersAreFoundThroughTheModuleSystem() throws IOException, InterruptedException {
        List<String> modulePath = new ArrayList<>();
        modulePath.add(System.getProperty("peeloff.moduleClasses"));
        String dependencies = Files.readString(Path.of(System.getProperty("peeloff.modulePathFile"))).trim();
        for (String entry : dependencies.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                modulePath.add(entry);
            }
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // JNA loads its native library: JDK 22 and newer warn unless its module may do so
        List<String> command = List.of(java.toString(),
                "--enable-native-access=com.sun.jna",
                "--module-path", String.join(File.pathSeparator, modulePath),
                "-m", "org.peeloff.modulepath/org.peeloff.modulepath.ModulePathCheck");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the module-path program did not end");
        System.out.println(out);

        assertEquals(0, p.exitValue(), "the module-path program failed:\n" + out);
        assertTrue(out.contains("api.module=org.peeloff"), out);
        assertTrue(out.contains("provider.linux.module=org.peeloff.linux"), out);
        assertTrue(out.contains("provider.solaris.module=org.peeloff.solaris"), out);
        assertTrue(out.contains("provider.aix.module=org.peeloff.aix"), out);
        assertTrue(out.contains("compat.module=org.peeloff.compat"), out);
        if ("Linux".equals(System.getProperty("os.name"))) {
            assertTrue(out.contains("capabilities.provider=linux"), out);
        }
    }
}
