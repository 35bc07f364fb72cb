/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.spi;

import org.peeloff.SctpError;
import org.peeloff.SctpException;

/**
 * The one place where a native errno, named symbolically, becomes a portable {@link SctpError}.
 * Providers translate their OS's errno number into its name (their ABI table), resolve any
 * OS-specific ambiguity first (Linux's EINVAL from a peel-off, for instance), and call
 * {@link #exception} so every provider formats and maps errors the same way.
 */
public final class PortableErrors {
    private PortableErrors() {
    }

    /**
     * Maps a symbolic errno to the portable error for the given call.
     *
     * @param call      the native call that failed
     * @param errnoName the symbolic errno (e.g. {@code EINVAL}); unknown names give {@link SctpError#OTHER}
     * @return the portable error
     */
    public static SctpError map(NativeCall call, String errnoName) {
        if (errnoName == null) {
            return SctpError.OTHER;
        }
        switch (errnoName) {
            case "EBADF":
                return SctpError.BAD_DESCRIPTOR;
            case "ENOTSOCK":
                return SctpError.NOT_A_SOCKET;
            case "EMFILE":
            case "ENFILE":
                return SctpError.TOO_MANY_OPEN_FILES;
            case "ENOBUFS":
            case "ENOMEM":
            case "ENOSR":
                return SctpError.NO_BUFFERS;
            case "ECONNABORTED":
            case "ECONNRESET":
                return SctpError.ASSOCIATION_ABORTED;
            case "EBUSY":
                return SctpError.BUSY;
            case "EAFNOSUPPORT":
            case "ESOCKTNOSUPPORT":
            case "EPROTONOSUPPORT":
            case "EPROTOTYPE":
                return SctpError.UNSUPPORTED_SOCKET;
            case "EOPNOTSUPP":
                // illumos sctp_peeloff(3SOCKET): "The sock argument is not a one-to-many style SCTP socket."
                return call == NativeCall.PEELOFF ? SctpError.NOT_ONE_TO_MANY : SctpError.UNSUPPORTED;
            case "ENOTSUP":
            case "ENOPROTOOPT":
            case "ENOSYS":
                return SctpError.UNSUPPORTED;
            case "EINVAL":
                // every peel-off man page: EINVAL means the association id is not valid on this socket
                return call == NativeCall.PEELOFF ? SctpError.NO_SUCH_ASSOCIATION : SctpError.INVALID_ARGUMENT;
            case "EAGAIN":
            case "EWOULDBLOCK":
            case "EINPROGRESS":
            case "EALREADY":
                return SctpError.WOULD_BLOCK;
            case "EINTR":
                return SctpError.INTERRUPTED;
            case "EADDRINUSE":
                return SctpError.ADDRESS_IN_USE;
            case "EADDRNOTAVAIL":
                return SctpError.ADDRESS_NOT_AVAILABLE;
            case "ECONNREFUSED":
                return SctpError.CONNECTION_REFUSED;
            case "ENOTCONN":
            case "EPIPE":
            case "ESHUTDOWN":
                return SctpError.NOT_CONNECTED;
            case "EMSGSIZE":
                return SctpError.MESSAGE_TOO_LARGE;
            case "EHOSTUNREACH":
            case "ENETUNREACH":
                return SctpError.UNREACHABLE;
            case "ETIMEDOUT":
                return SctpError.TIMED_OUT;
            case "EACCES":
            case "EPERM":
                return SctpError.PERMISSION_DENIED;
            default:
                return SctpError.OTHER;
        }
    }

    /**
     * Builds the exception for a failed native call with the portable mapping of {@link #map}.
     *
     * @param call      which native call failed
     * @param callText  the call with its arguments, e.g. {@code sctp_peeloff(fd=12, assoc=4)}
     * @param errno     the native errno, read once right after the call
     * @param errnoName its symbolic name on this OS
     * @param os        the OS name
     * @return the exception to throw
     */
    public static SctpException exception(NativeCall call, String callText, int errno, String errnoName, String os) {
        return new SctpException(map(call, errnoName), callText, errno, errnoName, os, null);
    }
}
