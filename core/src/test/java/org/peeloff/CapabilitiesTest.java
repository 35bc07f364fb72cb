/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CapabilitiesTest {

    private static Capabilities of(List<String> unverified, List<String> unsupported, Map<String, String> details) {
        return new Capabilities("aix", "AIX", "libc.a (JNA)", Capabilities.FlagSupport.EMULATED, true, false,
                unverified, unsupported, details);
    }

    @Test
    void the_collections_are_copied_so_the_caller_cannot_change_them_afterwards() {
        List<String> unverified = new ArrayList<>(List.of("SCTP_EVENTS option number"));
        List<String> unsupported = new ArrayList<>(List.of("one-to-one sockets"));
        Map<String, String> details = new HashMap<>(Map.of("personality", "none"));

        Capabilities c = of(unverified, unsupported, details);
        unverified.add("later");
        unsupported.clear();
        details.put("kernel", "6.1");

        assertEquals(List.of("SCTP_EVENTS option number"), c.unverified());
        assertEquals(List.of("one-to-one sockets"), c.unsupported());
        assertEquals(Map.of("personality", "none"), c.details());
    }

    @Test
    void the_collections_it_hands_out_cannot_be_changed() {
        Capabilities c = of(List.of("x"), List.of("y"), Map.of("k", "v"));

        assertThrows(UnsupportedOperationException.class, () -> c.unverified().add("z"));
        assertThrows(UnsupportedOperationException.class, () -> c.unsupported().clear());
        assertThrows(UnsupportedOperationException.class, () -> c.details().put("k2", "v2"));
    }

    @Test
    void fullyVerified_is_true_exactly_when_nothing_is_unverified() {
        assertTrue(of(List.of(), List.of("one-to-one sockets"), Map.of()).fullyVerified());
        assertFalse(of(List.of("sctp_sndrcvinfo layout"), List.of(), Map.of()).fullyVerified());
    }

    @Test
    void provider_and_flag_support_are_required() {
        assertThrows(NullPointerException.class, () -> new Capabilities(null, "Linux", "libc",
                Capabilities.FlagSupport.ATOMIC, true, true, List.of(), List.of(), Map.of()));
        assertThrows(NullPointerException.class, () -> new Capabilities("linux", "Linux", "libc",
                null, true, true, List.of(), List.of(), Map.of()));
    }

    @Test
    void null_collections_or_null_entries_are_refused() {
        assertThrows(NullPointerException.class, () -> of(null, List.of(), Map.of()));
        assertThrows(NullPointerException.class, () -> of(List.of(), null, Map.of()));
        assertThrows(NullPointerException.class, () -> of(List.of(), List.of(), null));
        assertThrows(NullPointerException.class, () -> of(Arrays.asList("a", null), List.of(), Map.of()));
    }

    @Test
    void the_facts_are_kept() {
        Capabilities c = of(List.of(), List.of(), Map.of());

        assertEquals("aix", c.provider());
        assertEquals("AIX", c.os());
        assertEquals("libc.a (JNA)", c.binding());
        assertEquals(Capabilities.FlagSupport.EMULATED, c.peeloffFlags());
        assertTrue(c.nativeAssociationList());
        assertFalse(c.oneToOneSockets());
        assertEquals(c, of(List.of(), List.of(), Map.of()));
    }
}
