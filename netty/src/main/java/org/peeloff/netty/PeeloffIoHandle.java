/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.netty;

import io.netty.channel.IoHandle;
import org.peeloff.SctpMultiSocket;
import org.peeloff.SctpSocket;

/**
 * An {@link IoHandle} that a {@link PeeloffIoHandler} can serve: it holds one Peeloff socket.
 */
public interface PeeloffIoHandle extends IoHandle {
    /**
     * @return the socket to watch: an {@link SctpSocket} or an {@link SctpMultiSocket}, non-blocking
     */
    Object socket();
}
