/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peeloff.testing.FakeSctpProvider;
import org.peeloff.testing.FakeSctpProvider.Event;
import org.peeloff.testing.FakeSctpProvider.Phase;

/**
 * close() racing with calls in other threads: a blocked receive or send wakes with
 * {@link SctpClosedException}, and the native close happens once, only after every call has left the
 * native layer, so no call can reach a descriptor number the OS may already have handed to someone else.
 *
 * <p>Bounds are generous (seconds): they catch a hang, not a slow machine.
 */
class CloseRaceTest {
    private static final Duration BOUND = Duration.ofSeconds(10);

    private FakeSctpProvider fake;
    private SctpMultiSocket socket;
    private int fd;

    @BeforeEach
    void openSocket() throws SctpException {
        fake = new FakeSctpProvider();
        socket = SctpMultiSocket.open(fake, StandardProtocolFamily.INET);
        fd = socket.rawDescriptor();
    }

    /** The native close happened once, and it is the last thing that happened to the descriptor. */
    private static void assertClosedOnceAndLast(FakeSctpProvider fake, int fd) {
        List<Event> on = fake.eventsOn(fd);
        assertEquals(1, on.stream().filter(e -> e.call().equals("close") && e.phase() == Phase.ENTER).count(),
                () -> "exactly one native close: " + tail(on));
        assertTrue(on.size() >= 2, on::toString);
        Event enter = on.get(on.size() - 2);
        Event exit = on.get(on.size() - 1);
        assertEquals("close", enter.call(), () -> "every other call left before the close began: " + tail(on));
        assertEquals(Phase.ENTER, enter.phase());
        assertEquals("close", exit.call(), () -> "no call on the descriptor after its close: " + tail(on));
        assertEquals(Phase.EXIT, exit.phase());
        assertEquals(List.of(), fake.violations());
    }

    private static List<Event> tail(List<Event> events) {
        return events.subList(Math.max(0, events.size() - 20), events.size());
    }

