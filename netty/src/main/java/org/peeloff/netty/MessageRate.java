/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.netty;

import java.time.Duration;
import java.util.Arrays;

/**
 * Counts one association's messages over a sliding window, kept in slots of a fraction of the window (the
 * oldest slot leaves whole, so the count covers the last window to within one slot). Not thread-safe: one
 * event loop uses it.
 */
final class MessageRate {
    private final long slotNanos;
    private final long[] counts;
    private long current;
    private boolean started;
    private long total;

    /**
     * @param window the window, at least one nanosecond per slot
     * @param slots  how many slots the window is cut into, at least 1
     */
    MessageRate(Duration window, int slots) {
        if (slots < 1 || window.toNanos() < slots) {
            throw new IllegalArgumentException("window " + window + " in " + slots + " slots");
        }
        this.slotNanos = window.toNanos() / slots;
        this.counts = new long[slots];
    }

    /**
     * Counts one message.
     *
     * @param nowNanos the time, on {@link System#nanoTime()}'s clock
     * @return the messages in the window that ends now, this one included
     */
    long add(long nowNanos) {
        long slot = Math.floorDiv(nowNanos, slotNanos);
        if (!started) {
            started = true;
            current = slot;
        } else if (slot > current) {
            if (slot - current >= counts.length) {
                Arrays.fill(counts, 0);
                total = 0;
            } else {
                for (long s = current + 1; s <= slot; s++) {
                    int i = (int) Math.floorMod(s, (long) counts.length);
                    total -= counts[i];
                    counts[i] = 0;
                }
            }
            current = slot;
        }
        counts[(int) Math.floorMod(current, (long) counts.length)]++;
        return ++total;
    }
}
