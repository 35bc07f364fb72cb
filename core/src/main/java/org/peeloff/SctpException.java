/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

import java.io.IOException;
import java.util.Objects;

/**
 * A failed SCTP call, with everything needed to act on it and to report it: the portable
 * {@link SctpError}, the native errno number and symbolic name, the operating system, and the
 * call that failed with its arguments.
 *
 * <p>The message reads like
 * {@code sctp_peeloff(fd=12, assoc=4) failed: EOPNOTSUPP (122) on SunOS -> NOT_ONE_TO_MANY}.
 * A call refused by Peeloff itself before any native call has {@code errno() == 0} and says so.
 */
public class SctpException extends IOException {
    private static final long serialVersionUID = 1L;

    private final SctpError error;
    private final int errno;
    private final String errnoName;
    private final String os;
    private final String call;

    /**
     * Creates an exception for a native call that failed.
     *
     * @param error     the portable error
     * @param call      the call and its arguments, e.g. {@code sctp_peeloff(fd=12, assoc=4)}
     * @param errno     the native errno number (0 if no native call was made)
     * @param errnoName the symbolic errno name on that OS, e.g. {@code EOPNOTSUPP}; null if unknown
     * @param os        the operating system name as the provider saw it ({@code os.name})
     * @param detail    extra explanation appended to the message, or null
     */
    public SctpException(SctpError error, String call, int errno, String errnoName, String os, String detail) {
        super(format(error, call, errno, errnoName, os, detail));
        this.error = Objects.requireNonNull(error, "error");
        this.call = Objects.requireNonNull(call, "call");
        this.errno = errno;
        this.errnoName = errnoName == null ? (errno == 0 ? "" : "errno" + errno) : errnoName;
        this.os = os == null ? "" : os;
    }

    /**
     * Creates an exception for a call refused before any native call was made.
     *
     * @param error  the portable error
     * @param call   the call and its arguments
     * @param reason why it was refused
     * @return the exception (errno 0)
     */
    public static SctpException rejected(SctpError error, String call, String reason) {
        return new SctpException(error, call, 0, null, System.getProperty("os.name"), reason);
    }

    /**
     * For subclasses that word their own message.
     *
     * @param message the full message
     * @param error   the portable error
     * @param call    the call
     */
    protected SctpException(String message, SctpError error, String call) {
        super(message);
        this.error = Objects.requireNonNull(error, "error");
        this.call = Objects.requireNonNull(call, "call");
        this.errno = 0;
        this.errnoName = "";
        this.os = String.valueOf(System.getProperty("os.name"));
    }

    private static String format(SctpError error, String call, int errno, String errnoName, String os, String detail) {
        StringBuilder sb = new StringBuilder(96).append(call);
        if (errno == 0) {
            sb.append(" rejected before any native call");
        } else {
            sb.append(" failed: ").append(errnoName == null ? "errno" + errno : errnoName)
              .append(" (").append(errno).append(')');
        }
        if (os != null && !os.isEmpty()) {
            sb.append(" on ").append(os);
        }
        sb.append(" -> ").append(error);
        if (detail != null && !detail.isEmpty()) {
            sb.append(": ").append(detail);
        }
        return sb.toString();
    }

    /** @return the portable error */
    public SctpError error() {
        return error;
    }

    /** @return the native errno number, or 0 when the call was refused before reaching the OS */
    public int errno() {
        return errno;
    }

    /** @return the symbolic errno name on the OS that produced it (e.g. {@code EINVAL}), or "" when errno is 0 */
    public String errnoName() {
        return errnoName;
    }

    /** @return the operating system that produced the error ({@code os.name}) */
    public String os() {
        return os;
    }

    /** @return the failed call with its arguments, e.g. {@code sctp_peeloff(fd=12, assoc=4)} */
    public String call() {
        return call;
    }
}
