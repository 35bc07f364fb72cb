/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

/**
 * The portable outcome of a failed SCTP call: the same value for the same situation on every
 * operating system, whatever errno that system used to report it.
 *
 * <p>The rows of the portable semantics table map as follows (man page wording in quotes):
 * <ul>
 *   <li>{@link #NO_SUCH_ASSOCIATION}: "The assoc id passed is invalid" (Linux EINVAL), "The id is 0
 *       or greater than the maximum number of associations" (illumos EINVAL), AIX EINVAL.</li>
 *   <li>{@link #NOT_ONE_TO_MANY}: "the socket is a one-to-one style socket" (Linux EINVAL, told
 *       apart from an unknown id by the provider), "The sock argument is not a one-to-many style
 *       SCTP socket" (illumos EOPNOTSUPP).</li>
 *   <li>{@link #BAD_DESCRIPTOR}: "sd is not a valid descriptor" (EBADF).</li>
 *   <li>{@link #NOT_A_SOCKET}: "Argument is a descriptor for a file, not a socket" (ENOTSOCK).</li>
 *   <li>{@link #TOO_MANY_OPEN_FILES}: "The per-process descriptor table is full" (EMFILE, ENFILE).</li>
 *   <li>{@link #NO_BUFFERS}: "Insufficient resources were available in the system" (ENOBUFS).</li>
 *   <li>{@link #ASSOCIATION_ABORTED}: "The client aborted the connection" (ECONNABORTED).</li>
 *   <li>{@link #BUSY}: EBUSY, which the illumos and AIX pages list for a peel-off while a sender is
 *       blocked in the kernel on the association; Peeloff's own blocking sends wait in {@code poll},
 *       not in the kernel, so they never cause it (a send of theirs that was waiting when the
 *       association was peeled off fails {@link #ASSOCIATION_MOVED} instead); retryable.</li>
 *   <li>{@link #UNSUPPORTED_SOCKET}: EAFNOSUPPORT / ESOCKTNOSUPPORT (AIX), and a kernel without
 *       SCTP.</li>
 * </ul>
 */
public enum SctpError {
    /** The association id is unknown on this socket, zero, or negative. */
    NO_SUCH_ASSOCIATION,
    /** The socket is not a one-to-many style socket, so nothing can be peeled off it. */
    NOT_ONE_TO_MANY,
    /** The descriptor is not open. */
    BAD_DESCRIPTOR,
    /** The descriptor is open but refers to a file, not a socket. */
    NOT_A_SOCKET,
    /** The process (or system) descriptor table is full. */
    TOO_MANY_OPEN_FILES,
    /** The system lacked buffers or memory for the call. */
    NO_BUFFERS,
    /** The peer aborted the association, or it was reset. */
    ASSOCIATION_ABORTED,
    /**
     * The association is alive, but not here: it was peeled off this one-to-many socket into a socket
     * of its own, which is still open (the exception's detail names its descriptor). Send on that
     * socket. Not retryable on this one.
     */
    ASSOCIATION_MOVED,
    /** The association is in use by a blocked sender; the call may be retried. */
    BUSY,
    /** The address family or socket type is not supported (includes a kernel without SCTP). */
    UNSUPPORTED_SOCKET,
    /** No provider is available for this platform. */
    UNSUPPORTED_PLATFORM,
    /** The provider cannot do what was asked on this OS (for example atomic peel-off flags in strict mode). */
    UNSUPPORTED,
    /** The socket was closed, before or during the call. */
    CLOSED,
    /** A non-blocking call would have had to wait. */
    WOULD_BLOCK,
    /** The call was interrupted by a signal. */
    INTERRUPTED,
    /** The local address is already in use. */
    ADDRESS_IN_USE,
    /** The local address is not available on this host. */
    ADDRESS_NOT_AVAILABLE,
    /** The peer refused the association. */
    CONNECTION_REFUSED,
    /** The socket has no association (not connected, or shut down). */
    NOT_CONNECTED,
    /** The message is too large to send. */
    MESSAGE_TOO_LARGE,
    /** The peer or network is unreachable. */
    UNREACHABLE,
    /** The operation timed out. */
    TIMED_OUT,
    /** The caller lacks permission. */
    PERMISSION_DENIED,
    /** An argument was invalid for a reason not covered above. */
    INVALID_ARGUMENT,
    /** Any other error; {@link SctpException#errno()} keeps the raw value. */
    OTHER;

    /**
     * Tells whether the same call may succeed if simply retried later.
     *
     * @return true for {@link #BUSY}, {@link #WOULD_BLOCK}, {@link #INTERRUPTED} and {@link #NO_BUFFERS}
     */
    public boolean isRetryable() {
        return this == BUSY || this == WOULD_BLOCK || this == INTERRUPTED || this == NO_BUFFERS;
    }
}
