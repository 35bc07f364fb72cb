/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

/**
 * The socket was closed before the call, or while the call was waiting (the
 * {@link java.nio.channels.ClosedChannelException} of this API). Its error is always
 * {@link SctpError#CLOSED} and it never reaches a native descriptor.
 */
public final class SctpClosedException extends SctpException {
    private static final long serialVersionUID = 1L;

    /**
     * @param call the call that found the socket closed, e.g. {@code receive(fd=7)}
     */
    public SctpClosedException(String call) {
        this(call, false);
    }

    /**
     * @param call    the call that found the socket closed
     * @param waiting true when the socket was closed while the call was waiting in it
     */
    public SctpClosedException(String call, boolean waiting) {
        super(call + (waiting ? " woken: the socket was closed while waiting" : " refused: the socket is closed")
                + " -> " + SctpError.CLOSED, SctpError.CLOSED, call);
    }
}
