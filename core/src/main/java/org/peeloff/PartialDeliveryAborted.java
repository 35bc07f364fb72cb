/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

/**
 * {@code SCTP_PARTIAL_DELIVERY_EVENT} with {@code SCTP_PARTIAL_DELIVERY_ABORTED}: a message that was
 * being handed out in pieces will not be completed (RFC 6458 6.1.7).
 *
 * @param association the association
 * @param stream      the stream of the aborted message, or -1 where the OS does not say (illumos)
 * @param sequence    its stream sequence number, or -1 where the OS does not say (illumos)
 */
public record PartialDeliveryAborted(AssociationId association, int stream, int sequence)
        implements SctpNotification {
}
