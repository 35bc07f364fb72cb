/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

import java.nio.ByteBuffer;

/**
 * {@code SCTP_REMOTE_ERROR}: the peer sent an Operation Error chunk (RFC 6458 6.1.3).
 *
 * @param association the association
 * @param errorCode   the SCTP error cause code (RFC 9260 3.3.10), as a number in the host
 * @param cause       the error chunk's causes as they were on the wire, read-only (may be empty)
 */
public record RemoteError(AssociationId association, int errorCode, ByteBuffer cause) implements SctpNotification {
    /** Keeps a read-only view of the cause bytes. */
    public RemoteError {
        cause = cause.asReadOnlyBuffer();
    }
}
