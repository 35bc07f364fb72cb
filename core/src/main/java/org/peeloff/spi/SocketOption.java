/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.spi;

/** The socket options every provider supports, each an {@code int} value. */
public enum SocketOption {
    /** {@code SO_SNDBUF}: the send buffer size in bytes. */
    SEND_BUFFER,
    /** {@code SO_RCVBUF}: the receive buffer size in bytes. */
    RECEIVE_BUFFER,
    /** {@code SCTP_NODELAY}: 1 to turn off Nagle-like bundling delays, 0 to leave them on. */
    NODELAY,
    /**
     * {@code SCTP_ADAPTATION_LAYER} ({@code struct sctp_setadaptation}, one 32-bit value in host order):
     * the adaptation layer indication this side announces in its INIT and INIT-ACK (RFC 5061); 0 for
     * none. The peer learns it as {@link org.peeloff.AdaptationIndication}.
     */
    ADAPTATION_LAYER
}
