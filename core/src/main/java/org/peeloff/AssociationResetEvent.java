/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

/**
 * {@code SCTP_ASSOC_RESET_EVENT}: the association's TSNs were reset (RFC 6525 6.1.2), where the
 * OS reports it (Linux).
 *
 * @param association the association
 * @param flags       the OS's {@code assocreset_flags} (denied, failed bits)
 * @param localTsn    the next TSN this side will send ({@code assocreset_local_tsn}, unsigned)
 * @param remoteTsn   the next TSN expected from the peer ({@code assocreset_remote_tsn}, unsigned)
 */
public record AssociationResetEvent(AssociationId association, int flags, long localTsn, long remoteTsn)
        implements SctpNotification {
}
