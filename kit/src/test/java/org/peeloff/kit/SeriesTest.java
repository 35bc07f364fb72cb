/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SeriesTest {
    private static final long MS = 1_000_000L;

    @Test
    void a_phase_sums_the_buckets_it_covers_whenever_it_is_asked() {
        Series s = new Series(1000 * MS, 100 * MS, 50, 2);
        s.add(1000 * MS, 0, 5);      // bucket 0
        s.add(1150 * MS, 0, 7);      // bucket 1
        s.add(1299 * MS, 1, 3);      // bucket 2, other metric
        s.add(1300 * MS, 0, 11);     // bucket 3
        assertEquals(12, s.sum(0, 1000 * MS, 1300 * MS));
        assertEquals(0.3, s.seconds(1000 * MS, 1300 * MS), 1e-9);
        assertEquals(23, s.sum(0, 1000 * MS, 1400 * MS));
        assertEquals(3, s.sum(1, 1000 * MS, 1400 * MS));
        // boundaries round down to bucket edges
        assertEquals(7, s.sum(0, 1180 * MS, 1250 * MS));
        assertEquals(1100 * MS, s.edge(1180 * MS));
    }

    @Test
    void values_before_the_covered_time_land_in_the_first_bucket() {
        Series s = new Series(0, 10, 3, 1);
        s.add(-100, 0, 1);
        s.add(15, 0, 2);
        assertEquals(1, s.sum(0, 0, 10));
        assertEquals(3, s.sum(0, -5, 25));
    }
}