    private static SctpClosedException closedCause(Future<?> f) throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(BOUND.toSeconds(), TimeUnit.SECONDS),
                "the blocked call must end within " + BOUND);
        SctpClosedException closed = assertInstanceOf(SctpClosedException.class, e.getCause());
        assertEquals(SctpError.CLOSED, closed.error());
        return closed;
    }

    @Test
    @Timeout(60)
    void a_receiver_blocked_on_an_idle_socket_is_woken_by_close_with_SctpClosedException() throws Exception {
        Future<SctpReceived> receiver = Threads.start("receiver", () -> socket.receive(ByteBuffer.allocate(64)));
        assertTrue(fake.awaitCall("poll", fd, BOUND), "the receiver is waiting");

        socket.close();

        SctpClosedException e = closedCause(receiver);
        assertEquals("receive(fd=" + fd + ")", e.call());
        assertClosedOnceAndLast(fake, fd);
    }

    @Test
    @Timeout(60)
    void the_native_close_waits_until_the_blocked_receiver_has_left_the_native_layer() throws Exception {
        CountDownLatch gate = fake.holdPolls();
        Future<SctpReceived> receiver = Threads.start("receiver", () -> socket.receive(ByteBuffer.allocate(64)));
        assertTrue(fake.awaitCall("poll", fd, BOUND), "the receiver is inside poll");

        socket.close();

        // the receiver cannot leave poll until the gate opens: the close must not have happened yet
        assertFalse(socket.isOpen(), "close() marks the socket closed at once");
        assertEquals(0, fake.closesOf(fd), "the descriptor is still in use by the receiver");
        assertFalse(receiver.isDone());

        gate.countDown();

        closedCause(receiver);
        assertClosedOnceAndLast(fake, fd);
    }

    @Test
    @Timeout(60)
    void a_sender_blocked_without_room_is_woken_by_close_and_the_close_waits_for_it() throws Exception {
        fake.setRoomToSend(fd, false);
        CountDownLatch gate = fake.holdPolls();
        Future<Integer> sender = Threads.start("sender",
                () -> socket.send(ByteBuffer.allocate(100), MessageInfo.to(AssociationId.of(1), 0)));
        assertTrue(fake.awaitCall("poll", fd, BOUND), "the sender is inside poll");

        socket.close();
        assertEquals(0, fake.closesOf(fd), "the descriptor is still in use by the sender");
        gate.countDown();

        SctpClosedException e = closedCause(sender);
        assertEquals("send(fd=" + fd + ")", e.call());
        assertClosedOnceAndLast(fake, fd);
    }

    @Test
    @Timeout(60)
    void a_sender_blocked_on_an_idle_socket_is_woken_by_close_with_SctpClosedException() throws Exception {
        fake.setRoomToSend(fd, false);
        Future<Integer> sender = Threads.start("sender",
                () -> socket.send(ByteBuffer.allocate(100), MessageInfo.to(AssociationId.of(1), 0)));
        assertTrue(fake.awaitCall("poll", fd, BOUND), "the sender is waiting");

        socket.close();

        closedCause(sender);
        assertClosedOnceAndLast(fake, fd);
    }

    @Test
    @Timeout(60)
    void a_message_that_arrives_together_with_close_is_not_delivered_after_close() throws Exception {
        CountDownLatch gate = fake.holdPolls();
        Future<SctpReceived> receiver = Threads.start("receiver", () -> socket.receive(ByteBuffer.allocate(64)));
        assertTrue(fake.awaitCall("poll", fd, BOUND));

        socket.close();
        fake.deliver(fd, FakeSctpProvider.Message.data(new byte[] {1}, 1, 0, 0, false));
        gate.countDown();

        closedCause(receiver);
        assertEquals(1, fake.calls("receive").size(), "no receive after poll said readable on a closed socket");
        assertClosedOnceAndLast(fake, fd);
    }

    @Test
    @Timeout(60)
    void every_receiver_blocked_on_the_socket_wakes_and_the_descriptor_closes_once() throws Exception {
        List<Future<SctpReceived>> receivers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            receivers.add(Threads.start("receiver-" + i, () -> socket.receive(ByteBuffer.allocate(64))));
        }
        for (int i = 0; i < 4; i++) {
            String name = "receiver-" + i;
            assertTrue(awaitPollBy(name), name + " is waiting");
        }

        socket.close();

        for (Future<SctpReceived> r : receivers) {
            closedCause(r);
        }
        assertClosedOnceAndLast(fake, fd);
    }

    private boolean awaitPollBy(String thread) throws InterruptedException {
        return fake.awaitEvents(events -> events.stream().anyMatch(
                e -> e.call().equals("poll") && e.fd() == fd && e.thread().equals(thread)), BOUND);
    }

    @Test
    @Timeout(60)
    void a_call_after_a_receiver_was_woken_by_close_makes_no_native_call() throws Exception {
        Future<SctpReceived> receiver = Threads.start("receiver", () -> socket.receive(ByteBuffer.allocate(64)));
        assertTrue(fake.awaitCall("poll", fd, BOUND));
        socket.close();
        closedCause(receiver);
        int before = fake.calls().size();

        assertThrows(SctpClosedException.class, () -> socket.receive(ByteBuffer.allocate(64)));

        assertEquals(before, fake.calls().size());
    }

    @Test
    @Timeout(120)
    void many_threads_sending_while_another_closes_never_reach_the_descriptor_after_its_close() throws Exception {
        int threads = 4;
        for (int i = 0; i < 200; i++) {
            FakeSctpProvider f = new FakeSctpProvider();
            SctpMultiSocket s = SctpMultiSocket.open(f, StandardProtocolFamily.INET);
            int n = s.rawDescriptor();
            CountDownLatch go = new CountDownLatch(1);
            CountDownLatch sending = new CountDownLatch(threads);
            CountDownLatch firstSend = new CountDownLatch(1);
            List<Future<Integer>> senders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                senders.add(Threads.start("sender-" + t, () -> {
                    go.await();
                    int sent = 0;
                    boolean first = true;
                    try {
                        while (true) {
                            s.send(ByteBuffer.allocate(16), MessageInfo.to(AssociationId.of(1), 0));
                            sent++;
                            if (first) {
                                sending.countDown();
                                firstSend.countDown();
                                first = false;
                            }
                        }
                    } catch (SctpClosedException expected) {
                        return sent;
                    } finally {
                        if (first) {
                            sending.countDown();
                            firstSend.countDown();
                        }
                    }
                }));
            }
            // even iterations close once every sender is in full swing, odd ones once the first has sent
            CountDownLatch closeWhen = i % 2 == 0 ? sending : firstSend;
            Future<Void> closer = Threads.start("closer", () -> {
                go.await();
                closeWhen.await();
                s.close();
                return null;
            });
            go.countDown();

            closer.get(BOUND.toSeconds(), TimeUnit.SECONDS);
            for (Future<Integer> sender : senders) {
                sender.get(BOUND.toSeconds(), TimeUnit.SECONDS); // each ended with SctpClosedException
            }

            assertEquals(List.of(), f.violations(), "iteration " + i);
            assertClosedOnceAndLast(f, n);
        }
    }

    @Test
    @Timeout(120)
    void calls_of_every_kind_racing_with_close_never_reach_the_descriptor_after_its_close() throws Exception {
        for (int i = 0; i < 200; i++) {
            FakeSctpProvider f = new FakeSctpProvider();
            SctpMultiSocket s = SctpMultiSocket.open(f, StandardProtocolFamily.INET);
            int n = s.rawDescriptor();
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Void>> workers = new ArrayList<>();
            workers.add(Threads.start("sender", () -> untilClosed(go,
                    () -> s.send(ByteBuffer.allocate(8), MessageInfo.to(AssociationId.of(1), 0)))));
            workers.add(Threads.start("options", () -> untilClosed(go, s::getSendBufferSize)));
            workers.add(Threads.start("addresses", () -> untilClosed(go, s::localAddresses)));
            workers.add(Threads.start("peeler", () -> untilClosed(go, () -> s.peelOff(AssociationId.of(2)).close())));
            go.countDown();
            s.close();

            for (Future<Void> w : workers) {
                w.get(BOUND.toSeconds(), TimeUnit.SECONDS);
            }
            assertEquals(List.of(), f.violations(), "iteration " + i);
            assertClosedOnceAndLast(f, n);
        }
    }

    @FunctionalInterface
    private interface Call {
        void run() throws SctpException;
    }

    private static Void untilClosed(CountDownLatch go, Call call) throws Exception {
        go.await();
        try {
            while (true) {
                call.run();
            }
        } catch (SctpClosedException expected) {
            return null;
        }
    }
}
