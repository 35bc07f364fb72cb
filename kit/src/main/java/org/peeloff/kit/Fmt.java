/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.kit;

import java.util.List;
import java.util.Locale;

/** Number and table formatting shared by the commands. */
final class Fmt {
    private Fmt() {
    }

    /**
     * @param bytesPerSecond a rate
     * @return e.g. {@code 950 B/s}, {@code 12.3 KB/s}, {@code 4.56 MB/s} (powers of 1000)
     */
    static String bytesRate(double bytesPerSecond) {
        return bytes(bytesPerSecond) + "/s";
    }

    /**
     * @param bytes an amount
     * @return e.g. {@code 950 B}, {@code 12.3 KB}, {@code 4.56 MB} (powers of 1000)
     */
    static String bytes(double bytes) {
        if (bytes < 1000) {
            return String.format(Locale.ROOT, "%.0f B", bytes);
        }
        if (bytes < 1e6) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1e3);
        }
        if (bytes < 1e9) {
            return String.format(Locale.ROOT, "%.2f MB", bytes / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f GB", bytes / 1e9);
    }

    /**
     * @param perSecond a message rate
     * @return a whole number below 10, else rounded to units
     */
    static String rate(double perSecond) {
        if (perSecond > 0 && perSecond < 10) {
            return String.format(Locale.ROOT, "%.1f", perSecond);
        }
        return String.format(Locale.ROOT, "%.0f", perSecond);
    }

    /**
     * @param nanos a duration
     * @return milliseconds with a sensible precision, e.g. {@code 0.42 ms}, {@code 12 ms}
     */
    static String millis(double nanos) {
        double ms = nanos / 1e6;
        if (ms < 10) {
            return String.format(Locale.ROOT, "%.2f ms", ms);
        }
        return String.format(Locale.ROOT, "%.0f ms", ms);
    }

    /**
     * @param seconds a duration
     * @return one decimal, e.g. {@code 4.2 s}
     */
    static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.1f s", seconds);
    }

    /**
     * Lays out rows as columns, each as wide as its widest cell, two spaces apart.
     *
     * @param rows   the header and the rows, all the same length
     * @param right  per column: true to right-align
     * @param indent spaces before each line
     * @return the lines
     */
    static List<String> columns(List<List<String>> rows, boolean[] right, int indent) {
        int n = rows.get(0).size();
        int[] w = new int[n];
        for (List<String> r : rows) {
            for (int i = 0; i < n; i++) {
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        String pad = " ".repeat(indent);
        return rows.stream().map(r -> {
            StringBuilder sb = new StringBuilder(pad);
            for (int i = 0; i < n; i++) {
                String c = r.get(i);
                String fill = " ".repeat(w[i] - c.length());
                sb.append(right[i] ? fill + c : c + (i == n - 1 ? "" : fill));
                if (i < n - 1) {
                    sb.append("  ");
                }
            }
            return sb.toString().stripTrailing();
        }).toList();
    }

    /**
     * @param done  fraction done, 0..1
     * @param width the bar's width inside the brackets
     * @return e.g. {@code [#######.............]}
     */
    static String bar(double done, int width) {
        int filled = (int) Math.round(Math.max(0, Math.min(1, done)) * width);
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "]";
    }
}
