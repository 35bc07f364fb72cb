/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.netty;

import io.netty.channel.IoOps;
import org.peeloff.SctpSelectionKey;

/**
 * The interest a {@link PeeloffIoHandle} submits to its {@link PeeloffIoHandler}: a set of
 * {@link SctpSelectionKey#OP_READ} and {@link SctpSelectionKey#OP_WRITE}.
 *
 * @param value the {@code SctpSelectionKey} interest bits
 */
public record PeeloffIoOps(int value) implements IoOps {
    /** No interest. */
    public static final PeeloffIoOps NONE = new PeeloffIoOps(0);
    /** Readable: a message or a notification is queued. */
    public static final PeeloffIoOps READ = new PeeloffIoOps(SctpSelectionKey.OP_READ);
    /** Writable: there is room in the send buffer. */
    public static final PeeloffIoOps WRITE = new PeeloffIoOps(SctpSelectionKey.OP_WRITE);

    /** Checks the bits. */
    public PeeloffIoOps {
        if ((value & ~(SctpSelectionKey.OP_READ | SctpSelectionKey.OP_WRITE)) != 0) {
            throw new IllegalArgumentException("unknown interest bits: " + value);
        }
    }

    /**
     * @param other more interest
     * @return this interest with {@code other}'s bits added
     */
    public PeeloffIoOps with(PeeloffIoOps other) {
        return new PeeloffIoOps(value | other.value);
    }

    /**
     * @param other interest to drop
     * @return this interest without {@code other}'s bits
     */
    public PeeloffIoOps without(PeeloffIoOps other) {
        return new PeeloffIoOps(value & ~other.value);
    }

    /**
     * @param bits interest or readiness bits
     * @return true when every bit of this is in {@code bits}
     */
    public boolean isIncludedIn(int bits) {
        return (bits & value) == value;
    }
}
