/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peeloff.spi.SocketOption;
import org.peeloff.testing.FakeSctpProvider;
import org.peeloff.testing.FakeSctpProvider.Event;
import org.peeloff.testing.FakeSctpProvider.Message;

/** The send and receive loops over the provider, and the small setters around them. */
class SendReceiveTest {
    private static final AssociationId ASSOC = AssociationId.of(4);

    private FakeSctpProvider fake;
    private SctpMultiSocket socket;
    private int fd;

    @BeforeEach
    void openSocket() throws SctpException {
        fake = new FakeSctpProvider();
        socket = SctpMultiSocket.open(fake, StandardProtocolFamily.INET);
        fd = socket.rawDescriptor();
        fake.forgetCalls();
    }

    private List<String> callNames() {
        return fake.calls().stream().map(Event::call).toList();
    }

    @Test
    void send_on_an_association_passes_its_id_stream_ppid_and_order() throws SctpException {
        ByteBuffer src = ByteBuffer.wrap(new byte[10]);

        int n = socket.send(src, MessageInfo.to(ASSOC, 3).withPayloadProtocolId(46).withUnordered(true));

        assertEquals(10, n);
        assertEquals(Arrays.asList(10, 4, null, 3, 46, true, true), fake.calls("send").get(0).args());
    }

    @Test
    void send_to_an_address_passes_association_zero_and_the_address() throws SctpException {
        InetSocketAddress peer = new InetSocketAddress("192.0.2.7", 2905);

        socket.send(ByteBuffer.wrap(new byte[2]), MessageInfo.to(peer, 1));

        assertEquals(Arrays.asList(2, 0, peer, 1, 0, false, true), fake.calls("send").get(0).args());
    }

    @Test
    void a_received_data_message_becomes_SctpData_with_every_field() throws SctpException {
        fake.deliver(fd, Message.data(new byte[] {1, 2, 3, 4, 5}, 4, 9, 46, true));
        ByteBuffer dst = ByteBuffer.allocate(64);

        SctpReceived r = socket.receive(dst);

        assertEquals(new SctpData(ASSOC, 9, 46, 5, true, true), r);
        assertEquals(5, dst.position());
    }

    @Test
    void a_message_larger_than_the_buffer_is_received_incomplete() throws SctpException {
        fake.deliver(fd, Message.data(new byte[100], 4, 0, 0, false));

        SctpData d = (SctpData) socket.receive(ByteBuffer.allocate(30));

        assertEquals(30, d.bytes());
        assertFalse(d.complete(), "the rest follows");
    }

    @Test
    void a_parsed_notification_is_returned_as_the_provider_parsed_it() throws SctpException {
        AssociationChange up = new AssociationChange(ASSOC, AssociationChange.State.COMMUNICATION_UP, 0, 10, 10);
        fake.deliver(fd, Message.notification(20, 4, up));

        assertSame(up, socket.receive(ByteBuffer.allocate(64)));
    }

    @Test
    void an_unparsed_notification_is_kept_as_OtherNotification_with_its_length() throws SctpException {
        fake.deliver(fd, Message.notification(24, 4, null));

        assertEquals(new OtherNotification(ASSOC, -1, 24), socket.receive(ByteBuffer.allocate(64)));
    }

    @Test
    void the_receive_information_of_one_message_does_not_leak_into_the_next() throws SctpException {
        ShutdownEvent shutdown = new ShutdownEvent(ASSOC);
        fake.deliver(fd, Message.notification(12, 4, shutdown));
        fake.deliver(fd, Message.data(new byte[] {7}, 5, 0, 0, false));

        assertSame(shutdown, socket.receive(ByteBuffer.allocate(64)));
        assertEquals(new SctpData(AssociationId.of(5), 0, 0, 1, true, false), socket.receive(ByteBuffer.allocate(64)));
    }

    @Test
    void a_non_blocking_receive_with_nothing_queued_returns_null_after_one_native_call() throws SctpException {
        socket.configureBlocking(false);
        fake.forgetCalls();

        assertNull(socket.receive(ByteBuffer.allocate(64)));
        assertEquals(List.of("receive"), callNames());
        assertEquals(List.of(true), fake.calls("receive").get(0).args(), "dontWait, even on the non-blocking socket");
    }

