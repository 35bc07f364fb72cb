/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peeloff.compat.Associations.link;
import static org.peeloff.compat.Associations.server;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.peeloff.SctpClosedException;
import org.peeloff.SctpData;
import org.peeloff.SctpError;
import org.peeloff.SctpException;
import org.peeloff.SctpMultiSocket;
import org.peeloff.SctpReceived;
import org.peeloff.SctpSocket;
import org.peeloff.compat.Associations.Cleanup;
import org.peeloff.compat.Associations.Link;
import org.peeloff.spi.SctpProvider;

/**
 * TCK group: blocking receive and send on peeled-off (one-to-one) sockets from platform threads, the
 * path where a provider may wait in the kernel for a bounded time ({@code SO_RCVTIMEO}/{@code SO_SNDTIMEO}
 * on Linux) before it parks on its readiness backend. Whatever the path: every message arrives once, in
 * order; a message sent long after the receive began still wakes it; close wakes a receive or send at
 * once, also one that has only just begun; an association that ends while a receive waits ends it with
 * {@code NOT_CONNECTED}, not a wait for ever; non-blocking use after blocking use never waits. With the
 * provider on both ends, on loopback. Hooked into {@link SctpProviderTck} by its {@code BlockingWaits} group.
 */
public abstract class BlockingWaitCases {
    private static final int SIZE = 1024;

    private final SctpProviderTck tck;

    /**
     * @param tck the TCK instance whose provider is under test
     */
    protected BlockingWaitCases(SctpProviderTck tck) {
        this.tck = tck;
    }

    private SctpProvider provider() {
        return tck.providerUnderTest();
    }

    /** Both ends of one association peeled off: [client side, server side], blocking. */
    private static SctpSocket[] peeledPair(Cleanup r, SctpProvider p, SctpMultiSocket server) throws SctpException {
        Link l = link(r, p, server);
        SctpSocket client = r.add(l.client().peelOff(l.clientSide()));
        SctpSocket serverSide = r.add(server.peelOff(l.serverSide()));
        assertTrue(client.isBlocking() && serverSide.isBlocking(), "peeled sockets are blocking by default");
        return new SctpSocket[] {client, serverSide};
    }

    private static ByteBuffer numbered(int i, int size) {
        ByteBuffer b = ByteBuffer.allocateDirect(size);
        for (int k = 0; k < size; k += 4) {
            b.putInt(k, i * 31 + k);
        }
        b.putInt(0, i);
        return b;
    }

    /** @return the message's number, after checking every byte of it */
    private static int number(ByteBuffer data, int size) {
        assertEquals(size, data.remaining(), "message length");
        int i = data.getInt(data.position());
        for (int k = 4; k < size; k += 4) {
            if (data.getInt(data.position() + k) != i * 31 + k) {
                throw new AssertionFailedError("message " + i + " is corrupt at byte " + k);
            }
        }
        return i;
    }

    /** The next data message, by blocking receives (notifications skipped); the buffer flipped to hold it. */
    private static SctpData blockingData(SctpSocket s, ByteBuffer buf) throws SctpException {
        while (true) {
            SctpReceived r = s.receive(buf.clear());
            if (r instanceof SctpData d) {
                assertTrue(d.complete(), "a 1 KiB message arrives whole");
                buf.flip();
                return d;
            }
            assertTrue(r != null, "a blocking receive never returns null");
        }
    }

