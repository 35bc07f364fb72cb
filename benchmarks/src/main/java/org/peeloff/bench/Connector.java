/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.bench;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sets up associations in bulk (set-up is never timed): client sockets connect from a few threads
 * while the calling thread receives the server's COMM_UP events, so that set-up, which is mostly
 * the kernel's handshake work, uses every CPU. Thread count: {@code peeloff.bench.connectThreads}
 * (default 8: a blocking connect waits for the handshake, so more threads than CPUs pay off).
 */
final class Connector {
    static final int THREADS = Integer.getInteger("peeloff.bench.connectThreads", 8);

    private Connector() {
    }

    /** An action on the i-th association that may fail. */
    interface Step {
        void run(int i) throws IOException;
    }

    /**
     * Runs {@code connect} for 0..n-1 from {@link #THREADS} threads and {@code awaitUp} n times in
     * this thread (once per association that comes up, in whatever order). When a connect fails,
     * {@code abort} runs (it closes the server, which wakes this thread) and the failure is thrown.
     */
    static void connectAll(int n, Step connect, Step awaitUp, Runnable abort) throws IOException {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] threads = new Thread[THREADS];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                int i;
                while (failure.get() == null && (i = next.getAndIncrement()) < n) {
                    try {
                        connect.run(i);
                    } catch (Throwable e) {
                        if (failure.compareAndSet(null, e)) {
                            abort.run();
                        }
                    }
                }
            }, "connector-" + t);
            threads[t].setDaemon(true);
            threads[t].start();
        }
        try {
            for (int i = 0; i < n; i++) {
                if (failure.get() != null) {
                    break;
                }
                try {
                    awaitUp.run(i);
                } catch (IOException | RuntimeException e) {
                    if (failure.get() == null) {
                        throw e;
                    }
                    break; // woken by abort: the connect failure is what matters
                }
            }
        } finally {
            for (Thread t : threads) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        Throwable f = failure.get();
        if (f instanceof IOException io) {
            throw io;
        }
        if (f instanceof RuntimeException re) {
            throw re;
        }
        if (f != null) {
            throw new IllegalStateException("connecting failed", f);
        }
    }
}
