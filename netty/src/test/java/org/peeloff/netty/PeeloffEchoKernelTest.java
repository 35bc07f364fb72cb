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
 * Netty's own {@code SctpEchoTest} (see {@link SctpEchoOverTransports}) with: Peeloff server and Peeloff client, on the Linux provider.
 * Real kernel: runs in the test VM (JUnit tag {@code kernel}).
 */
@Tag("kernel")
class PeeloffEchoKernelTest extends SctpEchoOverTransports {
    private static final SctpProvider PROVIDER = Transports.provider("linux");

    @Override
    ServerBootstrap server() {
        return Transports.peeloffServer(PROVIDER);
    }

    @Override
    Bootstrap client() {
        return Transports.peeloffClient(PROVIDER);
    }
}
