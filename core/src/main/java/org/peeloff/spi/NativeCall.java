/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.spi;

/** The native operations a provider performs; the errno mapping depends on which one failed. */
public enum NativeCall {
    /** {@code socket()}. */
    SOCKET,
    /** {@code bind()}. */
    BIND,
    /** {@code sctp_bindx()} or its socket option. */
    BINDX,
    /** {@code listen()}. */
    LISTEN,
    /** {@code connect()}. */
    CONNECT,
    /** {@code sendmsg()}. */
    SEND,
    /** {@code recvmsg()}. */
    RECEIVE,
    /** {@code sctp_peeloff()} and its variants. */
    PEELOFF,
    /** {@code getsockopt()} or {@code sctp_opt_info()}. */
    GETSOCKOPT,
    /** {@code setsockopt()}. */
    SETSOCKOPT,
    /** {@code fcntl()}. */
    FCNTL,
    /** {@code poll()}. */
    POLL,
    /** {@code getsockname()} / {@code getpeername()} and the SCTP address lists. */
    ADDRESSES,
    /** {@code close()}. */
    CLOSE,
    /** {@code shutdown()}. */
    SHUTDOWN
}
