/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.spi;

import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;

import org.peeloff.Capabilities;
import org.peeloff.PeeloffOption;
import org.peeloff.SctpException;

/**
 * One operating system's SCTP, reached through native calls on raw descriptors. The public
 * API ({@link org.peeloff.SctpMultiSocket}, {@link org.peeloff.SctpSocket}) is built on these
 * operations, and users who hold a descriptor from elsewhere may call them directly: every
 * failure comes back as an {@link SctpException} with the same portable error on every OS.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader}; see {@link org.peeloff.Sctp}.
 * Constructing a provider and calling {@link #id()}, {@link #matchesCurrentOs()} and
 * {@link #priority()} must load nothing native. {@link #isAvailable()} loads the native part
 * once, lazily, and keeps the cause when it cannot.
 *
 * <p>Unless a method says otherwise, the raw operations are safe to call from many threads at once
 * (the illumos man page: "MT-Level: Safe"). They neither track nor own descriptors: the caller closes
 * what it opened.
 */
public interface SctpProvider extends SctpOperations {

    /** @return the provider id: {@code linux}, {@code solaris} or {@code aix} */
    String id();

    /**
     * A cheap check of {@code os.name} (and nothing native) telling whether this provider is made
     * for the running OS.
     *
     * @return true when this provider is a candidate here
     */
    boolean matchesCurrentOs();

    /** @return the priority among providers for the same OS; the highest available one is chosen */
    int priority();

    /**
     * Loads the native part once, the first time it is asked.
     *
     * @return true when the provider can be used here
     */
    boolean isAvailable();

    /** @return why {@link #isAvailable()} is false, or null when it is available */
    Throwable unavailabilityCause();

    /**
     * @return what this provider can do here; only meaningful when available
     */
    Capabilities capabilities();

}
