/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.compat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The project's copy of the ABI facts table ({@code abi.tsv}: os, name, value, source), the check
 * each provider's own constants are held against. It is test data, never read at run time by a
 * provider.
 */
public final class AbiTable {
    /** The class-path location of the table. */
    public static final String RESOURCE = "/org/peeloff/compat/abi.tsv";

    private final Map<String, Row> rows;

    /**
     * One row.
     *
     * @param os     {@code linux}, {@code illumos}, {@code aix} or {@code freebsd}
     * @param name   the constant, size or offset name, e.g. {@code offsetof(struct msghdr,msg_flags)}
     * @param value  the value as written: a number, {@code ?} (unknown), {@code n/a}, or text
     * @param source where it was read from
     */
    public record Row(String os, String name, String value, String source) {
        /** @return true when the value is a decimal integer */
        public boolean isKnownNumber() {
            return value.matches("-?\\d+");
        }

        /** @return the value as a long; throws when it is not a number */
        public long number() {
            if (!isKnownNumber()) {
                throw new IllegalStateException(os + " " + name + " is not a known number: " + value);
            }
            return Long.parseLong(value);
        }
    }

    private AbiTable(Map<String, Row> rows) {
        this.rows = rows;
    }

    /** @return the table from the class path */
    public static AbiTable load() {
        try (InputStream in = AbiTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE);
            }
            Map<String, Row> rows = new LinkedHashMap<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            boolean header = true;
            while ((line = r.readLine()) != null) {
                if (header) {
                    header = false;
                    continue;
                }
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", 4);
                Row row = new Row(f[0], f[1], f[2], f.length > 3 ? f[3] : "");
                rows.putIfAbsent(f[0] + "\t" + f[1], row);
            }
            return new AbiTable(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param os   the OS column
     * @param name the name column
     * @return the row, if present
     */
    public Optional<Row> find(String os, String name) {
        return Optional.ofNullable(rows.get(os + "\t" + name));
    }

    /**
     * @param os   the OS column
     * @param name the name column
     * @return the numeric value; throws when the row is missing or not a number
     */
    public long number(String os, String name) {
        return find(os, name).orElseThrow(() -> new IllegalStateException("abi.tsv has no row " + os + " " + name))
                .number();
    }

    /** @return all rows in file order */
    public Iterable<Row> rows() {
        return rows.values();
    }
}
