/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.peeloff.testing.FakeSctpProvider;
import org.peeloff.testing.FakeSctpProvider.Message;

/** Blocking calls over a provider's backend: parked, woken by readiness or close, no poll slices. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BlockingWaitTest {
    private FakeSctpProvider fake;

    @BeforeEach
    void open() {
        fake = new FakeSctpProvider().withPoller();
    }

    @Test
    void a_blocked_receive_parks_without_poll_slices_and_wakes_on_data() throws Exception {
        SctpMultiSocket s = SctpMultiSocket.open(fake, StandardProtocolFamily.INET);
        int fd = s.rawDescriptor();
        AtomicReference<Thread> thread = new AtomicReference<>();
        Future<SctpReceived> f = Threads.start("receiver", () -> {
            thread.set(Thread.currentThread());
            return s.receive(ByteBuffer.allocate(64));
        });
        while (thread.get() == null) {
            Thread.sleep(1);
        }
        Threads.awaitParked(thread.get());
        int waits = fake.pollerWaits();
        int polls = fake.calls("poll").size();
        Thread.sleep(300);
        assertEquals(waits, fake.pollerWaits(), "an idle blocked receive costs no wake-up");
        // one short direct poll (AbstractSctpSocket.DIRECT_WAIT_MILLIS) before parking, then no slices
        assertTrue(polls <= 1, "at most the one direct poll before parking: " + fake.calls("poll"));
        assertEquals(polls, fake.calls("poll").size(), "no poll slices while parked");
        assertTrue(fake.watched().contains(fd));
        fake.deliver(fd, Message.data("hi".getBytes(), 4, 0, 0, false));
        SctpReceived r = f.get(5, TimeUnit.SECONDS);
        assertInstanceOf(SctpData.class, r);
        awaitUnwatched(fd);
        assertEquals(List.of(), fake.violations());
    }

    private void awaitUnwatched(int fd) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (fake.watched().contains(fd) && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertTrue(!fake.watched().contains(fd), "out of the backend once nobody waits");
    }

    @Test
    void a_blocked_send_wakes_when_there_is_room() throws Exception {
        SctpMultiSocket s = SctpMultiSocket.open(fake, StandardProtocolFamily.INET);
        int fd = s.rawDescriptor();
        fake.setRoomToSend(fd, false);
        Future<Integer> f = Threads.start("sender",
                () -> s.send(ByteBuffer.wrap(new byte[5]), MessageInfo.to(AssociationId.of(4), 0)));
        Thread.sleep(200);
        assertTrue(!f.isDone());
        fake.setRoomToSend(fd, true);
        assertEquals(5, f.get(5, TimeUnit.SECONDS));
    }

    @Test
    void close_wakes_100_blocked_receivers_at_once_with_CLOSED_and_closes_natively_after_them() throws Exception {
        SctpMultiSocket s = SctpMultiSocket.open(fake, StandardProtocolFamily.INET);
        int fd = s.rawDescriptor();
        List<Future<SctpReceived>> all = new ArrayList<>();
        CountDownLatch started = new CountDownLatch(100);
        for (int i = 0; i < 100; i++) {
            all.add(Threads.start("receiver-" + i, () -> {
                started.countDown();
                return s.receive(ByteBuffer.allocate(64));
            }));
        }
        started.await();
        Thread.sleep(300);
        long t0 = System.nanoTime();
        s.close();
        for (Future<SctpReceived> f : all) {
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> f.get(5, TimeUnit.SECONDS));
            assertInstanceOf(SctpClosedException.class, e.getCause());
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(ms < 2000, "all 100 woken in " + ms + " ms");
        assertEquals(1, fake.closesOf(fd));
        assertTrue(fake.watched().isEmpty());
        assertEquals(List.of(), fake.violations(), "no native close while a receiver used or watched the descriptor");
    }

    @Test
    void without_backend_the_calls_still_wait_in_poll_slices() throws Exception {
        FakeSctpProvider old = new FakeSctpProvider();
        SctpMultiSocket s = SctpMultiSocket.open(old, StandardProtocolFamily.INET);
        Future<SctpReceived> f = Threads.start("receiver", () -> s.receive(ByteBuffer.allocate(64)));
        assertTrue(old.awaitCall("poll", s.rawDescriptor(), java.time.Duration.ofSeconds(10)));
        s.close();
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> f.get(5, TimeUnit.SECONDS));
        assertInstanceOf(SctpClosedException.class, e.getCause());
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void virtual_threads_blocked_in_receive_park_and_all_get_their_message() throws Exception {
        Method ofVirtual = Thread.class.getMethod("ofVirtual");
        Object builder = ofVirtual.invoke(null);
        Method start = Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class);
        int n = 200;
        List<SctpMultiSocket> sockets = new ArrayList<>();
        List<AtomicReference<Object>> got = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SctpMultiSocket s = SctpMultiSocket.open(fake, StandardProtocolFamily.INET);
            AtomicReference<Object> r = new AtomicReference<>();
            sockets.add(s);
            got.add(r);
            threads.add((Thread) start.invoke(builder, (Runnable) () -> {
                try {
                    r.set(s.receive(ByteBuffer.allocate(64)));
                } catch (Throwable t) {
                    r.set(t);
                }
            }));
        }
        // Parked, all at once, in the backend's wait: more than the JVM's few carriers could hold if a
        // blocked receive pinned one. (The two-carrier proof against a real kernel is the TCK's
        // EventLoopScale case, which harness/kernel-tests runs on the newest JDK.)
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        long parked = 0;
        while (System.nanoTime() < end) {
            parked = threads.stream().filter(t -> t.getState() == Thread.State.WAITING).count();
            if (parked == n && fake.watched().size() >= n) {
                break;
            }
            Thread.sleep(10);
        }
        assertEquals(n, parked, "virtual threads parked at once");
        for (SctpMultiSocket s : sockets) {
            assertTrue(fake.watched().contains(s.rawDescriptor()), "every receiver waits on the backend");
        }
        for (SctpMultiSocket s : sockets) {
            fake.deliver(s.rawDescriptor(), Message.data("v".getBytes(), 4, 0, 0, false));
        }
        for (int i = 0; i < n; i++) {
            threads.get(i).join(10_000);
            assertInstanceOf(SctpData.class, got.get(i).get(), "virtual thread " + i);
        }
    }
}
