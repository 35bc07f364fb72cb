/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.linux;

import org.junit.jupiter.api.Tag;
import org.peeloff.compat.Provenance;
import org.peeloff.compat.SctpProviderTck;
import org.peeloff.spi.SctpProvider;

/**
 * The TCK on the real Linux kernel (inside harness/linux-vm when the host kernel has no SCTP). The
 * {@code kernel} tag is inherited from the TCK; it is repeated here because harness/kernel-tests
 * looks for it in this module's own test classes.
 */
@Tag("kernel")
class LinuxTckTest extends SctpProviderTck {
    @Override
    protected SctpProvider provider() {
        return new LinuxSctpProvider();
    }

    @Override
    protected Provenance provenance() {
        return Provenance.REAL_KERNEL;
    }
}
