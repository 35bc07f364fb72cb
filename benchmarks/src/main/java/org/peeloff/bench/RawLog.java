/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The raw results of one run, one tab-separated line each, appended (and flushed) as they come so
 * that a run cut short still leaves what it measured:
 *
 * <pre>
 * meta    KEY      VALUE
 * sample  MEASURE  IMPL  KEY  VALUE
 * note    MEASURE  IMPL  TEXT
 * </pre>
 *
 * {@link Driver} writes it inside the VM; {@link Report} reads it on the host.
 */
final class RawLog {
    /** One measured value. */
    record Sample(String measure, String impl, String key, double value) {
    }

    /** A remark attached to a measure (e.g. which associations were peeled off). */
    record Note(String measure, String impl, String text) {
    }

    /** What a raw file holds. */
    record Contents(Map<String, String> meta, List<Sample> samples, List<Note> notes) {
        List<Double> values(String measure, String impl, String key) {
            List<Double> v = new ArrayList<>();
            for (Sample s : samples) {
                if (s.measure.equals(measure) && s.impl.equals(impl) && s.key.equals(key)) {
                    v.add(s.value);
                }
            }
            return v;
        }
    }

    private final Path file;

    RawLog(Path file) {
        this.file = file;
    }

    void meta(String key, Object value) {
        append(metaLine(key, value));
    }

    private static String metaLine(String key, Object value) {
        return "meta\t" + clean(key) + "\t" + clean(String.valueOf(value));
    }

    private static String sampleLine(String measure, String impl, String key, double value) {
        return "sample\t" + clean(measure) + "\t" + clean(impl) + "\t" + clean(key) + "\t"
                + String.format(Locale.ROOT, "%.6g", value);
    }

    private static String noteLine(String measure, String impl, String text) {
        return "note\t" + clean(measure) + "\t" + clean(impl) + "\t" + clean(text);
    }

    /**
     * Lines written together once a unit of work (a repetition, a size) is complete, so that a run
     * cut short (a JVM crash under emulation) leaves only whole units, and a retry can resume after
     * them.
     */
    final class Batch {
        private final StringBuilder lines = new StringBuilder();

        Batch sample(String measure, String impl, String key, double value) {
            lines.append(sampleLine(measure, impl, key, value)).append('\n');
            return this;
        }

        Batch note(String measure, String impl, String text) {
            lines.append(noteLine(measure, impl, text)).append('\n');
            return this;
        }

        void commit() {
            if (lines.length() > 0) {
                append(lines.substring(0, lines.length() - 1));
                lines.setLength(0);
            }
        }
    }

    Batch batch() {
        return new Batch();
    }

    /** @return what the file holds so far (empty when it does not exist) */
    Contents contents() throws IOException {
        return Files.exists(file) ? read(file) : new Contents(new LinkedHashMap<>(), new ArrayList<>(), new ArrayList<>());
    }

    private static String clean(String s) {
        return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    private synchronized void append(String line) {
        try {
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Contents read(Path file) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        List<Sample> samples = new ArrayList<>();
        List<Note> notes = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", -1);
            switch (f[0]) {
                case "meta" -> {
                    if (f.length >= 3) {
                        meta.put(f[1], f[2]);
                    }
                }
                case "sample" -> {
                    if (f.length >= 5) {
                        samples.add(new Sample(f[1], f[2], f[3], Double.parseDouble(f[4])));
                    }
                }
                case "note" -> {
                    if (f.length >= 4) {
                        notes.add(new Note(f[1], f[2], f[3]));
                    }
                }
                default -> {
                    // blank or unknown: ignored
                }
            }
        }
        return new Contents(meta, samples, notes);
    }
}
