/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

/**
 * {@code SCTP_ASSOC_CHANGE}: an association came up, was lost, restarted, shut down or could not start.
 *
 * @param association     the association
 * @param state           what happened
 * @param error           the protocol error cause, if any (0 otherwise)
 * @param outboundStreams streams negotiated for sending (on COMMUNICATION_UP and RESTART)
 * @param inboundStreams  streams negotiated for receiving (on COMMUNICATION_UP and RESTART)
 */
public record AssociationChange(AssociationId association, State state, int error, int outboundStreams,
                                int inboundStreams) implements SctpNotification {

    /** The {@code sac_state} values, named the same on every OS (their numbers differ). */
    public enum State {
        /** {@code SCTP_COMM_UP}: the association is ready. */
        COMMUNICATION_UP,
        /** {@code SCTP_COMM_LOST}: the association failed (peer abort, timeouts). */
        COMMUNICATION_LOST,
        /** {@code SCTP_RESTART}: the peer restarted. */
        RESTART,
        /** {@code SCTP_SHUTDOWN_COMP}: a graceful shutdown completed. */
        SHUTDOWN_COMPLETE,
        /** {@code SCTP_CANT_STR_ASSOC}: the association could not be set up. */
        CANNOT_START
    }
}
