/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MiniJsonTest {

    @Test
    void reads_the_shapes_the_semantics_report_uses() {
        Object v = MiniJson.parse("{\"rows\": [{\"case\": \"a_b\", \"errno\": 22, \"errnoName\": null,"
                + " \"ok\": true, \"ratio\": 0.5, \"notes\": [\"x \\\"y\\\" \\u00e9\\n\"]}], \"empty\": {}}");
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) v;
        @SuppressWarnings("unchecked")
        Map<String, Object> row = (Map<String, Object>) ((List<?>) m.get("rows")).get(0);
        assertEquals("a_b", row.get("case"));
        assertEquals(22L, row.get("errno"));
        assertNull(row.get("errnoName"));
        assertEquals(Boolean.TRUE, row.get("ok"));
        assertEquals(0.5, row.get("ratio"));
        assertEquals(List.of("x \"y\" \u00e9\n"), row.get("notes"));
        assertEquals(Map.of(), m.get("empty"));
    }

    @Test
    void broken_json_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> MiniJson.parse("{\"a\": }"));
        assertThrows(IllegalArgumentException.class, () -> MiniJson.parse("[1, 2"));
        assertThrows(IllegalArgumentException.class, () -> MiniJson.parse("{} x"));
    }
}
