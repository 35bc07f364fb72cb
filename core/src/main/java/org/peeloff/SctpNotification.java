/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

/**
 * An SCTP event the kernel delivered in the data stream ({@code MSG_NOTIFICATION}).
 */
public sealed interface SctpNotification extends SctpReceived
        permits AssociationChange, ShutdownEvent, OtherNotification {
}
