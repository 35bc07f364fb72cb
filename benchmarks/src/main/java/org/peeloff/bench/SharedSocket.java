/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.sun.nio.sctp.AbstractNotificationHandler;
import com.sun.nio.sctp.Association;
import com.sun.nio.sctp.AssociationChangeNotification;
import com.sun.nio.sctp.HandlerResult;
import com.sun.nio.sctp.MessageInfo;
import com.sun.nio.sctp.SctpChannel;
import com.sun.nio.sctp.SctpMultiChannel;
import com.sun.nio.sctp.ShutdownNotification;

import org.peeloff.AssociationChange;
import org.peeloff.AssociationId;
import org.peeloff.SctpData;
import org.peeloff.SctpException;
import org.peeloff.SctpMultiSocket;
import org.peeloff.SctpReceived;
import org.peeloff.SctpSocket;

/**
 * Measure 4, the shared socket (the man page's motivation): a one-to-many server serving many
 * associations from one thread. The load comes from the C program's {@code load} mode in its own
 * process, the same load for all three servers: a few busy associations send 1,024-byte messages
 * as fast as they can, the others one small message each per interval. Receive throughput (all
 * associations together) is measured for a window; then the receiving thread peels off the
 * busiest associations (by messages received so far), serves each from its own thread, and the
 * throughput is measured again.
 */
final class SharedSocket {
    private SharedSocket() {
    }

    /** Throughput before and after, and the ids peeled off with their message counts. */
    record Outcome(Throughput.Rate before, Throughput.Rate after, String peeled) {
    }

    /** Per-thread counters, summed by the measuring thread. */
    static final class Counters {
        final Throughput.Counter[] slots;

        Counters(int n) {
            slots = new Throughput.Counter[n];
            for (int i = 0; i < n; i++) {
                slots[i] = new Throughput.Counter();
            }
        }

        Throughput.Counter sum() {
            Throughput.Counter s = new Throughput.Counter();
            for (Throughput.Counter c : slots) {
                s.msgs += c.msgs;
                s.bytes += c.bytes;
            }
            return s;
        }
    }

    /** Messages received per association id, on the shared socket (the same open addressing as the C side). */
    static final class PerAssociation {
        private static final int SLOTS = 4096;
        private final int[] keys = new int[SLOTS];
        private final long[] msgs = new long[SLOTS];

        private int slot(int id) {
            int h = id * 0x9E3779B1 & (SLOTS - 1);
            while (keys[h] != 0 && keys[h] != id) {
                h = (h + 1) & (SLOTS - 1);
            }
            keys[h] = id;
            return h;
        }

        void seen(int id) {
            slot(id);
        }

        void count(int id) {
            msgs[slot(id)]++;
        }

        /** Removes and returns the busiest id, or 0 when none is left. */
        int takeBusiest(StringBuilder log) {
            int best = -1;
            for (int h = 0; h < SLOTS; h++) {
                if (keys[h] > 0 && (best < 0 || msgs[h] > msgs[best])) {
                    best = h;
                }
            }
            if (best < 0) {
                return 0;
            }
            int id = keys[best];
            log.append(log.length() == 0 ? "" : ",").append(id).append(':').append(msgs[best]);
            keys[best] = -1;
            return id;
        }
    }

    /** What the measuring thread and the shared-socket thread share. */
    static final class Control {
        volatile int up;
        volatile boolean peelNow;
        volatile boolean peelDone;
        volatile boolean stopping;
        volatile Throwable failure;
        final StringBuilder peeledLog = new StringBuilder();

        /**
         * On the shared socket's thread, once the measuring thread has asked: takes off up to
         * {@code busy} of the busiest associations, busiest first, each to counter slot 1, 2, ...
         *
         * @param per  the shared socket's counts
         * @param busy how many to take off
         * @param off  takes one association off its socket and serves it from a thread of its own
         */
        <E extends Exception> void peelIfAsked(PerAssociation per, int busy, TakeOff<E> off) throws E {
            if (!peelNow || peelDone) {
                return;
            }
            for (int k = 0; k < busy; k++) {
                int id = per.takeBusiest(peeledLog);
                if (id == 0) {
                    break;
                }
                off.takeOff(id, k + 1);
            }
            peelDone = true;
        }
    }

