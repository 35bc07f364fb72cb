/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

/**
 * {@code SCTP_SENDER_DRY_EVENT}: nothing is left to send or to retransmit on the association
 * (RFC 6458 6.1.9).
 *
 * @param association the association
 */
public record SenderDry(AssociationId association) implements SctpNotification {
}
