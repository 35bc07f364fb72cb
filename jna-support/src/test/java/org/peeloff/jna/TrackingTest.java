/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.jna;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.peeloff.AssociationChange.State;

/**
 * The association list providers answer from where the OS has none (illumos, AIX without its option
 * number): {@link Tracking}, fed with the association changes {@code receive} returns (family numbers
 * as illumos has them). Pure Java.
 */
class TrackingTest {
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 26;

    private static int[] sorted(int[] ids) {
        int[] copy = ids.clone();
        Arrays.sort(copy); // the SPI promises no order
        return copy;
    }

    @Test
    void up_and_restart_add_lost_shutdown_and_cannot_start_remove() {
        Tracking d = new Tracking();
        d.opened(5, AF_INET);
        d.event(5, 3, State.COMMUNICATION_UP, null);
        d.event(5, 1, State.COMMUNICATION_UP, null);
        d.event(5, 8, State.RESTART, null);
        d.event(5, 9, State.COMMUNICATION_UP, null);
        assertArrayEquals(new int[] {1, 3, 8, 9}, sorted(d.associations(5)));
        d.event(5, 3, State.COMMUNICATION_LOST, null);
        d.event(5, 8, State.SHUTDOWN_COMPLETE, null);
        d.event(5, 9, State.CANNOT_START, null);
        assertArrayEquals(new int[] {1}, d.associations(5));
    }

    @Test
    void a_peel_off_removes_and_close_forgets() {
        Tracking d = new Tracking();
        d.opened(5, AF_INET6);
        d.event(5, 3, State.COMMUNICATION_UP, null);
        d.event(5, 4, State.COMMUNICATION_UP, null);
        d.peeledOff(5, 3, 6);
        assertArrayEquals(new int[] {4}, d.associations(5));
        assertEquals(AF_INET6, d.family(6), "the peeled-off socket has the family of the original");
        assertArrayEquals(new int[0], d.associations(6));
        d.forget(5);
        assertArrayEquals(new int[0], d.associations(5));
        assertEquals(0, d.family(5));
    }

    @Test
    void a_reused_descriptor_number_starts_empty() {
        Tracking d = new Tracking();
        d.opened(5, AF_INET);
        d.event(5, 3, State.COMMUNICATION_UP, null);
        d.opened(5, AF_INET6);
        assertArrayEquals(new int[0], d.associations(5));
        assertEquals(AF_INET6, d.family(5));
    }
}
