/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RateDetectorTest {
    private static final long S = 1_000_000_000L;

    @Test
    void an_association_above_the_threshold_for_the_confirm_windows_is_reported_once() {
        RateDetector<String> d = new RateDetector<>(50, 2);
        assertEquals(List.of(), d.update(Map.of("busy", 0L, "quiet", 0L), 0));
        assertEquals(List.of(), d.update(Map.of("busy", 100L, "quiet", 1L), S));   // 1st window above
        assertEquals(1, d.windowsAbove("busy"));
        assertEquals(List.of("busy"), d.update(Map.of("busy", 200L, "quiet", 2L), 2 * S)); // 2nd: reported
        assertEquals(List.of(), d.update(Map.of("busy", 300L, "quiet", 3L), 3 * S)); // forgotten, first sight again
    }

    @Test
    void a_single_burst_does_not_make_an_association_busy() {
        RateDetector<String> d = new RateDetector<>(50, 2);
        d.update(Map.of("a", 0L), 0);
        assertEquals(List.of(), d.update(Map.of("a", 500L), S));
        assertEquals(List.of(), d.update(Map.of("a", 501L), 2 * S));
        assertEquals(0, d.windowsAbove("a"));
        assertEquals(List.of(), d.update(Map.of("a", 1000L), 3 * S));
    }

    @Test
    void the_rate_is_per_second_whatever_the_window() {
        RateDetector<String> d = new RateDetector<>(50, 1);
        d.update(Map.of("a", 0L, "b", 0L), 0);
        // half a second: a sent 30 (60/s, above), b sent 20 (40/s, below)
        assertEquals(List.of("a"), d.update(Map.of("a", 30L, "b", 20L), S / 2));
    }

    @Test
    void the_rate_exactly_at_the_threshold_is_not_above_it() {
        RateDetector<String> d = new RateDetector<>(50, 1);
        d.update(Map.of("a", 0L), 0);
        assertTrue(d.update(Map.of("a", 50L), S).isEmpty());
    }

    @Test
    void keys_no_longer_watched_are_dropped() {
        RateDetector<String> d = new RateDetector<>(10, 2);
        d.update(Map.of("a", 0L), 0);
        d.update(Map.of("a", 100L), S);
        assertEquals(1, d.windowsAbove("a"));
        d.update(Map.of(), 2 * S);
        assertEquals(0, d.windowsAbove("a"));
    }

    @Test
    void nonsense_settings_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> new RateDetector<String>(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new RateDetector<String>(10, 0));
    }
}
