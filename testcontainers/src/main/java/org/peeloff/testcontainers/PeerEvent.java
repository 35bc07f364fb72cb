/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.testcontainers;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One event the peer in an {@link SctpPeerContainer} reported, parsed from its line on standard
 * output ({@code PEER TYPE key=value ...}).
 *
 * <p>Types: {@code STARTED} ({@code mode}, {@code local} or {@code remote}), {@code ASSOCIATED}
 * ({@code association}, {@code remote}, {@code local}: comma-separated {@code address:port} lists),
 * {@code RECEIVED} ({@code n}, {@code stream}, {@code ppid}, {@code bytes}, {@code text}),
 * {@code ECHOED}, {@code SENT} ({@code n}, {@code text}), {@code NOTIFICATION} ({@code kind},
 * {@code event}, ...), {@code SHUTDOWN_SENT}, {@code ABORT_SENT}, {@code ENDED} ({@code reason}:
 * {@code shutdown}, {@code lost}, {@code closed} or {@code error}), {@code ERROR}
 * ({@code type}, {@code message}) and {@code DONE}.
 *
 * @param type   the event's type, e.g. {@code RECEIVED}
 * @param fields its fields, in the order printed, values unescaped
 * @param line   the line as printed
 */
public record PeerEvent(String type, Map<String, String> fields, String line) {

    /**
     * Keeps an unmodifiable copy of the fields.
     *
     * @param type   the event's type
     * @param fields its fields
     * @param line   the line as printed
     */
    public PeerEvent {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /**
     * Parses one line of the peer's output.
     *
     * @param line a line, with or without its end-of-line
     * @return the event, or empty when the line is not one ({@code PEER } is its prefix)
     */
    public static Optional<PeerEvent> parse(String line) {
        String s = line.strip();
        if (!s.startsWith("PEER ")) {
            return Optional.empty();
        }
        String[] words = s.substring(5).trim().split(" +");
        if (words.length == 0 || words[0].isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 1; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            if (eq <= 0) {
                return Optional.empty();
            }
            fields.put(words[i].substring(0, eq), unescape(words[i].substring(eq + 1)));
        }
        return Optional.of(new PeerEvent(words[0], fields, s));
    }

    /**
     * @param key a field's name
     * @return its value
     * @throws IllegalStateException when the event has no such field
     */
    public String get(String key) {
        String v = fields.get(key);
        if (v == null) {
            throw new IllegalStateException("event " + line + " has no field " + key);
        }
        return v;
    }

    private static String unescape(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi >= 0 && lo >= 0) {
                    out.write(hi << 4 | lo);
                    i += 2;
                    continue;
                }
            }
            out.write(c);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
