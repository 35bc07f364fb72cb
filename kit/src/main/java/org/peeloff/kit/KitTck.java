/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.kit;

import org.peeloff.Sctp;
import org.peeloff.compat.Provenance;
import org.peeloff.compat.SctpProviderTck;
import org.peeloff.spi.SctpProvider;

/**
 * The TCK run by {@code kit/run report}: the whole of {@link SctpProviderTck} against the provider
 * discovery chooses on this machine ({@link Sctp#provider()}), with the provenance that says what
 * the results prove (see {@link Provenance#of}).
 */
public class KitTck extends SctpProviderTck {

    /** Created by the JUnit Platform Launcher. */
    public KitTck() {
    }

    /** @return the provider discovery chose here */
    @Override
    protected SctpProvider provider() {
        return Sctp.provider();
    }

    /** @return what a run of the chosen provider proves here ({@link Provenance#of}) */
    @Override
    protected Provenance provenance() {
        return Provenance.of(Sctp.provider(), System.getProperty("os.name", ""));
    }
}
