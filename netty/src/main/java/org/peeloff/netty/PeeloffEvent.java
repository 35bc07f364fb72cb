/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.netty;

import org.peeloff.SctpNotification;

/**
 * Implemented by the {@code com.sun.nio.sctp} notifications this transport fires as user events
 * ({@code AssociationChangeNotification}, {@code PeerAddressChangeNotification},
 * {@code SendFailedNotification}, {@code ShutdownNotification}): the Peeloff record they were made from,
 * with what the JDK's types do not carry (error codes, the payload protocol id of unsent data, the
 * negotiated streams). Kinds the JDK has no type for (sender dry, remote error, ...) are fired as the
 * Peeloff record itself.
 */
public interface PeeloffEvent {
    /** @return the Peeloff notification this event was made from */
    SctpNotification peeloff();
}
