/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.spi;

import java.util.Set;

import org.peeloff.PeeloffOption;
import org.peeloff.SctpError;
import org.peeloff.SctpException;

/**
 * Peel-off options for an OS whose {@code sctp_peeloff} has no flags (illumos, AIX, and Linux
 * kernels older than 4.13): the blocking mode and close-on-exec are set with {@code fcntl} right
 * after the peel-off, both explicitly, so nothing depends on what the OS would inherit.
 * Shared by every provider so the rules are the same everywhere.
 */
public final class EmulatedPeeloffFlags {
    private EmulatedPeeloffFlags() {
    }

    /**
     * Refuses, before any native call, options that strict mode forbids to emulate.
     *
     * @param provider the provider (for its id in the message)
     * @param fd       the one-to-many socket
     * @param assocId  the association
     * @param options  the requested options
     * @throws SctpException {@code UNSUPPORTED} when {@link PeeloffOption#STRICT} is given with a flag
     */
    public static void checkStrict(SctpProvider provider, int fd, int assocId, Set<PeeloffOption> options)
            throws SctpException {
        checkStrict(provider.id(), fd, assocId, options);
    }

    /**
     * Refuses, before any native call, options that strict mode forbids to emulate.
     *
     * @param providerId the provider's id, for the message
     * @param fd         the one-to-many socket
     * @param assocId    the association
     * @param options    the requested options
     * @throws SctpException {@code UNSUPPORTED} when {@link PeeloffOption#STRICT} is given with a flag
     */
    public static void checkStrict(String providerId, int fd, int assocId, Set<PeeloffOption> options)
            throws SctpException {
        if (options.contains(PeeloffOption.STRICT)
                && (options.contains(PeeloffOption.NONBLOCK) || options.contains(PeeloffOption.CLOEXEC))) {
            throw SctpException.rejected(SctpError.UNSUPPORTED,
                    "sctp_peeloff(fd=" + fd + ", assoc=" + assocId + ", options=" + options + ")",
                    "provider '" + providerId + "' cannot apply peel-off flags atomically and STRICT forbids emulating them");
        }
    }

    /**
     * Sets the new socket's blocking mode and close-on-exec as the options say. If either
     * {@code fcntl} fails the new descriptor is closed before the error is thrown, so nothing leaks.
     *
     * @param provider the operations whose {@code fcntl} and {@code close} to use
     * @param newFd    the descriptor the peel-off returned
     * @param options  the requested options
     * @return {@code newFd}
     * @throws SctpException the {@code fcntl} failure, with any failure of the clean-up close suppressed in it
     */
    public static int apply(SctpOperations provider, int newFd, Set<PeeloffOption> options) throws SctpException {
        try {
            provider.setBlocking(newFd, !options.contains(PeeloffOption.NONBLOCK));
            provider.setCloseOnExec(newFd, options.contains(PeeloffOption.CLOEXEC));
            return newFd;
        } catch (Throwable e) {
            try {
                provider.close(newFd);
            } catch (SctpException | RuntimeException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }
}
