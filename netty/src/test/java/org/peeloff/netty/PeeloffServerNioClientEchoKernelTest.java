/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.netty;

import org.junit.jupiter.api.Tag;

/**
 * Netty's own {@code SctpEchoTest} (see {@link SctpEchoOverTransports}) with: Peeloff server (Linux provider) and Netty's NIO SCTP client (the JDK's com.sun.nio.sctp).
 * Real kernel: runs in the test VM (JUnit tag {@code kernel}).
 */
@Tag("kernel")
class PeeloffServerNioClientEchoKernelTest extends SctpEchoOverTransports.Fixed {
    PeeloffServerNioClientEchoKernelTest() {
        super("linux", NIO);
    }
}
