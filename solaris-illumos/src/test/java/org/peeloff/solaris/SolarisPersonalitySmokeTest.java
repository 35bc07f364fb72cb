/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.solaris;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.peeloff.compat.TextBuffers.text;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peeloff.AssociationChange;
import org.peeloff.AssociationId;
import org.peeloff.Capabilities;
import org.peeloff.MessageInfo;
import org.peeloff.PeeloffOption;
import org.peeloff.SctpData;
import org.peeloff.SctpError;
import org.peeloff.SctpException;
import org.peeloff.SctpMultiSocket;
import org.peeloff.SctpReceived;
import org.peeloff.SctpSocket;
import org.peeloff.spi.SctpProvider;
import org.peeloff.spi.SocketStyle;

/**
 * The provider's own mechanics on a real kernel through the illumos ABI personality (or, on a real
 * illumos, through the system libraries): sockets, association events, messages with their
 * association, stream and payload protocol id, peel-off with every flag combination, and the
 * errors of sctp_peeloff(3SOCKET). Tagged {@code kernel}: harness/kernel-tests runs it.
 */
@Tag("kernel")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SolarisPersonalitySmokeTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final long WAIT_MILLIS = 30_000;

    private static SolarisSctpProvider provider;

    private final List<AutoCloseable> open = new ArrayList<>();
    private SctpMultiSocket server;
    private int port;

    @BeforeAll
    static void available() {
        provider = new SolarisSctpProvider();
        if (!provider.isAvailable()) {
            fail("the Solaris provider is not available here", provider.unavailabilityCause());
        }
    }

    @BeforeEach
    void listen() throws SctpException {
        server = keep(SctpMultiSocket.open(provider, StandardProtocolFamily.INET));
        server.bind(new InetSocketAddress(LOOPBACK, 0)).listen();
        port = server.localAddresses().get(0).getPort();
        assertTrue(port > 0, "bound to an ephemeral port");
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private <T extends AutoCloseable> T keep(T socket) {
        open.add(socket);
        return socket;
    }

    /** Receives the next message or event within {@link #WAIT_MILLIS}, without blocking for ever. */
    private static SctpReceived next(SctpMultiSocket s, ByteBuffer buf) throws Exception {
        s.configureBlocking(false);
        return next(s::receive, s.provider(), s.rawDescriptor(), buf);
    }

    private static SctpReceived next(SctpSocket s, ByteBuffer buf) throws Exception {
        s.configureBlocking(false);
        return next(s::receive, s.provider(), s.rawDescriptor(), buf);
    }

    /** The receive of either socket style (they share no public type for it). */
    private interface Receive {
        SctpReceived into(ByteBuffer buf) throws SctpException;
    }

    private static SctpReceived next(Receive receive, SctpProvider p, int fd, ByteBuffer buf) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        while (System.nanoTime() < deadline) {
            SctpReceived r = receive.into(buf.clear());
            if (r != null) {
                buf.flip();
                return r;
            }
            p.poll(fd, false, 50);
        }
        throw new AssertionError("nothing received within " + WAIT_MILLIS + " ms");
    }

    private static AssociationId up(SctpMultiSocket s) throws Exception {
        ByteBuffer buf = ByteBuffer.allocateDirect(4096);
        for (int i = 0; i < 8; i++) {
            SctpReceived r = next(s, buf);
            if (r instanceof AssociationChange c && c.state() == AssociationChange.State.COMMUNICATION_UP) {
                assertTrue(c.association().isValid(), "association ids are positive: " + c);
                assertTrue(c.outboundStreams() > 0 && c.inboundStreams() > 0, "streams negotiated: " + c);
                return c.association();
            }
        }
        throw new AssertionError("no COMMUNICATION_UP");
    }

    /** A client association to the server: the client's id and the server's id for it. */
    private record Pair(SctpMultiSocket client, AssociationId clientSide, AssociationId serverSide) {
    }

    private Pair associate() throws Exception {
        SctpMultiSocket client = keep(SctpMultiSocket.open(provider, StandardProtocolFamily.INET));
        client.bind(new InetSocketAddress(LOOPBACK, 0));
        client.connect(new InetSocketAddress(LOOPBACK, port));
        AssociationId c = up(client);
        AssociationId s = up(server);
        return new Pair(client, c, s);
    }

    @Test
    void capabilities_name_the_personality_and_say_what_is_emulated() {
        Capabilities c = provider.capabilities();
        assertEquals("solaris", c.provider());
        assertEquals(Capabilities.FlagSupport.EMULATED, c.peeloffFlags());
        assertFalse(c.nativeAssociationList());
        assertTrue(c.details().get("associations").contains("events"), c.details().toString());
        String personality = System.getProperty(SolarisNative.LIBRARY_PROPERTY);
        if (personality != null) {
            assertTrue(c.details().get("personality").contains("libillumos-personality"), c.details().toString());
            assertEquals("illumos ABI personality on a Linux kernel", c.os());
        }
    }

    @Test
    void open_bind_listen_connect_and_communication_up_on_both_sides() throws Exception {
        Pair p = associate();
        assertEquals(Set.of(p.serverSide()), server.associations(),
                "associations() knows what the COMMUNICATION_UP it has received said");
        assertEquals(Set.of(p.clientSide()), p.client().associations());
        List<InetSocketAddress> peers = server.peerAddresses(p.serverSide());
        assertEquals(p.client().localAddresses().get(0).getPort(), peers.get(0).getPort());
    }

    @Test
    void messages_keep_their_association_stream_and_payload_protocol_id() throws Exception {
        Pair p = associate();
        p.client().send(text("first"), MessageInfo.to(p.clientSide(), 3).withPayloadProtocolId(46));
        p.client().send(text("second"), MessageInfo.to(p.clientSide(), 0).withPayloadProtocolId(0x12345678)
                .withUnordered(true));
        ByteBuffer buf = ByteBuffer.allocate(4096); // a heap buffer: through the bounce memory
        SctpData d = assertInstanceOf(SctpData.class, next(server, buf));
        assertEquals(p.serverSide(), d.association());
        assertEquals(3, d.stream());
        assertEquals(46, d.payloadProtocolId());
        assertTrue(d.complete(), "MSG_EOR");
        assertFalse(d.unordered());
        assertEquals("first", text(buf));
        d = assertInstanceOf(SctpData.class, next(server, buf));
        assertEquals(0x12345678, d.payloadProtocolId());
        assertTrue(d.unordered(), "MSG_UNORDERED came back");
        assertEquals("second", text(buf));

        server.send(text("reply"), MessageInfo.to(p.serverSide(), 5).withPayloadProtocolId(7));
        ByteBuffer direct = ByteBuffer.allocateDirect(4096);
        d = assertInstanceOf(SctpData.class, next(p.client(), direct));
        assertEquals(p.clientSide(), d.association());
        assertEquals(5, d.stream());
        assertEquals("reply", text(direct));
    }

    @Test
    void peel_off_with_each_flag_combination_sets_the_mode_explicitly() throws Exception {
        List<Set<PeeloffOption>> combinations = List.of(EnumSet.noneOf(PeeloffOption.class),
                EnumSet.of(PeeloffOption.NONBLOCK), EnumSet.of(PeeloffOption.CLOEXEC),
                EnumSet.of(PeeloffOption.NONBLOCK, PeeloffOption.CLOEXEC));
        for (Set<PeeloffOption> options : combinations) {
            Pair p = associate();
            SctpSocket peeled = keep(server.peelOff(p.serverSide(), options.toArray(new PeeloffOption[0])));
            int fd = peeled.rawDescriptor();
            assertEquals(!options.contains(PeeloffOption.NONBLOCK), provider.isBlocking(fd), options.toString());
            assertEquals(options.contains(PeeloffOption.CLOEXEC), provider.isCloseOnExec(fd), options.toString());
            assertFalse(server.associations().contains(p.serverSide()), "the association left the original socket");
            assertEquals(port, peeled.localAddresses().get(0).getPort(), "bound like the original");

            p.client().send(text("to the branch " + options), MessageInfo.to(p.clientSide(), 1).withPayloadProtocolId(9));
            ByteBuffer buf = ByteBuffer.allocateDirect(4096);
            SctpData d = assertInstanceOf(SctpData.class, next(peeled, buf));
            assertEquals(1, d.stream());
            assertEquals(9, d.payloadProtocolId());
            assertEquals("to the branch " + options, text(buf));
        }
    }

    @Test
    void closing_the_original_does_not_close_the_peeled_socket() throws Exception {
        Pair p = associate();
        SctpSocket peeled = keep(server.peelOff(p.serverSide()));
        server.close();
        p.client().send(text("still here"), MessageInfo.to(p.clientSide(), 0));
        ByteBuffer buf = ByteBuffer.allocateDirect(256);
        assertInstanceOf(SctpData.class, next(peeled, buf));
        assertEquals("still here", text(buf));
        peeled.send(text("back"), 2);
        assertInstanceOf(SctpData.class, next(p.client(), buf));
        assertEquals("back", text(buf));
    }

    @Test
    void peel_off_of_a_peeled_socket_fails_NOT_ONE_TO_MANY_from_EOPNOTSUPP() throws Exception {
        Pair p = associate();
        SctpSocket peeled = keep(server.peelOff(p.serverSide()));
        SctpException e = assertThrows(SctpException.class,
                () -> provider.peeloff(peeled.rawDescriptor(), p.serverSide().value(), EnumSet.noneOf(PeeloffOption.class)));
        assertEquals(SctpError.NOT_ONE_TO_MANY, e.error());
        assertEquals("EOPNOTSUPP", e.errnoName());
        assertEquals(122, e.errno(), "illumos EOPNOTSUPP");
    }

    @Test
    void peel_off_of_a_one_to_one_socket_fails_NOT_ONE_TO_MANY() throws Exception {
        int fd = provider.socket(StandardProtocolFamily.INET, SocketStyle.ONE_TO_ONE);
        try {
            SctpException e = assertThrows(SctpException.class,
                    () -> provider.peeloff(fd, 1, EnumSet.noneOf(PeeloffOption.class)));
            assertEquals(SctpError.NOT_ONE_TO_MANY, e.error());
            assertEquals(122, e.errno());
        } finally {
            provider.close(fd);
        }
    }

    @Test
    void peel_off_of_id_0_or_an_unknown_id_fails_NO_SUCH_ASSOCIATION_from_EINVAL() throws Exception {
        associate();
        int fd = server.rawDescriptor();
        for (int id : new int[] {0, 999_999}) {
            SctpException e = assertThrows(SctpException.class,
                    () -> provider.peeloff(fd, id, EnumSet.noneOf(PeeloffOption.class)));
            assertEquals(SctpError.NO_SUCH_ASSOCIATION, e.error(), "id " + id);
            assertEquals("EINVAL", e.errnoName());
            assertEquals(22, e.errno());
        }
    }

    @Test
    void peel_off_of_a_bad_descriptor_fails_BAD_DESCRIPTOR() {
        SctpException e = assertThrows(SctpException.class,
                () -> provider.peeloff(1_000_000, 1, EnumSet.noneOf(PeeloffOption.class)));
        assertEquals(SctpError.BAD_DESCRIPTOR, e.error());
        assertEquals(9, e.errno());
    }

    @Test
    void peel_off_of_a_file_fails_NOT_A_SOCKET() throws Exception {
        Path file = Files.createTempFile("peeloff", ".txt");
        try (FileInputStream in = new FileInputStream(file.toFile())) {
            int fd = rawFd(in.getFD());
            SctpException e = assertThrows(SctpException.class,
                    () -> provider.peeloff(fd, 1, EnumSet.noneOf(PeeloffOption.class)));
            assertEquals(SctpError.NOT_A_SOCKET, e.error(), e.getMessage());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static int rawFd(FileDescriptor d) throws ReflectiveOperationException {
        Field f = FileDescriptor.class.getDeclaredField("fd");
        f.setAccessible(true); // --add-opens java.base/java.io=ALL-UNNAMED (peeloff.kernel.jvmArgs)
        return f.getInt(d);
    }

    @Test
    void strict_refuses_emulated_flags_and_leaves_the_association_where_it_was() throws Exception {
        Pair p = associate();
        SctpException e = assertThrows(SctpException.class,
                () -> server.peelOff(p.serverSide(), PeeloffOption.STRICT, PeeloffOption.NONBLOCK));
        assertEquals(SctpError.UNSUPPORTED, e.error());
        assertEquals(0, e.errno());
        assertTrue(server.associations().contains(p.serverSide()));
        SctpSocket peeled = keep(server.peelOff(p.serverSide(), PeeloffOption.STRICT));
        assertTrue(peeled.isOpen(), "STRICT alone needs no emulation");
    }

    @Test
    void socket_options_and_descriptor_flags_use_the_illumos_numbers() throws Exception {
        int fd = server.rawDescriptor();
        assertTrue(provider.isCloseOnExec(fd), "sockets are created close-on-exec");
        assertTrue(provider.isBlocking(fd));
        provider.setBlocking(fd, false);
        assertFalse(provider.isBlocking(fd));
        provider.setBlocking(fd, true);
        assertTrue(provider.isBlocking(fd));
        server.setSendBufferSize(65536);
        assertTrue(server.getSendBufferSize() >= 65536, "SO_SNDBUF at SOL_SOCKET 0xffff");
        server.setNoDelay(true);
        assertEquals(1, provider.getOption(fd, org.peeloff.spi.SocketOption.NODELAY) != 0 ? 1 : 0,
                "SCTP_NODELAY at level IPPROTO_SCTP");
    }

    @Test
    void the_association_list_forgets_what_ended() throws Exception {
        Pair a = associate();
        Pair b = associate();
        assertEquals(Set.of(a.serverSide(), b.serverSide()), server.associations());
        a.client().close();
        ByteBuffer buf = ByteBuffer.allocateDirect(4096);
        for (int i = 0; i < 8 && server.associations().contains(a.serverSide()); i++) {
            SctpReceived r = next(server, buf);
            assertNotNull(r);
        }
        assertEquals(Set.of(b.serverSide()), server.associations());
        assertArrayEquals(new int[] {b.serverSide().value()}, provider.associations(server.rawDescriptor()));
    }
}
