/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.netty;

import org.junit.jupiter.api.Tag;

/**
 * Netty's own {@code SctpEchoTest} (see {@link SctpEchoOverTransports}) with: Peeloff server and Peeloff client, on the Linux provider.
 * Real kernel: runs in the test VM (JUnit tag {@code kernel}).
 */
@Tag("kernel")
class PeeloffEchoKernelTest extends SctpEchoOverTransports.Fixed {
    PeeloffEchoKernelTest() {
        super("linux", "linux");
    }
}
