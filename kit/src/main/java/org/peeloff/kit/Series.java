/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.kit;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counters kept per time bucket (e.g. 100 ms), so that the rate over any phase can be computed
 * afterwards from when things really happened, whatever thread noticed the phase change and however
 * late. Thread-safe; values added outside the covered time go to the first or last bucket.
 */
final class Series {
    private final long origin;
    private final long bucketNanos;
    private final int buckets;
    private final AtomicLongArray values;
    private final int metrics;

    /**
     * @param originNanos the start of bucket 0 ({@link System#nanoTime()})
     * @param bucketNanos the width of a bucket
     * @param buckets     how many buckets
     * @param metrics     how many counters per bucket
     */
    Series(long originNanos, long bucketNanos, int buckets, int metrics) {
        if (bucketNanos <= 0 || buckets <= 0 || metrics <= 0) {
            throw new IllegalArgumentException("positive sizes needed");
        }
        this.origin = originNanos;
        this.bucketNanos = bucketNanos;
        this.buckets = buckets;
        this.metrics = metrics;
        this.values = new AtomicLongArray(buckets * metrics);
    }

    private int bucket(long atNanos) {
        long i = Math.floorDiv(atNanos - origin, bucketNanos);
        return (int) Math.max(0, Math.min(buckets - 1, i));
    }

    /**
     * @param atNanos when it happened
     * @param metric  which counter
     * @param value   how much to add
     */
    void add(long atNanos, int metric, long value) {
        values.addAndGet(bucket(atNanos) * metrics + metric, value);
    }

    /**
     * @param metric    which counter
     * @param fromNanos the start of the phase (rounded down to a bucket edge)
     * @param toNanos   the end of the phase (rounded down to a bucket edge, exclusive)
     * @return the sum over the phase's buckets
     */
    long sum(int metric, long fromNanos, long toNanos) {
        long s = 0;
        for (int i = bucket(fromNanos); i < bucket(toNanos); i++) {
            s += values.get(i * metrics + metric);
        }
        return s;
    }

    /**
     * @param fromNanos the start of the phase
     * @param toNanos   the end of the phase
     * @return the length of the buckets {@link #sum} adds up, in seconds
     */
    double seconds(long fromNanos, long toNanos) {
        return Math.max(0, bucket(toNanos) - bucket(fromNanos)) * bucketNanos / 1e9;
    }

    /**
     * @param atNanos a time
     * @return the start of its bucket
     */
    long edge(long atNanos) {
        return origin + bucket(atNanos) * bucketNanos;
    }
}
