/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

import java.nio.ByteBuffer;

/**
 * {@code SCTP_SEND_FAILED} (or {@code SCTP_SEND_FAILED_EVENT}): a message could not be delivered
 * and is handed back (RFC 6458 6.1.4 / 6.1.11).
 *
 * @param association       the association
 * @param sent              false when the data never went on the wire ({@code SCTP_DATA_UNSENT}),
 *                          true when it was sent but not acknowledged ({@code SCTP_DATA_SENT})
 * @param error             the OS's error for the failure ({@code ssf_error}, host order; 0 when none)
 * @param stream            the stream the message was sent on
 * @param payloadProtocolId the payload protocol id it was sent with (the IANA number)
 * @param data              the undelivered message, read-only (as much of it as the OS returned)
 */
public record SendFailed(AssociationId association, boolean sent, int error, int stream, int payloadProtocolId,
                         ByteBuffer data) implements SctpNotification {
    /** Keeps a read-only view of the data. */
    public SendFailed {
        data = data.asReadOnlyBuffer();
    }
}
