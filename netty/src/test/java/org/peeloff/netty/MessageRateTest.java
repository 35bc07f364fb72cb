/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.netty;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The sliding message count behind the multi channel's rate threshold. Pure Java, no socket. */
class MessageRateTest {
    private static final long MS = 1_000_000L;

    @Test
    void counts_within_the_window_and_forgets_slots_as_they_leave_it() {
        MessageRate r = new MessageRate(Duration.ofMillis(1000), 10); // slots of 100 ms
        long t0 = 5_000 * MS;
        for (int i = 0; i < 5; i++) {
            assertEquals(i + 1, r.add(t0));
        }
        assertEquals(6, r.add(t0 + 550 * MS), "same window");
        assertEquals(7, r.add(t0 + 999 * MS), "the first slot is still inside");
        assertEquals(3, r.add(t0 + 1000 * MS), "the first slot (5 messages) left the window");
        assertEquals(1, r.add(t0 + 5000 * MS), "a quiet window forgets everything");
    }

    @Test
    void works_with_a_negative_clock_and_refuses_windows_it_cannot_slice() {
        MessageRate r = new MessageRate(Duration.ofMillis(100), 10);
        long t = -7 * MS;
        assertEquals(1, r.add(t));
        assertEquals(2, r.add(t + 20 * MS));
        assertEquals(1, r.add(t + 200 * MS));
        assertThrows(IllegalArgumentException.class, () -> new MessageRate(Duration.ofNanos(5), 10));
        assertThrows(IllegalArgumentException.class, () -> new MessageRate(Duration.ofMillis(5), 0));
    }
}
