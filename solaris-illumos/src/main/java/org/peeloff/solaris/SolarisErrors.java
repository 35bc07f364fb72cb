/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.solaris;

import java.util.function.IntSupplier;

import org.peeloff.SctpError;
import org.peeloff.SctpException;
import org.peeloff.spi.NativeCall;
import org.peeloff.spi.PortableErrors;

/**
 * The errors illumos reports its own way: an illumos errno mapped by {@link PortableErrors} with its
 * illumos name ({@link SolarisAbi#errnoName}), and the ioctl errors of {@code sctp_peeloff}. errno
 * itself is read by the shared layer, once, right after the failing call.
 */
final class SolarisErrors {
    private SolarisErrors() {
    }

    /**
     * @param call     which call failed
     * @param callText the call with its arguments
     * @param errno    the illumos errno it left
     * @param os       the OS as errors name it
     * @return the exception, mapped by {@link PortableErrors}
     */
    static SctpException exception(NativeCall call, String callText, int errno, String os) {
        return PortableErrors.exception(call, callText, errno, SolarisAbi.errnoName(errno), os);
    }

    /**
     * A failed {@code sctp_peeloff}. The man page's errors map directly: EOPNOTSUPP gives
     * {@code NOT_ONE_TO_MANY}, EINVAL {@code NO_SUCH_ASSOCIATION}, EMFILE {@code TOO_MANY_OPEN_FILES};
     * EBADF and ENOTSOCK are what they say. Anything else (sctp_peeloff is an ioctl on illumos, and
     * an ioctl on a file answers ENOTTY or whatever that file system answers) is checked against the
     * descriptor itself: if {@code getsockopt} there answers ENOTSOCK the result is {@code NOT_A_SOCKET},
     * keeping the ioctl's errno in the exception.
     *
     * @param callText    the call with its arguments
     * @param errno       the errno sctp_peeloff left
     * @param os          the OS as errors name it
     * @param socketProbe runs {@code getsockopt(SOL_SOCKET, SO_SNDBUF)} on the descriptor and answers 0
     *                    when it succeeds, else the errno it left; asked only for an unlisted errno
     * @return the exception
     */
    static SctpException peeloff(String callText, int errno, String os, IntSupplier socketProbe) {
        switch (errno) {
            case SolarisAbi.EOPNOTSUPP:
            case SolarisAbi.EINVAL:
            case SolarisAbi.EMFILE:
            case SolarisAbi.ENFILE:
            case SolarisAbi.EBADF:
            case SolarisAbi.ENOTSOCK:
            case SolarisAbi.EINTR:
            case SolarisAbi.ENOMEM:
            case SolarisAbi.ENOBUFS:
                return exception(NativeCall.PEELOFF, callText, errno, os);
            default:
                break;
        }
        int probe = socketProbe.getAsInt();
        if (probe == SolarisAbi.ENOTSOCK) {
            return new SctpException(SctpError.NOT_A_SOCKET, callText, errno, SolarisAbi.errnoName(errno), os,
                    "sctp_peeloff is an ioctl on illumos; getsockopt on the descriptor answers ENOTSOCK");
        }
        if (probe == SolarisAbi.EBADF) {
            return new SctpException(SctpError.BAD_DESCRIPTOR, callText, errno, SolarisAbi.errnoName(errno), os,
                    "getsockopt on the descriptor answers EBADF");
        }
        return exception(NativeCall.PEELOFF, callText, errno, os);
    }
}
