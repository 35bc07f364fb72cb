/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import com.sun.nio.sctp.AbstractNotificationHandler;
import com.sun.nio.sctp.HandlerResult;
import com.sun.nio.sctp.MessageInfo;
import com.sun.nio.sctp.SctpChannel;
import com.sun.nio.sctp.SctpMultiChannel;
import com.sun.nio.sctp.SctpStandardSocketOptions;
import com.sun.nio.sctp.ShutdownNotification;

import org.peeloff.AssociationId;
import org.peeloff.SctpData;
import org.peeloff.SctpException;
import org.peeloff.SctpMultiSocket;
import org.peeloff.SctpReceived;
import org.peeloff.SctpSocket;

/**
 * Measure 3, throughput on a peeled socket (a whole scenario, a plain timed window): one
 * association from a one-to-one client to a one-to-many server, peeled off on the server; SCTP_NODELAY
 * on both ends; a sender thread sends messages of one size as fast as it can, a receiver thread
 * receives them on the peeled socket. After a warm-up, the messages and bytes received during a
 * window give messages per second and MB/s. The C program does the same with lksctp.
 */
final class Throughput {
    private Throughput() {
    }

    /** What the receiver has counted so far (written by the receiver only). */
    static final class Counter {
        volatile long msgs;
        volatile long bytes;

        /**
         * Counts one received piece; called by the one receiving thread only (hence no atomics).
         *
         * @param complete whether it ends a message
         * @param n        its bytes
         */
        void add(boolean complete, long n) {
            if (complete) {
                msgs++;
            }
            bytes += n;
        }
    }

    /** Messages/s and MB/s (10^6 bytes) in the window. */
    record Rate(double msgsPerSecond, double mbPerSecond, long msgs, double seconds) {
    }

    /**
     * Samples the counts over a window after a warm-up.
     *
     * @param counts the counter, or a sum of counters taken when asked
     */
    /** How long a window waits at most for the JIT to be quiet before it opens. */
    static final long WINDOW_JIT_WAIT_MILLIS = 60_000;

    static Rate window(Supplier<Counter> counts, long warmupMillis, long windowMillis) throws InterruptedException {
        Thread.sleep(warmupMillis);
        // Under instruction counting the JIT's compiler threads share the one CPU with the measured
        // code: a compilation that lands in the window is billed to it (measure 5's first
        // repetitions, results/2026-12-05-icount-measures-5-7.md). The traffic goes on while this
        // waits, so what it makes hot is compiled before the window opens.
        long waited = Jit.awaitQuiet(WINDOW_JIT_WAIT_MILLIS);
        long jit0 = Jit.millis();
        Counter c0 = counts.get();
        long m0 = c0.msgs;
        long b0 = c0.bytes;
        long t0 = System.nanoTime();
        Thread.sleep(windowMillis);
        Counter c1 = counts.get();
        long m1 = c1.msgs;
        long b1 = c1.bytes;
        long t1 = System.nanoTime();
        double s = (t1 - t0) / 1e9;
        long jit1 = Jit.millis();
        Driver.say("      (JIT: waited %d ms for it to be quiet; %d ms of compilation ended in the window)", waited,
                jit0 < 0 ? -1 : jit1 - jit0);
        return new Rate((m1 - m0) / s, (b1 - b0) / s / 1e6, m1 - m0, s);
    }

    // ------------------------------------------------------------------ Peeloff

