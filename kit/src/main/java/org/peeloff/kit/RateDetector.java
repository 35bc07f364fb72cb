/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.kit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells the high-volume associations from the sporadic ones by their message rate: a key whose
 * rate stays above the threshold for {@code confirm} consecutive windows is reported once. One
 * window above the threshold is not enough, so a short burst of a sporadic peer does not cost it
 * its place on the shared socket.
 *
 * <p>The caller gives cumulative message counters; the detector keeps the previous value of each.
 * Not thread-safe: one detector thread calls it.
 *
 * @param <K> the key (an association)
 */
final class RateDetector<K> {
    private final double thresholdPerSecond;
    private final int confirm;
    private final Map<K, long[]> state = new HashMap<>(); // {last count, windows above}
    private long lastNanos = Long.MIN_VALUE;

    /**
     * @param thresholdPerSecond messages per second above which a key is busy
     * @param confirm            consecutive windows above the threshold before it is reported (at least 1)
     */
    RateDetector(double thresholdPerSecond, int confirm) {
        if (!(thresholdPerSecond > 0) || confirm < 1) {
            throw new IllegalArgumentException("threshold must be positive and confirm at least 1");
        }
        this.thresholdPerSecond = thresholdPerSecond;
        this.confirm = confirm;
    }

    /**
     * Closes one window.
     *
     * @param counts    cumulative message count of every key still watched
     * @param nowNanos  the time of the counts ({@link System#nanoTime()})
     * @return the keys that just became busy, each reported once (then forgotten)
     */
    List<K> update(Map<K, Long> counts, long nowNanos) {
        List<K> busy = new ArrayList<>();
        boolean first = lastNanos == Long.MIN_VALUE;
        double seconds = first ? 0 : (nowNanos - lastNanos) / 1e9;
        lastNanos = nowNanos;
        state.keySet().retainAll(counts.keySet());
        for (var e : counts.entrySet()) {
            long count = e.getValue();
            long[] s = state.get(e.getKey());
            if (s == null) {
                // first sight: the count so far has no window to be a rate of
                state.put(e.getKey(), new long[] {count, 0});
                continue;
            }
            double rate = seconds > 0 ? (count - s[0]) / seconds : 0;
            s[0] = count;
            s[1] = rate > thresholdPerSecond ? s[1] + 1 : 0;
            if (s[1] >= confirm) {
                busy.add(e.getKey());
            }
        }
        for (K k : busy) {
            state.remove(k);
        }
        return busy;
    }

    /**
     * @param key a key
     * @return the number of consecutive windows it has been above the threshold
     */
    int windowsAbove(K key) {
        long[] s = state.get(key);
        return s == null ? 0 : (int) s[1];
    }
}
