/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.aix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peeloff.compat.TextBuffers.text;

import java.io.FileDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.lang.reflect.Field;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opentest4j.AssertionFailedError;
import org.peeloff.AssociationChange;
import org.peeloff.AssociationId;
import org.peeloff.Capabilities;
import org.peeloff.MessageInfo;
import org.peeloff.PeeloffOption;
import org.peeloff.SctpData;
import org.peeloff.Sctp;
import org.peeloff.SctpError;
import org.peeloff.SctpException;
import org.peeloff.SctpMultiSocket;
import org.peeloff.SctpReceived;
import org.peeloff.SctpSocket;
import org.peeloff.spi.NativeCall;
import org.peeloff.spi.SocketOption;

/**
 * The AIX provider over the AIX ABI personality on a Linux kernel: the by-pointer contract of
 * {@code sctp_peeloff(int, sctp_assoc_t *)} (and that a by-value binding gets a typed error rather
 * than a crash), a smoke run of the whole path, the man page's errors in AIX numbering, and the
 * association list both from the kernel and tracked from events.
 *
 * <p>Needs {@code -Dorg.peeloff.aix.library} (the personality) and {@code -Dorg.peeloff.aix.abi} (the
 * assumed values), which {@code aix/pom.xml} gives the kernel-test JVM.
 */
