/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.spi;

/**
 * The portable send flags of {@link SctpOperations#sendMessage}: each provider turns them into its OS's
 * {@code sinfo_flags}/{@code snd_flags} bits (Linux {@code SCTP_UNORDERED}, {@code SCTP_EOF},
 * {@code SCTP_ABORT}; illumos {@code MSG_UNORDERED}, {@code MSG_EOF}, {@code MSG_ABORT}).
 */
public final class SendFlags {
    /** Deliver unordered. */
    public static final int UNORDERED = 1;
    /** End the association gracefully (SHUTDOWN); the message must be empty. */
    public static final int EOF = 2;
    /** End the association at once (ABORT); the bytes, if any, are the user's abort cause. */
    public static final int ABORT = 4;

    private SendFlags() {
    }

    /**
     * @param flags flag bits
     * @return them by name, for messages
     */
    public static String text(int flags) {
        StringBuilder b = new StringBuilder();
        if ((flags & UNORDERED) != 0) {
            b.append("UNORDERED|");
        }
        if ((flags & EOF) != 0) {
            b.append("EOF|");
        }
        if ((flags & ABORT) != 0) {
            b.append("ABORT|");
        }
        int rest = flags & ~(UNORDERED | EOF | ABORT);
        if (rest != 0) {
            b.append("0x").append(Integer.toHexString(rest)).append('|');
        }
        return b.length() == 0 ? "0" : b.substring(0, b.length() - 1);
    }
}
