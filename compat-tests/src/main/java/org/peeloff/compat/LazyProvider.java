/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.compat;

import java.util.Objects;
import java.util.function.Supplier;

import org.peeloff.spi.SctpProvider;

/**
 * The provider under test of a suite: made once, on first use, by the suite's {@code provider()}, and
 * checked for availability the way Netty's {@code ensureAvailability()} does it. Safe to use from the
 * threads of a case.
 */
final class LazyProvider {
    private final Supplier<SctpProvider> factory;
    private volatile SctpProvider provider;

    /**
     * @param factory makes the provider (a suite's {@code provider()}); called once, on first use
     */
    LazyProvider(Supplier<SctpProvider> factory) {
        this.factory = factory;
    }

    /** @return the provider, made on the first call */
    SctpProvider get() {
        SctpProvider p = provider;
        if (p == null) {
            synchronized (this) {
                p = provider;
                if (p == null) {
                    p = Objects.requireNonNull(factory.get(), "provider()");
                    provider = p;
                }
            }
        }
        return p;
    }

    /**
     * Fails with the provider's cause when it is not available here.
     *
     * @throws IllegalStateException naming the provider and why it cannot load
     */
    void ensureAvailable() {
        SctpProvider p = get();
        if (!p.isAvailable()) {
            Throwable cause = p.unavailabilityCause();
            throw new IllegalStateException("provider '" + p.id() + "' is not available here: " + cause, cause);
        }
    }
}