@Tag("kernel")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class AixPersonalityTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(60);

    private static AixSctpProvider provider;

    /** A deliberately wrong binding: the association id by value where AIX wants a pointer. */
    static final class ByValuePeeloff {
        private ByValuePeeloff() {
        }

        /**
         * {@code int sctp_peeloff(int sd, sctp_assoc_t assoc_id)}: the Linux/illumos prototype, wrong on AIX.
         *
         * @param sd      the socket
         * @param assocId the id, where a pointer should be
         * @return what the personality returns
         */
        static native int sctp_peeloff(int sd, int assocId);
    }

    /** The right prototype, bound separately so a raw pointer can be handed to it. */
    static final class ByPointerPeeloff {
        private ByPointerPeeloff() {
        }

        /**
         * {@code int sctp_peeloff(int sd, sctp_assoc_t *assoc_id)}.
         *
         * @param sd      the socket
         * @param assocId a pointer
         * @return what the personality returns
         */
        static native int sctp_peeloff(int sd, Pointer assocId);
    }

    @BeforeAll
    static void personality() {
        String lib = System.getProperty(AixLibc.LIBRARY_PROPERTY);
        assertNotNull(lib, "-D" + AixLibc.LIBRARY_PROPERTY + " names the AIX ABI personality (aix/pom.xml)");
        assertNotNull(System.getProperty(AixAbiConfig.FILE_PROPERTY), "-D" + AixAbiConfig.FILE_PROPERTY);
        provider = new AixSctpProvider();
        assertTrue(provider.isAvailable(), () -> "the AIX provider over the personality: " + provider.unavailabilityCause());
        NativeLibrary nl = NativeLibrary.getInstance(lib, Map.of(Library.OPTION_OPEN_FLAGS, 1));
        Native.register(ByValuePeeloff.class, nl);
        Native.register(ByPointerPeeloff.class, nl);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private record Pair(SctpMultiSocket server, SctpMultiSocket client, AssociationId serverSide,
                        AssociationId clientSide) implements AutoCloseable {
        @Override
        public void close() throws SctpException {
            try {
                client.close();
            } finally {
                server.close();
            }
        }
    }

    private static Pair pair(AixSctpProvider p) throws SctpException {
        SctpMultiSocket server = SctpMultiSocket.open(p, StandardProtocolFamily.INET);
        try {
            server.bind(new InetSocketAddress(LOOPBACK, 0)).listen();
            SctpMultiSocket client = SctpMultiSocket.open(p, StandardProtocolFamily.INET);
            try {
                client.bind(new InetSocketAddress(LOOPBACK, 0));
                client.connect(new InetSocketAddress(LOOPBACK, server.localAddresses().get(0).getPort()));
                return new Pair(server, client, up(server), up(client));
            } catch (SctpException | RuntimeException e) {
                client.close();
                throw e;
            }
        } catch (SctpException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static AssociationId up(SctpMultiSocket s) throws SctpException {
        ByteBuffer buf = ByteBuffer.allocateDirect(4096);
        while (true) {
            SctpReceived r = next(s, buf);
            if (r instanceof AssociationChange c && c.state() == AssociationChange.State.COMMUNICATION_UP) {
                return c.association();
            }
        }
    }

    private static SctpReceived next(SctpMultiSocket s, ByteBuffer buf) throws SctpException {
        long end = System.nanoTime() + WAIT_NANOS;
        while (!s.provider().poll(s.rawDescriptor(), false, 200)) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionFailedError("nothing arrived on fd " + s.rawDescriptor());
            }
        }
        return s.receive(buf.clear());
    }

    private static SctpData data(SctpMultiSocket s, ByteBuffer buf) throws SctpException {
        while (true) {
            if (next(s, buf) instanceof SctpData d) {
                buf.flip();
                return d;
            }
        }
    }

    private static SctpData data(SctpSocket s, ByteBuffer buf) throws SctpException {
        long end = System.nanoTime() + WAIT_NANOS;
        while (true) {
            while (!s.provider().poll(s.rawDescriptor(), false, 200)) {
                if (System.nanoTime() - end > 0) {
                    throw new AssertionFailedError("nothing arrived on the peeled socket");
                }
            }
            if (s.receive(buf.clear()) instanceof SctpData d) {
                buf.flip();
                return d;
            }
        }
    }

    private static int openDescriptors() throws IOException {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return (int) s.count();
        }
    }

    // ---- the by-pointer contract -----------------------------------------------------------------

    @Test
    void sctp_peeloff_reads_the_association_id_through_the_pointer() throws Exception {
        try (Pair p = pair(provider)) {
            SctpSocket peeled = p.server().peelOff(p.serverSide());
            try {
                p.client().send(text("by pointer"), MessageInfo.to(p.clientSide(), 0));
                ByteBuffer buf = ByteBuffer.allocateDirect(4096);
                data(peeled, buf);
                assertEquals("by pointer", text(buf));
            } finally {
                peeled.close();
            }
        }
    }

    @Test
    void a_by_value_binding_gets_EFAULT_and_the_JVM_and_the_association_survive() throws Exception {
        try (Pair p = pair(provider)) {
            int fd = p.server().rawDescriptor();
            int before = openDescriptors();

            int rc = ByValuePeeloff.sctp_peeloff(fd, p.serverSide().value());
            int errno = Native.getLastError();

            assertEquals(-1, rc, "the personality refuses an id passed where the pointer belongs");
            assertEquals(AixAbi.EFAULT, errno, "AIX EFAULT (14)");
            SctpException typed = provider.fail(NativeCall.PEELOFF, "sctp_peeloff(fd=" + fd + ", assoc by value)", errno);
            assertEquals("EFAULT", typed.errnoName());
            assertEquals(14, typed.errno());
            assertEquals(SctpError.OTHER, typed.error(), "EFAULT has no portable meaning of its own: " + typed);
            assertEquals(before, openDescriptors(), "no descriptor was created");

            // nothing was peeled off: the association still works on the original socket, and the right call works
            p.client().send(text("still here"), MessageInfo.to(p.clientSide(), 0));
            ByteBuffer buf = ByteBuffer.allocateDirect(4096);
            SctpData d = data(p.server(), buf);
            assertEquals(p.serverSide(), d.association());
            assertEquals("still here", text(buf));
            p.server().peelOff(p.serverSide()).close();
        }
    }

    @Test
    void pointers_that_are_not_plausible_addresses_get_EFAULT_without_being_dereferenced() throws Exception {
        try (Pair p = pair(provider)) {
            int fd = p.server().rawDescriptor();
            for (long address : new long[] {0L, 8L, 4095L, 0xffff_ffff_ffff_f000L}) {
                int rc = ByPointerPeeloff.sctp_peeloff(fd, new Pointer(address));
                int errno = Native.getLastError();
                assertEquals(-1, rc, "pointer 0x" + Long.toHexString(address));
                assertEquals(AixAbi.EFAULT, errno, "pointer 0x" + Long.toHexString(address));
            }
            // a negative id by value sign-extends to a kernel address: refused the same way
            assertEquals(-1, ByValuePeeloff.sctp_peeloff(fd, -4096));
            assertEquals(AixAbi.EFAULT, Native.getLastError());
            assertEquals(Set.of(p.serverSide()), p.server().associations(), "nothing was peeled off");
        }
    }

    // ---- smoke: the whole path -------------------------------------------------------------------

    @Test
    void messages_with_stream_and_ppid_go_both_ways_and_arrive_on_the_peeled_socket() throws Exception {
        try (Pair p = pair(provider)) {
            ByteBuffer buf = ByteBuffer.allocate(4096);   // a heap buffer: the bounce path
            p.client().send(ByteBuffer.wrap("one".getBytes(StandardCharsets.UTF_8)),
                    MessageInfo.to(p.clientSide(), 1).withPayloadProtocolId(46));
            SctpData d = data(p.server(), buf);
            assertEquals(p.serverSide(), d.association());
            assertEquals(1, d.stream());
            assertEquals(46, d.payloadProtocolId());
            assertTrue(d.complete(), "MSG_EOR (8) translated");
            assertFalse(d.unordered());
            assertEquals("one", text(buf));

            p.server().send(text("two"), MessageInfo.to(p.serverSide(), 2).withUnordered(true));
            SctpData back = data(p.client(), buf);
            assertEquals(2, back.stream());
            assertTrue(back.unordered(), "SCTP_UNORDERED went out and came back in the assumed numbering");
            assertEquals("two", text(buf));

            assertEquals(List.of(new InetSocketAddress(LOOPBACK, p.client().localAddresses().get(0).getPort())),
                    p.server().peerAddresses(p.serverSide()), "the peer address recvmsg reported");

            SctpSocket peeled = p.server().peelOff(p.serverSide());
            try {
                assertTrue(p.server().associations().isEmpty());
                p.client().send(text("three"), MessageInfo.to(p.clientSide(), 3));
                ByteBuffer direct = ByteBuffer.allocateDirect(4096);
                SctpData onPeeled = data(peeled, direct);
                assertEquals(3, onPeeled.stream());
                assertEquals("three", text(direct));
                assertEquals(List.of(new InetSocketAddress(LOOPBACK, p.client().localAddresses().get(0).getPort())),
                        peeled.remoteAddresses(), "getpeername on the peeled socket");
            } finally {
                peeled.close();
            }
        }
    }

    @Test
    void peeloff_flags_are_set_explicitly_in_every_combination() throws Exception {
        List<Set<PeeloffOption>> combinations = List.of(EnumSet.noneOf(PeeloffOption.class),
                EnumSet.of(PeeloffOption.NONBLOCK), EnumSet.of(PeeloffOption.CLOEXEC),
                EnumSet.of(PeeloffOption.NONBLOCK, PeeloffOption.CLOEXEC));
        for (Set<PeeloffOption> options : combinations) {
            try (Pair p = pair(provider)) {
                // the original is close-on-exec (socket() sets it) and, here, non-blocking: nothing may be inherited
                provider.setBlocking(p.server().rawDescriptor(), false);
                int fd = provider.peeloff(p.server().rawDescriptor(), p.serverSide().value(), options);
                try {
                    assertEquals(!options.contains(PeeloffOption.NONBLOCK), provider.isBlocking(fd), options + ": blocking");
                    assertEquals(options.contains(PeeloffOption.CLOEXEC), provider.isCloseOnExec(fd), options + ": cloexec");
                    long linux = linuxFlags(fd);
                    assertEquals(options.contains(PeeloffOption.NONBLOCK), (linux & 04000) != 0,
                            options + ": O_NONBLOCK as the Linux kernel sees it");
                    assertEquals(options.contains(PeeloffOption.CLOEXEC), (linux & 02000000) != 0,
                            options + ": O_CLOEXEC as the Linux kernel sees it");
                } finally {
                    provider.close(fd);
                }
            }
        }
        SctpException strict = assertThrows(SctpException.class,
                () -> provider.peeloff(0, 1, EnumSet.of(PeeloffOption.STRICT, PeeloffOption.CLOEXEC)));
        assertEquals(SctpError.UNSUPPORTED, strict.error());
    }

    private static long linuxFlags(int fd) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo", Integer.toString(fd)))) {
            if (line.startsWith("flags:")) {
                return Long.parseLong(line.substring(6).trim(), 8);
            }
        }
        throw new AssertionFailedError("no flags in /proc/self/fdinfo/" + fd);
    }

    // ---- the man page's errors, in AIX numbering ---------------------------------------------------

    @Test
    void peeloff_of_an_unknown_association_fails_NO_SUCH_ASSOCIATION_with_AIX_EINVAL() throws Exception {
        try (Pair p = pair(provider)) {
            SctpException e = assertThrows(SctpException.class,
                    () -> provider.peeloff(p.server().rawDescriptor(), p.serverSide().value() + 1000, Set.of()));
            assertEquals(SctpError.NO_SUCH_ASSOCIATION, e.error(), e.getMessage());
            assertEquals(AixAbi.EINVAL, e.errno());
            assertEquals("EINVAL", e.errnoName());
            assertTrue(e.os().contains("AIX ABI personality"), e.os());
        }
    }

    @Test
    void peeloff_on_a_bad_descriptor_fails_BAD_DESCRIPTOR_with_AIX_EBADF() {
        SctpException e = assertThrows(SctpException.class, () -> provider.peeloff(1_000_000, 1, Set.of()));
        assertEquals(SctpError.BAD_DESCRIPTOR, e.error(), e.getMessage());
        assertEquals(AixAbi.EBADF, e.errno());
    }

    @Test
    void peeloff_on_a_file_fails_NOT_A_SOCKET_with_AIX_ENOTSOCK() throws Exception {
        Path file = Files.createTempFile("peeloff-aix", ".txt");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            Field f = FileDescriptor.class.getDeclaredField("fd");
            f.setAccessible(true);
            int fd = f.getInt(raf.getFD());
            SctpException e = assertThrows(SctpException.class, () -> provider.peeloff(fd, 1, Set.of()));
            assertEquals(SctpError.NOT_A_SOCKET, e.error(), e.getMessage());
            assertEquals(AixAbi.ENOTSOCK, e.errno(), "AIX ENOTSOCK is 57 (Linux 88)");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void peeloff_on_a_peeled_socket_fails_NOT_ONE_TO_MANY() throws Exception {
        try (Pair p = pair(provider); SctpSocket peeled = p.server().peelOff(p.serverSide())) {
            SctpException e = assertThrows(SctpException.class,
                    () -> provider.peeloff(peeled.rawDescriptor(), p.serverSide().value(), Set.of()));
            assertEquals(SctpError.NOT_ONE_TO_MANY, e.error(), e.getMessage());
            assertEquals("EINVAL", e.errnoName());
        }
    }

    // ---- association lists -----------------------------------------------------------------------

    @Test
    void associations_come_from_sctp_opt_info_with_a_size_t_length() throws Exception {
        assertTrue(provider.capabilities().nativeAssociationList());
        try (Pair p = pair(provider)) {
            assertEquals(Set.of(p.serverSide()), p.server().associations());
            p.server().peelOff(p.serverSide()).close();
            assertTrue(p.server().associations().isEmpty());
        }
    }

    @Test
    void without_SCTP_GET_ASSOC_ID_LIST_associations_are_tracked_from_events() throws Exception {
        Properties values = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(System.getProperty(AixAbiConfig.FILE_PROPERTY)))) {
            values.load(in);
        }
        values.remove("SCTP_GET_ASSOC_ID_LIST");
        AixSctpProvider tracking = AixSctpProvider.withValues(values, "assumed values without SCTP_GET_ASSOC_ID_LIST");
        assertTrue(tracking.isAvailable(), () -> String.valueOf(tracking.unavailabilityCause()));
        assertFalse(tracking.capabilities().nativeAssociationList());
        try (Pair p = pair(tracking); Pair q = pair(tracking)) {
            assertEquals(Set.of(p.serverSide()), p.server().associations(), "listed once COMMUNICATION_UP was received");
            tracking.close(tracking.peeloff(p.server().rawDescriptor(), p.serverSide().value(), Set.of()));
            assertTrue(p.server().associations().isEmpty(), "gone once peeled off");

            q.client().close();
            ByteBuffer buf = ByteBuffer.allocateDirect(4096);
            while (true) {
                if (next(q.server(), buf) instanceof AssociationChange c && c.state() != AssociationChange.State.COMMUNICATION_UP) {
                    break;
                }
            }
            assertTrue(q.server().associations().isEmpty(), "gone once the association ended");
        }
        SctpException e = assertThrows(SctpException.class, () -> tracking.associations(1_000_000));
        assertEquals(SctpError.BAD_DESCRIPTOR, e.error());
    }

    // ---- the rest of the surface -----------------------------------------------------------------

    @Test
    void options_addresses_and_poll_use_AIX_numbers() throws Exception {
        try (Pair p = pair(provider)) {
            int fd = p.server().rawDescriptor();
            provider.setOption(fd, SocketOption.NODELAY, 1);
            assertEquals(1, provider.getOption(fd, SocketOption.NODELAY));
            provider.setOption(fd, SocketOption.SEND_BUFFER, 65536);
            assertTrue(provider.getOption(fd, SocketOption.SEND_BUFFER) >= 65536);
            assertTrue(provider.getOption(fd, SocketOption.RECEIVE_BUFFER) > 0);
            assertTrue(provider.poll(p.client().rawDescriptor(), true, 1000), "writable: AIX POLLOUT is 2");
            assertFalse(provider.poll(fd, false, 0), "nothing to read");
            int port = p.server().localAddresses().get(0).getPort();
            InetSocketAddress extra = new InetSocketAddress(InetAddress.getByName("127.0.0.2"), port);
            provider.bindx(fd, List.of(extra), true);
            provider.bindx(fd, List.of(extra), false);
            SctpException e = assertThrows(SctpException.class, () -> provider.bindx(fd, List.of(extra), false));
            assertNotNull(AixAbi.errnoName(e.errno()), "a failed sctp_bindx reports an AIX errno: " + e);
        }
    }

    @Test
    void an_IPv6_socket_uses_AF_INET6_24() throws Exception {
        SctpMultiSocket s = SctpMultiSocket.open(provider, StandardProtocolFamily.INET6);
        try {
            InetAddress v6 = InetAddress.getByName("::1");
            try {
                s.bind(new InetSocketAddress(v6, 0));
            } catch (SctpException e) {
                Assumptions.abort("no IPv6 loopback in this kernel: " + e.getMessage());
            }
            InetSocketAddress local = s.localAddresses().get(0);
            assertTrue(local.getAddress() instanceof Inet6Address, local.toString());
            assertTrue(local.getPort() > 0);
        } finally {
            s.close();
        }
    }

    @Test
    void one_to_one_sockets_are_refused_and_capabilities_say_why_and_what_is_unverified() {
        SctpException e = assertThrows(SctpException.class, () -> SctpSocketOpen.oneToOne(provider));
        assertEquals(SctpError.UNSUPPORTED_SOCKET, e.error());
        Capabilities c = provider.capabilities();
        assertFalse(c.oneToOneSockets());
        assertEquals(Capabilities.FlagSupport.EMULATED, c.peeloffFlags());
        assertTrue(c.os().startsWith("AIX ABI personality"), c.os());
        String unverified = String.join("\n", c.unverified());
        assertTrue(unverified.contains("MSG_NOTIFICATION=8192: from "), unverified);
        assertTrue(unverified.contains("not verified against a real AIX"), unverified);
        assertTrue(c.details().get("environment").contains("AIX ABI personality on a Linux kernel"), c.details().toString());
        assertEquals("aix", Sctp.provider().id(), "found by ServiceLoader and chosen with -Dorg.peeloff.provider=aix");
    }

    /** Opens a one-to-one socket through the raw SPI (the public API has no such factory). */
    private static final class SctpSocketOpen {
        private SctpSocketOpen() {
        }

        static int oneToOne(AixSctpProvider p) throws SctpException {
            return p.socket(StandardProtocolFamily.INET, org.peeloff.spi.SocketStyle.ONE_TO_ONE);
        }
    }
}
