/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

import java.util.List;

/**
 * {@code SCTP_STREAM_RESET_EVENT}: streams were reset, or their reset failed (RFC 6525 6.1.1),
 * where the OS reports it (Linux).
 *
 * @param association the association
 * @param flags       the OS's {@code strreset_flags} (incoming, outgoing, denied, failed bits)
 * @param streams     the streams concerned (empty: all)
 */
public record StreamResetEvent(AssociationId association, int flags, List<Integer> streams)
        implements SctpNotification {
    /** Copies the list. */
    public StreamResetEvent {
        streams = List.copyOf(streams);
    }
}
