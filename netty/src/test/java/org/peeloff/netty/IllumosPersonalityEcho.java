/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.netty;

import org.junit.jupiter.api.Tag;

/**
 * Netty's own {@code SctpEchoTest} (see {@link SctpEchoOverTransports}) with: Peeloff server and client on the solaris provider, through the illumos ABI personality over the Linux kernel.
 * Runs in a JVM of its own (one process binds one provider's POSIX library), started by
 * {@link PersonalityEchoKernelTest} inside the test VM: the illumos ABI personality over the real Linux kernel.
 */
@Tag("personality")
class IllumosPersonalityEcho extends SctpEchoOverTransports.Fixed {
    IllumosPersonalityEcho() {
        super("solaris", "solaris");
    }
}
