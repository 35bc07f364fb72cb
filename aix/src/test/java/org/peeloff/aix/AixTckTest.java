/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.aix;

import org.peeloff.compat.Provenance;
import org.peeloff.compat.SctpProviderTck;
import org.peeloff.spi.SctpProvider;

/**
 * The TCK against the AIX provider, run over the AIX ABI personality on a Linux kernel
 * ({@code -Dorg.peeloff.aix.library}, with the assumed values of {@code aix-assumed-abi.properties}):
 * it proves the provider's mechanics (by-pointer peel-off, AIX numbers, layouts, errno mapping), not
 * AIX itself. {@code harness/remote} runs the same TCK on a real AIX host.
 */
class AixTckTest extends SctpProviderTck {
    @Override
    protected SctpProvider provider() {
        return new AixSctpProvider();
    }

    @Override
    protected Provenance provenance() {
        return "AIX".equals(System.getProperty("os.name")) ? Provenance.REAL_OS : Provenance.ABI_PERSONALITY;
    }
}
