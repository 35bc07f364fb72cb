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
 * over every buffer allocator of the suite) with Peeloff's server channel on the aix provider, through the
 * AIX ABI personality over the Linux kernel, and Netty's NIO SCTP client (the JDK, on the same kernel).
 * The client side is NIO because the aix provider refuses one-to-one sockets ("AIX documents only
 * one-to-many sockets"), which {@link PeeloffSctpChannel} as a client needs; the server channel needs none
 * (it accepts by peeling associations off a one-to-many socket), so it runs on AIX as on every provider.
 * Runs in a JVM of its own (one process binds one provider's POSIX library), started by
 * {@link PersonalityEchoKernelTest} inside the test VM: the AIX ABI personality over the real Linux kernel.
 */
@Tag("personality")
class AixPersonalityEcho extends SctpEchoTest {
    private static final SctpProvider PROVIDER = Transports.provider("aix");

    @BeforeAll
    static void jdkSctp() {
        Transports.requireJdkSctp();
    }

    @Override
    protected List<BootstrapComboFactory<ServerBootstrap, Bootstrap>> newFactories() {
        return Transports.combo(() -> Transports.peeloffServer(PROVIDER), Transports::nioClient);
    }
}
