/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

/**
 * {@code SCTP_STREAM_CHANGE_EVENT}: the number of streams changed (RFC 6525 6.1.3), where the OS
 * reports it (Linux).
 *
 * @param association     the association
 * @param flags           the OS's {@code strchange_flags} (denied, failed bits)
 * @param inboundStreams  the inbound streams now
 * @param outboundStreams the outbound streams now
 */
public record StreamChangeEvent(AssociationId association, int flags, int inboundStreams, int outboundStreams)
        implements SctpNotification {
}
