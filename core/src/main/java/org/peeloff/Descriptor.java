/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

import java.util.concurrent.atomic.AtomicInteger;

import org.peeloff.spi.SctpProvider;

/**
 * A native descriptor shared by the threads using one socket. Every operation holds it for the
 * length of its native call(s); {@link #close()} marks it closed at once, and the native
 * {@code close()} runs only when the last holder lets go. So a descriptor number is never used
 * after it has been closed, even when close races with a call in another thread: the number
 * cannot have been handed to anybody else yet.
 *
 * <p>State: bit 0 set once closed; the rest counts holders (in steps of 2).
 */
final class Descriptor {
    private static final System.Logger LOG = System.getLogger(Descriptor.class.getName());

    private final SctpProvider provider;
    private final int fd;
    private final AtomicInteger state = new AtomicInteger();

    Descriptor(SctpProvider provider, int fd) {
        this.provider = provider;
        this.fd = fd;
    }

    /** @return the number, for messages and for callers that already hold it */
    int number() {
        return fd;
    }

    /**
     * Takes a hold on the descriptor for one operation.
     *
     * @param op the operation, for the error message
     * @return the descriptor number, valid until {@link #release()}
     * @throws SctpClosedException when closed
     */
    int acquire(String op) throws SctpClosedException {
        while (true) {
            int s = state.get();
            if ((s & 1) != 0) {
                throw new SctpClosedException(op + "(fd=" + fd + ")");
            }
            if (s + 2 < 0) {
                throw new IllegalStateException("too many concurrent operations on fd " + fd);
            }
            if (state.compareAndSet(s, s + 2)) {
                return fd;
            }
        }
    }

    /** Lets go of a hold; the last holder after a close performs the native close. */
    void release() {
        if (state.addAndGet(-2) == 1) {
            try {
                provider.close(fd);
            } catch (SctpException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "deferred close of fd " + fd + " failed", e);
            }
        }
    }

    /** @return true once {@link #close()} has been called */
    boolean isClosed() {
        return (state.get() & 1) != 0;
    }

    /**
     * Marks the descriptor closed; closes it natively now if nobody holds it, else when the last
     * holder lets go. Idempotent.
     *
     * @throws SctpException when the native close fails right here
     */
    void close() throws SctpException {
        while (true) {
            int s = state.get();
            if ((s & 1) != 0) {
                return;
            }
            if (state.compareAndSet(s, s | 1)) {
                if (s == 0) {
                    provider.close(fd);
                }
                return;
            }
        }
    }
}
