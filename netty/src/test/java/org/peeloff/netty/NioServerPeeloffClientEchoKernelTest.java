/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.netty;

import org.junit.jupiter.api.Tag;

/**
 * Netty's own {@code SctpEchoTest} (see {@link SctpEchoOverTransports}) with: Netty's NIO SCTP server (the JDK's com.sun.nio.sctp) and Peeloff client (Linux provider).
 * Real kernel: runs in the test VM (JUnit tag {@code kernel}).
 */
@Tag("kernel")
class NioServerPeeloffClientEchoKernelTest extends SctpEchoOverTransports.Fixed {
    NioServerPeeloffClientEchoKernelTest() {
        super(NIO, "linux");
    }
}
