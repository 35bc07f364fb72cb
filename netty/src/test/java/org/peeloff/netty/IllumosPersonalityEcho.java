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
 * Netty's own {@code SctpEchoTest} (see {@link SctpEchoOverTransports}) with: Peeloff server and client on the solaris provider, through the illumos ABI personality over the Linux kernel.
 * Runs in a JVM of its own (one process binds one provider's POSIX library), started by
 * {@link PersonalityEchoKernelTest} inside the test VM: the illumos ABI personality over the real Linux kernel.
 */
@Tag("personality")
class IllumosPersonalityEcho extends SctpEchoOverTransports {
    private static final SctpProvider PROVIDER = Transports.provider("solaris");

    @Override
    ServerBootstrap server() {
        return Transports.peeloffServer(PROVIDER);
    }

    @Override
    Bootstrap client() {
        return Transports.peeloffClient(PROVIDER);
    }
}
