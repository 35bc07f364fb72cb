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

/**
 * Netty's own {@code SctpEchoTest} (io.netty:netty-testsuite, unchanged: ordered and unordered echo of
 * 4 KiB in random-sized messages through {@code SctpMessageCompletionHandler} and the byte-stream codecs,
 * over every buffer allocator of the suite) run with the server and client a subclass names. What it
 * proves (real kernel or an ABI personality) is the subclass's: its tag and the provider it uses. The
 * JDK's SCTP must work (Netty's suite would skip every case otherwise), which {@link #jdkSctp} asserts.
 */
abstract class SctpEchoOverTransports extends SctpEchoTest {

    @BeforeAll
    static void jdkSctp() {
        Transports.requireJdkSctp();
    }

    /** @return a new server bootstrap of the pairing */
    abstract ServerBootstrap server();

    /** @return a new client bootstrap of the pairing */
    abstract Bootstrap client();

    @Override
    protected List<BootstrapComboFactory<ServerBootstrap, Bootstrap>> newFactories() {
        return Transports.combo(this::server, this::client);
    }
}
