/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

/**
 * Options for a peel-off. Linux's {@code sctp_peeloff_flags} applies {@code SOCK_NONBLOCK} and
 * {@code SOCK_CLOEXEC} atomically; on illumos and AIX the man pages have no flags, so the provider
 * applies them with {@code fcntl} right after the peel-off ("emulated", see
 * {@link Capabilities#peeloffFlags()}).
 *
 * <p>Without options the new socket is blocking and not close-on-exec, exactly as {@code sctp_peeloff}
 * gives it; the provider sets that mode explicitly rather than trusting inheritance.
 */
public enum PeeloffOption {
    /** "Specifies that the new socket should not block on io operations" ({@code SOCK_NONBLOCK}). */
    NONBLOCK,
    /** "Specifies that the new socket should be closed when the owning process calls exec" ({@code SOCK_CLOEXEC}). */
    CLOEXEC,
    /**
     * Strict mode: refuse ({@link SctpError#UNSUPPORTED}, before any native call) rather than emulate
     * {@link #NONBLOCK} or {@link #CLOEXEC} when the provider cannot apply them atomically.
     */
    STRICT
}
