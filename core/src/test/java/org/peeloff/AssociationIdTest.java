/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AssociationIdTest {

    @Test
    void of_keeps_the_raw_value() {
        assertEquals(4, AssociationId.of(4).value());
        assertEquals(-7, AssociationId.of(-7).value());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4711, Integer.MAX_VALUE})
    void a_positive_id_is_valid(int value) {
        assertTrue(AssociationId.of(value).isValid());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, -4711, Integer.MIN_VALUE})
    void zero_and_negative_ids_are_not_valid(int value) {
        assertFalse(AssociationId.of(value).isValid());
    }

    @Test
    void ids_with_the_same_value_are_equal() {
        assertEquals(AssociationId.of(9), new AssociationId(9));
        assertEquals(AssociationId.of(9).hashCode(), new AssociationId(9).hashCode());
        assertNotEquals(AssociationId.of(9), AssociationId.of(10));
    }

    @Test
    void ids_compare_as_signed_ints_like_the_kernels_that_hand_them_out() {
        assertTrue(AssociationId.of(1).compareTo(AssociationId.of(2)) < 0);
        assertTrue(AssociationId.of(2).compareTo(AssociationId.of(1)) > 0);
        assertEquals(0, AssociationId.of(5).compareTo(AssociationId.of(5)));
        assertTrue(AssociationId.of(-1).compareTo(AssociationId.of(Integer.MAX_VALUE)) < 0);
        assertTrue(AssociationId.of(0).compareTo(AssociationId.of(-1)) > 0);
    }

    @Test
    void a_sorted_set_of_ids_is_in_ascending_order() {
        TreeSet<AssociationId> ids = new TreeSet<>(List.of(AssociationId.of(-1), AssociationId.of(3), AssociationId.of(1)));

        assertEquals(List.of(AssociationId.of(-1), AssociationId.of(1), AssociationId.of(3)), List.copyOf(ids));
    }

    @Test
    void toString_shows_the_value() {
        assertEquals("assoc#4", AssociationId.of(4).toString());
        assertEquals("assoc#0", AssociationId.of(0).toString());
        assertEquals("assoc#-1", AssociationId.of(-1).toString());
    }
}
