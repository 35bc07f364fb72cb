/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.peeloff.Capabilities;
import org.peeloff.compat.Provenance;
import org.peeloff.spi.NativeSctpProvider;
import org.peeloff.spi.SctpOperations;

/** Provenance asked of the provider, not of a list of provider ids. Pure Java. */
class KitTckTest {

    private static NativeSctpProvider stub(boolean matches) {
        return new NativeSctpProvider("stand-in", "no such OS", 0) {
            @Override
            protected SctpOperations load() {
                throw new UnsupportedOperationException("a stand-in");
            }

            @Override
            public boolean matchesCurrentOs() {
                return matches;
            }

            @Override
            public Capabilities capabilities() {
                throw new UnsupportedOperationException("a stand-in");
            }
        };
    }

    @Test
    void a_provider_on_its_own_os_proves_the_os_anything_else_is_a_personality() {
        assertEquals(Provenance.REAL_KERNEL, Provenance.of(stub(true), "Linux"));
        assertEquals(Provenance.REAL_OS, Provenance.of(stub(true), "SunOS"));
        assertEquals(Provenance.REAL_OS, Provenance.of(stub(true), "AIX"));
        assertEquals(Provenance.ABI_PERSONALITY, Provenance.of(stub(false), "Linux"));
        assertEquals(Provenance.ABI_PERSONALITY, Provenance.of(stub(false), "SunOS"));
    }
}
