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
 * over every buffer allocator of the suite) with: Peeloff server and client on the solaris provider, through the illumos ABI personality over the Linux kernel.
 * Runs in a JVM of its own (one process binds one provider's POSIX library), started by
 * {@link PersonalityEchoKernelTest} inside the test VM: the illumos ABI personality over the real Linux kernel.
 */
@Tag("personality")
class IllumosPersonalityEcho extends SctpEchoTest {
    private static final SctpProvider PROVIDER = Transports.provider("solaris");

    @BeforeAll
    static void jdkSctp() {
        Transports.requireJdkSctp();
    }

    @Override
    protected List<BootstrapComboFactory<ServerBootstrap, Bootstrap>> newFactories() {
        return Transports.combo(() -> Transports.peeloffServer(PROVIDER), () -> Transports.peeloffClient(PROVIDER));
    }
}