    private static Thread daemon(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void blocking_peeled_sockets_carry_5000_messages_in_order_none_lost_with_sender_and_receiver_waiting_in_turn(
            Observed o) throws Exception {
        SctpProvider p = provider();
        int count = 5_000;
        try (Cleanup r = new Cleanup()) {
            SctpMultiSocket server = r.add(SctpMultiSocket.open(p, java.net.StandardProtocolFamily.INET));
            server.setReceiveBufferSize(16 * 1024); // a small window: the sender waits for room often
            server.bind(new java.net.InetSocketAddress(Associations.LOOPBACK, 0)).listen();
            SctpSocket[] pair = peeledPair(r, p, server);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicInteger sent = new AtomicInteger();
            Thread sender = daemon("tck-blocking-sender", () -> {
                try {
                    for (int i = 0; i < count; i++) {
                        assertEquals(SIZE, pair[0].send(numbered(i, SIZE), 0), "a blocking send sends it all");
                        sent.incrementAndGet();
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            ByteBuffer buf = ByteBuffer.allocateDirect(SIZE * 2);
            long t0 = System.nanoTime();
            for (int i = 0; i < count; i++) {
                if (failure.get() != null) {
                    throw new AssertionFailedError("the sender failed after " + sent.get() + " messages", failure.get());
                }
                blockingData(pair[1], buf);
                assertEquals(i, number(buf, SIZE), "messages arrive once each, in order");
            }
            sender.join(Associations.WAIT.toMillis());
            assertFalse(sender.isAlive(), "the sender finished");
            if (failure.get() != null) {
                throw new AssertionFailedError("the sender failed", failure.get());
            }
            o.note(count + " messages of " + SIZE + " bytes, blocking sender and receiver threads on peeled sockets, in "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms");
            // and back, on the same pair: the receive side of the client works as well
            pair[1].send(numbered(count, SIZE), 0);
            blockingData(pair[0], buf);
            assertEquals(count, number(buf, SIZE));
            assertNull(nonBlockingReceive(pair[1]), "nothing else was queued");
        }
    }

    /**
     * Non-blocking sends until there is no room, again after a pause until a pause brings no more room
     * (what was in flight is acknowledged and frees the send buffer until the peer's window, never read,
     * is full): a blocking send then really waits.
     */
    private static void fillUntilNoRoom(SctpSocket s) throws Exception {
        s.configureBlocking(false);
        int filled = 0;
        for (int round = 0; round < 50; round++) {
            int before = filled;
            while (s.send(numbered(filled, SIZE), 0) > 0) {
                filled++;
                assertTrue(filled < 1_000_000, "the peer's window never filled");
            }
            if (round > 0 && filled == before) {
                s.configureBlocking(true);
                return;
            }
            Thread.sleep(300);
        }
        throw new AssertionFailedError("room kept coming back after " + filled + " messages the peer never read");
    }

    private static SctpReceived nonBlockingReceive(SctpSocket s) throws SctpException {
        s.configureBlocking(false);
        try {
            return s.receive(ByteBuffer.allocateDirect(SIZE));
        } finally {
            s.configureBlocking(true);
        }
    }

    @Test
    void a_blocked_receive_gets_a_message_sent_at_once_soon_or_long_after_it_began(Observed o) throws Exception {
        SctpProvider p = provider();
        try (Cleanup r = new Cleanup()) {
            SctpSocket[] pair = peeledPair(r, p, server(r, p));
            int i = 0;
            for (int delayMillis : new int[] {0, 1, 3, 10, 300}) {
                AtomicReference<Object> got = new AtomicReference<>();
                int expected = i++;
                Thread receiver = daemon("tck-receiver-" + delayMillis, () -> {
                    try {
                        ByteBuffer buf = ByteBuffer.allocateDirect(SIZE);
                        blockingData(pair[1], buf);
                        got.set(number(buf, SIZE));
                    } catch (Throwable t) {
                        got.set(t);
                    }
                });
                Thread.sleep(delayMillis);
                pair[0].send(numbered(expected, SIZE), 0);
                receiver.join(Associations.WAIT.toMillis());
                assertFalse(receiver.isAlive(), "the message sent " + delayMillis + " ms after the receive began woke it");
                if (got.get() instanceof Throwable t) {
                    throw new AssertionFailedError("the receive sent after " + delayMillis + " ms failed", t);
                }
                assertEquals(expected, got.get(), "the message sent " + delayMillis + " ms after the receive began");
            }
        }
    }

    @Test
    void close_wakes_a_receive_or_a_send_at_once_also_one_that_has_only_just_begun(Observed o) throws Exception {
        SctpProvider p = provider();
        List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        try (Cleanup r = new Cleanup()) {
            SctpMultiSocket server = server(r, p);
            for (int round = 0; round < 12; round++) {
                SctpSocket[] pair = peeledPair(r, p, server);
                boolean send = round % 2 == 1;
                SctpSocket victim = send ? pair[0] : pair[1];
                if (send) {
                    fillUntilNoRoom(victim);
                }
                AtomicReference<Object> outcome = new AtomicReference<>();
                AtomicReference<Long> woke = new AtomicReference<>();
                Thread t = daemon("tck-close-victim-" + round, () -> {
                    try {
                        outcome.set(send ? victim.send(numbered(0, SIZE), 0) : victim.receive(ByteBuffer.allocateDirect(SIZE)));
                    } catch (Throwable e) {
                        outcome.set(e);
                    }
                    woke.set(System.nanoTime());
                });
                Thread.sleep(round < 6 ? 0 : 200); // just begun (maybe still in the kernel), or parked long since
                long t0 = System.nanoTime();
                victim.close();
                t.join(Associations.WAIT.toMillis());
                assertFalse(t.isAlive(), "close woke the blocked " + (send ? "send" : "receive"));
                if (!(outcome.get() instanceof SctpClosedException e)) {
                    throw new AssertionFailedError("the woken call must fail CLOSED, got " + outcome.get(),
                            outcome.get() instanceof Throwable th ? th : null);
                }
                assertEquals(SctpError.CLOSED, e.error());
                micros.add(Math.max(0, TimeUnit.NANOSECONDS.toMicros(woke.get() - t0)));
            }
        }
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        o.note("close() to the woken call's exception, 12 closes (6 right after the call began, 6 after 200 ms), us: "
                + sorted);
        // a bounded kernel wait adds at most one clock tick (4 ms at HZ=250) to a close that comes during it
        assertTrue(sorted.get(sorted.size() / 2) < 100_000, "median close wake-up " + sorted.get(sorted.size() / 2) + " us");
        assertTrue(sorted.get(sorted.size() - 1) < 2_000_000, "slowest close wake-up " + sorted.get(sorted.size() - 1) + " us");
    }

    @Test
    void a_receive_waiting_when_the_association_ends_ends_with_NOT_CONNECTED_and_so_does_every_later_one(Observed o)
            throws Exception {
        SctpProvider p = provider();
        for (boolean abort : new boolean[] {false, true}) {
            try (Cleanup r = new Cleanup()) {
                SctpSocket[] pair = peeledPair(r, p, server(r, p));
                List<Object> seen = Collections.synchronizedList(new ArrayList<>());
                AtomicReference<SctpException> end = new AtomicReference<>();
                Thread receiver = daemon("tck-receiver-until-end", () -> {
                    ByteBuffer buf = ByteBuffer.allocateDirect(SIZE);
                    try {
                        while (true) {
                            seen.add(pair[1].receive(buf.clear()));
                        }
                    } catch (SctpException e) {
                        end.set(e);
                    }
                });
                Thread.sleep(300); // the receive waits (parked, past any bounded kernel wait)
                if (abort) {
                    // the peer closes with a message it has not read: Linux sends ABORT then
                    pair[1].send(numbered(1, SIZE), 0); // goes the other way: the receiver keeps waiting
                    Associations.awaitReadable(p, pair[0].rawDescriptor(), "the unread message on the peer");
                }
                pair[0].close();
                receiver.join(Associations.WAIT.toMillis());
                assertFalse(receiver.isAlive(), "the receive ended when the association " + (abort ? "was aborted" : "shut down"));
                SctpException e = end.get();
                o.error(e);
                assertTrue(e.error() == SctpError.NOT_CONNECTED || e.error() == SctpError.ASSOCIATION_ABORTED,
                        "the waiting receive ends NOT_CONNECTED (or ASSOCIATION_ABORTED first), after " + seen + ": " + e);
                for (int k = 0; k < 2; k++) {
                    long t0 = System.nanoTime();
                    SctpException again = org.junit.jupiter.api.Assertions.assertThrows(SctpException.class,
                            () -> pair[1].receive(ByteBuffer.allocateDirect(SIZE)));
                    assertEquals(SctpError.NOT_CONNECTED, again.error(), "a later blocking receive: " + again);
                    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                    assertTrue(ms < 1000, "a later blocking receive fails at once, took " + ms + " ms");
                }
                o.note((abort ? "abort" : "shutdown") + ": the waiting receive saw " + seen + " then " + e.error());
            }
        }
    }

    @Test
    void non_blocking_use_after_blocking_use_never_waits(Observed o) throws Exception {
        SctpProvider p = provider();
        try (Cleanup r = new Cleanup()) {
            SctpSocket[] pair = peeledPair(r, p, server(r, p));
            // blocking use first: a receive that waits and a send
            Thread sender = daemon("tck-late-sender", () -> {
                try {
                    Thread.sleep(50);
                    pair[0].send(numbered(7, SIZE), 0);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            ByteBuffer buf = ByteBuffer.allocateDirect(SIZE);
            blockingData(pair[1], buf);
            assertEquals(7, number(buf, SIZE));
            sender.join();
            pair[1].configureBlocking(false);
            pair[0].configureBlocking(false);
            for (int k = 0; k < 5; k++) {
                long t0 = System.nanoTime();
                assertNull(pair[1].receive(buf.clear()), "nothing queued");
                long us = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - t0);
                assertTrue(us < 500_000, "a non-blocking receive returns at once, took " + us + " us");
            }
            int filled = 0;
            long slowest = 0;
            while (true) {
                long t0 = System.nanoTime();
                int n = pair[0].send(numbered(filled, SIZE), 0);
                slowest = Math.max(slowest, System.nanoTime() - t0);
                if (n == 0) {
                    break;
                }
                filled++;
                assertTrue(filled < 1_000_000, "the peer's window never filled");
            }
            assertTrue(TimeUnit.NANOSECONDS.toMillis(slowest) < 500,
                    "non-blocking sends up to a full window never wait, slowest " + TimeUnit.NANOSECONDS.toMicros(slowest) + " us");
            o.note(filled + " non-blocking sends filled the window; the slowest took "
                    + TimeUnit.NANOSECONDS.toMicros(slowest) + " us");
        }
    }
}
