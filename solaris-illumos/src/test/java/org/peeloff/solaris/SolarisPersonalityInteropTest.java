/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.solaris;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.peeloff.compat.InteropSuite;
import org.peeloff.spi.SctpProvider;

/**
 * Illumos ABI personality over the real Linux kernel, against the JDK's SCTP and lksctp-tools: the
 * {@link InteropSuite} with the Solaris/illumos provider bound to the illumos ABI personality named
 * by {@code org.peeloff.solaris.library} (set for the kernel tests by this module's pom, as for
 * {@link SolarisTckTest}), its peers the JDK's {@code com.sun.nio.sctp} and {@code sctp_darn} on the
 * same Linux kernel. A pass proves the provider's mechanics with illumos numbers, layouts and
 * byte-order handling talk correctly to peers not written here; it does not prove illumos. The
 * peers exist on Linux only: on a real illumos host (harness/vagrant, where the personality is not
 * set) the class is not run, and the TCK is what proves the provider there.
 */
@Tag("kernel")
@DisplayName("Interop, illumos ABI personality over the real Linux kernel, against the JDK's SCTP and lksctp-tools")
class SolarisPersonalityInteropTest extends InteropSuite {
    @BeforeAll
    static void onlyThroughThePersonality() {
        String personality = System.getProperty(SolarisNative.LIBRARY_PROPERTY);
        Assumptions.assumeTrue("Linux".equals(System.getProperty("os.name")) && personality != null
                && !personality.isBlank(), "the interop peers (the JDK's SCTP over lksctp, lksctp-tools) run on"
                + " Linux, through the illumos ABI personality only");
    }

    @Override
    protected SctpProvider provider() {
        return new SolarisSctpProvider();
    }

    @Override
    protected String proves() {
        return "illumos ABI personality over the real Linux kernel, against the JDK's SCTP and lksctp-tools";
    }
}