    static Rate peeloff(int size, long warmupMillis, long windowMillis) throws Exception {
        try (SctpMultiSocket server = SctpMultiSocket.open().bind(Loopback.any()).listen();
             SctpSocket client = SctpSocket.open()) {
            client.setNoDelay(true);
            client.connect(server.localAddresses().get(0));
            AssociationId id = PeeloffFixture.awaitUp(server, ByteBuffer.allocateDirect(8192));
            try (SctpSocket peeled = server.peelOff(id)) {
                peeled.setNoDelay(true);
                Counter counter = new Counter();
                AtomicReference<Throwable> failure = new AtomicReference<>();
                Thread receiver = new Thread(() -> {
                    ByteBuffer dst = ByteBuffer.allocateDirect(65536);
                    try {
                        while (true) {
                            SctpReceived r = peeled.receive(dst.clear());
                            if (r instanceof SctpData d) {
                                counter.add(d.complete(), d.bytes());
                            }
                        }
                    } catch (SctpException e) {
                        // the sender closed (NOT_CONNECTED), or we were closed: done
                    }
                }, "peeloff-receiver");
                Sender sender = new Sender("peeloff-sender", failure) {
                    private final ByteBuffer src = ByteBuffer.allocateDirect(size);

                    @Override
                    void sendOne() throws SctpException {
                        client.send(src.clear(), 0);
                    }

                    @Override
                    void finish() {
                        Loopback.closeQuietly(client);
                    }
                };
                return run(receiver, sender, counter, failure, warmupMillis, windowMillis, peeled);
            }
        }
    }

    // ------------------------------------------------------------------ JDK

    static Rate jdk(int size, long warmupMillis, long windowMillis) throws Exception {
        try (SctpMultiChannel server = SctpMultiChannel.open().bind(Loopback.any(), 16);
             SctpChannel client = SctpChannel.open()) {
            client.setOption(SctpStandardSocketOptions.SCTP_NODELAY, true);
            client.connect(JdkFixture.localAddress(server));
            var up = new JdkFixture.UpHandler().await(server, ByteBuffer.allocateDirect(8192));
            try (SctpChannel peeled = server.branch(up)) {
                peeled.setOption(SctpStandardSocketOptions.SCTP_NODELAY, true);
                Counter counter = new Counter();
                AtomicReference<Throwable> failure = new AtomicReference<>();
                AbstractNotificationHandler<Object> handler = new AbstractNotificationHandler<>() {
                    @Override
                    public HandlerResult handleNotification(ShutdownNotification n, Object attachment) {
                        return HandlerResult.RETURN;
                    }
                };
                Thread receiver = new Thread(() -> {
                    ByteBuffer dst = ByteBuffer.allocateDirect(65536);
                    try {
                        while (true) {
                            MessageInfo info = peeled.receive(dst.clear(), null, handler);
                            if (info == null || info.bytes() < 0) {
                                break; // shut down, or end of file
                            }
                            counter.add(info.isComplete(), info.bytes());
                        }
                    } catch (IOException e) {
                        // closed: done
                    }
                }, "jdk-receiver");
                Sender sender = new Sender("jdk-sender", failure) {
                    private final ByteBuffer src = ByteBuffer.allocateDirect(size);
                    private final MessageInfo out = MessageInfo.createOutgoing(null, 0);

                    @Override
                    void sendOne() throws IOException {
                        client.send(src.clear(), out);
                    }

                    @Override
                    void finish() {
                        Loopback.closeQuietly(client);
                    }
                };
                return run(receiver, sender, counter, failure, warmupMillis, windowMillis, peeled);
            }
        }
    }

    // ------------------------------------------------------------------ common

    /** Sends until stopped, then closes its socket (the receiver then sees the end). */
    abstract static class Sender extends Thread {
        volatile boolean stop;
        private final AtomicReference<Throwable> failure;

        Sender(String name, AtomicReference<Throwable> failure) {
            super(name);
            this.failure = failure;
        }

        abstract void sendOne() throws Exception;

        abstract void finish();

        @Override
        public void run() {
            try {
                while (!stop) {
                    sendOne();
                }
            } catch (Throwable t) {
                if (!stop) {
                    failure.set(t);
                }
            } finally {
                finish();
            }
        }
    }

    private static Rate run(Thread receiver, Sender sender, Counter counter, AtomicReference<Throwable> failure,
                            long warmupMillis, long windowMillis, AutoCloseable receiving) throws Exception {
        receiver.setDaemon(true);
        sender.setDaemon(true);
        receiver.start();
        sender.start();
        Rate rate = window(() -> counter, warmupMillis, windowMillis);
        sender.stop = true;
        sender.join(30_000);
        receiver.join(10_000);
        if (receiver.isAlive()) {
            Loopback.closeQuietly(receiving); // wakes it
            receiver.join(10_000);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("the sender failed", failure.get());
        }
        return rate;
    }
}
