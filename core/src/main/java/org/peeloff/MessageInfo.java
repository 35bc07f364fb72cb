/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

import java.net.InetSocketAddress;

/**
 * Where a message goes or came from: its association (or, to set one up implicitly, the peer's
 * address), its stream number and its payload protocol identifier (the fields of
 * {@code struct sctp_sndrcvinfo} that every OS shares).
 *
 * @param association       the association, or null when {@code address} is used
 * @param address           the peer address for an implicit association set-up, or null
 * @param stream            the stream number, 0..65535
 * @param payloadProtocolId the payload protocol identifier: the number IANA registers (Diameter 46, M3UA 3,
 *                          NGAP 60), sent in network byte order on every OS, as the JDK's and Netty's
 *                          SCTP do; values above 2^31 are negative ints and arrive as sent
 * @param unordered         true to send (or: it was sent) unordered
 * @param timeToLiveMillis  0 for a reliable message; above 0, partial reliability (RFC 3758 timed
 *                          reliability): the message is dropped if it cannot be sent within that many
 *                          milliseconds (Linux {@code SCTP_PR_SCTP_TTL}, illumos {@code MSG_PR_SCTP} with
 *                          {@code sinfo_timetolive}; a provider without it refuses it {@code UNSUPPORTED})
 */
public record MessageInfo(AssociationId association, InetSocketAddress address, int stream,
                          int payloadProtocolId, boolean unordered, int timeToLiveMillis) {

    /**
     * Checks the stream range and the time-to-live. Neither association nor address is needed for a
     * one-to-one socket ({@link #onStream}); a one-to-many socket's {@code send} refuses such a message.
     */
    public MessageInfo {
        if (stream < 0 || stream > 0xFFFF) {
            throw new IllegalArgumentException("stream must be 0..65535: " + stream);
        }
        if (timeToLiveMillis < 0) {
            throw new IllegalArgumentException("a time-to-live is 0 (reliable) or positive: " + timeToLiveMillis);
        }
    }

    /**
     * A reliable message (no time-to-live).
     *
     * @param association       the association, or null
     * @param address           the peer address, or null
     * @param stream            the stream number, 0..65535
     * @param payloadProtocolId the payload protocol identifier (IANA number)
     * @param unordered         true to send unordered
     */
    public MessageInfo(AssociationId association, InetSocketAddress address, int stream, int payloadProtocolId,
                       boolean unordered) {
        this(association, address, stream, payloadProtocolId, unordered, 0);
    }

    /**
     * @param stream the stream number
     * @return info for an ordered message with payload protocol id 0 on a one-to-one or peeled-off
     *         {@link SctpSocket} (its one association)
     */
    public static MessageInfo onStream(int stream) {
        return new MessageInfo(null, null, stream, 0, false, 0);
    }

    /**
     * @param association the association to send on
     * @param stream      the stream number
     * @return info for an ordered message with payload protocol id 0
     */
    public static MessageInfo to(AssociationId association, int stream) {
        return new MessageInfo(java.util.Objects.requireNonNull(association, "association"), null, stream, 0, false);
    }

    /**
     * @param address the peer; a one-to-many socket sets an association up to it if none exists
     * @param stream  the stream number
     * @return info for an ordered message with payload protocol id 0
     */
    public static MessageInfo to(InetSocketAddress address, int stream) {
        return new MessageInfo(null, java.util.Objects.requireNonNull(address, "address"), stream, 0, false);
    }

    /**
     * @param ppid the payload protocol identifier (the IANA number; sent in network byte order)
     * @return a copy with that payload protocol identifier
     */
    public MessageInfo withPayloadProtocolId(int ppid) {
        return new MessageInfo(association, address, stream, ppid, unordered, timeToLiveMillis);
    }

    /**
     * @param unordered whether the message is unordered
     * @return a copy with that flag
     */
    public MessageInfo withUnordered(boolean unordered) {
        return new MessageInfo(association, address, stream, payloadProtocolId, unordered, timeToLiveMillis);
    }

    /**
     * @param millis 0 for a reliable message, else the time-to-live in milliseconds
     * @return a copy with that time-to-live
     */
    public MessageInfo withTimeToLive(int millis) {
        return new MessageInfo(association, address, stream, payloadProtocolId, unordered, millis);
    }
}
