/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.peeloff.spi.SocketOption;
import org.peeloff.spi.SocketStyle;
import org.peeloff.testing.FakeSctpProvider;

/**
 * What Peeloff refuses by itself: bad arguments and calls on a closed socket never reach a native
 * call (the fake records none), so they can never touch a descriptor number that is not ours.
 */
class ArgumentChecksTest {
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 2905);

    private FakeSctpProvider fake;
    private SctpMultiSocket socket;

    @BeforeEach
    void openSocket() throws SctpException {
        fake = new FakeSctpProvider();
        socket = SctpMultiSocket.open(fake, StandardProtocolFamily.INET);
        fake.forgetCalls();
    }

    private void assertNoNativeCall() {
        assertEquals(List.of(), fake.calls(), "no native call may be made");
        assertEquals(List.of(), fake.violations());
    }

    // ---- peel-off ---------------------------------------------------------------------------

    @Test
    void peelOff_of_id_zero_is_refused_before_any_native_call() {
        SctpException e = assertThrows(SctpException.class, () -> socket.peelOff(AssociationId.of(0)));

        assertEquals(SctpError.NO_SUCH_ASSOCIATION, e.error());
        assertEquals(0, e.errno());
        assertEquals("peelOff(fd=" + socket.rawDescriptor() + ", assoc=0) rejected before any native call on "
                + System.getProperty("os.name") + " -> NO_SUCH_ASSOCIATION: association ids are positive", e.getMessage());
        assertNoNativeCall();
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, -4711, Integer.MIN_VALUE})
    void peelOff_of_a_negative_id_is_refused_before_any_native_call(int id) {
        SctpException e = assertThrows(SctpException.class,
                () -> socket.peelOff(AssociationId.of(id), PeeloffOption.CLOEXEC));

        assertEquals(SctpError.NO_SUCH_ASSOCIATION, e.error());
        assertEquals(0, e.errno());
        assertTrue(e.getMessage().contains("rejected before any native call"), e.getMessage());
        assertNoNativeCall();
    }

    @Test
    void peelOff_of_a_null_id_is_refused_before_any_native_call() {
        // a null id is a programming error, refused like every null argument of this API
        NullPointerException e = assertThrows(NullPointerException.class, () -> socket.peelOff(null));

        assertEquals("association", e.getMessage());
        assertNoNativeCall();
    }

    @Test
    void peelOff_with_a_null_option_array_is_refused_before_any_native_call() {
        assertThrows(NullPointerException.class, () -> socket.peelOff(AssociationId.of(1), (PeeloffOption[]) null));
        assertNoNativeCall();
    }

    @Test
    void peelOff_with_a_null_option_is_refused_before_any_native_call() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> socket.peelOff(AssociationId.of(1), PeeloffOption.NONBLOCK, null));

        assertEquals("option", e.getMessage());
        assertNoNativeCall();
    }

    // ---- send / receive ---------------------------------------------------------------------

    @Test
    void send_of_a_null_buffer_is_refused_before_any_native_call() {
        assertThrows(NullPointerException.class, () -> socket.send(null, MessageInfo.to(AssociationId.of(1), 0)));
        assertNoNativeCall();
    }

    @Test
    void send_with_null_info_is_refused_before_any_native_call() {
        assertThrows(NullPointerException.class, () -> socket.send(ByteBuffer.allocate(4), null));
        assertNoNativeCall();
    }

    @Test
    void receive_into_a_null_buffer_is_refused_before_any_native_call() {
        assertThrows(NullPointerException.class, () -> socket.receive(null));
        assertNoNativeCall();
    }

    @Test
    void receive_into_a_read_only_buffer_is_refused_before_any_native_call() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> socket.receive(ByteBuffer.allocate(16).asReadOnlyBuffer()));

        assertEquals("read-only buffer", e.getMessage());
        assertNoNativeCall();
    }

    @Test
    void one_to_one_send_and_receive_check_their_buffers_before_any_native_call() throws SctpException {
        SctpSocket one = SctpSocket.open(fake, StandardProtocolFamily.INET);
        fake.forgetCalls();

        assertThrows(NullPointerException.class, () -> one.send(null, 0));
        assertThrows(NullPointerException.class, () -> one.receive(null));
        assertThrows(IllegalArgumentException.class, () -> one.receive(ByteBuffer.allocateDirect(8).asReadOnlyBuffer()));
        assertNoNativeCall();
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0x10000})
    void one_to_one_send_on_a_stream_outside_0_to_65535_is_refused_before_any_native_call(int stream)
            throws SctpException {
        SctpSocket one = SctpSocket.open(fake, StandardProtocolFamily.INET);
        fake.forgetCalls();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> one.send(ByteBuffer.allocate(4), stream, 0));

        assertEquals("stream must be 0..65535: " + stream, e.getMessage());
        assertNoNativeCall();
    }

    // ---- buffer sizes -----------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void a_buffer_size_that_is_not_positive_is_refused_before_any_native_call(int size) {
        IllegalArgumentException send = assertThrows(IllegalArgumentException.class, () -> socket.setSendBufferSize(size));
        IllegalArgumentException receive = assertThrows(IllegalArgumentException.class,
                () -> socket.setReceiveBufferSize(size));

        assertEquals("send buffer size must be positive: " + size, send.getMessage());
        assertEquals("receive buffer size must be positive: " + size, receive.getMessage());
        assertNoNativeCall();
    }

    @Test
    void a_positive_buffer_size_reaches_the_provider_as_the_right_option() throws SctpException {
        socket.setSendBufferSize(1);
        socket.setReceiveBufferSize(262144);

        assertEquals(List.of(
                List.of(SocketOption.SEND_BUFFER, 1),
                List.of(SocketOption.RECEIVE_BUFFER, 262144)),
                fake.calls("setOption").stream().map(FakeSctpProvider.Event::args).toList());
        assertEquals(1, socket.getSendBufferSize());
        assertEquals(262144, socket.getReceiveBufferSize());
    }

    // ---- open -------------------------------------------------------------------------------

    @Test
    void open_with_a_non_INET_family_is_refused_before_any_native_call() {
        IllegalArgumentException multi = assertThrows(IllegalArgumentException.class,
                () -> SctpMultiSocket.open(fake, StandardProtocolFamily.UNIX));
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                () -> SctpSocket.open(fake, () -> "AF_APPLETALK"));

        assertEquals("SCTP needs INET or INET6, not UNIX", multi.getMessage());
        assertTrue(one.getMessage().startsWith("SCTP needs INET or INET6, not "), one.getMessage());
        assertNoNativeCall();
    }

    @Test
    void open_with_a_null_family_or_provider_is_refused_before_any_native_call() {
        assertThrows(NullPointerException.class, () -> SctpMultiSocket.open(fake, null));
        assertThrows(NullPointerException.class, () -> SctpSocket.open(fake, null));
        assertThrows(NullPointerException.class, () -> SctpMultiSocket.open(null, StandardProtocolFamily.INET));
        assertNoNativeCall();
    }

    @Test
    void open_asks_the_provider_for_the_right_family_and_style() throws SctpException {
        SctpMultiSocket.open(fake, StandardProtocolFamily.INET6);
        SctpSocket.open(fake, StandardProtocolFamily.INET);

        assertEquals(List.of(
                List.of(StandardProtocolFamily.INET6, SocketStyle.ONE_TO_MANY),
                List.of(StandardProtocolFamily.INET, SocketStyle.ONE_TO_ONE)),
                fake.calls("socket").stream().map(FakeSctpProvider.Event::args).toList());
    }

    @Test
    void a_socket_opened_is_open_and_blocking() throws SctpException {
        SctpSocket one = SctpSocket.open(fake, StandardProtocolFamily.INET);

        assertTrue(socket.isOpen());
        assertTrue(socket.isBlocking());
        assertTrue(one.isBlocking());
        assertNull(one.association(), "a socket that was not peeled off has no association id");
    }

    @Test
    void binding_no_address_is_refused_before_any_native_call() {
        assertThrows(IllegalArgumentException.class, () -> socket.bind(List.of()));
        assertThrows(NullPointerException.class, () -> socket.bind((InetSocketAddress) null));
        assertThrows(NullPointerException.class, () -> socket.connect((InetSocketAddress) null));
        assertThrows(NullPointerException.class, () -> socket.peerAddresses(null));
        assertNoNativeCall();
    }

    // ---- after close ------------------------------------------------------------------------

    private static final Map<String, ThrowingConsumer<SctpMultiSocket>> MULTI_OPERATIONS = Map.ofEntries(
            Map.entry("bind", s -> s.bind(LOCAL)),
            Map.entry("bind(list)", s -> s.bind(List.of(LOCAL, new InetSocketAddress("127.0.0.2", 0)))),
            Map.entry("bindx", s -> s.bindx(List.of(LOCAL), true)),
            Map.entry("listen", SctpMultiSocket::listen),
            Map.entry("listen(backlog)", s -> s.listen(5)),
            Map.entry("connect", s -> s.connect(LOCAL)),
            Map.entry("send", s -> s.send(ByteBuffer.allocate(4), MessageInfo.to(AssociationId.of(1), 0))),
            Map.entry("receive", s -> s.receive(ByteBuffer.allocate(64))),
            Map.entry("associations", SctpMultiSocket::associations),
            Map.entry("peerAddresses", s -> s.peerAddresses(AssociationId.of(1))),
            Map.entry("peelOff", s -> s.peelOff(AssociationId.of(1))),
            Map.entry("peelOff(NONBLOCK, CLOEXEC)", s -> s.peelOff(AssociationId.of(1), PeeloffOption.NONBLOCK,
                    PeeloffOption.CLOEXEC)),
            Map.entry("configureBlocking", s -> s.configureBlocking(false)),
            Map.entry("getSendBufferSize", SctpMultiSocket::getSendBufferSize),
            Map.entry("setSendBufferSize", s -> s.setSendBufferSize(1024)),
            Map.entry("getReceiveBufferSize", SctpMultiSocket::getReceiveBufferSize),
            Map.entry("setReceiveBufferSize", s -> s.setReceiveBufferSize(1024)),
            Map.entry("setNoDelay", s -> s.setNoDelay(true)),
            Map.entry("localAddresses", SctpMultiSocket::localAddresses));

    private static final Map<String, ThrowingConsumer<SctpSocket>> ONE_OPERATIONS = Map.ofEntries(
            Map.entry("bind", s -> s.bind(LOCAL)),
            Map.entry("connect", s -> s.connect(LOCAL)),
            Map.entry("send(stream)", s -> s.send(ByteBuffer.allocate(4), 0)),
            Map.entry("send(stream, ppid)", s -> s.send(ByteBuffer.allocate(4), 1, 46)),
            Map.entry("receive", s -> s.receive(ByteBuffer.allocate(64))),
            Map.entry("remoteAddresses", SctpSocket::remoteAddresses),
            Map.entry("configureBlocking", s -> s.configureBlocking(false)),
            Map.entry("getSendBufferSize", SctpSocket::getSendBufferSize),
            Map.entry("setSendBufferSize", s -> s.setSendBufferSize(1024)),
            Map.entry("getReceiveBufferSize", SctpSocket::getReceiveBufferSize),
            Map.entry("setReceiveBufferSize", s -> s.setReceiveBufferSize(1024)),
            Map.entry("setNoDelay", s -> s.setNoDelay(false)),
            Map.entry("localAddresses", SctpSocket::localAddresses));

    @TestFactory
    Stream<DynamicTest> every_one_to_many_operation_after_close_fails_CLOSED_without_a_native_call() {
        return afterClose(MULTI_OPERATIONS, f -> SctpMultiSocket.open(f, StandardProtocolFamily.INET));
    }

    @TestFactory
    Stream<DynamicTest> every_one_to_one_operation_after_close_fails_CLOSED_without_a_native_call() {
        return afterClose(ONE_OPERATIONS, f -> SctpSocket.open(f, StandardProtocolFamily.INET));
    }

    @TestFactory
    Stream<DynamicTest> every_operation_on_a_closed_peeled_off_socket_fails_CLOSED_without_a_native_call() {
        return afterClose(ONE_OPERATIONS, f -> SctpMultiSocket.open(f, StandardProtocolFamily.INET)
                .peelOff(AssociationId.of(5)));
    }

    private static <S extends AbstractSctpSocket> Stream<DynamicTest> afterClose(
            Map<String, ThrowingConsumer<S>> operations, ThrowingFunction<FakeSctpProvider, S> opener) {
        return operations.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(op -> dynamicTest(
                op.getKey() + "_after_close_fails_CLOSED_without_a_native_call", () -> {
                    FakeSctpProvider f = new FakeSctpProvider();
                    S s = opener.apply(f);
                    int fd = s.rawDescriptor();
                    boolean blockingBefore = s.isBlocking();
                    s.close();
                    f.forgetCalls();

                    SctpClosedException e = assertThrows(SctpClosedException.class, () -> op.getValue().accept(s));

                    assertEquals(SctpError.CLOSED, e.error());
                    assertEquals(0, e.errno());
                    assertTrue(e.call().endsWith("(fd=" + fd + ")"), e.call());
                    assertEquals(List.of(), f.calls(), "no native call after close");
                    assertEquals(List.of(), f.violations());
                    assertFalse(s.isOpen());
                    assertEquals(blockingBefore, s.isBlocking(), "a refused call changes nothing");
                }));
    }

    @Test
    void close_is_idempotent_and_closes_the_descriptor_natively_exactly_once() throws SctpException {
        int fd = socket.rawDescriptor();

        socket.close();
        socket.close();
        socket.close();

        assertEquals(1, fake.closesOf(fd));
        assertEquals(List.of("close"), fake.calls().stream().map(FakeSctpProvider.Event::call).toList());
        assertFalse(socket.isOpen());
        assertEquals(List.of(), fake.violations());
    }

    @Test
    void an_early_close_inside_try_with_resources_leaves_one_native_close() throws SctpException {
        int fd;
        try (SctpMultiSocket s = SctpMultiSocket.open(fake, StandardProtocolFamily.INET)) {
            fd = s.rawDescriptor();
            closeEarly(s);
        }

        assertEquals(1, fake.closesOf(fd));
    }

    private static void closeEarly(AbstractSctpSocket s) throws SctpException {
        s.close();
    }

    @Test
    void a_failed_native_close_is_reported_and_not_retried() {
        int fd = socket.rawDescriptor();
        SctpException failure = fake.failNext("close", "EIO", 5);

        SctpException e = assertThrows(SctpException.class, socket::close);

        assertSame(failure, e);
        assertFalse(socket.isOpen());
        assertDoesNotThrow(socket::close, "the second close has nothing left to do");
        assertEquals(1, fake.closesOf(fd), "a failed close is not retried on a descriptor that may be gone");
    }

    @Test
    void toString_shows_descriptor_state_and_provider() throws SctpException {
        int fd = socket.rawDescriptor();

        assertEquals("SctpMultiSocket[fd=" + fd + ", provider=fake]", socket.toString());
        socket.close();
        assertEquals("SctpMultiSocket[fd=" + fd + ", closed, provider=fake]", socket.toString());
    }

    @FunctionalInterface
    interface ThrowingConsumer<T> {
        void accept(T t) throws SctpException;
    }

    @FunctionalInterface
    interface ThrowingFunction<T, R> {
        R apply(T t) throws SctpException;
    }

}
