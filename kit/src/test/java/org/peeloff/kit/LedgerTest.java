/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LedgerTest {

    @Test
    void a_peel_off_that_splits_the_numbers_cleanly_loses_and_duplicates_nothing() {
        Ledger l = new Ledger();
        for (int i = 0; i < 10; i++) {
            assertTrue(l.record(i, Ledger.Via.SHARED));
        }
        for (int i = 10; i < 25; i++) {
            assertTrue(l.record(i, Ledger.Via.PEELED));
        }
        assertEquals(25, l.received());
        assertEquals(10, l.received(Ledger.Via.SHARED));
        assertEquals(15, l.received(Ledger.Via.PEELED));
        assertEquals(0, l.missing(25));
        assertEquals(0, l.duplicates());
        assertEquals(0, l.unexpected(25));
        assertEquals(0, l.outOfOrder());
        assertTrue(l.cleanSplit());
        assertEquals(0, l.lowest(Ledger.Via.SHARED));
        assertEquals(9, l.highest(Ledger.Via.SHARED));
        assertEquals(10, l.lowest(Ledger.Via.PEELED));
    }

    @Test
    void a_lost_message_is_found_by_its_number() {
        Ledger l = new Ledger();
        l.record(0, Ledger.Via.SHARED);
        l.record(2, Ledger.Via.SHARED);
        assertEquals(1, l.missing(3));
        assertEquals(2, l.missing(4));
    }

    @Test
    void a_message_received_twice_is_a_duplicate_even_on_the_other_socket() {
        Ledger l = new Ledger();
        assertTrue(l.record(5, Ledger.Via.SHARED));
        assertFalse(l.record(5, Ledger.Via.PEELED));
        assertEquals(1, l.duplicates());
        assertEquals(1, l.received());
    }

    @Test
    void a_number_never_sent_is_unexpected() {
        Ledger l = new Ledger();
        l.record(0, Ledger.Via.SHARED);
        l.record(7, Ledger.Via.SHARED);
        assertEquals(1, l.unexpected(1));
    }

    @Test
    void order_is_checked_per_socket_and_across_the_peel_off() {
        Ledger l = new Ledger();
        l.record(1, Ledger.Via.SHARED);
        l.record(0, Ledger.Via.SHARED);
        assertEquals(1, l.outOfOrder());

        Ledger split = new Ledger();
        split.record(0, Ledger.Via.SHARED);
        split.record(1, Ledger.Via.PEELED);
        split.record(2, Ledger.Via.SHARED); // a later message on the shared socket after the peel-off
        assertEquals(0, split.outOfOrder());
        assertFalse(split.cleanSplit());
    }
}
