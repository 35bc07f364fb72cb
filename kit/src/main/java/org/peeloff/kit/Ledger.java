/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.kit;

import java.util.BitSet;

/**
 * The exact account of one association's numbered messages on the receiving side: which numbers
 * arrived, on which socket (the shared one-to-many socket or the peeled one), how many twice, and
 * whether each socket saw them in order. Numbers start at 0 and are dense, so "nothing lost" is
 * "every number below the sent count arrived" and "nothing duplicated" is "no number arrived twice".
 *
 * <p>Thread-safe: the shared socket's reader and the peeled socket's reader may record the same
 * association at the same time while a peel-off is under way.
 */
final class Ledger {
    /** Where a message was received. */
    enum Via {
        /** On the shared one-to-many socket. */
        SHARED,
        /** On the association's own socket, after the peel-off. */
        PEELED
    }

    private final BitSet seen = new BitSet();
    private long duplicates;
    private final long[] count = new long[2];
    private final long[] min = {Long.MAX_VALUE, Long.MAX_VALUE};
    private final long[] max = {-1, -1};
    private final long[] outOfOrder = new long[2];

    /**
     * Records one received message.
     *
     * @param seq the message number the sender wrote into it
     * @param via where it arrived
     * @return false when this number had already arrived (a duplicate)
     */
    synchronized boolean record(long seq, Via via) {
        if (seq < 0 || seq > Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException("message number out of range: " + seq);
        }
        int v = via.ordinal();
        if (seq < max[v]) {
            outOfOrder[v]++;
        }
        if (seen.get((int) seq)) {
            duplicates++;
            return false;
        }
        seen.set((int) seq);
        count[v]++;
        min[v] = Math.min(min[v], seq);
        max[v] = Math.max(max[v], seq);
        return true;
    }

    /** @return distinct messages received, on either socket */
    synchronized long received() {
        return count[0] + count[1];
    }

    /**
     * @param via the socket
     * @return distinct messages received on it
     */
    synchronized long received(Via via) {
        return count[via.ordinal()];
    }

    /**
     * @param via the socket
     * @return the lowest number received on it, or -1 when none
     */
    synchronized long lowest(Via via) {
        return count[via.ordinal()] == 0 ? -1 : min[via.ordinal()];
    }

    /**
     * @param via the socket
     * @return the highest number received on it, or -1 when none
     */
    synchronized long highest(Via via) {
        return max[via.ordinal()];
    }

    /** @return messages that arrived a second time */
    synchronized long duplicates() {
        return duplicates;
    }

    /** @return messages that arrived after a higher number on the same socket */
    synchronized long outOfOrder() {
        return outOfOrder[0] + outOfOrder[1];
    }

    /**
     * @param sent how many the sender sent (numbers 0 to sent-1)
     * @return how many of those never arrived
     */
    synchronized long missing(long sent) {
        int upTo = (int) Math.min(sent, Integer.MAX_VALUE);
        return upTo - seen.get(0, upTo).cardinality();
    }

    /**
     * @param sent how many the sender sent
     * @return numbers that arrived although they were never sent (a corrupted or foreign message)
     */
    synchronized long unexpected(long sent) {
        int from = (int) Math.min(sent, Integer.MAX_VALUE);
        return seen.length() <= from ? 0 : seen.get(from, seen.length()).cardinality();
    }

    /**
     * @return true when every message received on the shared socket has a lower number than every
     *         message received on the peeled one: the peel-off split the stream cleanly, in order
     */
    synchronized boolean cleanSplit() {
        return count[0] == 0 || count[1] == 0 || max[0] < min[1];
    }
}
