/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a provider can do on this machine, and how much of it has been verified.
 *
 * @param provider              the provider id ({@code linux}, {@code solaris}, {@code aix})
 * @param os                    the OS the provider runs on (or emulates, for an ABI personality)
 * @param binding               how the provider reaches the OS, e.g. "libc only (JNA direct mapping)"
 * @param peeloffFlags          whether {@link PeeloffOption#NONBLOCK}/{@link PeeloffOption#CLOEXEC} are atomic
 * @param nativeAssociationList true when {@code associations()} asks the kernel; false when the provider
 *                              tracks associations from association-change events (illumos has no
 *                              {@code SCTP_GET_ASSOC_ID_LIST})
 * @param oneToOneSockets       true when one-to-one ({@code SOCK_STREAM}) sockets can be opened directly
 * @param unverified            native values the provider uses that no public source or real-OS run has
 *                              confirmed, each with what it was derived from; empty when all are verified
 * @param unsupported           features that fail with {@link SctpError#UNSUPPORTED} on this provider, with why
 * @param details               other facts worth showing (kernel version, library paths, personality in use)
 * @param notifications         the notification kinds the provider delivers on this OS, each as its own
 *                              record (what {@code subscribe} accepts); the rest fail {@code UNSUPPORTED}
 */
public record Capabilities(String provider, String os, String binding, FlagSupport peeloffFlags,
                           boolean nativeAssociationList, boolean oneToOneSockets, List<String> unverified,
                           List<String> unsupported, Map<String, String> details,
                           Set<SctpEventType> notifications) {

    /** How peel-off flags are applied. */
    public enum FlagSupport {
        /** Applied by the kernel in the same call as the peel-off ({@code sctp_peeloff_flags}). */
        ATOMIC,
        /** Applied with {@code fcntl} right after the peel-off: another thread's fork+exec may see the gap. */
        EMULATED
    }

    /** Copies the collections so the value cannot change under its holder. */
    public Capabilities {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(peeloffFlags, "peeloffFlags");
        unverified = List.copyOf(unverified);
        unsupported = List.copyOf(unsupported);
        details = Map.copyOf(details);
        notifications = notifications.isEmpty() ? Set.of()
                : java.util.Collections.unmodifiableSet(EnumSet.copyOf(notifications));
    }

    /**
     * Capabilities of a provider that lists no notification kinds (written before subscriptions existed).
     *
     * @param provider              see the record
     * @param os                    see the record
     * @param binding               see the record
     * @param peeloffFlags          see the record
     * @param nativeAssociationList see the record
     * @param oneToOneSockets       see the record
     * @param unverified            see the record
     * @param unsupported           see the record
     * @param details               see the record
     */
    public Capabilities(String provider, String os, String binding, FlagSupport peeloffFlags,
                        boolean nativeAssociationList, boolean oneToOneSockets, List<String> unverified,
                        List<String> unsupported, Map<String, String> details) {
        this(provider, os, binding, peeloffFlags, nativeAssociationList, oneToOneSockets, unverified, unsupported,
                details, Set.of());
    }

    /** @return true when every native value the provider uses is verified */
    public boolean fullyVerified() {
        return unverified.isEmpty();
    }
}