    /** How a server takes an association off its shared socket. */
    @FunctionalInterface
    interface TakeOff<E extends Exception> {
        void takeOff(int id, int slot) throws E;
    }

    /** Starts the load generator against the port and measures with the given server. */
    static Outcome measure(Server server, Load load, long warmupMillis, long windowMillis) throws Exception {
        Counters counters = new Counters(load.busy + 1);
        Control control = new Control();
        Process loader = null;
        try {
            server.start(counters, control, load.busy);
            loader = load.start(server.port());
            long deadline = System.nanoTime() + 600_000_000_000L;
            while (control.up < load.assocs) {
                if (control.failure != null) {
                    throw new IllegalStateException("the server failed", control.failure);
                }
                if (!loader.isAlive() && control.up < load.assocs) {
                    throw new IllegalStateException("the load generator exited (" + loader.exitValue() + ") after "
                            + control.up + " associations");
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + control.up + " associations came up");
                }
                Thread.sleep(10);
            }
            Throughput.Rate before = Throughput.window(counters::sum, warmupMillis, windowMillis);
            control.peelNow = true;
            while (!control.peelDone) {
                if (control.failure != null) {
                    throw new IllegalStateException("the server failed", control.failure);
                }
                Thread.sleep(5);
            }
            Throughput.Rate after = Throughput.window(counters::sum, warmupMillis, windowMillis);
            if (control.failure != null) {
                throw new IllegalStateException("the server failed", control.failure);
            }
            return new Outcome(before, after, control.peeledLog.toString());
        } finally {
            control.stopping = true;
            if (loader != null) {
                loader.destroyForcibly();
                loader.waitFor();
            }
            server.stop();
        }
    }

    /** The C load generator's parameters. */
    record Load(String cBinary, int assocs, int busy, int busySize, int sporadicSize, int sporadicIntervalMillis,
                int pathMtu) {
        Process start(int port) throws IOException {
            return new ProcessBuilder(cBinary, "load", Integer.toString(port), Integer.toString(assocs),
                    Integer.toString(busy), Integer.toString(busySize), Integer.toString(sporadicSize),
                    Integer.toString(sporadicIntervalMillis), Integer.toString(pathMtu), "900")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        }
    }

    /** A server implementation. */
    interface Server {
        void start(Counters counters, Control control, int busy) throws Exception;

        int port();

        void stop();
    }

    // ------------------------------------------------------------------ Peeloff

    static final class PeeloffServer implements Server {
        private SctpMultiSocket server;
        private final List<SctpSocket> peeled = new ArrayList<>();
        private final List<Thread> threads = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void start(Counters counters, Control control, int busy) throws SctpException {
            server = SctpMultiSocket.open().bind(Loopback.any()).listen();
            spawn(threads, () -> {
                ByteBuffer buf = ByteBuffer.allocateDirect(65536);
                PerAssociation per = new PerAssociation();
                Throughput.Counter mine = counters.slots[0];
                TakeOff<SctpException> peelOff = (id, slot) -> {
                    SctpSocket s = server.peelOff(AssociationId.of(id));
                    peeled.add(s);
                    startPeeled(s, counters.slots[slot], control);
                };
                try {
                    while (!control.stopping) {
                        SctpReceived r = server.receive(buf.clear());
                        if (r instanceof SctpData d) {
                            if (d.complete()) {
                                per.count(d.association().value());
                            }
                            mine.add(d.complete(), d.bytes());
                        } else if (r instanceof AssociationChange c
                                && c.state() == AssociationChange.State.COMMUNICATION_UP) {
                            per.seen(c.association().value());
                            control.up++;
                        }
                        control.peelIfAsked(per, busy, peelOff);
                    }
                } catch (SctpException e) {
                    if (!control.stopping) {
                        control.failure = e;
                    }
                }
            }, "peeloff-shared");
        }

        private void startPeeled(SctpSocket s, Throughput.Counter mine, Control control) {
            spawn(threads, () -> {
                ByteBuffer buf = ByteBuffer.allocateDirect(65536);
                try {
                    while (!control.stopping) {
                        SctpReceived r = s.receive(buf.clear());
                        if (r instanceof SctpData d) {
                            mine.add(d.complete(), d.bytes());
                        }
                    }
                } catch (SctpException e) {
                    // closed, or the load generator went away
                }
            }, "peeloff-peeled-" + s.association());
        }

        @Override
        public int port() {
            try {
                return server.localAddresses().get(0).getPort();
            } catch (SctpException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void stop() {
            peeled.forEach(Loopback::closeQuietly);
            Loopback.closeQuietly(server);
            joinAll(threads);
        }
    }

    // ------------------------------------------------------------------ JDK

    static final class JdkServer implements Server {
        private SctpMultiChannel server;
        private final List<SctpChannel> branched = new ArrayList<>();
        private final List<Thread> threads = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void start(Counters counters, Control control, int busy) throws IOException {
            server = SctpMultiChannel.open().bind(Loopback.any(), 128);
            Map<Integer, Association> byId = new HashMap<>();
            PerAssociation per = new PerAssociation();
            AbstractNotificationHandler<Object> handler = new AbstractNotificationHandler<>() {
                @Override
                public HandlerResult handleNotification(AssociationChangeNotification n, Object attachment) {
                    if (n.event() == AssociationChangeNotification.AssocChangeEvent.COMM_UP) {
                        byId.put(n.association().associationID(), n.association());
                        per.seen(n.association().associationID());
                        control.up++;
                    }
                    return HandlerResult.CONTINUE;
                }
            };
            spawn(threads, () -> {
                ByteBuffer buf = ByteBuffer.allocateDirect(65536);
                Throughput.Counter mine = counters.slots[0];
                TakeOff<IOException> branch = (id, slot) -> {
                    SctpChannel c = server.branch(byId.get(id));
                    branched.add(c);
                    startBranched(c, counters.slots[slot], control);
                };
                try {
                    while (!control.stopping) {
                        MessageInfo info = server.receive(buf.clear(), null, handler);
                        if (info != null && info.bytes() >= 0) {
                            if (info.isComplete()) {
                                per.count(info.association().associationID());
                            }
                            mine.add(info.isComplete(), info.bytes());
                        }
                        control.peelIfAsked(per, busy, branch);
                    }
                } catch (IOException | RuntimeException e) {
                    if (!control.stopping) {
                        control.failure = e;
                    }
                }
            }, "jdk-shared");
        }

        private void startBranched(SctpChannel c, Throughput.Counter mine, Control control) {
            AbstractNotificationHandler<Object> handler = new AbstractNotificationHandler<>() {
                @Override
                public HandlerResult handleNotification(ShutdownNotification n, Object attachment) {
                    return HandlerResult.RETURN;
                }
            };
            spawn(threads, () -> {
                ByteBuffer buf = ByteBuffer.allocateDirect(65536);
                try {
                    while (!control.stopping) {
                        MessageInfo info = c.receive(buf.clear(), null, handler);
                        if (info == null || info.bytes() < 0) {
                            break;
                        }
                        mine.add(info.isComplete(), info.bytes());
                    }
                } catch (IOException e) {
                    // closed
                }
            }, "jdk-branched");
        }

        @Override
        public int port() {
            try {
                return JdkFixture.localAddress(server).getPort();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void stop() {
            branched.forEach(Loopback::closeQuietly);
            Loopback.closeQuietly(server);
            joinAll(threads);
        }
    }

    /** Starts a daemon thread running {@code body} and keeps it in {@code threads} for {@link #joinAll}. */
    static void spawn(List<Thread> threads, Runnable body, String name) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    static void joinAll(List<Thread> threads) {
        List<Thread> copy;
        synchronized (threads) {
            copy = new ArrayList<>(threads);
        }
        for (Thread t : copy) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