    @Test
    void a_non_blocking_send_without_room_returns_zero_after_one_native_call() throws SctpException {
        socket.configureBlocking(false);
        fake.setRoomToSend(fd, false);
        fake.forgetCalls();
        ByteBuffer src = ByteBuffer.wrap(new byte[8]);

        assertEquals(0, socket.send(src, MessageInfo.to(ASSOC, 0)));
        assertEquals(List.of("send"), callNames());
        assertEquals(8, src.remaining(), "nothing was consumed");
    }

    @Test
    @Timeout(30)
    void a_blocking_receive_waits_in_poll_and_returns_the_message_that_arrives() throws Exception {
        Future<SctpReceived> r = Threads.start("receiver", () -> socket.receive(ByteBuffer.allocate(64)));
        assertTrue(fake.awaitCall("poll", fd, Duration.ofSeconds(10)), "the receiver waits in poll");
        assertFalse(r.isDone());

        fake.deliver(fd, Message.data(new byte[] {42}, 4, 2, 0, false));

        assertEquals(new SctpData(ASSOC, 2, 0, 1, true, false), r.get(10, TimeUnit.SECONDS));
        Event poll = fake.calls("poll").get(0);
        assertEquals(List.of(false, AbstractSctpSocket.WAIT_SLICE_MILLIS), poll.args(), "waits to read, in slices");
        assertTrue(fake.calls("receive").stream().allMatch(e -> e.args().equals(List.of(true))),
                "every native receive is dontWait: only poll waits, so close can wake it");
    }

    @Test
    @Timeout(30)
    void a_blocking_send_without_room_waits_in_poll_until_there_is_room() throws Exception {
        fake.setRoomToSend(fd, false);
        ByteBuffer src = ByteBuffer.wrap(new byte[6]);
        Future<Integer> n = Threads.start("sender", () -> socket.send(src, MessageInfo.to(ASSOC, 0)));
        assertTrue(fake.awaitCall("poll", fd, Duration.ofSeconds(10)), "the sender waits in poll");
        assertFalse(n.isDone());

        fake.setRoomToSend(fd, true);

        assertEquals(6, n.get(10, TimeUnit.SECONDS));
        assertEquals(List.of(true, AbstractSctpSocket.WAIT_SLICE_MILLIS), fake.calls("poll").get(0).args(),
                "waits to write, in slices");
    }

    @Test
    void configureBlocking_sets_the_descriptor_mode_and_remembers_it() throws SctpException {
        socket.configureBlocking(false);

        assertFalse(socket.isBlocking());
        assertFalse(fake.blockingState(fd));
        assertEquals(List.of(false), fake.calls("setBlocking").get(0).args());
        socket.configureBlocking(true);
        assertTrue(socket.isBlocking());
    }

    @Test
    void a_failed_configureBlocking_leaves_the_mode_unchanged() {
        SctpException failure = fake.failNext("setBlocking", "EBADF", 9);

        SctpException e = assertThrows(SctpException.class, () -> socket.configureBlocking(false));

        assertSame(failure, e);
        assertTrue(socket.isBlocking());
    }

    @Test
    void setNoDelay_sets_SCTP_NODELAY_to_one_or_zero() throws SctpException {
        socket.setNoDelay(true);
        socket.setNoDelay(false);

        assertEquals(List.of(List.of(SocketOption.NODELAY, 1), List.of(SocketOption.NODELAY, 0)),
                fake.calls("setOption").stream().map(Event::args).toList());
    }

    @Test
    void binding_several_addresses_binds_the_first_and_adds_the_others_on_the_same_port() throws Exception {
        InetSocketAddress first = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0);
        InetSocketAddress second = new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0);
        InetSocketAddress third = new InetSocketAddress(InetAddress.getByName("127.0.0.3"), 0);

        socket.bind(List.of(first, second, third));

        assertEquals(List.of("bind", "localAddresses", "bindx"), callNames());
        int port = socket.localAddresses().get(0).getPort();
        assertEquals(List.of(List.of(new InetSocketAddress(second.getAddress(), port),
                new InetSocketAddress(third.getAddress(), port)), true), fake.calls("bindx").get(0).args());
    }

    @Test
    void binding_one_address_in_a_list_makes_no_bindx() throws SctpException {
        socket.bind(List.of(new InetSocketAddress("127.0.0.1", 2905)));

        assertEquals(List.of("bind"), callNames());
    }

    @Test
    void listen_uses_a_backlog_of_128_by_default() throws SctpException {
        socket.listen();
        socket.listen(7);

        assertEquals(List.of(List.of(128), List.of(7)), fake.calls("listen").stream().map(Event::args).toList());
    }
}
