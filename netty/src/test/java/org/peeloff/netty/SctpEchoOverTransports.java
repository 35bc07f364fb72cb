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

    /** In a {@link Fixed} pairing: Netty's NIO SCTP transport (the JDK's {@code com.sun.nio.sctp}) at that end. */
    static final String NIO = "nio";

    /**
     * A pairing its subclass only names in its constructor: at each end Peeloff's channels on the provider of
     * that id, or {@link #NIO}. (A subclass that does more overrides {@code server()} and {@code client()} of
     * {@link SctpEchoOverTransports} itself.)
     */
    abstract static class Fixed extends SctpEchoOverTransports {
        private final String server;
        private final String client;

        /**
         * @param server the provider id of the server's end, or {@link #NIO}
         * @param client the provider id of the client's end, or {@link #NIO}
         */
        Fixed(String server, String client) {
            this.server = server;
            this.client = client;
        }

        @Override
        final ServerBootstrap server() {
            return NIO.equals(server) ? Transports.nioServer() : Transports.peeloffServer(Transports.provider(server));
        }

        @Override
        final Bootstrap client() {
            return NIO.equals(client) ? Transports.nioClient() : Transports.peeloffClient(Transports.provider(client));
        }
    }
}
