/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.aix;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.peeloff.compat.InteropSuite;
import org.peeloff.spi.SctpProvider;

/**
 * AIX ABI personality over the real Linux kernel, against the JDK's SCTP and lksctp-tools: the
 * {@link InteropSuite} with the AIX provider bound to the AIX ABI personality
 * ({@code -Dorg.peeloff.aix.library} and the assumed values of {@code -Dorg.peeloff.aix.abi}, set for
 * the kernel tests by this module's pom, as for {@link AixTckTest}), its peers the JDK's
 * {@code com.sun.nio.sctp} and {@code sctp_darn} on the same Linux kernel. A pass proves the
 * provider's mechanics (association id by pointer, AIX numbers and layouts, byte-order handling)
 * talk correctly to peers not written here; it does not prove AIX. The peers exist on Linux only:
 * on a real AIX host (harness/remote) the class is not run, and the TCK is what proves the provider.
 */
@Tag("kernel")
@DisplayName("Interop, AIX ABI personality over the real Linux kernel, against the JDK's SCTP and lksctp-tools")
class AixPersonalityInteropTest extends InteropSuite {
    @BeforeAll
    static void onlyThroughThePersonality() {
        Assumptions.assumeTrue("Linux".equals(System.getProperty("os.name")), "the interop peers (the JDK's SCTP"
                + " over lksctp, lksctp-tools) run on Linux, through the AIX ABI personality only");
    }

    @Override
    protected SctpProvider provider() {
        return new AixSctpProvider();
    }

    @Override
    protected String proves() {
        return "AIX ABI personality over the real Linux kernel, against the JDK's SCTP and lksctp-tools";
    }
}
