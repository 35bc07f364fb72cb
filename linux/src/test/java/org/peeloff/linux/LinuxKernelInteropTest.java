/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.linux;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.peeloff.compat.InteropSuite;
import org.peeloff.spi.SctpProvider;

/**
 * Real kernel, Peeloff's Linux provider against the JDK's SCTP and lksctp-tools: the
 * {@link InteropSuite} on the real Linux kernel (inside harness/linux-vm when the host kernel has no
 * SCTP), with the peers on the other end of each association not written by this project (the
 * JDK's {@code com.sun.nio.sctp} over {@code libsctp.so.1}, {@code sctp_darn}). A pass proves that
 * what Peeloff puts on the wire and reads off it (bytes, streams, payload protocol ids, unordered
 * delivery, message boundaries, partial delivery) is what those peers mean by it, across peel-offs.
 * The {@code kernel} tag is repeated here because harness/kernel-tests looks for it in this
 * module's own test classes.
 */
@Tag("kernel")
@DisplayName("Interop, real kernel: Peeloff's Linux provider against the JDK's SCTP and lksctp-tools")
class LinuxKernelInteropTest extends InteropSuite {
    @Override
    protected SctpProvider provider() {
        return new LinuxSctpProvider();
    }

    @Override
    protected String proves() {
        return "real kernel, Peeloff's Linux provider against the JDK's SCTP and lksctp-tools";
    }
}
