/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

import java.util.ArrayList;
import java.util.List;
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
 *
 * <p>Close listeners (selection keys, threads parked in a blocking call) run in {@link #close()},
 * while {@code close()} itself holds the descriptor: so a listener that takes the descriptor out of
 * a readiness backend always does so before the native close, never on a number since reused.
 */
final class Descriptor {
    private static final System.Logger LOG = System.getLogger(Descriptor.class.getName());

    private final SctpProvider provider;
    private final int fd;
    private final AtomicInteger state = new AtomicInteger();
    /** null, or the listeners to run on close; guarded by {@code this}. */
    private ArrayList<CloseListener> listeners;

    /** Told once that the descriptor is being closed, before the native close. */
    interface CloseListener {
        /** Called from {@link #close()}, with the descriptor still open natively; must not block. */
        void descriptorClosing();
    }

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
            if (state.compareAndSet(s, (s | 1) + 2)) { // closed, and held by this close meanwhile
                break;
            }
        }
        List<CloseListener> told;
        synchronized (this) {
            told = listeners;
            listeners = null;
        }
        if (told != null) {
            for (CloseListener l : told) {
                try {
                    l.descriptorClosing();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "a close listener of fd " + fd + " failed", e);
                }
            }
        }
        if (state.addAndGet(-2) == 1) {
            provider.close(fd);
        }
    }

    /**
     * @param l told when the descriptor is closed
     * @return false when it is closed already (then {@code l} is not kept)
     */
    boolean addCloseListener(CloseListener l) {
        synchronized (this) {
            if (isClosed()) {
                return false;
            }
            if (listeners == null) {
                listeners = new ArrayList<>(2);
            }
            listeners.add(l);
            return true;
        }
    }

    /** @param l a listener no longer interested */
    void removeCloseListener(CloseListener l) {
        synchronized (this) {
            if (listeners != null) {
                listeners.remove(l);
            }
        }
    }

    /**
     * @param type a listener class
     * @param test what it must satisfy
     * @param <T>  the class
     * @return the first listener of that class satisfying {@code test}, or null
     */
    <T extends CloseListener> T findCloseListener(Class<T> type, java.util.function.Predicate<T> test) {
        synchronized (this) {
            if (listeners != null) {
                for (CloseListener l : listeners) {
                    if (type.isInstance(l) && test.test(type.cast(l))) {
                        return type.cast(l);
                    }
                }
            }
            return null;
        }
    }
}
