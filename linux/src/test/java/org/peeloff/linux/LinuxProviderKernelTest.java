/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.peeloff.AssociationChange;
import org.peeloff.Capabilities;
import org.peeloff.PeeloffOption;
import org.peeloff.SctpError;
import org.peeloff.SctpException;
import org.peeloff.SctpNotification;
import org.peeloff.ShutdownEvent;
import org.peeloff.spi.ReceiveInfo;
import org.peeloff.spi.SocketOption;
import org.peeloff.spi.SocketStyle;

/**
 * The provider's own smoke test on a real Linux kernel with SCTP (run by {@code harness/kernel-tests},
 * in {@code harness/linux-vm} when the host has no SCTP): associations come up and carry data with
 * their ids, streams and ppid; peel-off honours every flag combination and moves the association;
 * every peel-off error row maps to its portable error; the fallback without
 * {@code SCTP_SOCKOPT_PEELOFF_FLAGS} works and is reported. The TCK in compat-tests covers the rest.
 */
@Tag("kernel")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LinuxProviderKernelTest {
    private static final long WAIT_MS = 30_000;
    private static final InetAddress V4 = address("127.0.0.1");
    private static final InetAddress V6 = address("::1");

    private final LinuxSctpProvider p = new LinuxSctpProvider();
    private final Deque<Integer> open = new ArrayDeque<>();

    private static InetAddress address(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void closeAll() {
        while (!open.isEmpty()) {
            try {
                p.close(open.pop());
            } catch (SctpException e) {
                // already closed by the test
            }
        }
    }

    private int track(int fd) {
        open.push(fd);
        return fd;
    }

    /** A listening one-to-many server and a one-to-many client with one association between them. */
    private record Link(int server, int client, int serverAssoc, int clientAssoc, InetSocketAddress serverAddress,
                        InetSocketAddress clientAddress) {
    }

    private Link link(LinuxSctpProvider provider, InetAddress ip) throws Exception {
        ProtocolFamily family = ip.getAddress().length == 4 ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
        int server = track(provider.socket(family, SocketStyle.ONE_TO_MANY));
        provider.bind(server, new InetSocketAddress(ip, 0));
        provider.listen(server, 16);
        InetSocketAddress serverAddress = provider.localAddresses(server).get(0);
        int client = track(provider.socket(family, SocketStyle.ONE_TO_MANY));
        provider.bind(client, new InetSocketAddress(ip, 0));
        provider.connect(client, serverAddress);
        int clientAssoc = awaitUp(provider, client);
        int serverAssoc = awaitUp(provider, server);
        return new Link(server, client, serverAssoc, clientAssoc, serverAddress, provider.localAddresses(client).get(0));
    }

    private Link link() throws Exception {
        return link(p, V4);
    }

    private static int awaitUp(LinuxSctpProvider provider, int fd) throws Exception {
        ReceiveInfo info = receive(provider, fd, ByteBuffer.allocate(512));
        assertTrue(info.isNotification, "expected COMMUNICATION_UP, got data");
        AssociationChange up = assertInstanceOf(AssociationChange.class, info.notification);
        assertEquals(AssociationChange.State.COMMUNICATION_UP, up.state());
        assertTrue(up.association().isValid(), up.toString());
        assertEquals(up.association().value(), info.assocId);
        assertTrue(up.outboundStreams() > 0 && up.inboundStreams() > 0, up.toString());
        return up.association().value();
    }

    /** Receives one message or notification within {@link #WAIT_MS}, never blocking in the kernel. */
    private static ReceiveInfo receive(LinuxSctpProvider provider, int fd, ByteBuffer dst) throws Exception {
        ReceiveInfo info = new ReceiveInfo();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (true) {
            info.reset();
            if (provider.receive(fd, dst, info, true)) {
                return info;
            }
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                fail("nothing received on fd " + fd + " within " + WAIT_MS + " ms");
            }
            provider.poll(fd, false, (int) Math.min(left, 1000));
        }
    }

    private static ReceiveInfo receiveData(LinuxSctpProvider provider, int fd, ByteBuffer dst) throws Exception {
        ReceiveInfo info = receive(provider, fd, dst);
        assertFalse(info.isNotification, () -> "expected data, got " + info.notification);
        return info;
    }

    private static void send(LinuxSctpProvider provider, int fd, int assoc, int stream, int ppid, String text)
            throws SctpException {
        ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        assertEquals(b.remaining(), provider.send(fd, b, assoc, null, stream, ppid, false, false));
        assertFalse(b.hasRemaining());
    }

    private static String text(ByteBuffer b, ReceiveInfo info) {
        b.flip();
        assertEquals(info.bytes, b.remaining());
        String s = StandardCharsets.UTF_8.decode(b).toString();
        b.clear();
        return s;
    }

    private static int[] sorted(int[] a) {
        int[] c = a.clone();
        Arrays.sort(c);
        return c;
    }

    private static SctpException peeloffFails(LinuxSctpProvider provider, int fd, int assoc, SctpError expected) {
        SctpException e = assertThrows(SctpException.class,
                () -> provider.peeloff(fd, assoc, EnumSet.noneOf(PeeloffOption.class)));
        assertEquals(expected, e.error(), e.getMessage());
        assertEquals("Linux", e.os());
        assertTrue(e.call().startsWith("sctp_peeloff(fd=" + fd + ", assoc=" + assoc), e.call());
        return e;
    }

    // ------------------------------------------------------------------ associations and data

    @Test
    void association_comes_up_and_messages_carry_association_stream_ppid_and_order() throws Exception {
        Link l = link();
        assertArrayEquals(new int[] {l.serverAssoc()}, p.associations(l.server()));
        assertArrayEquals(new int[] {l.clientAssoc()}, p.associations(l.client()));

        send(p, l.client(), l.clientAssoc(), 1, 42, "hello over a heap buffer");
        ByteBuffer heap = ByteBuffer.allocate(256);
        ReceiveInfo got = receiveData(p, l.server(), heap);
        assertEquals(l.serverAssoc(), got.assocId);
        assertEquals(1, got.stream);
        assertEquals(42, got.ppid);
        assertTrue(got.complete);
        assertFalse(got.unordered);
        assertEquals("hello over a heap buffer", text(heap, got));

        ByteBuffer out = ByteBuffer.allocateDirect(64);
        out.put("unordered, direct".getBytes(StandardCharsets.UTF_8)).flip();
        assertEquals(17, p.send(l.server(), out, l.serverAssoc(), null, 2, 0x01020304, true, false));
        ByteBuffer direct = ByteBuffer.allocateDirect(256);
        direct.position(10);
        got = receiveData(p, l.client(), direct);
        assertEquals(l.clientAssoc(), got.assocId);
        assertEquals(2, got.stream);
        assertEquals(0x01020304, got.ppid);
        assertTrue(got.unordered);
        assertEquals(27, direct.position());
        byte[] bytes = new byte[17];
        direct.position(10);
        direct.get(bytes);
        assertEquals("unordered, direct", new String(bytes, StandardCharsets.UTF_8));
    }

    @Test
    void a_message_larger_than_the_buffer_arrives_in_parts_and_only_the_last_is_complete() throws Exception {
        Link l = link();
        send(p, l.client(), l.clientAssoc(), 0, 7, "0123456789abcdef");
        ByteBuffer small = ByteBuffer.allocate(10);
        ReceiveInfo first = receiveData(p, l.server(), small);
        assertEquals(10, first.bytes);
        assertFalse(first.complete);
        assertEquals("0123456789", text(small, first));
        ReceiveInfo rest = receiveData(p, l.server(), small);
        assertTrue(rest.complete);
        assertEquals("abcdef", text(small, rest));
    }

    @Test
    void dont_wait_receive_and_send_report_would_block_without_throwing() throws Exception {
        Link l = link();
        ReceiveInfo info = new ReceiveInfo();
        assertFalse(p.receive(l.server(), ByteBuffer.allocate(64), info, true));
        assertFalse(p.poll(l.server(), false, 0));
        assertTrue(p.poll(l.server(), true, 1000));
        p.setOption(l.client(), SocketOption.SEND_BUFFER, 4096);
        ByteBuffer chunk = ByteBuffer.allocateDirect(1024);
        int sent = 0;
        for (int i = 0; i < 100_000; i++) {
            chunk.clear();
            if (p.send(l.client(), chunk, l.clientAssoc(), null, 0, 0, false, true) < 0) {
                assertEquals(0, chunk.position(), "nothing is consumed when the send would block");
                return;
            }
            sent++;
        }
        fail("the send buffer never filled after " + sent + " messages");
    }

    @Test
    void two_associations_are_listed_by_the_kernel() throws Exception {
        Link l = link();
        int second = track(p.socket(StandardProtocolFamily.INET, SocketStyle.ONE_TO_MANY));
        p.connect(second, l.serverAddress());
        awaitUp(p, second);
        int secondAssoc = awaitUp(p, l.server());
        assertNotEquals(l.serverAssoc(), secondAssoc);
        assertArrayEquals(sorted(new int[] {l.serverAssoc(), secondAssoc}), sorted(p.associations(l.server())));
        assertEquals(List.of(l.clientAddress()), p.peerAddresses(l.server(), l.serverAssoc()));
    }

    @Test
    void options_addresses_and_bindx() throws Exception {
        int fd = track(p.socket(StandardProtocolFamily.INET, SocketStyle.ONE_TO_MANY));
        assertTrue(p.isBlocking(fd), "new sockets are blocking");
        assertTrue(p.isCloseOnExec(fd), "new sockets are close-on-exec");
        p.setOption(fd, SocketOption.NODELAY, 1);
        assertEquals(1, p.getOption(fd, SocketOption.NODELAY));
        p.setOption(fd, SocketOption.RECEIVE_BUFFER, 65536);
        assertTrue(p.getOption(fd, SocketOption.RECEIVE_BUFFER) >= 65536);
        p.bind(fd, new InetSocketAddress(V4, 0));
        int port = p.localAddresses(fd).get(0).getPort();
        InetSocketAddress extra = new InetSocketAddress(address("127.0.0.2"), port);
        p.bindx(fd, List.of(extra), true);
        assertEquals(Set.of(new InetSocketAddress(V4, port), extra), Set.copyOf(p.localAddresses(fd)));
        p.bindx(fd, List.of(extra), false);
        assertEquals(List.of(new InetSocketAddress(V4, port)), p.localAddresses(fd));
        SctpException e = assertThrows(SctpException.class, () -> p.peerAddresses(fd, 12345));
        assertEquals(SctpError.NO_SUCH_ASSOCIATION, e.error(), e.getMessage());
    }

    // ------------------------------------------------------------------ peel-off

    static Stream<Set<PeeloffOption>> flagCombinations() {
        return Stream.of(EnumSet.noneOf(PeeloffOption.class), EnumSet.of(PeeloffOption.NONBLOCK),
                EnumSet.of(PeeloffOption.CLOEXEC), EnumSet.of(PeeloffOption.NONBLOCK, PeeloffOption.CLOEXEC),
                EnumSet.of(PeeloffOption.STRICT, PeeloffOption.NONBLOCK, PeeloffOption.CLOEXEC));
    }

    @ParameterizedTest(name = "peeloff with {0}")
    @MethodSource("flagCombinations")
    void peeloff_sets_blocking_and_close_on_exec_as_asked_and_moves_the_association(Set<PeeloffOption> options)
            throws Exception {
        Link l = link();
        int peeled = track(p.peeloff(l.server(), l.serverAssoc(), options));
        assertTrue(peeled >= 0 && peeled != l.server());
        assertEquals(!options.contains(PeeloffOption.NONBLOCK), p.isBlocking(peeled), "blocking mode");
        assertEquals(options.contains(PeeloffOption.CLOEXEC), p.isCloseOnExec(peeled), "close-on-exec");
        assertEquals(Capabilities.FlagSupport.ATOMIC, p.capabilities().peeloffFlags());

        assertEquals(0, p.associations(l.server()).length, "the association left the original socket");
        assertEquals(List.of(l.clientAddress()), p.peerAddresses(peeled, 0));
        assertEquals(l.serverAddress().getPort(), p.localAddresses(peeled).get(0).getPort());

        send(p, l.client(), l.clientAssoc(), 3, 99, "to the peeled socket");
        ByteBuffer b = ByteBuffer.allocate(128);
        ReceiveInfo got = receiveData(p, peeled, b);
        assertEquals(3, got.stream);
        assertEquals(99, got.ppid);
        assertEquals("to the peeled socket", text(b, got));
        send(p, peeled, 0, 4, 100, "from the peeled socket");
        got = receiveData(p, l.client(), b);
        assertEquals(l.clientAssoc(), got.assocId);
        assertEquals(4, got.stream);
        assertEquals("from the peeled socket", text(b, got));
    }

    @Test
    void a_message_queued_before_the_peeloff_is_read_from_the_peeled_socket() throws Exception {
        Link l = link();
        send(p, l.client(), l.clientAssoc(), 0, 1, "queued before");
        // wait until the message is on the server's queue, without reading it
        assertTrue(p.poll(l.server(), false, (int) WAIT_MS));
        int peeled = track(p.peeloff(l.server(), l.serverAssoc(), EnumSet.noneOf(PeeloffOption.class)));
        ByteBuffer b = ByteBuffer.allocate(64);
        assertEquals("queued before", text(b, receiveData(p, peeled, b)));
        assertFalse(p.receive(l.server(), b, new ReceiveInfo(), true), "nothing left on the original socket");
    }

    @Test
    void fallback_when_the_kernel_refuses_the_flags_option_is_emulated_and_reported() throws Exception {
        // a number the kernel does not know: it answers ENOPROTOOPT, as a kernel before 4.13 does for 122
        LinuxSctpProvider old = new LinuxSctpProvider(9999, false);
        assertEquals(Capabilities.FlagSupport.ATOMIC, old.capabilities().peeloffFlags());
        Link l = link(old, V4);
        int peeled = track(old.peeloff(l.server(), l.serverAssoc(), EnumSet.of(PeeloffOption.NONBLOCK, PeeloffOption.CLOEXEC)));
        assertFalse(old.isBlocking(peeled));
        assertTrue(old.isCloseOnExec(peeled));
        Capabilities c = old.capabilities();
        assertEquals(Capabilities.FlagSupport.EMULATED, c.peeloffFlags());
        assertTrue(c.details().get("peeloff").contains("ENOPROTOOPT"), c.details().get("peeloff"));
        send(old, peeled, 0, 0, 5, "emulated");
        ByteBuffer b = ByteBuffer.allocate(64);
        assertEquals("emulated", text(b, receiveData(old, l.client(), b)));

        Link m = link(old, V4);
        SctpException strict = assertThrows(SctpException.class,
                () -> old.peeloff(m.server(), m.serverAssoc(), EnumSet.of(PeeloffOption.STRICT, PeeloffOption.NONBLOCK)));
        assertEquals(SctpError.UNSUPPORTED, strict.error(), strict.getMessage());
        assertEquals(0, strict.errno());
        assertEquals(1, old.associations(m.server()).length, "a refused strict peel-off leaves the association");
        // without options the emulated peel-off still states the mode: blocking, not close-on-exec
        old.setBlocking(m.server(), false);
        int plain = track(old.peeloff(m.server(), m.serverAssoc(), EnumSet.noneOf(PeeloffOption.class)));
        assertTrue(old.isBlocking(plain));
        assertFalse(old.isCloseOnExec(plain));
    }

    @Test
    void strict_with_flags_on_a_kernel_without_the_flags_option_fails_UNSUPPORTED_before_peeling() throws Exception {
        LinuxSctpProvider old = new LinuxSctpProvider(9999, false);
        Link l = link(old, V4);
        SctpException e = assertThrows(SctpException.class,
                () -> old.peeloff(l.server(), l.serverAssoc(), EnumSet.of(PeeloffOption.STRICT, PeeloffOption.CLOEXEC)));
        assertEquals(SctpError.UNSUPPORTED, e.error(), e.getMessage());
        assertEquals(Capabilities.FlagSupport.EMULATED, old.capabilities().peeloffFlags());
        assertArrayEquals(new int[] {l.serverAssoc()}, old.associations(l.server()));
    }

    @Test
    void sndrcvinfo_control_messages_carry_the_same_information() throws Exception {
        LinuxSctpProvider legacy = new LinuxSctpProvider(LinuxAbi.SCTP_SOCKOPT_PEELOFF_FLAGS, true);
        Link l = link(legacy, V4);
        assertTrue(legacy.capabilities().details().get("receiveInfo").contains("SCTP_SNDRCV"));
        send(legacy, l.client(), l.clientAssoc(), 5, 6, "sndrcv");
        ByteBuffer b = ByteBuffer.allocate(64);
        ReceiveInfo got = receiveData(legacy, l.server(), b);
        assertEquals(l.serverAssoc(), got.assocId);
        assertEquals(5, got.stream);
        assertEquals(6, got.ppid);
        assertEquals("sndrcv", text(b, got));
    }

    @Test
    void ipv6_loopback_association_exchanges_and_peels_off() throws Exception {
        Link l = link(p, V6);
        assertEquals(V6, l.serverAddress().getAddress());
        send(p, l.client(), l.clientAssoc(), 1, 2, "over ::1");
        ByteBuffer b = ByteBuffer.allocate(64);
        ReceiveInfo got = receiveData(p, l.server(), b);
        assertEquals(l.serverAssoc(), got.assocId);
        assertEquals("over ::1", text(b, got));
        int peeled = track(p.peeloff(l.server(), l.serverAssoc(), EnumSet.of(PeeloffOption.NONBLOCK)));
        assertFalse(p.isBlocking(peeled));
        assertEquals(List.of(l.clientAddress()), p.peerAddresses(peeled, 0));
        send(p, peeled, 0, 0, 0, "peeled ::1");
        assertEquals("peeled ::1", text(b, receiveData(p, l.client(), b)));
    }

    @Test
    void end_of_a_peeled_association_gives_shutdown_notifications_then_NOT_CONNECTED() throws Exception {
        Link l = link();
        int peeled = track(p.peeloff(l.server(), l.serverAssoc(), EnumSet.noneOf(PeeloffOption.class)));
        open.remove((Integer) l.client());
        p.close(l.client());
        List<SctpNotification> seen = new ArrayList<>();
        ByteBuffer b = ByteBuffer.allocate(512);
        while (seen.stream().noneMatch(n -> n instanceof AssociationChange c
                && c.state() == AssociationChange.State.SHUTDOWN_COMPLETE)) {
            ReceiveInfo info = receive(p, peeled, b);
            assertTrue(info.isNotification, "no data was sent");
            seen.add(info.notification);
            b.clear();
        }
        assertTrue(seen.stream().anyMatch(ShutdownEvent.class::isInstance), seen.toString());
        // the kernel never returns 0 here (a peeled socket is not TCP style) and answers EAGAIN to
        // MSG_DONTWAIT for ever; the provider reports the end instead of letting a reader wait
        assertTrue(p.poll(peeled, false, 100), "poll ends the wait on a socket with nothing left to receive");
        SctpException end = assertThrows(SctpException.class, () -> p.receive(peeled, b, new ReceiveInfo(), true));
        assertEquals(SctpError.NOT_CONNECTED, end.error(), end.getMessage());
        // what the kernel itself says to a receiver that would wait
        SctpException kernel = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(SctpException.class,
                () -> p.receive(peeled, b, new ReceiveInfo(), false)));
        assertEquals(SctpError.NOT_CONNECTED, kernel.error(), kernel.getMessage());
        assertEquals("ENOTCONN", kernel.errnoName());
        // and the dead peeled socket is still not one-to-many
        peeloffFails(p, peeled, l.serverAssoc(), SctpError.NOT_ONE_TO_MANY);
    }

    @Test
    void a_one_to_one_socket_whose_peer_closed_reports_NOT_CONNECTED() throws Exception {
        Link l = link();
        int oneToOne = track(p.socket(StandardProtocolFamily.INET, SocketStyle.ONE_TO_ONE));
        p.connect(oneToOne, l.serverAddress());
        awaitUp(p, oneToOne);
        int id = awaitUp(p, l.server());
        int peeled = p.peeloff(l.server(), id, EnumSet.noneOf(PeeloffOption.class));
        p.close(peeled);
        ByteBuffer b = ByteBuffer.allocate(512);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (true) {
            try {
                ReceiveInfo info = receive(p, oneToOne, b);
                assertTrue(info.isNotification, "no data was sent");
                b.clear();
            } catch (SctpException e) {
                assertEquals(SctpError.NOT_CONNECTED, e.error(), e.getMessage());
                return;
            }
            assertTrue(System.nanoTime() < deadline, "the end of the association was never reported");
        }
    }

    // ------------------------------------------------------------------ peel-off errors

    @Test
    void peeloff_of_unknown_or_zero_association_fails_NO_SUCH_ASSOCIATION() throws Exception {
        Link l = link();
        SctpException e = peeloffFails(p, l.server(), l.serverAssoc() + 1000, SctpError.NO_SUCH_ASSOCIATION);
        assertEquals(22, e.errno());
        assertEquals("EINVAL", e.errnoName());
        peeloffFails(p, l.server(), 0, SctpError.NO_SUCH_ASSOCIATION);
        peeloffFails(p, l.server(), -1, SctpError.NO_SUCH_ASSOCIATION);
        peeloffFails(p, l.server(), LinuxSockets.PROBE_ASSOC_ID, SctpError.NO_SUCH_ASSOCIATION);
        peeloffFails(p, l.client(), l.serverAssoc() + 1000, SctpError.NO_SUCH_ASSOCIATION);
        int lonely = track(p.socket(StandardProtocolFamily.INET, SocketStyle.ONE_TO_MANY));
        peeloffFails(p, lonely, 1, SctpError.NO_SUCH_ASSOCIATION);
        assertArrayEquals(new int[] {l.serverAssoc()}, p.associations(l.server()), "failed peel-offs change nothing");
    }

    @Test
    void peeloff_of_a_one_to_one_socket_fails_NOT_ONE_TO_MANY() throws Exception {
        int unconnected = track(p.socket(StandardProtocolFamily.INET, SocketStyle.ONE_TO_ONE));
        assertEquals(LinuxAbi.SOCK_STREAM, p.socketsForTest().socketType(unconnected));
        SctpException e = peeloffFails(p, unconnected, 1, SctpError.NOT_ONE_TO_MANY);
        assertEquals("EINVAL", e.errnoName());

        Link l = link();
        int oneToOne = track(p.socket(StandardProtocolFamily.INET, SocketStyle.ONE_TO_ONE));
        p.connect(oneToOne, l.serverAddress());
        int id = awaitUp(p, oneToOne);
        peeloffFails(p, oneToOne, id, SctpError.NOT_ONE_TO_MANY);
        SctpException list = assertThrows(SctpException.class, () -> p.associations(oneToOne));
        assertEquals(SctpError.NOT_ONE_TO_MANY, list.error(), list.getMessage());
    }

    @Test
    void a_peeled_off_socket_reports_SOCK_SEQPACKET_yet_peeloff_on_it_fails_NOT_ONE_TO_MANY() throws Exception {
        Link l = link();
        int peeled = track(p.peeloff(l.server(), l.serverAssoc(), EnumSet.noneOf(PeeloffOption.class)));
        // the kernel creates the peeled socket as SOCK_SEQPACKET: SO_TYPE alone cannot tell it apart
        assertEquals(LinuxAbi.SOCK_SEQPACKET, p.socketsForTest().socketType(peeled));
        assertTrue(p.socketsForTest().answersForUnknownAssociation(peeled));
        assertFalse(p.socketsForTest().answersForUnknownAssociation(l.server()));
        peeloffFails(p, peeled, l.serverAssoc(), SctpError.NOT_ONE_TO_MANY);
        peeloffFails(p, peeled, 0, SctpError.NOT_ONE_TO_MANY);
        peeloffFails(p, peeled, l.serverAssoc() + 1000, SctpError.NOT_ONE_TO_MANY);
        assertArrayEquals(new int[] {l.serverAssoc()}, p.associations(peeled));
    }

    @Test
    void peeloff_of_a_closed_descriptor_fails_BAD_DESCRIPTOR() throws Exception {
        int fd = p.socket(StandardProtocolFamily.INET, SocketStyle.ONE_TO_MANY);
        p.close(fd);
        SctpException e = peeloffFails(p, fd, 1, SctpError.BAD_DESCRIPTOR);
        assertEquals(9, e.errno());
        assertEquals("EBADF", e.errnoName());
        SctpException c = assertThrows(SctpException.class, () -> p.close(fd));
        assertEquals(SctpError.BAD_DESCRIPTOR, c.error());
    }

    @Test
    void peeloff_of_a_regular_file_fails_NOT_A_SOCKET() throws Exception {
        Path file = Files.createTempFile("peeloff", ".txt");
        try (FileInputStream in = new FileInputStream(file.toFile())) {
            Field f = FileDescriptor.class.getDeclaredField("fd");
            f.setAccessible(true);
            int fd = f.getInt(in.getFD());
            SctpException e = peeloffFails(p, fd, 1, SctpError.NOT_A_SOCKET);
            assertEquals(88, e.errno());
            assertEquals("ENOTSOCK", e.errnoName());
        } finally {
            Files.delete(file);
        }
    }

    // ------------------------------------------------------------------ descriptor table full

    /** getrlimit/setrlimit, for the descriptor-table cases only. */
    static final class Rlimit {
        /** abi.tsv linux RLIMIT_NOFILE */
        static final int RLIMIT_NOFILE = 7;
        /** abi.tsv linux offsetof(struct rlimit,rlim_cur) */
        static final int RLIM_CUR = 0;
        /** abi.tsv linux offsetof(struct rlimit,rlim_max) */
        static final int RLIM_MAX = 8;
        /** abi.tsv linux sizeof(struct rlimit) */
        static final int SIZEOF_RLIMIT = 16;

        static {
            Native.register(Rlimit.class, Platform.C_LIBRARY_NAME);
        }

        static native int getrlimit(int resource, Pointer rlim);

        static native int setrlimit(int resource, Pointer rlim);

        static native int dup(int fd);

        private Rlimit() {
        }
    }

    /**
     * Fills the descriptor table (soft RLIMIT_NOFILE lowered to just above the highest descriptor in
     * use, then dup until EMFILE), runs the action, and undoes it all.
     */
    private void withFullDescriptorTable(int fdToDup, ThrowingRunnable action) throws Exception {
        Memory saved = new Memory(Rlimit.SIZEOF_RLIMIT);
        assertEquals(0, Rlimit.getrlimit(Rlimit.RLIMIT_NOFILE, saved));
        long highest;
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            highest = fds.mapToLong(x -> Long.parseLong(x.getFileName().toString())).max().orElseThrow();
        }
        Memory low = new Memory(Rlimit.SIZEOF_RLIMIT);
        low.setLong(Rlimit.RLIM_CUR, highest + 8);
        low.setLong(Rlimit.RLIM_MAX, saved.getLong(Rlimit.RLIM_MAX));
        List<Integer> dups = new ArrayList<>();
        assertEquals(0, Rlimit.setrlimit(Rlimit.RLIMIT_NOFILE, low));
        try {
            int d;
            while ((d = Rlimit.dup(fdToDup)) >= 0) {
                dups.add(d);
            }
            assertEquals(LinuxAbi.EMFILE, Native.getLastError());
            action.run();
        } finally {
            for (int d : dups) {
                p.close(d);
            }
            assertEquals(0, Rlimit.setrlimit(Rlimit.RLIMIT_NOFILE, saved));
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void peeloff_with_a_full_descriptor_table_fails_TOO_MANY_OPEN_FILES_and_keeps_the_association() throws Exception {
        Link l = link();
        SctpException[] failure = new SctpException[1];
        withFullDescriptorTable(l.server(), () -> failure[0] = assertThrows(SctpException.class,
                () -> p.peeloff(l.server(), l.serverAssoc(), EnumSet.of(PeeloffOption.CLOEXEC))));
        assertEquals(SctpError.TOO_MANY_OPEN_FILES, failure[0].error(), failure[0].getMessage());
        assertEquals("EMFILE", failure[0].errnoName());
        assertArrayEquals(new int[] {l.serverAssoc()}, p.associations(l.server()));
        send(p, l.client(), l.clientAssoc(), 0, 0, "still here");
        ByteBuffer b = ByteBuffer.allocate(64);
        assertEquals("still here", text(b, receiveData(p, l.server(), b)));
        send(p, l.server(), l.serverAssoc(), 0, 0, "and back");
        assertEquals("and back", text(b, receiveData(p, l.client(), b)));
    }

    @Test
    void the_kernel_itself_loses_the_association_when_peeloff_finds_no_free_descriptor() throws Exception {
        // why the provider checks for a free descriptor first: Linux detaches the association before
        // it allocates the descriptor, and releases the new socket (and the association) on EMFILE
        Link l = link();
        int[] result = new int[2];
        withFullDescriptorTable(l.server(), () -> {
            Memory arg = new Memory(LinuxAbi.SIZEOF_PEELOFF_FLAGS_ARG);
            Memory len = new Memory(4);
            arg.setInt(LinuxAbi.PEELOFF_ARG_ASSOCID, l.serverAssoc());
            arg.setInt(LinuxAbi.PEELOFF_ARG_SD, -1);
            arg.setInt(LinuxAbi.PEELOFF_FLAGS_ARG_FLAGS, 0);
            len.setInt(0, LinuxAbi.SIZEOF_PEELOFF_FLAGS_ARG);
            result[0] = p.socketsForTest().libc().getsockopt(l.server(), LinuxAbi.SOL_SCTP, LinuxAbi.SCTP_SOCKOPT_PEELOFF_FLAGS, arg, len);
            result[1] = p.socketsForTest().libc().errno();
        });
        assertEquals(-1, result[0]);
        assertEquals(LinuxAbi.EMFILE, result[1]);
        assertEquals(0, p.associations(l.server()).length, "the raw EMFILE peel-off took the association away");
    }
}
