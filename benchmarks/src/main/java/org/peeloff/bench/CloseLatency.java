/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.bench;

import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.nio.sctp.AbstractNotificationHandler;
import com.sun.nio.sctp.HandlerResult;
import com.sun.nio.sctp.SctpChannel;
import com.sun.nio.sctp.ShutdownNotification;

import org.peeloff.SctpClosedException;
import org.peeloff.SctpSocket;

/**
 * Measure 7, close latency: a thread blocked in a blocking {@code receive} on a peeled socket (nothing
 * is sent), another thread calls {@code close()}; the time from just before {@code close()} to the
 * blocked thread's {@link SctpClosedException}. The JDK's figure (its {@code AsynchronousCloseException}
 * on a {@code branch()}ed channel) is listed for reference.
 */
final class CloseLatency {
    private CloseLatency() {
    }

    /** A blocked receive that records when it ended and how. */
    private static final class Waiter {
        final AtomicLong endedAt = new AtomicLong();
        final AtomicReference<Throwable> how = new AtomicReference<>();
        Thread thread;
    }

    /** Milliseconds from close() to the exception, once per socket. */
    static List<Double> peeloff(int n, long blockedMillis) throws Exception {
        List<Double> ms = new ArrayList<>();
        try (PeeloffFixture f = PeeloffFixture.open(n)) {
            for (int i = 0; i < n; i++) {
                SctpSocket s = f.peelNext();
                Waiter w = new Waiter();
                w.thread = new Thread(() -> {
                    ByteBuffer dst = ByteBuffer.allocate(256);
                    try {
                        s.receive(dst);
                        w.how.set(new IllegalStateException("receive returned"));
                    } catch (Throwable e) {
                        w.endedAt.set(System.nanoTime());
                        w.how.set(e);
                    }
                }, "close-waiter");
                ms.add(measure(w, s::close, blockedMillis, SctpClosedException.class));
            }
        }
        return ms;
    }

    static List<Double> jdk(int n, long blockedMillis) throws Exception {
        List<Double> ms = new ArrayList<>();
        try (JdkFixture f = JdkFixture.open(n)) {
            AbstractNotificationHandler<Object> h = new AbstractNotificationHandler<>() {
                @Override
                public HandlerResult handleNotification(ShutdownNotification sn, Object attachment) {
                    return HandlerResult.RETURN;
                }
            };
            for (int i = 0; i < n; i++) {
                SctpChannel ch = f.branchNext();
                Waiter w = new Waiter();
                w.thread = new Thread(() -> {
                    ByteBuffer dst = ByteBuffer.allocate(256);
                    try {
                        ch.receive(dst, null, h);
                        w.how.set(new IllegalStateException("receive returned"));
                    } catch (Throwable e) {
                        w.endedAt.set(System.nanoTime());
                        w.how.set(e);
                    }
                }, "close-waiter");
                ms.add(measure(w, ch::close, blockedMillis, AsynchronousCloseException.class));
            }
        }
        return ms;
    }

    private static double measure(Waiter w, Loopback.Closer close, long blockedMillis,
                                  Class<? extends Throwable> expected) throws Exception {
        w.thread.setDaemon(true);
        w.thread.start();
        Thread.sleep(blockedMillis); // blocked well before the close (a Peeloff platform thread polls 1 ms first)
        if (w.how.get() != null) {
            throw new IllegalStateException("the receive ended before the close", w.how.get());
        }
        long t0 = System.nanoTime();
        close.close();
        w.thread.join(10_000);
        Throwable how = w.how.get();
        if (w.thread.isAlive() || how == null) {
            throw new IllegalStateException("the blocked receive did not end within 10 s of close()");
        }
        if (!expected.isInstance(how) && !(how instanceof ClosedChannelException && expected != SctpClosedException.class)) {
            throw new IllegalStateException("the blocked receive ended with " + how + ", not " + expected.getSimpleName(), how);
        }
        return (w.endedAt.get() - t0) / 1e6;
    }
}
