/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The kinds of SCTP notification a socket can subscribe to (RFC 6458 section 6.2, the fields of
 * {@code struct sctp_event_subscribe} and the types of {@code SCTP_EVENT}). Which ones a provider
 * delivers on its OS is listed in {@link Capabilities#notifications()}; subscribing to one it does
 * not deliver fails {@link SctpError#UNSUPPORTED} naming it.
 *
 * <p><b>Default subscription.</b> A new socket is subscribed to {@link #defaults()}:
 * {@link #ASSOCIATION_CHANGE} and {@link #SHUTDOWN}, as Peeloff always did. The JDK's
 * {@code com.sun.nio.sctp} subscribes a little more on Linux ({@code SctpNet.c}: association, address,
 * send-failure and shutdown events; peer error, partial delivery and adaptation left off): a user coming
 * from it adds {@link #PEER_ADDRESS_CHANGE} and {@link #SEND_FAILED}. A peeled-off socket starts with
 * the subscription its one-to-many socket had (the kernel copies it).
 */
public enum SctpEventType {
    /** {@code sctp_association_event}: {@link AssociationChange}. */
    ASSOCIATION_CHANGE(AssociationChange.class),
    /** {@code sctp_address_event}: {@link PeerAddressChange}. */
    PEER_ADDRESS_CHANGE(PeerAddressChange.class),
    /** {@code sctp_send_failure_event}: {@link SendFailed}. */
    SEND_FAILED(SendFailed.class),
    /** {@code sctp_peer_error_event}: {@link RemoteError}. */
    REMOTE_ERROR(RemoteError.class),
    /** {@code sctp_shutdown_event}: {@link ShutdownEvent}. */
    SHUTDOWN(ShutdownEvent.class),
    /** {@code sctp_partial_delivery_event}: {@link PartialDeliveryAborted}. */
    PARTIAL_DELIVERY(PartialDeliveryAborted.class),
    /** {@code sctp_adaptation_layer_event}: {@link AdaptationIndication}. */
    ADAPTATION_INDICATION(AdaptationIndication.class),
    /** {@code sctp_authentication_event}: {@link AuthenticationEvent}. */
    AUTHENTICATION(AuthenticationEvent.class),
    /** {@code sctp_sender_dry_event}: {@link SenderDry}. */
    SENDER_DRY(SenderDry.class),
    /** {@code sctp_stream_reset_event}: {@link StreamResetEvent}. */
    STREAM_RESET(StreamResetEvent.class),
    /** {@code sctp_assoc_reset_event}: {@link AssociationResetEvent}. */
    ASSOCIATION_RESET(AssociationResetEvent.class),
    /** {@code sctp_stream_change_event}: {@link StreamChangeEvent}. */
    STREAM_CHANGE(StreamChangeEvent.class);

    private static final Set<SctpEventType> DEFAULTS =
            Collections.unmodifiableSet(EnumSet.of(ASSOCIATION_CHANGE, SHUTDOWN));

    private final Class<? extends SctpNotification> record;

    SctpEventType(Class<? extends SctpNotification> record) {
        this.record = record;
    }

    /** @return the record a notification of this kind arrives as */
    public Class<? extends SctpNotification> record() {
        return record;
    }

    /** @return the subscription of a new socket: association change and shutdown (unmodifiable) */
    public static Set<SctpEventType> defaults() {
        return DEFAULTS;
    }
}
