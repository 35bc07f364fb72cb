/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.netty.example;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** README's Netty example, run with both transports. Real kernel (test VM), Linux provider. */
@Tag("kernel")
class SctpEchoExampleKernelTest {
    @Test
    void the_example_echoes_on_peeloffs_transport() throws Exception {
        assertEquals("stream 1, ppid 46: hello", SctpEchoExample.run(true, 29051));
    }

    @Test
    void the_example_echoes_on_nettys_nio_transport() throws Exception {
        assertEquals("stream 1, ppid 46: hello", SctpEchoExample.run(false, 29052));
    }
}
