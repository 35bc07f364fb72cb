/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.solaris;

import org.junit.jupiter.api.Tag;
import org.peeloff.compat.Provenance;
import org.peeloff.compat.SctpProviderTck;
import org.peeloff.spi.SctpProvider;

/**
 * The TCK against the Solaris/illumos provider. On Linux (every build, inside harness/linux-vm) it
 * runs through the illumos ABI personality named by {@code org.peeloff.solaris.library}: the rows
 * it produces prove the provider's mechanics, not illumos, and the report marks them
 * {@link Provenance#ABI_PERSONALITY} ("illumos ABI personality on a Linux kernel"). On a real
 * Solaris/illumos (harness/vagrant, the illumos GitHub workflow) no personality is set and the rows
 * are {@link Provenance#REAL_OS}. The {@code kernel} tag is repeated here because
 * harness/kernel-tests looks for it in this module's own test classes.
 */
@Tag("kernel")
class SolarisTckTest extends SctpProviderTck {
    @Override
    protected SctpProvider provider() {
        return new SolarisSctpProvider();
    }

    @Override
    protected Provenance provenance() {
        String personality = System.getProperty(SolarisNative.LIBRARY_PROPERTY);
        return personality != null && !personality.isBlank() ? Provenance.ABI_PERSONALITY : Provenance.REAL_OS;
    }
}
