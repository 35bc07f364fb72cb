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

import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.util.List;
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
import org.peeloff.testing.FakeSctpProvider.Event;
import org.peeloff.testing.FakeSctpProvider.Message;

/**
 * The kernel-timed blocking wait of a platform thread on a connected one-to-one socket
 * ({@code SctpProvider.setBlockingWaitLimit}): which calls the public API makes, in which order, and that
 * close, virtual threads, non-blocking mode, one-to-many sockets and providers without it keep their path.
 * Pure Java, over {@link FakeSctpProvider} (the kernel's side is proved by the TCK in the VM).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KernelWaitTest {
    private static final AssociationId ASSOC = AssociationId.of(4);
    private FakeSctpProvider fake;

    @BeforeEach
    void open() {
        fake = new FakeSctpProvider().withPoller().withKernelWait();
    }

    private SctpSocket peeled() throws SctpException {
        return SctpMultiSocket.open(fake, StandardProtocolFamily.INET).peelOff(ASSOC);
    }

    private List<Boolean> dontWaitOfReceives(int fd) {
        return fake.calls("receive").stream().filter(e -> e.fd() == fd).map(e -> (Boolean) e.args().get(0)).toList();
    }

    @Test
    void a_message_that_comes_within_the_wait_costs_one_receive_call_and_no_poll() throws Exception {
        SctpSocket s = peeled();
        int fd = s.rawDescriptor();
        fake.deliver(fd, Message.data("one".getBytes(), 4, 0, 0, false));
        assertInstanceOf(SctpData.class, s.receive(ByteBuffer.allocate(64)));
        fake.deliver(fd, Message.data("two".getBytes(), 4, 0, 0, false));
        assertInstanceOf(SctpData.class, s.receive(ByteBuffer.allocate(64)));
        assertEquals(List.of(false, false), dontWaitOfReceives(fd), "blocking calls, one per message");
        assertEquals(1, fake.calls("setBlockingWaitLimit").size(), "the limit is set once per socket");
        assertEquals(List.of(fd, AbstractSctpSocket.KERNEL_WAIT_MICROS),
                List.of(fake.calls("setBlockingWaitLimit").get(0).fd(), fake.calls("setBlockingWaitLimit").get(0).args().get(0)));
        assertEquals(List.of(), fake.calls("poll"), "no poll when the message came within the kernel wait");
        assertEquals(List.of(), fake.violations());
    }

    @Test
    void after_the_kernel_wait_runs_out_the_receiver_parks_on_the_backend_and_data_wakes_it() throws Exception {
        SctpSocket s = peeled();
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
        assertTrue(fake.watched().contains(fd), "parked on the readiness backend");
        assertEquals(List.of(false), dontWaitOfReceives(fd), "one bounded kernel wait, then the park");
        assertEquals(List.of(), fake.calls("poll"), "no short poll after a kernel wait");
        fake.deliver(fd, Message.data("late".getBytes(), 4, 0, 0, false));
        assertInstanceOf(SctpData.class, f.get(5, TimeUnit.SECONDS));
        assertEquals(List.of(false, false), dontWaitOfReceives(fd));
        assertEquals(List.of(), fake.violations());
    }

    @Test
    void close_wakes_a_receiver_in_the_kernel_wait_or_parked_with_CLOSED_and_no_native_close_under_it() throws Exception {
        for (int delay : new int[] {0, 200}) {
            SctpSocket s = peeled();
            int fd = s.rawDescriptor();
            Future<SctpReceived> f = Threads.start("receiver", () -> s.receive(ByteBuffer.allocate(64)));
            assertTrue(fake.awaitCall("receive", fd, java.time.Duration.ofSeconds(10)));
            Thread.sleep(delay);
            long t0 = System.nanoTime();
            s.close();
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
            assertInstanceOf(SctpClosedException.class, e.getCause());
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(ms < 1000, "woken in " + ms + " ms");
            assertEquals(1, fake.closesOf(fd));
        }
        assertEquals(List.of(), fake.violations(), "no native close while a receiver used the descriptor");
    }

    @Test
    void a_blocked_send_waits_in_the_kernel_then_parks_and_goes_on_when_there_is_room() throws Exception {
        SctpSocket s = peeled();
        int fd = s.rawDescriptor();
        fake.setRoomToSend(fd, false);
        Future<Integer> f = Threads.start("sender", () -> s.send(ByteBuffer.wrap(new byte[7]), 0));
        Thread.sleep(200);
        assertFalse(f.isDone());
        assertTrue(fake.watched().contains(fd), "parked on the readiness backend");
        fake.setRoomToSend(fd, true);
        assertEquals(7, f.get(5, TimeUnit.SECONDS));
        List<Object> dontWait = fake.calls("send").stream().map(e -> e.args().get(6)).toList();
        assertEquals(List.of(false, false), dontWait, "a bounded kernel wait, the park, then one call that sends");
        assertEquals(List.of(), fake.calls("poll"));
    }

    @Test
    void one_to_many_sockets_non_blocking_sockets_and_unconnected_sockets_never_wait_in_the_kernel() throws Exception {
        SctpMultiSocket multi = SctpMultiSocket.open(fake, StandardProtocolFamily.INET);
        fake.deliver(multi.rawDescriptor(), Message.data("m".getBytes(), 4, 0, 0, false));
        multi.receive(ByteBuffer.allocate(64));
        multi.send(ByteBuffer.wrap(new byte[3]), MessageInfo.to(ASSOC, 0));
        SctpSocket nonBlocking = peeled();
        nonBlocking.configureBlocking(false);
        assertEquals(null, nonBlocking.receive(ByteBuffer.allocate(64)));
        nonBlocking.send(ByteBuffer.wrap(new byte[3]), 0);
        SctpSocket unconnected = SctpSocket.open(fake, StandardProtocolFamily.INET);
        assertThrows(SctpException.class, () -> unconnected.receive(ByteBuffer.allocate(64)));
        assertTrue(fake.calls("receive").stream().allMatch(e -> (Boolean) e.args().get(0)), fake.calls("receive").toString());
        assertTrue(fake.calls("send").stream().allMatch(e -> (Boolean) e.args().get(6)), fake.calls("send").toString());
        assertEquals(List.of(), fake.calls("setBlockingWaitLimit"));
    }

    @Test
    void a_provider_without_the_limit_is_asked_once_and_the_socket_keeps_the_poll_path() throws Exception {
        FakeSctpProvider plain = new FakeSctpProvider().withPoller();
        SctpSocket s = SctpMultiSocket.open(plain, StandardProtocolFamily.INET).peelOff(ASSOC);
        int fd = s.rawDescriptor();
        for (int i = 0; i < 3; i++) {
            plain.deliver(fd, Message.data("x".getBytes(), 4, 0, 0, false));
            s.receive(ByteBuffer.allocate(64));
        }
        assertEquals(1, plain.calls("setBlockingWaitLimit").size());
        assertTrue(plain.calls("receive").stream().allMatch(e -> (Boolean) e.args().get(0)));
    }

    @Test
    void connect_clears_the_limit_first_since_the_kernel_would_bound_a_blocking_connect_with_it() throws Exception {
        SctpSocket s = SctpSocket.open(fake, StandardProtocolFamily.INET);
        int fd = s.rawDescriptor();
        s.connect(new InetSocketAddress("127.0.0.1", 9));
        fake.deliver(fd, Message.data("x".getBytes(), 4, 0, 0, false));
        s.receive(ByteBuffer.allocate(64));
        assertEquals(AbstractSctpSocket.KERNEL_WAIT_MICROS, fake.waitLimit(fd));
        s.connect(new InetSocketAddress("127.0.0.1", 9));
        List<Event> limits = fake.calls("setBlockingWaitLimit");
        assertEquals(List.of(AbstractSctpSocket.KERNEL_WAIT_MICROS, 0), limits.stream().map(e -> e.args().get(0)).toList());
        long clearedAt = limits.get(1).seq();
        long connectAt = fake.calls("connect").get(1).seq();
        assertTrue(clearedAt < connectAt, "cleared before the connect");
        assertEquals(0, fake.waitLimit(fd));
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void a_virtual_thread_never_waits_in_the_kernel() throws Exception {
        SctpSocket s = peeled();
        int fd = s.rawDescriptor();
        Method ofVirtual = Thread.class.getMethod("ofVirtual");
        Object builder = ofVirtual.invoke(null);
        Method start = Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class);
        AtomicReference<Object> got = new AtomicReference<>();
        Thread t = (Thread) start.invoke(builder, (Runnable) () -> {
            try {
                got.set(s.receive(ByteBuffer.allocate(64)));
            } catch (SctpException e) {
                got.set(e);
            }
        });
        Thread.sleep(200);
        fake.deliver(fd, Message.data("v".getBytes(), 4, 0, 0, false));
        t.join(5000);
        assertInstanceOf(SctpData.class, got.get());
        assertTrue(dontWaitOfReceives(fd).stream().allMatch(b -> b), dontWaitOfReceives(fd).toString());
        assertEquals(List.of(), fake.calls("setBlockingWaitLimit"));
    }
}
