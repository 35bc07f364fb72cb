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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.peeloff.spi.SctpProvider;

/**
 * Netty's own {@code SctpEchoTest} (io.netty:netty-testsuite, unchanged: ordered and unordered echo of
 * 4 KiB in random-sized messages through {@code SctpMessageCompletionHandler} and the byte-stream codecs,
 * over every buffer allocator of the suite) on the aix provider, through the AIX ABI personality over the
 * Linux kernel, with two pairings run by each case: Peeloff's server and client channels at both ends, and
 * Peeloff's server with Netty's NIO SCTP client (the JDK, on the same kernel). The aix provider refuses
 * one-to-one sockets ("AIX documents only one-to-many sockets"), so Peeloff's client channel connects on a
 * one-to-many socket and peels its association off (chosen by the provider's capabilities); the server
 * channel accepts by peeling associations off a one-to-many socket, as on every provider.
 * Runs in a JVM of its own (one process binds one provider's POSIX library), started by
 * {@link PersonalityEchoKernelTest} inside the test VM: the AIX ABI personality over the real Linux kernel.
 */
@Tag("personality")
class AixPersonalityEcho extends SctpEchoTest {
    private static final SctpProvider PROVIDER = Transports.provider("aix");

    /** Peeloff's client channels the suite made, checked after it. */
    private static final List<PeeloffSctpChannel> CLIENTS = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void jdkSctp() {
        Transports.requireJdkSctp();
    }

    /** The Peeloff-to-Peeloff pairing really ran, its clients connecting by peel-off. */
    @AfterAll
    static void peeloffClientsConnectedByPeelOff() {
        org.junit.jupiter.api.Assertions.assertFalse(PROVIDER.capabilities().oneToOneSockets(),
                "the aix provider is expected to have no one-to-one sockets");
        org.junit.jupiter.api.Assertions.assertFalse(CLIENTS.isEmpty(), "no Peeloff client channel was made");
        for (PeeloffSctpChannel c : CLIENTS) {
            org.junit.jupiter.api.Assertions.assertNotNull(c.peeloffSocket(),
                    "a client channel never got its peeled-off socket: " + c);
        }
        System.out.println("[aix personality] Peeloff client channels connected by peel-off: " + CLIENTS.size());
    }

    @Override
    protected List<BootstrapComboFactory<ServerBootstrap, Bootstrap>> newFactories() {
        // Peeloff at both ends (the client connects on a one-to-many socket and peels off: the aix provider
        // has no one-to-one socket), then Peeloff's server with Netty's NIO client
        List<BootstrapComboFactory<ServerBootstrap, Bootstrap>> l = new java.util.ArrayList<>(Transports.combo(
                () -> Transports.peeloffServer(PROVIDER), () -> Transports.peeloffClient(PROVIDER, () -> {
                    PeeloffSctpChannel c = new PeeloffSctpChannel(PROVIDER);
                    CLIENTS.add(c);
                    return c;
                })));
        l.addAll(Transports.combo(() -> Transports.peeloffServer(PROVIDER), Transports::nioClient));
        return l;
    }
}
