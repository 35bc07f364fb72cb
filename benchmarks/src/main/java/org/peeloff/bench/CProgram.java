/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs the C program (src/main/c/peeloff_bench.c, built by benchmarks/run) and parses its
 * {@code RESULT <measure> key=value ...} lines.
 */
final class CProgram {
    private final String binary;

    CProgram(String binary) {
        this.binary = binary;
    }

    String binary() {
        return binary;
    }

    /** One RESULT line. */
    record Result(String measure, Map<String, String> values) {
        double number(String key) {
            String v = values.get(key);
            if (v == null) {
                throw new IllegalStateException("no " + key + " in the C result " + values);
            }
            return Double.parseDouble(v);
        }

        String text(String key) {
            return values.getOrDefault(key, "");
        }
    }

    static Result parse(String line) {
        String[] parts = line.trim().split("\\s+");
        if (parts.length < 2 || !parts[0].equals("RESULT")) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 2; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq > 0) {
                values.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
            }
        }
        return new Result(parts[1], values);
    }

    /**
     * Runs one mode to completion.
     *
     * @param onLine called with every line of output (for the log), as it comes
     * @param args   the mode and its arguments
     * @return the RESULT lines
     */
    List<Result> run(Consumer<String> onLine, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary);
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            return results(p, r, onLine, String.join(" ", cmd));
        }
    }

    /** Reads the RESULT lines of {@code out} until the process ends; fails when it exits with an error. */
    private static List<Result> results(Process process, BufferedReader out, Consumer<String> onLine, String what)
            throws IOException, InterruptedException {
        List<Result> results = new ArrayList<>();
        String line;
        while ((line = out.readLine()) != null) {
            onLine.accept(line);
            Result res = parse(line);
            if (res != null) {
                results.add(res);
            }
        }
        int rc = process.waitFor();
        if (rc != 0) {
            throw new IOException(what + " exited with status " + rc);
        }
        return results;
    }

    /** A running {@code shared-server}: reads its port, then its results. */
    static final class SharedServer implements AutoCloseable {
        private final Process process;
        private final BufferedReader out;
        private final Consumer<String> onLine;
        final int port;

        SharedServer(CProgram c, Consumer<String> onLine, String... args) throws IOException {
            List<String> cmd = new ArrayList<>();
            cmd.add(c.binary);
            cmd.add("shared-server");
            cmd.addAll(List.of(args));
            this.onLine = onLine;
            process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line;
            int p = -1;
            while ((line = out.readLine()) != null) {
                onLine.accept(line);
                if (line.startsWith("READY port=")) {
                    p = Integer.parseInt(line.substring("READY port=".length()).trim());
                    break;
                }
            }
            if (p < 0) {
                process.destroyForcibly();
                throw new IOException("the C shared-server did not report its port");
            }
            port = p;
        }

        /** Reads RESULT lines until the process ends. */
        List<Result> results() throws IOException, InterruptedException {
            return CProgram.results(process, out, onLine, "the C shared-server");
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }
}
