/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.netty;

import java.util.List;
import java.util.function.Supplier;

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

    /**
     * A pairing its subclass fixes in its constructor: the suppliers of the server and client bootstraps
     * (for a subclass that only names its pairing; one that does more overrides {@code server()} and
     * {@code client()} of {@link SctpEchoOverTransports} itself).
     */
    abstract static class Fixed extends SctpEchoOverTransports {
        private final Supplier<ServerBootstrap> server;
        private final Supplier<Bootstrap> client;

        /**
         * @param server makes a server bootstrap of the pairing
         * @param client makes a client bootstrap of the pairing
         */
        Fixed(Supplier<ServerBootstrap> server, Supplier<Bootstrap> client) {
            this.server = server;
            this.client = client;
        }

        /** @return a new server bootstrap from the supplier the subclass gave */
        @Override
        final ServerBootstrap server() {
            return server.get();
        }

        /** @return a new client bootstrap from the supplier the subclass gave */
        @Override
        final Bootstrap client() {
            return client.get();
        }
    }
}
