/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.jna;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.peeloff.spi.Poller;

/** Pure Java: how {@value Poller#BACKEND_PROPERTY} chooses the default readiness backend. */
class ReadinessBackendChoiceTest {
    @Test
    void unset_blank_or_native_keeps_the_os_backend_first() {
        assertFalse(PosixSctp.portableFirst(null));
        assertFalse(PosixSctp.portableFirst(" "));
        assertFalse(PosixSctp.portableFirst("native"));
    }

    @Test
    void poll_puts_the_portable_backend_first() {
        assertTrue(PosixSctp.portableFirst("poll"));
        assertTrue(PosixSctp.portableFirst(" poll "));
    }

    @Test
    void any_other_value_is_refused_naming_the_property_and_the_choices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PosixSctp.portableFirst("epoll"));
        assertTrue(e.getMessage().contains(Poller.BACKEND_PROPERTY + "=epoll") && e.getMessage().contains("native")
                && e.getMessage().contains("poll"), e.getMessage());
    }
}
