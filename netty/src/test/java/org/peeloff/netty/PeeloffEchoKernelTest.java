/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.netty;

import java.util.List;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.testsuite.transport.TestsuitePermutation.BootstrapComboFactory;
import io.netty.testsuite.transport.sctp.SctpEchoTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.peeloff.spi.SctpProvider;

/**
 * Netty's own {@code SctpEchoTest} (io.netty:netty-testsuite, unchanged: ordered and unordered echo of
 * 4 KiB in random-sized messages through {@code SctpMessageCompletionHandler} and the byte-stream codecs,
 * over every buffer allocator of the suite) with: Peeloff server and Peeloff client, on the Linux provider.
 * Real kernel: runs in the test VM (JUnit tag {@code kernel}).
 */
@Tag("kernel")
class PeeloffEchoKernelTest extends SctpEchoTest {
    private static final SctpProvider PROVIDER = Transports.provider("linux");

    @BeforeAll
    static void jdkSctp() {
        Transports.requireJdkSctp();
    }

    @Override
    protected List<BootstrapComboFactory<ServerBootstrap, Bootstrap>> newFactories() {
        return Transports.combo(() -> Transports.peeloffServer(PROVIDER), () -> Transports.peeloffClient(PROVIDER));
    }
}
