/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void values_survive_a_write_and_a_parse() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", "quote \" backslash \\ tab \t newline \n control \u0001 unicode \u00e9");
        m.put("number", 22L);
        m.put("negative", -1L);
        m.put("fraction", 2.5);
        m.put("yes", true);
        m.put("nothing", null);
        m.put("list", Arrays.asList(1L, "two", null, List.of(), Map.of()));
        m.put("nested", Map.of("k", List.of(Map.of("x", 1L))));

        assertEquals(m, Json.parse(Json.write(m)));
    }

    @Test
    void enums_and_ints_are_written_as_json_values() {
        assertEquals("[\"EINVAL\", 22]\n", Json.write(List.of(Outcome.EINVAL, 22)));
    }

    enum Outcome { EINVAL }

    @Test
    void malformed_text_is_refused() {
        for (String bad : List.of("", "{", "[1,", "{\"a\" 1}", "tru", "\"open", "[1] x", "{\"a\":1,}", "\"\\q\"")) {
            assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
        }
    }

    @Test
    void standard_escapes_are_read() {
        assertEquals("a/b\u00e9\n", Json.parse("\"a\\/b\\u00e9\\n\""));
    }
}
