/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.compat;

import java.util.Objects;
import java.util.Set;

import org.junit.jupiter.api.Assumptions;
import org.peeloff.SctpEventType;
import org.peeloff.spi.SctpProvider;

/**
 * The base of a TCK group kept in a file of its own and hooked into {@link SctpProviderTck} by a short
 * nested class that supplies the outer instance: the group runs against that TCK's provider under test,
 * on whatever that TCK runs on (a real kernel, or an ABI personality over the Linux kernel).
 */
abstract class TckGroup {
    private final SctpProviderTck tck;

    /**
     * @param tck the TCK instance whose provider is under test
     */
    TckGroup(SctpProviderTck tck) {
        this.tck = Objects.requireNonNull(tck, "tck");
    }

    /** @return the provider under test of the TCK this group is hooked into */
    final SctpProvider provider() {
        return tck.providerUnderTest();
    }

    /**
     * Aborts the case, saying so, when the provider does not deliver {@code kind} on its OS.
     *
     * @param kind the notification the case needs
     */
    final void assumeDelivers(SctpEventType kind) {
        Set<SctpEventType> kinds = provider().capabilities().notifications();
        Assumptions.assumeTrue(kinds.contains(kind), "provider '" + provider().id() + "' does not deliver " + kind
                + " on " + provider().capabilities().os() + " (it delivers " + kinds + ")");
    }
}
