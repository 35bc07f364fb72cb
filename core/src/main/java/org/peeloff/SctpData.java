/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

/**
 * A data message (or the part of one that fit): its bytes were written into the caller's buffer.
 *
 * @param association       the association it arrived on
 * @param stream            its stream number
 * @param payloadProtocolId its payload protocol identifier: the IANA number the peer sent (read in network byte order)
 * @param bytes             how many bytes were written into the buffer
 * @param complete          true when this is the end of the message ({@code MSG_EOR}); false when the
 *                          buffer was too small and the rest follows in the next receive
 * @param unordered         true if it was sent unordered
 */
public record SctpData(AssociationId association, int stream, int payloadProtocolId, int bytes,
                       boolean complete, boolean unordered) implements SctpReceived {
}
