/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class FmtTest {

    @Test
    void rates_and_sizes_use_powers_of_1000() {
        assertEquals("950 B/s", Fmt.bytesRate(950));
        assertEquals("12.3 KB/s", Fmt.bytesRate(12_345));
        assertEquals("4.57 MB/s", Fmt.bytesRate(4_567_000));
        assertEquals("0", Fmt.rate(0));
        assertEquals("2.5", Fmt.rate(2.5));
        assertEquals("1235", Fmt.rate(1234.6));
        assertEquals("0.42 ms", Fmt.millis(420_000));
        assertEquals("12 ms", Fmt.millis(12_000_000));
    }

    @Test
    void columns_are_as_wide_as_their_widest_cell_and_numbers_align_right() {
        List<String> lines = Fmt.columns(List.of(
                List.of("association", "msg/s"),
                List.of("assoc#1", "5"),
                List.of("assoc#200", "12345")), new boolean[] {false, true}, 2);
        assertEquals(List.of(
                "  association  msg/s",
                "  assoc#1          5",
                "  assoc#200    12345"), lines);
    }

    @Test
    void the_progress_bar_is_clamped() {
        assertEquals("[##########]", Fmt.bar(2, 10));
        assertEquals("[..........]", Fmt.bar(-1, 10));
        assertEquals("[#####.....]", Fmt.bar(0.5, 10));
    }
}
