/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peeloff.testing.FakeSctpProvider;
import org.peeloff.testing.FakeSctpProvider.Message;

/** The selector's key handling over the in-memory backend of the test double. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SctpSelectorTest {
    private FakeSctpProvider fake;
    private SctpSelector selector;

    @BeforeEach
    void open() throws SctpException {
        fake = new FakeSctpProvider().withPoller();
        selector = SctpSelector.open(fake);
    }

    private static Message data(String s) {
        return Message.data(s.getBytes(), 4, 0, 0, false);
    }

    @Test
    void a_provider_without_backend_refuses_with_UNSUPPORTED() {
        SctpException e = assertThrows(SctpException.class, () -> SctpSelector.open(new FakeSctpProvider()));
        assertEquals(SctpError.UNSUPPORTED, e.error());
    }

    @Test
    void only_ready_keys_are_selected_with_their_ready_ops_and_attachment() throws SctpException {
        SctpMultiSocket a = SctpMultiSocket.open(fake, StandardProtocolFamily.INET);
        SctpMultiSocket b = SctpMultiSocket.open(fake, StandardProtocolFamily.INET);
        SctpSelectionKey ka = selector.register(a, SctpSelectionKey.OP_READ, "a");
        SctpSelectionKey kb = selector.register(b, SctpSelectionKey.OP_READ, "b");
        assertEquals(0, selector.selectNow(), "nothing queued");

        fake.deliver(b.rawDescriptor(), data("x"));
        assertEquals(1, selector.select(1000));
        assertEquals(Set.of(kb), Set.copyOf(selector.selectedKeys()));
        assertSame(kb, selector.selectedKey(0));
        assertTrue(kb.isReadable());
        assertFalse(kb.isWritable());
        assertEquals("b", kb.attachment());
        assertEquals(0, ka.readyOps());

        assertEquals(1, selector.selectNow(), "level-triggered: still queued, selected again");
        b.configureBlocking(false);
        assertTrue(b.receive(java.nio.ByteBuffer.allocate(16)) != null);
        assertEquals(0, selector.selectNow(), "drained");
        assertTrue(selector.selectedKeys().isEmpty(), "every select clears the selected set");
        assertEquals(0, kb.readyOps());
    }

    @Test
    void interest_decides_what_is_reported() throws SctpException {
        SctpSocket s = peeled();
        SctpSelectionKey k = selector.register(s, 0, null);
        fake.deliver(s.rawDescriptor(), data("x"));
        assertEquals(0, selector.selectNow(), "no interest, not selected");
        k.interestOps(SctpSelectionKey.OP_READ | SctpSelectionKey.OP_WRITE);
        assertEquals(1, selector.selectNow());
        assertEquals(SctpSelectionKey.OP_READ | SctpSelectionKey.OP_WRITE, k.readyOps());
        fake.setRoomToSend(s.rawDescriptor(), false);
        assertEquals(1, selector.selectNow());
        assertEquals(SctpSelectionKey.OP_READ, k.readyOps());
        assertThrows(IllegalArgumentException.class, () -> k.interestOps(2));
    }

    private SctpSocket peeled() throws SctpException {
        SctpMultiSocket m = SctpMultiSocket.open(fake, StandardProtocolFamily.INET);
        return m.peelOff(AssociationId.of(4));
    }

    @Test
    void registering_again_updates_the_same_key() throws SctpException {
        SctpMultiSocket a = SctpMultiSocket.open(fake, StandardProtocolFamily.INET);
        SctpSelectionKey k = selector.register(a, SctpSelectionKey.OP_READ, "one");
        assertSame(k, selector.register(a, SctpSelectionKey.OP_WRITE, "two"));
        assertEquals(SctpSelectionKey.OP_WRITE, k.interestOps());
        assertEquals("two", k.attachment());
        assertEquals(1, selector.keyCount());
    }

    @Test
    void cancel_takes_the_descriptor_out_and_its_token_is_reused_only_after_the_next_select() throws SctpException {
        SctpMultiSocket a = SctpMultiSocket.open(fake, StandardProtocolFamily.INET);
        SctpSelectionKey k = selector.register(a, SctpSelectionKey.OP_READ, null);
        fake.deliver(a.rawDescriptor(), data("x"));
        k.cancel();
        k.cancel();
        assertFalse(k.isValid());
        assertFalse(fake.watched().contains(a.rawDescriptor()));
        assertEquals(0, selector.selectNow(), "a cancelled key is never selected");
        assertThrows(CancelledKeyException.class, () -> k.interestOps(SctpSelectionKey.OP_READ));
        SctpSelectionKey again = selector.register(a, SctpSelectionKey.OP_READ, null);
        assertEquals(1, selector.selectNow());
        assertSame(again, selector.selectedKey(0));
        assertEquals(1, selector.keyCount());
    }

    @Test
    void closing_a_registered_socket_cancels_its_key_before_the_native_close() throws SctpException {
        SctpMultiSocket a = SctpMultiSocket.open(fake, StandardProtocolFamily.INET);
        int fd = a.rawDescriptor();
        SctpSelectionKey k = selector.register(a, SctpSelectionKey.OP_READ, null);
        fake.deliver(fd, data("x"));
        a.close();
        assertFalse(k.isValid());
        assertFalse(fake.watched().contains(fd));
        assertEquals(1, fake.closesOf(fd));
        assertEquals(List.of(), fake.violations(), "no native close while watched");
        assertEquals(0, selector.selectNow());
        assertThrows(SctpClosedException.class, () -> selector.register(a, SctpSelectionKey.OP_READ, null));
    }

    @Test
    void a_foreign_descriptor_is_watched_and_reported() throws SctpException {
        int fd = fake.descriptorFromElsewhere(false, true);
        SctpSelectionKey k = selector.registerDescriptor(fd, SctpSelectionKey.OP_READ, "tcp");
        assertEquals(null, k.socket());
        fake.deliver(fd, data("x"));
        assertEquals(1, selector.select(1000));
        assertEquals("tcp", selector.selectedKey(0).attachment());
        k.cancel();
        assertFalse(fake.watched().contains(fd));
    }

    @Test
    void wakeup_from_another_thread_ends_a_select_at_once_and_a_pending_one_the_next() throws Exception {
        SctpMultiSocket a = SctpMultiSocket.open(fake, StandardProtocolFamily.INET);
        selector.register(a, SctpSelectionKey.OP_READ, null);
        Future<Integer> f = Threads.start("selecting", () -> selector.select());
        Thread.sleep(100);
        assertFalse(f.isDone(), "select waits");
        long t0 = System.nanoTime();
        selector.wakeup();
        assertEquals(0, f.get(5, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(2));
        selector.wakeup();
        assertEquals(0, selector.select(), "a wakeup before the select makes it return at once");
    }

    @Test
    void close_cancels_every_key_and_leaves_the_sockets_open() throws SctpException {
        SctpMultiSocket a = SctpMultiSocket.open(fake, StandardProtocolFamily.INET);
        SctpSelectionKey k = selector.register(a, SctpSelectionKey.OP_READ, null);
        selector.close();
        selector.close();
        assertFalse(k.isValid());
        assertTrue(a.isOpen());
        assertTrue(fake.watched().isEmpty());
        assertThrows(ClosedSelectorException.class, () -> selector.selectNow());
        a.close();
        assertEquals(List.of(), fake.violations());
    }

    @Test
    void many_keys_grow_the_tables_and_all_ready_are_selected() throws SctpException {
        int n = 300;
        for (int i = 0; i < n; i++) {
            SctpMultiSocket s = SctpMultiSocket.open(fake, StandardProtocolFamily.INET);
            selector.register(s, SctpSelectionKey.OP_READ, i);
            fake.deliver(s.rawDescriptor(), data("x" + i));
        }
        assertEquals(n, selector.selectNow());
        int sum = 0;
        for (SctpSelectionKey k : selector.selectedKeys()) {
            sum += (Integer) k.attachment();
        }
        assertEquals(n * (n - 1) / 2, sum);
    }
}
