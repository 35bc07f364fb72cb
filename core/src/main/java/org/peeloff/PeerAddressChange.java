/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

import java.net.InetSocketAddress;

/**
 * {@code SCTP_PEER_ADDR_CHANGE}: one address of a multi-homed peer changed state (RFC 6458 6.1.2).
 *
 * @param association the association
 * @param address     the peer address concerned
 * @param state       what happened to it
 * @param error       the OS's error number for the change, 0 when none ({@code spc_error}, host order)
 */
public record PeerAddressChange(AssociationId association, InetSocketAddress address, State state, int error)
        implements SctpNotification {

    /** The {@code spc_state} values, named the same on every OS. */
    public enum State {
        /** {@code SCTP_ADDR_AVAILABLE}: the address is reachable again. */
        AVAILABLE,
        /** {@code SCTP_ADDR_UNREACHABLE}: the address can no longer be reached (its path failed). */
        UNREACHABLE,
        /** {@code SCTP_ADDR_REMOVED}: the peer removed the address from the association. */
        REMOVED,
        /** {@code SCTP_ADDR_ADDED}: the peer added the address to the association. */
        ADDED,
        /** {@code SCTP_ADDR_MADE_PRIM}: the address is now the primary path. */
        MADE_PRIMARY,
        /** {@code SCTP_ADDR_CONFIRMED}: the address was confirmed by a heartbeat (Linux). */
        CONFIRMED,
        /** {@code SCTP_ADDR_POTENTIALLY_FAILED}: the path is potentially failed (Linux, RFC 7829). */
        POTENTIALLY_FAILED
    }
}
