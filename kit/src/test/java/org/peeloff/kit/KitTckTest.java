package org.peeloff.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.peeloff.compat.Provenance;

class KitTckTest {

    @Test
    void a_provider_on_its_own_os_proves_the_os_anything_else_is_a_personality() {
        assertEquals(Provenance.REAL_KERNEL, KitTck.provenanceOf("linux", "Linux"));
        assertEquals(Provenance.REAL_OS, KitTck.provenanceOf("solaris", "SunOS"));
        assertEquals(Provenance.REAL_OS, KitTck.provenanceOf("aix", "AIX"));
        assertEquals(Provenance.ABI_PERSONALITY, KitTck.provenanceOf("solaris", "Linux"));
        assertEquals(Provenance.ABI_PERSONALITY, KitTck.provenanceOf("aix", "Linux"));
        assertEquals(Provenance.ABI_PERSONALITY, KitTck.provenanceOf("linux", "SunOS"));
    }
}
