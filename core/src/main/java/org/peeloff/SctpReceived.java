/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

/**
 * What one receive call produced: a data message ({@link SctpData}) or a notification
 * ({@link SctpNotification}). Use {@code instanceof} patterns to tell them apart.
 */
public sealed interface SctpReceived permits SctpData, SctpNotification {

    /** @return the association the data or event belongs to (may be id 0 for socket-wide events) */
    AssociationId association();
}
