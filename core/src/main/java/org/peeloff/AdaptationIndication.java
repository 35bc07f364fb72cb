/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

/**
 * {@code SCTP_ADAPTATION_INDICATION}: the peer announced an adaptation layer indication in its
 * INIT or INIT-ACK (RFC 6458 6.1.6, RFC 5061).
 *
 * @param association the association
 * @param indication  the 32-bit indication the peer set (as an unsigned number in an int)
 */
public record AdaptationIndication(AssociationId association, int indication) implements SctpNotification {
}
