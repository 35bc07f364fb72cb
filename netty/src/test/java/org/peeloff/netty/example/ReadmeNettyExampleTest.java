/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.netty.example;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Holds README.md's "Netty transport" Java block to the compiled lines of {@link SctpEchoExample}
 * (between its {@code // README:} markers), so the README cannot drift from code that compiles and that
 * {@link SctpEchoExampleKernelTest} runs. Pure Java.
 */
class ReadmeNettyExampleTest {
    @Test
    void readme_netty_example_is_the_compiled_one() throws IOException {
        List<String> src = Files.readAllLines(Path.of("src/test/java/org/peeloff/netty/example/SctpEchoExample.java"),
                StandardCharsets.UTF_8);
        int from = src.indexOf("        // README: netty echo") + 1;
        assertTrue(from > 0, "marker in SctpEchoExample");
        List<String> example = new ArrayList<>();
        for (int i = from; !src.get(i).trim().equals("// README: end"); i++) {
            example.add(src.get(i).length() >= 8 ? src.get(i).substring(8) : src.get(i).trim());
        }
        List<String> readme = Files.readAllLines(Path.of("../README.md"), StandardCharsets.UTF_8);
        List<String> block = null;
        boolean inSection = false;
        for (String l : readme) {
            if (l.startsWith("## ")) {
                inSection = l.equals("## Netty transport");
            } else if (inSection && block == null && l.equals("```java")) {
                block = new ArrayList<>();
            } else if (block != null && l.equals("```")) {
                break;
            } else if (block != null) {
                block.add(l);
            }
        }
        assertEquals(example, block, "README.md's \"Netty transport\" example is SctpEchoExample's code");
    }
}
