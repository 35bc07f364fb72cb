package org.peeloff.solaris;

import java.util.function.IntSupplier;

import com.sun.jna.Native;

import org.peeloff.SctpError;
import org.peeloff.SctpException;
import org.peeloff.spi.NativeCall;
import org.peeloff.spi.PortableErrors;

/**
 * The one place where the provider reads {@code errno} ({@link #errno()}, called once right after a
 * call failed) and turns an illumos errno into an {@link SctpException}, through
 * {@link PortableErrors} with the errno's illumos name ({@link SolarisAbi#errnoName}).
 */
final class SolarisErrors {
    private static volatile String os = System.getProperty("os.name");

    private SolarisErrors() {
    }

    /**
     * Sets the OS name errors report (the personality's label when one is in use).
     *
     * @param label the name
     */
    static void setOs(String label) {
        os = label;
    }

    /** @return the OS name errors report */
    static String os() {
        return os;
    }

    /**
     * Reads the calling thread's {@code errno} as JNA saved it after the last native call. Call it
     * once, right after the call that failed, before any other native call.
     *
     * @return the illumos errno
     */
    static int errno() {
        return Native.getLastError();
    }

    /**
     * @param call     which call failed
     * @param callText the call with its arguments
     * @param errno    the illumos errno it left
     * @return the exception, mapped by {@link PortableErrors}
     */
    static SctpException exception(NativeCall call, String callText, int errno) {
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
     * @param socketProbe runs {@code getsockopt(SOL_SOCKET, SO_SNDBUF)} on the descriptor and answers 0
     *                    when it succeeds, else the errno it left; asked only for an unlisted errno
     * @return the exception
     */
    static SctpException peeloff(String callText, int errno, IntSupplier socketProbe) {
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
                return exception(NativeCall.PEELOFF, callText, errno);
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
        return exception(NativeCall.PEELOFF, callText, errno);
    }
}
