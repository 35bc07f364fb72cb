/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.spi;

/** The two SCTP socket styles of RFC 6458. */
public enum SocketStyle {
    /** One-to-many ("UDP style", {@code SOCK_SEQPACKET}): many associations on one descriptor. */
    ONE_TO_MANY,
    /** One-to-one ("TCP style", {@code SOCK_STREAM}): one association; what a peel-off returns. */
    ONE_TO_ONE
}
