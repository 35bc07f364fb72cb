/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

/**
 * {@code SCTP_SHUTDOWN_EVENT}: the peer started a graceful shutdown; no more data can be sent.
 *
 * @param association the association
 */
public record ShutdownEvent(AssociationId association) implements SctpNotification {
}
