/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.netty;

import io.netty.channel.IoEvent;
import org.peeloff.SctpSelectionKey;

/**
 * What {@link PeeloffIoHandler} hands a {@link PeeloffIoHandle}: the readiness its key was selected with.
 *
 * @param readyOps the {@link SctpSelectionKey} ready bits (read, write)
 */
public record PeeloffIoEvent(int readyOps) implements IoEvent {
    /** @return true when readable */
    public boolean isReadable() {
        return (readyOps & SctpSelectionKey.OP_READ) != 0;
    }

    /** @return true when writable */
    public boolean isWritable() {
        return (readyOps & SctpSelectionKey.OP_WRITE) != 0;
    }
}
