/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import org.junit.jupiter.api.Tag;
import org.peeloff.spi.SctpProvider;

/**
 * Netty's own {@code SctpEchoTest} (see {@link SctpEchoOverTransports}) with: Netty's NIO SCTP server (the JDK's com.sun.nio.sctp) and Peeloff client (Linux provider).
 * Real kernel: runs in the test VM (JUnit tag {@code kernel}).
 */
@Tag("kernel")
class NioServerPeeloffClientEchoKernelTest extends SctpEchoOverTransports {
    private static final SctpProvider PROVIDER = Transports.provider("linux");

    @Override
    ServerBootstrap server() {
        return Transports.nioServer();
    }

    @Override
    Bootstrap client() {
        return Transports.peeloffClient(PROVIDER);
    }
}
