/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.nio.sctp.AbstractNotificationHandler;
import com.sun.nio.sctp.Association;
import com.sun.nio.sctp.HandlerResult;
import com.sun.nio.sctp.MessageInfo;
import com.sun.nio.sctp.SctpChannel;
import com.sun.nio.sctp.SctpMultiChannel;

import org.peeloff.AssociationId;
import org.peeloff.PeeloffOption;
import org.peeloff.SctpData;
import org.peeloff.SctpException;
import org.peeloff.SctpMultiSocket;
import org.peeloff.SctpReceived;
import org.peeloff.SctpSelectionKey;
import org.peeloff.SctpSelector;
import org.peeloff.SctpSocket;

/**
 * Measure 5, the event loop: one thread serves N peeled associations. The load is the C program's
 * {@code load} mode in its own process (N one-to-one client associations, one thread sending a 64-byte
 * message on each in turn, non-blocking, without pause), the same for all three servers. The server
 * peels off each association as its COMMUNICATION_UP arrives, non-blocking, and registers it for
 * reading: Peeloff with its {@link SctpSelector}, the JDK with a {@link Selector} and
 * {@code branch()}ed channels, C ({@code loop-server}) with epoll. One thread then selects and
 * receives on every ready socket until nothing is left. Messages received during the window.
 */
final class EventLoop {
    private EventLoop() {
    }

    /** The load of measure 5 for N associations. */
    static SharedSocket.Load load(String cBinary, int n) {
        return new SharedSocket.Load(cBinary, n, 0, 1024, 64, 0, 1500);
    }

    /** Closes {@code toClose} if the load generator dies while the server waits for its associations. */
    private static Thread watchdog(Process loader, AutoCloseable toClose, AtomicReference<String> why) {
        Thread t = new Thread(() -> {
            try {
                int rc = loader.waitFor();
                why.compareAndSet(null, "the load generator exited with status " + rc);
                Loopback.closeQuietly(toClose);
            } catch (InterruptedException e) {
                // done waiting: the measurement is over
            }
        }, "loop-watchdog");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Runs {@code loop} in its own thread for a warm-up and a window; the counter is the loop's. */
    private static Throughput.Rate serve(Throughput.Counter counter, LoopBody loop, long warmupMillis, long windowMillis)
            throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                loop.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "event-loop");
        t.setDaemon(true);
        t.start();
        Throughput.Rate r = Throughput.window(() -> counter, warmupMillis, windowMillis);
        loop.stop();
        t.join(30_000);
        if (failure.get() != null) {
            throw new IllegalStateException("the event loop failed", failure.get());
        }
        return r;
    }

    /** An event loop that runs until stopped. */
    abstract static class LoopBody {
        volatile boolean stop;

        abstract void run() throws Exception;

        void stop() {
            stop = true;
        }
    }

    // ------------------------------------------------------------------ Peeloff

    static Throughput.Rate peeloff(SharedSocket.Load load, long warmupMillis, long windowMillis) throws Exception {
        List<SctpSocket> peeled = new ArrayList<>();
        AtomicReference<String> why = new AtomicReference<>();
        try (SctpMultiSocket server = SctpMultiSocket.open().bind(Loopback.any()).listen();
             SctpSelector selector = SctpSelector.open()) {
            Process loader = load.start(server.localAddresses().get(0).getPort());
            Thread dog = watchdog(loader, server, why);
            try {
                ByteBuffer buf = ByteBuffer.allocateDirect(65536);
                for (int i = 0; i < load.assocs(); i++) {
                    AssociationId id;
                    try {
                        id = PeeloffFixture.awaitUp(server, buf);
                    } catch (SctpException e) {
                        throw new IllegalStateException(why.get() != null ? why.get() : "set-up failed", e);
                    }
                    SctpSocket s = server.peelOff(id, PeeloffOption.NONBLOCK);
                    peeled.add(s);
                    selector.register(s, SctpSelectionKey.OP_READ, null);
                }
                dog.interrupt();
                Throughput.Counter counter = new Throughput.Counter();
                return serve(counter, new LoopBody() {
                    @Override
                    void run() throws SctpException {
                        while (!stop) {
                            int n = selector.select(100);
                            for (int k = 0; k < n; k++) {
                                SctpSelectionKey key = selector.selectedKey(k);
                                SctpSocket s = (SctpSocket) key.socket();
                                try {
                                    SctpReceived r;
                                    while ((r = s.receive(buf.clear())) != null) {
                                        if (r instanceof SctpData d) {
                                            counter.add(d.complete(), d.bytes());
                                        }
                                    }
                                } catch (SctpException e) {
                                    key.cancel(); // its association ended
                                }
                            }
                        }
                    }
                }, warmupMillis, windowMillis);
            } finally {
                dog.interrupt();
                loader.destroyForcibly();
                loader.waitFor();
                peeled.forEach(Loopback::closeQuietly);
            }
        }
    }

    // ------------------------------------------------------------------ JDK

    static Throughput.Rate jdk(SharedSocket.Load load, long warmupMillis, long windowMillis) throws Exception {
        List<SctpChannel> branched = new ArrayList<>();
        AtomicReference<String> why = new AtomicReference<>();
        try (SctpMultiChannel server = SctpMultiChannel.open().bind(Loopback.any(), 128);
             Selector selector = Selector.open()) {
            Process loader = load.start(JdkFixture.localAddress(server).getPort());
            Thread dog = watchdog(loader, server, why);
            try {
                ByteBuffer buf = ByteBuffer.allocateDirect(65536);
                JdkFixture.UpHandler up = new JdkFixture.UpHandler();
                for (int i = 0; i < load.assocs(); i++) {
                    Association a;
                    try {
                        a = up.await(server, buf);
                    } catch (IOException e) {
                        throw new IllegalStateException(why.get() != null ? why.get() : "set-up failed", e);
                    }
                    SctpChannel c = server.branch(a);
                    branched.add(c);
                    c.configureBlocking(false);
                    c.register(selector, SelectionKey.OP_READ);
                }
                dog.interrupt();
                AbstractNotificationHandler<Object> handler = new AbstractNotificationHandler<>() {
                    @Override
                    public HandlerResult handleNotification(com.sun.nio.sctp.ShutdownNotification n, Object attachment) {
                        return HandlerResult.RETURN;
                    }
                };
                Throughput.Counter counter = new Throughput.Counter();
                return serve(counter, new LoopBody() {
                    @Override
                    void run() throws IOException {
                        while (!stop) {
                            selector.select(100);
                            Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                            while (it.hasNext()) {
                                SelectionKey key = it.next();
                                it.remove();
                                SctpChannel c = (SctpChannel) key.channel();
                                try {
                                    MessageInfo info;
                                    while ((info = c.receive(buf.clear(), null, handler)) != null) {
                                        if (info.bytes() < 0) {
                                            key.cancel();
                                            break;
                                        }
                                        counter.add(info.isComplete(), info.bytes());
                                    }
                                } catch (IOException e) {
                                    key.cancel(); // its association ended
                                }
                            }
                        }
                    }

                    @Override
                    void stop() {
                        super.stop();
                        selector.wakeup();
                    }
                }, warmupMillis, windowMillis);
            } finally {
                dog.interrupt();
                loader.destroyForcibly();
                loader.waitFor();
                branched.forEach(Loopback::closeQuietly);
            }
        }
    }
}
