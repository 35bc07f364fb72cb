/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void both_spellings_of_a_value_and_bare_flags_are_understood() throws Exception {
        Options o = Demo.options().parse(new String[] {"--clients", "20", "--busy=2", "--verbose"});
        assertEquals(20, o.integer("clients", 0, 100));
        assertEquals(2, o.integer("busy", 0, 10));
        assertTrue(o.bool("verbose"));
        assertEquals("20", o.string("seconds"));
    }

    @Test
    void a_typo_is_an_error_not_an_ignored_option() {
        assertThrows(Options.UsageException.class, () -> Demo.options().parse(new String[] {"--client", "20"}));
        assertThrows(Options.UsageException.class, () -> Demo.options().parse(new String[] {"--clients"}));
        assertThrows(Options.UsageException.class, () -> Demo.options().parse(new String[] {"demo"}));
    }

    @Test
    void values_out_of_range_are_refused() throws Exception {
        Options o = Demo.options().parse(new String[] {"--seconds", "0"});
        assertThrows(Options.UsageException.class, () -> Demo.config(o));
    }

    @Test
    void quiet_defaults_to_a_share_of_the_measured_time() throws Exception {
        Demo.Config c = Demo.config(Demo.options().parse(new String[] {"--seconds", "40"}));
        assertEquals(6.0, c.quiet(), 1e-9);
        assertEquals(200, c.clients());
        assertEquals(4, c.busy());
    }
}
