/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

/**
 * An SCTP event the kernel delivered in the data stream ({@code MSG_NOTIFICATION}). Which kinds
 * arrive is chosen per socket with the event subscription ({@link SctpEventType}); a kind the OS
 * documents always arrives as its own record, {@link OtherNotification} only for a type the provider
 * does not know.
 */
public sealed interface SctpNotification extends SctpReceived
        permits AssociationChange, ShutdownEvent, PeerAddressChange, SendFailed, RemoteError,
        PartialDeliveryAborted, AdaptationIndication, SenderDry, AuthenticationEvent, StreamResetEvent,
        AssociationResetEvent, StreamChangeEvent, OtherNotification {

    /** @return the association the notification is about (id 0 when the OS gave none) */
    AssociationId association();
}
