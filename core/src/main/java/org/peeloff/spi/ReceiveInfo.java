/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.spi;

import org.peeloff.SctpNotification;

/**
 * What {@link SctpProvider#receive} filled in: a mutable holder, reused across calls so the data
 * path allocates nothing per message.
 */
public final class ReceiveInfo {
    /** Bytes written into the caller's buffer. */
    public int bytes;
    /** True when the bytes are a notification ({@code MSG_NOTIFICATION}); then {@link #notification} is set. */
    public boolean isNotification;
    /** The association id of the message ({@code sinfo_assoc_id} / {@code rcv_assoc_id}). */
    public int assocId;
    /** The stream number. */
    public int stream;
    /** The payload protocol identifier, as the peer sent it. */
    public int ppid;
    /** True at the end of a message ({@code MSG_EOR}). */
    public boolean complete;
    /** True if the message was sent unordered. */
    public boolean unordered;
    /** The parsed notification when {@link #isNotification}; null otherwise. */
    public SctpNotification notification;

    /** Clears every field before a new receive. */
    public void reset() {
        bytes = 0;
        isNotification = false;
        assocId = 0;
        stream = 0;
        ppid = 0;
        complete = false;
        unordered = false;
        notification = null;
    }
}
