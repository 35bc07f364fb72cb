/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

/**
 * {@code SCTP_AUTHENTICATION_EVENT}: a change in the association's authentication keys (RFC 6458
 * 6.1.8), where the OS reports it (Linux).
 *
 * @param association the association
 * @param keyNumber   the shared key identifier concerned
 * @param indication  what happened
 */
public record AuthenticationEvent(AssociationId association, int keyNumber, Indication indication)
        implements SctpNotification {

    /** The {@code auth_indication} values. */
    public enum Indication {
        /** {@code SCTP_AUTH_NEW_KEY}: the peer started using a new key. */
        NEW_KEY,
        /** {@code SCTP_AUTH_FREE_KEY}: a deactivated key is no longer used and can be deleted. */
        FREE_KEY,
        /** {@code SCTP_AUTH_NO_AUTH}: the peer does not support authentication. */
        NO_AUTH
    }
}
