/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.peeloff.compat.Associations.LOOPBACK;
import static org.peeloff.compat.Associations.address;
import static org.peeloff.compat.Associations.drain;
import static org.peeloff.compat.Associations.link;
import static org.peeloff.compat.Associations.links;
import static org.peeloff.compat.Associations.next;
import static org.peeloff.compat.Associations.nextData;
import static org.peeloff.compat.Associations.send;
import static org.peeloff.compat.Associations.server;
import static org.peeloff.compat.Associations.text;

import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opentest4j.AssertionFailedError;
import org.peeloff.AssociationChange;
import org.peeloff.AssociationId;
import org.peeloff.Capabilities;
import org.peeloff.MessageInfo;
import org.peeloff.OtherNotification;
import org.peeloff.PeeloffOption;
import org.peeloff.SctpClosedException;
import org.peeloff.SctpData;
import org.peeloff.SctpError;
import org.peeloff.SctpException;
import org.peeloff.SctpMultiSocket;
import org.peeloff.SctpReceived;
import org.peeloff.SctpSelectionKey;
import org.peeloff.SctpSelector;
import org.peeloff.SctpSocket;
import org.peeloff.ShutdownEvent;
import org.peeloff.compat.Associations.Cleanup;
import org.peeloff.compat.Associations.Link;
import org.peeloff.spi.Poller;
import org.peeloff.spi.ReceiveInfo;
import org.peeloff.spi.SctpProvider;
import org.peeloff.spi.SocketStyle;

/**
 * The TCK: the portable semantics of {@code sctp_peeloff} that every provider must give, checked
 * against the real OS (or an ABI personality) with the provider under test on both ends. A provider
 * module runs it through a one-line subclass:
 *
 * <pre>{@code
 * class LinuxTckTest extends SctpProviderTck {
 *     protected SctpProvider provider() { return new LinuxSctpProvider(); }
 *     protected Provenance provenance() { return Provenance.REAL_KERNEL; }
 * }
 * }</pre>
 *
 * <p>Every case is named after the rule it checks, the way the man pages state it; the groups are
 * the {@link Nested} classes. A case the provider cannot support aborts with the reason
 * ({@link Assumptions}); none passes without checking something. Each case records the errors the
 * OS gave ({@link Observed}) for the semantics report ({@link SemanticsReport}).
 *
 * <p>Tagged {@code kernel} (the tag is inherited): {@code harness/kernel-tests} runs the subclasses
 * on a kernel with SCTP, never surefire on the host. Sockets are IPv4 on 127.0.0.1; clients are
 * one-to-many sockets that {@code connect()} (AIX documents only one-to-many sockets).
 *
 * <p>Knobs (system properties): {@code peeloff.tck.cycles} (10000 peel-off/close cycles),
 * {@code peeloff.tck.batch} (200 associations set up at a time), {@code peeloff.tck.iterations}
 * (2000 random bad inputs), {@code peeloff.tck.seed}, {@code peeloff.tck.messages} (2000 messages
 * across a peel-off), {@code peeloff.tck.waitSeconds} (120, the guard on every wait).
 */
@Tag("kernel")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SemanticsReport.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
public abstract class SctpProviderTck {
    private static final Set<PeeloffOption> NO_OPTIONS = EnumSet.noneOf(PeeloffOption.class);

    private final LazyProvider provider = new LazyProvider(this::provider);

    /** @return a new instance of the provider under test (called once per TCK class) */
    protected abstract SctpProvider provider();

    /** @return where this run's results come from, for the report */
    protected abstract Provenance provenance();

    /**
     * The provider class the forked JVM of the "descriptor table full" case instantiates with its
     * public no-argument constructor; override when {@link #provider()} builds it otherwise.
     *
     * @return the class name
     */
    protected String forkedProviderClass() {
        return providerUnderTest().getClass().getName();
    }

    /** @return the provider under test, created once */
    final SctpProvider providerUnderTest() {
        return provider.get();
    }

    private Capabilities capabilities() {
        return providerUnderTest().capabilities();
    }

    /** Like Netty's {@code ensureAvailability()}: an unavailable provider fails the whole TCK with its cause. */
    @BeforeAll
    final void providerIsAvailable() {
        provider.ensureAvailable();
    }

    /** A raw descriptor a raw peel-off (wrongly) returned, closed when its case cleans up. */
    private record RawSocket(SctpProvider provider, int fd) implements AutoCloseable {
        @Override
        public void close() throws SctpException {
            provider.close(fd);
        }

        @Override
        public String toString() {
            return "new descriptor " + fd;
        }
    }

    /** {@code provider.peeloff} wrapped so a descriptor it wrongly returns is closed by {@link Observed#failure}. */
    private static Observed.Call rawPeeloff(SctpProvider p, int fd, int assocId, Set<PeeloffOption> options) {
        return () -> new RawSocket(p, p.peeloff(fd, assocId, options));
    }

    private static String rawCall(int fd, int assocId, Set<PeeloffOption> options) {
        return "provider.peeloff(fd=" + fd + ", assoc=" + assocId + ", " + options + ")";
    }

    /** Sends one message each way between a client and the peeled socket, checking content and association. */
    private static void roundTrip(Link link, SctpSocket peeled, String text) throws SctpException {
        ByteBuffer buf = ByteBuffer.allocateDirect(Associations.BUFFER);
        send(link.client(), link.clientSide(), 0, text("to peeled: " + text));
        nextData(peeled, buf, "'" + text + "' on the peeled socket");
        assertEquals("to peeled: " + text, text(buf), "message on the peeled socket");
        send(peeled, 0, text("from peeled: " + text));
        SctpData back = nextData(link.client(), buf, "the peeled socket's reply on the client");
        assertEquals("from peeled: " + text, text(buf), "reply on the client");
        assertEquals(link.clientSide(), back.association(), "the reply's association on the client");
    }

    /** Sends one message each way between a client and the original one-to-many socket. */
    private static void roundTrip(Link link, SctpMultiSocket server, String text) throws SctpException {
        ByteBuffer buf = ByteBuffer.allocateDirect(Associations.BUFFER);
        send(link.client(), link.clientSide(), 0, text("to original: " + text));
        SctpData d = nextData(server, buf, "'" + text + "' on the original socket");
        assertEquals(link.serverSide(), d.association(), "association of the message on the original socket");
        assertEquals("to original: " + text, text(buf));
        send(server, link.serverSide(), 0, text("from original: " + text));
        nextData(link.client(), buf, "the original socket's reply on the client");
        assertEquals("from original: " + text, text(buf));
    }

    /** An id no association of {@code server} has. */
    private static int unknownId(SctpMultiSocket server) throws SctpException {
        Set<AssociationId> ids = server.associations();
        int id = Integer.MAX_VALUE - 7;
        while (ids.contains(AssociationId.of(id))) {
            id--;
        }
        return id;
    }

    /** Peel-offs a case makes on a server with one association, each of which must be refused. */
    @FunctionalInterface
    private interface RefusedPeeloffs {
        void attempt(SctpProvider p, SctpMultiSocket server, Link link) throws Exception;
    }

    /**
     * Sets up one association on loopback, lets {@code refused} make its peel-offs (each must fail), then
     * checks that the association is still the server's only one and, with {@code thenRoundTrip}, that it
     * still carries a message each way.
     */
    private void refusedPeeloffKeepsTheAssociation(boolean thenRoundTrip, RefusedPeeloffs refused) throws Exception {
        SctpProvider p = providerUnderTest();
        try (Cleanup r = new Cleanup()) {
            SctpMultiSocket server = server(r, p);
            Link link = link(r, p, server);

            refused.attempt(p, server, link);

            assertEquals(Set.of(link.serverSide()), server.associations(), "the real association is untouched");
            if (thenRoundTrip) {
                roundTrip(link, server, "after the refused peel-off");
            }
        }
    }

    /** @return negative association ids, one of them the negation of the link's real id */
    private static int[] negativeIds(Link link) {
        return new int[] {-1, -link.serverSide().value(), Integer.MIN_VALUE};
    }

    /** Expects {@code provider.peeloff(fd, id)} without options to fail {@code NO_SUCH_ASSOCIATION}. */
    private static void expectRawNoSuchAssociation(Observed o, SctpProvider p, int fd, int id) {
        o.expect(SctpError.NO_SUCH_ASSOCIATION, rawCall(fd, id, NO_OPTIONS), rawPeeloff(p, fd, id, NO_OPTIONS));
    }

    private static void checkLinuxFlags(Observed o, int fd, boolean nonBlocking, boolean closeOnExec) {
        OptionalLong flags = Descriptors.linuxFlags(fd);
        if (flags.isEmpty()) {
            o.note("descriptor flags checked through the provider's fcntl only (no Linux /proc/self/fdinfo here)");
            return;
        }
        long f = flags.getAsLong();
        o.note("kernel's view (/proc/self/fdinfo): " + Descriptors.describeLinuxFlags(f));
        assertEquals(nonBlocking, (f & Descriptors.linux("O_NONBLOCK")) != 0,
                "O_NONBLOCK in /proc/self/fdinfo/" + fd + " (flags " + Descriptors.describeLinuxFlags(f) + ")");
        assertEquals(closeOnExec, (f & Descriptors.linux("O_CLOEXEC")) != 0,
                "close-on-exec in /proc/self/fdinfo/" + fd + " (flags " + Descriptors.describeLinuxFlags(f) + ")");
    }

    /**
     * "sctp_peeloff branches off an existing association assoc_id on a one-to-many style socket sd into a
     * separate socket. The new socket is a one-to-one style socket", and the errors every man page lists.
     */
    /** Association control (issue 15): {@link AssociationControlTck}. */
    @Nested
    class AssociationControlCases extends AssociationControlTck {
        AssociationControlCases() {
            super(SctpProviderTck.this);
        }
    }

    @Nested
    class PeelOff {

        @Test
        void peeloff_returns_a_one_to_one_socket_bound_and_connected_to_the_same_peer(Observed o) throws Exception {
            SctpProvider p = providerUnderTest();
            try (Cleanup r = new Cleanup()) {
                SctpMultiSocket server = server(r, p);
                Link link = link(r, p, server);
                Set<Integer> openBefore = Files.isDirectory(Descriptors.FD_DIR) ? Descriptors.open() : Set.of();
                SctpSocket peeled = r.add(server.peelOff(link.serverSide()));

                assertTrue(peeled.isOpen());
                assertNotEquals(server.rawDescriptor(), peeled.rawDescriptor(), "peel-off returns a new descriptor");
                assertFalse(openBefore.contains(peeled.rawDescriptor()),
                        "peel-off returned descriptor " + peeled.rawDescriptor() + ", which was already open before it");
                assertEquals(link.serverSide(), peeled.association(), "the peeled socket's association");
                int serverPort = address(server).getPort();
                List<InetSocketAddress> locals = peeled.localAddresses();
                assertTrue(locals.contains(new InetSocketAddress(LOOPBACK, serverPort)),
                        "bound where the original is (127.0.0.1:" + serverPort + "): " + locals);
                List<InetSocketAddress> remotes = peeled.remoteAddresses();
                assertTrue(remotes.contains(link.clientAddress()),
                        "connected to the same peer " + link.clientAddress() + ": " + remotes);
                roundTrip(link, peeled, "hello");
            }
        }

        @Test
        void peeled_association_leaves_the_original_socket(Observed o) throws Exception {
            SctpProvider p = providerUnderTest();
            try (Cleanup r = new Cleanup()) {
                SctpMultiSocket server = server(r, p);
                List<Link> links = links(r, p, server, 2);
                AssociationId gone = links.get(0).serverSide();
                AssociationId stays = links.get(1).serverSide();
                assertEquals(Set.of(gone, stays), server.associations(), "associations before the peel-off");

                r.add(server.peelOff(gone));

                assertEquals(Set.of(stays), server.associations(), "associations after peeling " + gone + " off");
            }
        }

        @Test
        void after_peeloff_the_association_s_traffic_arrives_only_on_the_peeled_socket(Observed o) throws Exception {
            SctpProvider p = providerUnderTest();
            int k = 20;
            try (Cleanup r = new Cleanup()) {
                SctpMultiSocket server = server(r, p);
                List<Link> links = links(r, p, server, 2);
                Link peeledLink = links.get(0);
                Link staying = links.get(1);
                SctpSocket peeled = r.add(server.peelOff(peeledLink.serverSide()));

                for (int i = 0; i < k; i++) {
                    send(peeledLink.client(), peeledLink.clientSide(), 0, Associations.message(0, i));
                    send(staying.client(), staying.clientSide(), 0, Associations.message(0, i));
                }
                ByteBuffer buf = ByteBuffer.allocateDirect(Associations.BUFFER);
                for (int i = 0; i < k; i++) {
                    nextData(peeled, buf, "message " + i + " on the peeled socket");
                    assertEquals(i, Associations.parse(buf)[1], "order on the peeled socket");
                }
                for (int i = 0; i < k; i++) {
                    SctpData d = nextData(server, buf, "message " + i + " of the other association on the original");
                    assertEquals(staying.serverSide(), d.association(),
                            "only the association that stayed has traffic on the original socket");
                    assertEquals(i, Associations.parse(buf)[1], "order on the original socket");
                }
                for (SctpReceived left : drain(server)) {
                    assertFalse(left instanceof SctpData, "nothing more on the original socket, found " + left);
                }
            }
        }

        @Test
        void send_on_the_original_socket_to_a_peeled_association_fails(Observed o) throws Exception {
            SctpProvider p = providerUnderTest();
            try (Cleanup r = new Cleanup()) {
                SctpMultiSocket server = server(r, p);
                Link link = link(r, p, server);
                SctpSocket peeled = r.add(server.peelOff(link.serverSide()));

                SctpException e = o.failure("send on the original socket to peeled " + link.serverSide(),
                        () -> server.send(text("must not arrive"), MessageInfo.to(link.serverSide(), 0)));
                assertFalse(e.error().isRetryable(), "a send to an association that left is not retryable: " + e);

                // The client sees the peeled socket's next message, not the refused one.
                send(peeled, 0, text("marker"));
                ByteBuffer buf = ByteBuffer.allocateDirect(Associations.BUFFER);
                nextData(link.client(), buf, "the marker from the peeled socket");
                assertEquals("marker", text(buf), "the refused message must not have reached the peer");
            }
        }

        @Test
        void peeloff_of_a_peeled_socket_fails_NOT_ONE_TO_MANY(Observed o) throws Exception {
            SctpProvider p = providerUnderTest();
            try (Cleanup r = new Cleanup()) {
                SctpMultiSocket server = server(r, p);
                Link link = link(r, p, server);
                SctpSocket peeled = r.add(server.peelOff(link.serverSide()));
                int fd = peeled.rawDescriptor();
                int id = link.serverSide().value();

                o.expect(SctpError.NOT_ONE_TO_MANY, rawCall(fd, id, NO_OPTIONS), rawPeeloff(p, fd, id, NO_OPTIONS));

                roundTrip(link, peeled, "after the refused peel-off");
            }
        }

        @Test
        void peeloff_of_a_one_to_one_socket_fails_NOT_ONE_TO_MANY(Observed o) throws Exception {
            SctpProvider p = providerUnderTest();
            Assumptions.assumeTrue(capabilities().oneToOneSockets(),
                    "provider '" + p.id() + "' opens no one-to-one socket directly (capabilities().oneToOneSockets() is false)");
            try (Cleanup r = new Cleanup()) {
                SctpMultiSocket server = server(r, p);
                SctpSocket unconnected = r.add(SctpSocket.open(p, StandardProtocolFamily.INET));
                SctpSocket connected = r.add(SctpSocket.open(p, StandardProtocolFamily.INET));
                connected.bind(new InetSocketAddress(LOOPBACK, 0));
                connected.connect(address(server));
                AssociationId serverSide = Associations.accept(server, 1).get(0);

                for (int id : new int[] {serverSide.value(), 1, Integer.MAX_VALUE - 7}) {
                    o.expect(SctpError.NOT_ONE_TO_MANY, "connected one-to-one " + rawCall(connected.rawDescriptor(), id, NO_OPTIONS),
                            rawPeeloff(p, connected.rawDescriptor(), id, NO_OPTIONS));
                    o.expect(SctpError.NOT_ONE_TO_MANY, "unconnected one-to-one " + rawCall(unconnected.rawDescriptor(), id, NO_OPTIONS),
                            rawPeeloff(p, unconnected.rawDescriptor(), id, NO_OPTIONS));
                }
            }
        }

        @Test
        void peeloff_of_unknown_association_fails_NO_SUCH_ASSOCIATION(Observed o) throws Exception {
            refusedPeeloffKeepsTheAssociation(true, (p, server, link) -> {
                int unknown = unknownId(server);
                o.expect(SctpError.NO_SUCH_ASSOCIATION, "peelOff(" + unknown + ")",
                        () -> server.peelOff(AssociationId.of(unknown)));
            });
        }

        @Test
        void peeloff_of_association_id_zero_fails_NO_SUCH_ASSOCIATION(Observed o) throws Exception {
            refusedPeeloffKeepsTheAssociation(false, (p, server, link) ->
                    o.expect(SctpError.NO_SUCH_ASSOCIATION, "peelOff(0)", () -> server.peelOff(AssociationId.of(0))));
        }

        @Test
        void peeloff_of_a_negative_association_id_fails_NO_SUCH_ASSOCIATION(Observed o) throws Exception {
            refusedPeeloffKeepsTheAssociation(false, (p, server, link) -> {
                for (int id : negativeIds(link)) {
                    o.expect(SctpError.NO_SUCH_ASSOCIATION, "peelOff(" + id + ")", () -> server.peelOff(AssociationId.of(id)));
                }
            });
        }

        @Test
        void raw_peeloff_of_association_id_zero_fails_NO_SUCH_ASSOCIATION(Observed o) throws Exception {
            refusedPeeloffKeepsTheAssociation(false, (p, server, link) ->
                    expectRawNoSuchAssociation(o, p, server.rawDescriptor(), 0));
        }

        @Test
        void raw_peeloff_of_a_negative_association_id_fails_NO_SUCH_ASSOCIATION(Observed o) throws Exception {
            refusedPeeloffKeepsTheAssociation(false, (p, server, link) -> {
                for (int id : negativeIds(link)) {
                    expectRawNoSuchAssociation(o, p, server.rawDescriptor(), id);
                }
            });
        }

        @Test
        void raw_peeloff_of_unknown_association_fails_NO_SUCH_ASSOCIATION(Observed o) throws Exception {
            refusedPeeloffKeepsTheAssociation(false, (p, server, link) ->
                    expectRawNoSuchAssociation(o, p, server.rawDescriptor(), unknownId(server)));
        }

        @Test
        void peeloff_of_an_association_of_another_socket_fails_NO_SUCH_ASSOCIATION(Observed o) throws Exception {
            refusedPeeloffKeepsTheAssociation(true, (p, server, link) -> {
                AssociationId foreign = link.clientSide();
                Assumptions.assumeFalse(server.associations().contains(foreign),
                        "association ids are per socket here: the client's id " + foreign
                                + " also names an association on the server, so no foreign id is available");

                o.expect(SctpError.NO_SUCH_ASSOCIATION, "server.peelOff(client's " + foreign + ")",
                        () -> server.peelOff(foreign));
            });
        }

        @Test
        void peeloff_on_a_closed_socket_fails_CLOSED(Observed o) throws Exception {
            SctpProvider p = providerUnderTest();
            try (Cleanup r = new Cleanup()) {
                SctpMultiSocket server = server(r, p);
                Link link = link(r, p, server);
                server.close();

                SctpException e = o.expect(SctpError.CLOSED, "peelOff on a closed socket", () -> server.peelOff(link.serverSide()));
                assertTrue(e instanceof SctpClosedException, "a SctpClosedException: " + e);
                assertEquals(0, e.errno(), "refused before any native call");
            }
        }

        @Test
        void peeloff_of_a_closed_descriptor_fails_BAD_DESCRIPTOR(Observed o) throws Exception {
            SctpProvider p = providerUnderTest();
            int fd;
            try (SctpMultiSocket s = SctpMultiSocket.open(p, StandardProtocolFamily.INET)) {
                fd = s.rawDescriptor();
            }
            Assumptions.assumeFalse(Descriptors.isOpen(fd), "descriptor " + fd + " was reused at once by another thread");

            o.expect(SctpError.BAD_DESCRIPTOR, rawCall(fd, 1, NO_OPTIONS), rawPeeloff(p, fd, 1, NO_OPTIONS));
        }

        @Test
        void peeloff_of_a_never_opened_descriptor_fails_BAD_DESCRIPTOR(Observed o) throws Exception {
            SctpProvider p = providerUnderTest();
            Descriptors.assumeCountable();
            int above = Descriptors.max() + 1000;
            for (int fd : new int[] {above, Integer.MAX_VALUE, -1, Integer.MIN_VALUE}) {
                if (Descriptors.isOpen(fd)) {
                    continue;
                }
                o.expect(SctpError.BAD_DESCRIPTOR, rawCall(fd, 1, NO_OPTIONS), rawPeeloff(p, fd, 1, NO_OPTIONS));
            }
            assertFalse(o.observations().isEmpty(), "at least one never-opened descriptor was tried");
        }

        @Test
        void peeloff_of_a_regular_file_fails_NOT_A_SOCKET(Observed o) throws Exception {
            SctpProvider p = providerUnderTest();
            Path file = Files.createTempFile("peeloff-tck-", ".txt");
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.write(42);
                OptionalInt fd = Descriptors.numberOf(raf.getFD(), file);
                Assumptions.assumeTrue(fd.isPresent(), "cannot learn a file's descriptor number here: reflection on "
                        + "java.io.FileDescriptor is refused (no --add-opens java.base/java.io=ALL-UNNAMED) and "
                        + "/proc/self/fd has no link to " + file);
                int n = fd.getAsInt();

                o.expect(SctpError.NOT_A_SOCKET, rawCall(n, 1, NO_OPTIONS) + " on " + file,
                        rawPeeloff(p, n, 1, NO_OPTIONS));

                raf.seek(0);
                assertEquals(42, raf.read(), "the file is still open and readable");
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }

    /**
     * {@code SOCK_NONBLOCK} "Specifies that the new socket should not block on io operations",
     * {@code SOCK_CLOEXEC} "Specifies that the new socket should be closed when the owning process calls
     * exec"; without them the new socket is blocking and not close-on-exec (the library default, set
     * explicitly rather than inherited).
     */
    @Nested
    class Flags {

        @Test
        void peeloff_with_NONBLOCK_gives_a_non_blocking_socket(Observed o) throws Exception {
            SctpProvider p = providerUnderTest();
            try (Cleanup r = new Cleanup()) {
                SctpMultiSocket server = server(r, p);
                Link link = link(r, p, server);
                SctpSocket peeled = r.add(server.peelOff(link.serverSide(), PeeloffOption.NONBLOCK));
                int fd = peeled.rawDescriptor();

                assertFalse(peeled.isBlocking(), "isBlocking() of a socket peeled off with NONBLOCK");
                assertFalse(p.isBlocking(fd), "O_NONBLOCK on descriptor " + fd + " (fcntl)");
                assertFalse(p.isCloseOnExec(fd), "NONBLOCK alone does not set close-on-exec");
                checkLinuxFlags(o, fd, true, false);

                ByteBuffer buf = ByteBuffer.allocateDirect(Associations.BUFFER);
                assertNull(peeled.receive(buf), "a receive with nothing queued returns at once with nothing");
                // The descriptor itself does not wait: a receive without MSG_DONTWAIT returns at once too.
                try {
                    assertFalse(p.receive(fd, buf.clear(), new ReceiveInfo(), false),
                            "a native receive on the empty non-blocking descriptor found something");
                } catch (SctpException e) {
                    o.error(e);
                    assertEquals(SctpError.WOULD_BLOCK, e.error(), "a native receive on the empty non-blocking descriptor: " + e);
                }
                roundTrip(link, peeled, "non-blocking");
            }
        }

        @Test
        void peeloff_with_CLOEXEC_sets_close_on_exec(Observed o) throws Exception {
            SctpProvider p = providerUnderTest();
            try (Cleanup r = new Cleanup()) {
                SctpMultiSocket server = server(r, p);
                Link link = link(r, p, server);
                SctpSocket peeled = r.add(server.peelOff(link.serverSide(), PeeloffOption.CLOEXEC));
                int fd = peeled.rawDescriptor();

                assertTrue(p.isCloseOnExec(fd), "FD_CLOEXEC on descriptor " + fd + " (fcntl)");
                assertTrue(peeled.isBlocking(), "CLOEXEC alone leaves the socket blocking");
                assertTrue(p.isBlocking(fd), "CLOEXEC alone leaves O_NONBLOCK clear");
                checkLinuxFlags(o, fd, false, true);
                roundTrip(link, peeled, "close-on-exec");
            }
        }

        @Test
        void peeloff_with_NONBLOCK_and_CLOEXEC_sets_both(Observed o) throws Exception {
            SctpProvider p = providerUnderTest();
            try (Cleanup r = new Cleanup()) {
                SctpMultiSocket server = server(r, p);
                Link link = link(r, p, server);
                SctpSocket peeled = r.add(server.peelOff(link.serverSide(), PeeloffOption.NONBLOCK, PeeloffOption.CLOEXEC));
                int fd = peeled.rawDescriptor();

                assertFalse(peeled.isBlocking());
                assertFalse(p.isBlocking(fd), "O_NONBLOCK on descriptor " + fd);
                assertTrue(p.isCloseOnExec(fd), "FD_CLOEXEC on descriptor " + fd);
                checkLinuxFlags(o, fd, true, true);
            }
        }

        @Test
        void peeloff_without_options_gives_a_blocking_socket_without_close_on_exec(Observed o) throws Exception {
            SctpProvider p = providerUnderTest();
            o.note("library default: a socket peeled off without options is blocking and not close-on-exec, as sctp_peeloff gives it");
            try (Cleanup r = new Cleanup()) {
                SctpMultiSocket server = server(r, p);
                Link link = link(r, p, server);
                assertTrue(p.isCloseOnExec(server.rawDescriptor()), "the original socket is close-on-exec (open() default)");
                SctpSocket peeled = r.add(server.peelOff(link.serverSide()));
                int fd = peeled.rawDescriptor();

                assertTrue(peeled.isBlocking(), "isBlocking()");
                assertTrue(p.isBlocking(fd), "O_NONBLOCK clear on descriptor " + fd);
                assertFalse(p.isCloseOnExec(fd), "FD_CLOEXEC clear on descriptor " + fd + " (not inherited from the original)");
                checkLinuxFlags(o, fd, false, false);
                roundTrip(link, peeled, "default");
            }
        }

        @Test
        void peeloff_without_options_is_blocking_even_from_a_non_blocking_socket(Observed o) throws Exception {
            SctpProvider p = providerUnderTest();
            try (Cleanup r = new Cleanup()) {
                SctpMultiSocket server = server(r, p);
                Link link = link(r, p, server);
                server.configureBlocking(false);
                assertFalse(p.isBlocking(server.rawDescriptor()), "the original socket is non-blocking now");
                SctpSocket peeled = r.add(server.peelOff(link.serverSide()));
                int fd = peeled.rawDescriptor();

                assertTrue(peeled.isBlocking(), "isBlocking()");
                assertTrue(p.isBlocking(fd), "O_NONBLOCK of the original socket must not be inherited by descriptor " + fd);
                checkLinuxFlags(o, fd, false, false);
            }
        }

        @Test
        void strict_peeloff_with_flags_is_atomic_or_fails_UNSUPPORTED(Observed o) throws Exception {
            SctpProvider p = providerUnderTest();
            Capabilities.FlagSupport support = capabilities().peeloffFlags();
            o.note("capabilities().peeloffFlags() = " + support);
            try (Cleanup r = new Cleanup()) {
                SctpMultiSocket server = server(r, p);
                Link link = link(r, p, server);
                if (support == Capabilities.FlagSupport.ATOMIC) {
                    SctpSocket peeled = r.add(server.peelOff(link.serverSide(), PeeloffOption.STRICT,
                            PeeloffOption.NONBLOCK, PeeloffOption.CLOEXEC));
                    assertFalse(p.isBlocking(peeled.rawDescriptor()), "O_NONBLOCK");
                    assertTrue(p.isCloseOnExec(peeled.rawDescriptor()), "FD_CLOEXEC");
                    checkLinuxFlags(o, peeled.rawDescriptor(), true, true);
                    assertFalse(server.associations().contains(link.serverSide()));
                } else {
                    for (PeeloffOption flag : List.of(PeeloffOption.NONBLOCK, PeeloffOption.CLOEXEC)) {
                        SctpException e = o.expect(SctpError.UNSUPPORTED, "peelOff(STRICT, " + flag + ")",
                                () -> server.peelOff(link.serverSide(), PeeloffOption.STRICT, flag));
                        assertEquals(0, e.errno(), "refused before any native call: " + e);
                    }
                    assertEquals(Set.of(link.serverSide()), server.associations(), "the association stays on the original");
                    roundTrip(link, server, "after the refused strict peel-off");
                }
            }
        }

        @Test
        void strict_peeloff_without_flags_succeeds(Observed o) throws Exception {
            SctpProvider p = providerUnderTest();
            try (Cleanup r = new Cleanup()) {
                SctpMultiSocket server = server(r, p);
                Link link = link(r, p, server);
                SctpSocket peeled = r.add(server.peelOff(link.serverSide(), PeeloffOption.STRICT));

                assertTrue(p.isBlocking(peeled.rawDescriptor()), "blocking");
                assertFalse(p.isCloseOnExec(peeled.rawDescriptor()), "not close-on-exec");
                roundTrip(link, peeled, "strict");
            }
        }
    }

    /**
     * AIX: "After it has been branched off, an association becomes completely independent of the original
     * socket ... a close on the original socket descriptor will not close the new socket descriptor", and
     * "it inherits the socket buffer space associated with the new socket descriptor".
     */
    @Nested
    class Independence {

        @Test
        void closing_the_original_leaves_the_peeled_socket_working(Observed o) throws Exception {
            SctpProvider p = providerUnderTest();
            try (Cleanup r = new Cleanup()) {
                SctpMultiSocket server = server(r, p);
                Link link = link(r, p, server);
                SctpSocket peeled = r.add(server.peelOff(link.serverSide()));

                server.close();

                assertTrue(peeled.isOpen());
                if (Files.isDirectory(Descriptors.FD_DIR)) {
                    assertTrue(Descriptors.isOpen(peeled.rawDescriptor()), "the peeled descriptor is still open");
                }
                roundTrip(link, peeled, "after the original was closed");
                roundTrip(link, peeled, "again");
            }
        }

        @Test
        void peeled_socket_has_its_own_buffer_sizes(Observed o) throws Exception {
            SctpProvider p = providerUnderTest();
            try (Cleanup r = new Cleanup()) {
                SctpMultiSocket server = server(r, p);
                Link link = link(r, p, server);
                server.setSendBufferSize(64 * 1024);
                server.setReceiveBufferSize(64 * 1024);
                int originalSend = server.getSendBufferSize();
                int originalReceive = server.getReceiveBufferSize();
                SctpSocket peeled = r.add(server.peelOff(link.serverSide()));

                peeled.setSendBufferSize(192 * 1024);
                peeled.setReceiveBufferSize(192 * 1024);
                int peeledSend = peeled.getSendBufferSize();
                int peeledReceive = peeled.getReceiveBufferSize();
                o.note("SO_SNDBUF original " + originalSend + ", peeled " + peeledSend + "; SO_RCVBUF original "
                        + originalReceive + ", peeled " + peeledReceive + " (requested 65536 and 196608)");

                assertNotEquals(originalSend, peeledSend, "the peeled socket's send buffer is its own");
                assertNotEquals(originalReceive, peeledReceive, "the peeled socket's receive buffer is its own");
                assertEquals(originalSend, server.getSendBufferSize(), "setting the peeled socket's left the original's");
                assertEquals(originalReceive, server.getReceiveBufferSize(), "setting the peeled socket's left the original's");
                roundTrip(link, peeled, "own buffers");
            }
        }
    }

    /**
     * Messages queued before, during and after the peel-off are neither lost nor duplicated, and the order
     * within each stream holds across the two sockets.
     */
    @Nested
    class NothingLost {

        @Test
        @Timeout(value = 900, unit = TimeUnit.SECONDS)
        void messages_sent_across_a_peeloff_arrive_exactly_once_in_order_per_stream(Observed o) throws Exception {
            SctpProvider p = providerUnderTest();
            int total = Integer.getInteger("peeloff.tck.messages", 2000);
            int burst = Math.min(200, total / 2);
            int readBefore = burst / 4;
            ExecutorService pool = Executors.newSingleThreadExecutor(daemon("tck-sender"));
            try (Cleanup r = new Cleanup()) {
                SctpMultiSocket server = server(r, p);
                Link link = link(r, p, server);
                int streams = Math.max(1, Math.min(4, link.streams()));
                CountDownLatch burstSent = new CountDownLatch(1);
                Future<?> sender = pool.submit(() -> {
                    int[] seq = new int[streams];
                    for (int i = 0; i < total; i++) {
                        int stream = i % streams;
                        send(link.client(), link.clientSide(), stream, Associations.message(stream, seq[stream]++));
                        if (i + 1 == burst) {
                            burstSent.countDown();
                        }
                    }
                    return null;
                });

                // Per stream, the sequence numbers in the order they were received, across both sockets.
                List<List<Integer>> got = new ArrayList<>();
                for (int s = 0; s < streams; s++) {
                    got.add(new ArrayList<>());
                }
                ByteBuffer buf = ByteBuffer.allocateDirect(Associations.BUFFER);
                for (int i = 0; i < readBefore; i++) {
                    SctpData d = nextData(server, buf, "message " + i + " before the peel-off");
                    take(got, d, buf, link.serverSide(), streams);
                }
                assertTrue(burstSent.await(Associations.WAIT.toSeconds(), TimeUnit.SECONDS), "the client sent its first burst");

                SctpSocket peeled = r.add(server.peelOff(link.serverSide()));

                // Where an OS leaves queued messages on the original socket, they come before the peeled ones.
                int onOriginalAfter = 0;
                while (p.poll(server.rawDescriptor(), false, 0)) {
                    SctpReceived left = server.receive(buf.clear());
                    if (left instanceof SctpData d) {
                        buf.flip();
                        take(got, d, buf, link.serverSide(), streams);
                        onOriginalAfter++;
                    } else if (left == null) {
                        break;
                    }
                }
                int received = readBefore + onOriginalAfter;
                while (received < total) {
                    SctpData d = nextData(peeled, buf, "message " + received + " of " + total + " on the peeled socket");
                    take(got, d, buf, null, streams);
                    received++;
                }
                sender.get(Associations.WAIT.toSeconds(), TimeUnit.SECONDS);

                // No duplicate waits behind: the sender is done and everything it sent has been counted.
                for (SctpReceived left : drain(server)) {
                    assertFalse(left instanceof SctpData, "extra data on the original socket: " + left);
                }
                while (p.poll(peeled.rawDescriptor(), false, 0)) {
                    SctpReceived extra = peeled.receive(buf.clear());
                    assertFalse(extra instanceof SctpData, "extra data on the peeled socket: " + extra);
                }

                int[] expected = new int[streams];
                for (int i = 0; i < total; i++) {
                    expected[i % streams]++;
                }
                for (int s = 0; s < streams; s++) {
                    List<Integer> seqs = got.get(s);
                    assertEquals(expected[s], seqs.size(), "messages on stream " + s);
                    for (int i = 0; i < seqs.size(); i++) {
                        if (seqs.get(i) != i) {
                            fail("stream " + s + ": message " + i + " is number " + seqs.get(i)
                                    + " (lost, duplicated or out of order); first 20: " + seqs.subList(0, Math.min(20, seqs.size())));
                        }
                    }
                }
                o.note(total + " messages on " + streams + " streams: " + readBefore + " read on the original before the "
                        + "peel-off (after a burst of " + burst + "), " + onOriginalAfter + " left on it after, "
                        + (total - readBefore - onOriginalAfter) + " on the peeled socket");
            } finally {
                pool.shutdownNow();
            }
        }

        private void take(List<List<Integer>> got, SctpData d, ByteBuffer buf, AssociationId expected, int streams) {
            if (expected != null) {
                assertEquals(expected, d.association(), "association of a message on the original socket");
            }
            assertTrue(d.complete(), "a 16-byte message arrives whole");
            int[] m = Associations.parse(buf);
            assertEquals(d.stream(), m[0], "the stream the message says vs the stream it arrived on");
            assertTrue(m[0] < streams, "stream " + m[0]);
            got.get(m[0]).add(m[1]);
        }
    }

    /** A failed peel-off leaks nothing, a full descriptor table is survivable, many cycles leak nothing. */
    @Nested
    class ResourceUse {

        @Test
        void failed_peeloff_leaks_no_descriptor(Observed o) throws Exception {
            SctpProvider p = providerUnderTest();
            Descriptors.assumeCountable();
            Path file = Files.createTempFile("peeloff-tck-", ".txt");
            try (Cleanup r = new Cleanup(); RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
                SctpMultiSocket server = server(r, p);
                Link link = link(r, p, server);
                SctpSocket peeled = r.add(server.peelOff(link.serverSide()));
                int unknown = unknownId(server);
                int closed;
                try (SctpMultiSocket s = SctpMultiSocket.open(p, StandardProtocolFamily.INET)) {
                    closed = s.rawDescriptor();
                }
                int fileFd = Descriptors.numberOf(raf.getFD(), file).orElse(-1);
                List<Set<PeeloffOption>> optionSets = List.of(NO_OPTIONS, EnumSet.of(PeeloffOption.NONBLOCK, PeeloffOption.CLOEXEC),
                        EnumSet.of(PeeloffOption.STRICT, PeeloffOption.NONBLOCK));

                Runnable failures = () -> {
                    for (Set<PeeloffOption> opts : optionSets) {
                        o.failure("unknown id", rawPeeloff(p, server.rawDescriptor(), unknown, opts));
                        o.failure("id 0", rawPeeloff(p, server.rawDescriptor(), 0, opts));
                        o.failure("peeled socket", rawPeeloff(p, peeled.rawDescriptor(), link.serverSide().value(), opts));
                        if (fileFd >= 0) {
                            o.failure("regular file", rawPeeloff(p, fileFd, 1, opts));
                        }
                        if (!Descriptors.isOpen(closed)) {
                            o.failure("closed descriptor", rawPeeloff(p, closed, 1, opts));
                        }
                        o.failure("API unknown id", () -> server.peelOff(AssociationId.of(unknown), opts.toArray(new PeeloffOption[0])));
                    }
                };
                failures.run();
                SortedSet<Integer> before = Descriptors.open();
                for (int i = 0; i < 50; i++) {
                    failures.run();
                }
                SortedSet<Integer> after = Descriptors.open();

                assertEquals(before, after, "open descriptors before and after 50 rounds of failed peel-offs");
                o.note(before.size() + " descriptors open before and after " + (50 * optionSets.size())
                        + " rounds of failing peel-offs" + (fileFd < 0 ? " (no file descriptor number: file case left out)" : ""));
            } finally {
                Files.deleteIfExists(file);
            }
        }

        @Test
        @Timeout(value = 600, unit = TimeUnit.SECONDS)
        void peeloff_with_a_full_descriptor_table_fails_TOO_MANY_OPEN_FILES_and_keeps_the_association(Observed o)
                throws Exception {
            Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh to lower RLIMIT_NOFILE with");
            int limit = 128;
            EmfileProbe.Result res = EmfileProbe.fork(forkedProviderClass(), limit, Duration.ofSeconds(540));
            Map<String, String> f = res.fields();
            o.note("forked JVM with 'ulimit -n " + limit + "' filled its table with " + f.getOrDefault("filesOpened", "?")
                    + " files; " + f.getOrDefault("detail", "no report line")
                    + (f.containsKey("retried") ? "; " + f.get("retried") : ""));
            if (f.containsKey("error")) {
                o.error(SctpError.valueOf(f.get("error")), Integer.parseInt(f.getOrDefault("errno", "0")),
                        f.get("errnoName"), f.get("os"), f.get("call"));
            }
            switch (res.status()) {
                case EmfileProbe.PASSED -> assertEquals("TOO_MANY_OPEN_FILES", f.get("error"));
                case EmfileProbe.ABORTED -> Assumptions.abort("the descriptor-table probe could not run here: "
                        + f.getOrDefault("detail", res.output()));
                default -> fail("descriptor-table probe (exit status " + res.status() + "): "
                        + f.getOrDefault("detail", "no report line") + "\n--- its output ---\n" + res.output());
            }
        }

        @Test
        @Timeout(value = 3600, unit = TimeUnit.SECONDS)
        void peeloff_and_close_cycles_leave_the_descriptor_count_unchanged(Observed o) throws Exception {
            SctpProvider p = providerUnderTest();
            Descriptors.assumeCountable();
            int cycles = Integer.getInteger("peeloff.tck.cycles", 10_000);
            int batch = Math.max(1, Integer.getInteger("peeloff.tck.batch", 200));
            try (Cleanup r = new Cleanup()) {
                SctpMultiSocket server = server(r, p);
                cycle(p, server, Math.min(batch, 5));
                SortedSet<Integer> before = Descriptors.open();
                int done = 0;
                while (done < cycles) {
                    int n = Math.min(batch, cycles - done);
                    cycle(p, server, n);
                    done += n;
                }
                SortedSet<Integer> after = Descriptors.open();

                assertTrue(server.associations().isEmpty(), "every association was peeled off: " + server.associations());
                Set<Integer> added = new TreeSet<>(after);
                added.removeAll(before);
                Set<Integer> removed = new TreeSet<>(before);
                removed.removeAll(after);
                assertEquals(before.size(), after.size(), "descriptor count after " + done
                        + " peel-off/close cycles; new: " + added + ", gone: " + removed);
                o.note(done + " peel-off/close cycles in batches of " + batch + " (one client socket per association); "
                        + before.size() + " descriptors open before and after");
            }
        }

        private void cycle(SctpProvider p, SctpMultiSocket server, int n) throws Exception {
            try (Cleanup clients = new Cleanup()) {
                for (Link link : links(clients, p, server, n)) {
                    server.peelOff(link.serverSide()).close();
                }
            }
        }
    }

    /** illumos: "MT-Level: Safe"; and close never lets a blocked call touch a reused descriptor. */
    @Nested
    class Concurrency {

        @Test
        @Timeout(value = 600, unit = TimeUnit.SECONDS)
        void concurrent_peeloffs_of_distinct_associations_each_succeed_once(Observed o) throws Exception {
            SctpProvider p = providerUnderTest();
            int threads = 8;
            int perThread = 4;
            ExecutorService pool = Executors.newFixedThreadPool(threads + 2, daemon("tck-peeler"));
            try (Cleanup r = new Cleanup()) {
                SctpMultiSocket server = server(r, p);
                List<Link> all = links(r, p, server, 1 + threads * perThread);
                Link control = all.get(0);
                List<Link> targets = all.subList(1, all.size());
                CyclicBarrier start = new CyclicBarrier(threads + 1);
                AtomicBoolean peeling = new AtomicBoolean(true);
                Map<AssociationId, SctpSocket> peeled = new ConcurrentHashMap<>();
                List<Throwable> errors = new CopyOnWriteArrayList<>();

                // The control client reads while the sender sends, so flow control never stalls the sender;
                // sequence number -1 ends the stream.
                Future<Integer> sender = pool.submit(() -> {
                    start.await();
                    int sent = 0;
                    do {
                        send(server, control.serverSide(), 0, Associations.message(0, sent++));
                    } while (peeling.get() || sent < 100);
                    send(server, control.serverSide(), 0, Associations.message(0, -1));
                    return sent;
                });
                Future<List<Integer>> reader = pool.submit(() -> {
                    List<Integer> seqs = new ArrayList<>();
                    ByteBuffer buf = ByteBuffer.allocateDirect(Associations.BUFFER);
                    while (true) {
                        nextData(control.client(), buf, "control message " + seqs.size());
                        int seq = Associations.parse(buf)[1];
                        if (seq < 0) {
                            return seqs;
                        }
                        seqs.add(seq);
                    }
                });
                List<Future<?>> peelers = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    List<Link> mine = targets.subList(t * perThread, (t + 1) * perThread);
                    peelers.add(pool.submit(() -> {
                        start.await();
                        for (Link l : mine) {
                            try {
                                SctpSocket s = r.add(server.peelOff(l.serverSide()));
                                if (peeled.putIfAbsent(l.serverSide(), s) != null) {
                                    errors.add(new AssertionFailedError(l.serverSide() + " peeled off twice"));
                                }
                            } catch (SctpException e) {
                                o.error(e);
                                errors.add(e);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : peelers) {
                    f.get();
                }
                peeling.set(false);
                int sent = sender.get();
                List<Integer> controlSeqs = reader.get();

                assertTrue(errors.isEmpty(), "every concurrent peel-off succeeds: " + errors);
                assertEquals(targets.size(), peeled.size());
                Set<Integer> fds = new HashSet<>();
                for (SctpSocket s : peeled.values()) {
                    assertTrue(fds.add(s.rawDescriptor()), "descriptor " + s.rawDescriptor() + " returned twice");
                }
                assertEquals(Set.of(control.serverSide()), server.associations(), "only the control association stays");
                for (Link l : targets) {
                    SctpSocket s = peeled.get(l.serverSide());
                    assertEquals(l.serverSide(), s.association());
                    assertTrue(s.remoteAddresses().contains(l.clientAddress()),
                            "peeled " + l.serverSide() + " is connected to its own client " + l.clientAddress());
                    roundTrip(l, s, "concurrent");
                }
                assertEquals(sent, controlSeqs.size(), "control messages received");
                for (int i = 0; i < sent; i++) {
                    assertEquals(i, controlSeqs.get(i), "control messages arrive once, in order");
                }
                o.note(threads + " threads peeled off " + targets.size() + " associations while another thread sent "
                        + sent + " messages on the original socket");
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        @Timeout(value = 600, unit = TimeUnit.SECONDS)
        void racing_peeloffs_of_the_same_association_succeed_exactly_once(Observed o) throws Exception {
            SctpProvider p = providerUnderTest();
            int threads = 8;
            int rounds = 8;
            ExecutorService pool = Executors.newFixedThreadPool(threads, daemon("tck-racer"));
            try (Cleanup r = new Cleanup()) {
                SctpMultiSocket server = server(r, p);
                for (Link l : links(r, p, server, rounds)) {
                    CyclicBarrier start = new CyclicBarrier(threads);
                    AtomicInteger wins = new AtomicInteger();
                    AtomicReference<SctpSocket> winner = new AtomicReference<>();
                    List<Future<?>> racers = new ArrayList<>();
                    for (int t = 0; t < threads; t++) {
                        racers.add(pool.submit(() -> {
                            start.await();
                            try {
                                winner.set(r.add(server.peelOff(l.serverSide())));
                                wins.incrementAndGet();
                            } catch (SctpException e) {
                                o.error(e);
                                if (e.error() != SctpError.NO_SUCH_ASSOCIATION && e.error() != SctpError.BUSY) {
                                    throw new AssertionFailedError("a losing racer must see NO_SUCH_ASSOCIATION (or BUSY): " + e, e);
                                }
                            }
                            return null;
                        }));
                    }
                    for (Future<?> f : racers) {
                        f.get();
                    }
                    assertEquals(1, wins.get(), threads + " threads peeling " + l.serverSide() + " off at once");
                    roundTrip(l, winner.get(), "the winner");
                }
                assertTrue(server.associations().isEmpty(), "all raced associations left: " + server.associations());
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        void close_wakes_a_receiver_blocked_on_a_one_to_many_socket_with_CLOSED(Observed o) throws Exception {
            SctpProvider p = providerUnderTest();
            try (Cleanup r = new Cleanup()) {
                SctpMultiSocket victim = server(r, p);
                closeWakesReceiver(o, r, victim.rawDescriptor(), victim::receive, victim::close, "SctpMultiSocket");
            }
        }

        @Test
        void close_wakes_a_receiver_blocked_on_a_peeled_socket_with_CLOSED(Observed o) throws Exception {
            SctpProvider p = providerUnderTest();
            try (Cleanup r = new Cleanup()) {
                SctpMultiSocket server = server(r, p);
                Link link = link(r, p, server);
                SctpSocket victim = r.add(server.peelOff(link.serverSide()));
                closeWakesReceiver(o, r, victim.rawDescriptor(), victim::receive, victim::close, "SctpSocket");
            }
        }

        private void closeWakesReceiver(Observed o, Cleanup r, int oldFd, Receive receive, Close close, String type)
                throws Exception {
            SctpProvider p = providerUnderTest();
            AtomicReference<Object> outcome = new AtomicReference<>();
            Thread receiver = new Thread(() -> {
                try {
                    outcome.set(receive.receive(ByteBuffer.allocateDirect(Associations.BUFFER)));
                } catch (Throwable t) {
                    outcome.set(t);
                }
            }, "tck-blocked-receiver");
            receiver.setDaemon(true);
            receiver.start();
            awaitInside(receiver, "org.peeloff." + type, "receive");

            close.close();

            // A new socket may get the old number once the receiver has let go of it; give it traffic.
            SctpMultiSocket fresh = server(r, p);
            Link link = link(r, p, fresh);
            send(link.client(), link.clientSide(), 0, text("for the new socket"));
            receiver.join(Associations.WAIT.toMillis());
            assertFalse(receiver.isAlive(), "close() woke the blocked receiver");
            SctpMultiSocket reuse = server(r, p);
            o.note("closed descriptor " + oldFd + "; sockets opened after it got " + fresh.rawDescriptor() + " and "
                    + reuse.rawDescriptor() + (fresh.rawDescriptor() == oldFd || reuse.rawDescriptor() == oldFd
                    ? " (the number was reused)" : " (the number was not reused)"));

            Object got = outcome.get();
            if (!(got instanceof SctpException e)) {
                throw new AssertionFailedError("the woken receiver must fail with CLOSED, got " + got);
            }
            o.error(e);
            assertEquals(SctpError.CLOSED, e.error(), "the woken receiver's error: " + e);
            assertTrue(e instanceof SctpClosedException, "a SctpClosedException: " + e);
            ByteBuffer buf = ByteBuffer.allocateDirect(Associations.BUFFER);
            SctpData d = nextData(fresh, buf, "the message for the new socket");
            assertEquals(link.serverSide(), d.association());
            assertEquals("for the new socket", text(buf), "the woken receiver consumed nothing of the new socket's");
        }
    }

    /**
     * "never crash the JVM, never hang, always give a typed SctpException": random association ids on a
     * valid one-to-many socket, random descriptor numbers known to be closed.
     */
    @Nested
    class BadInput {

        @Test
        @Timeout(value = 600, unit = TimeUnit.SECONDS)
        void raw_peeloff_with_random_association_ids_fails_NO_SUCH_ASSOCIATION(Observed o) throws Exception {
            SctpProvider p = providerUnderTest();
            long seed = Long.getLong("peeloff.tck.seed", 0x5EE10FFL);
            int iterations = Integer.getInteger("peeloff.tck.iterations", 2000);
            boolean emulated = capabilities().peeloffFlags() == Capabilities.FlagSupport.EMULATED;
            Random rnd = new Random(seed);
            try (Cleanup r = new Cleanup()) {
                SctpMultiSocket server = server(r, p);
                Link link = link(r, p, server);
                Set<AssociationId> live = server.associations();
                int fd = server.rawDescriptor();
                List<String> wrong = new ArrayList<>();
                int tried = 0;
                for (int i = 0; i < iterations; i++) {
                    int id = switch (rnd.nextInt(4)) {
                        case 0 -> rnd.nextInt();
                        case 1 -> rnd.nextInt(64) - 16;
                        case 2 -> link.serverSide().value() + rnd.nextInt(64) - 32;
                        default -> rnd.nextBoolean() ? Integer.MAX_VALUE - rnd.nextInt(4) : Integer.MIN_VALUE + rnd.nextInt(4);
                    };
                    if (live.contains(AssociationId.of(id))) {
                        continue;
                    }
                    Set<PeeloffOption> opts = randomOptions(rnd);
                    SctpException e = o.failure(rawCall(fd, id, opts), rawPeeloff(p, fd, id, opts));
                    tried++;
                    boolean refusedStrict = emulated && opts.contains(PeeloffOption.STRICT) && opts.size() > 1
                            && e.error() == SctpError.UNSUPPORTED;
                    if (e.error() != SctpError.NO_SUCH_ASSOCIATION && !refusedStrict && wrong.size() < 10) {
                        wrong.add(e.getMessage());
                    }
                }
                assertTrue(wrong.isEmpty(), "random unknown ids must fail NO_SUCH_ASSOCIATION: " + wrong);
                assertEquals(live, server.associations(), "the live association is untouched");
                roundTrip(link, server, "after " + tried + " random ids");
                o.note(tried + " random ids (seed " + seed + ") on a one-to-many socket with association " + link.serverSide());
            }
        }

        @Test
        @Timeout(value = 600, unit = TimeUnit.SECONDS)
        void raw_peeloff_on_random_closed_descriptors_fails_BAD_DESCRIPTOR(Observed o) throws Exception {
            SctpProvider p = providerUnderTest();
            Descriptors.assumeCountable();
            long seed = Long.getLong("peeloff.tck.seed", 0x5EE10FFL);
            int iterations = Integer.getInteger("peeloff.tck.iterations", 2000);
            Random rnd = new Random(seed);
            List<Integer> closed = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                try (SctpMultiSocket s = SctpMultiSocket.open(p, StandardProtocolFamily.INET)) {
                    closed.add(s.rawDescriptor());
                }
            }
            List<String> wrong = new ArrayList<>();
            int tried = 0;
            for (int i = 0; i < iterations; i++) {
                int fd = switch (rnd.nextInt(4)) {
                    case 0 -> closed.get(rnd.nextInt(closed.size()));
                    case 1 -> Descriptors.max() + 1 + rnd.nextInt(1 << 20);
                    case 2 -> -1 - rnd.nextInt(Integer.MAX_VALUE);
                    default -> rnd.nextBoolean() ? Integer.MAX_VALUE - rnd.nextInt(4) : Integer.MIN_VALUE + rnd.nextInt(4);
                };
                // Never a descriptor something in this JVM uses: skip numbers that are open right now.
                if (Descriptors.isOpen(fd)) {
                    continue;
                }
                int id = rnd.nextInt();
                Set<PeeloffOption> opts = randomOptions(rnd);
                opts.remove(PeeloffOption.STRICT);
                SctpException e = o.failure(rawCall(fd, id, opts), rawPeeloff(p, fd, id, opts));
                tried++;
                if (e.error() != SctpError.BAD_DESCRIPTOR && wrong.size() < 10) {
                    wrong.add(e.getMessage());
                }
            }
            assertTrue(tried > iterations / 2, "most random descriptors were closed ones: " + tried);
            assertTrue(wrong.isEmpty(), "descriptors that are not open must fail BAD_DESCRIPTOR: " + wrong);
            o.note(tried + " random closed or never-opened descriptor numbers (seed " + seed + ")");
        }

        private Set<PeeloffOption> randomOptions(Random rnd) {
            Set<PeeloffOption> opts = EnumSet.noneOf(PeeloffOption.class);
            for (PeeloffOption opt : PeeloffOption.values()) {
                if (rnd.nextBoolean()) {
                    opts.add(opt);
                }
            }
            return opts;
        }
    }

    /**
     * AIX: "ECONNABORTED The client aborted the connection". The API has no abort call; a peer aborts by
     * closing its socket while data it has not read is queued (Linux then sends ABORT, as TCP sends RST),
     * or shuts down gracefully by closing an idle socket. The server waits for the association's end
     * event, then tries the peel-off: the OS may report the association as aborted or as gone.
     */
    @Nested
    class PeerAbort {

        @Test
        void peeloff_after_the_peer_aborted_fails_ASSOCIATION_ABORTED_or_NO_SUCH_ASSOCIATION(Observed o)
                throws Exception {
            o.note("the peer closed its one-to-many socket with unread data queued (Linux sends ABORT then)");
            peeloffAfterThePeerLeft(o, true);
        }

        @Test
        void peeloff_after_the_peer_shut_down_fails_NO_SUCH_ASSOCIATION_or_ASSOCIATION_ABORTED(Observed o)
                throws Exception {
            o.note("the peer closed its idle one-to-many socket (graceful SHUTDOWN)");
            peeloffAfterThePeerLeft(o, false);
        }

        /**
         * RFC 9260 3.3.10.12: an ABORT a user asks for carries cause 12 (User-Initiated Abort), and the
         * {@code sac_error} of the COMMUNICATION_LOST it gives is that cause code. The Java int is the
         * number itself on every OS, in host order (12), whatever byte order the OS fills it in.
         */
        @Test
        void communication_lost_after_a_peer_abort_carries_the_cause_code_12_User_Initiated_Abort(Observed o)
                throws Exception {
            SctpProvider p = providerUnderTest();
            try (Cleanup r = new Cleanup()) {
                SctpMultiSocket server = server(r, p);
                Link link = link(r, p, server);
                if (p.supportsOption(org.peeloff.SctpOptions.SO_LINGER)) {
                    // the abortive close a user asks for: SO_LINGER {on, 0}, then close (RFC 6458 8.1.4)
                    link.client().setOption(org.peeloff.SctpOptions.SO_LINGER, 0);
                    o.note("the peer aborted: SO_LINGER 0, then close of its one-to-many socket (the kernel sends ABORT "
                            + "with cause 12, User-Initiated Abort)");
                } else {
                    send(server, link.serverSide(), 0, text("never read"));
                    Associations.awaitReadable(p, link.client().rawDescriptor(), "the unread message on the client");
                    o.note("the peer aborted by closing its one-to-many socket with unread data queued (this provider "
                            + "has no SO_LINGER; Linux then sends ABORT with cause 12, User-Initiated Abort)");
                }
                link.client().close();

                ByteBuffer buf = ByteBuffer.allocateDirect(Associations.BUFFER);
                List<String> events = new ArrayList<>();
                while (true) {
                    SctpReceived ev = next(server, buf, "COMMUNICATION_LOST of " + link.serverSide() + " after events " + events);
                    events.add(String.valueOf(ev));
                    if (ev instanceof AssociationChange c && c.association().equals(link.serverSide())) {
                        assertNotEquals(AssociationChange.State.SHUTDOWN_COMPLETE, c.state(),
                                "the peer was to abort, but the association shut down gracefully: " + events);
                        if (c.state() == AssociationChange.State.COMMUNICATION_LOST) {
                            o.note("server saw " + String.join(", ", events));
                            assertEquals(12, c.error(), "AssociationChange.error() after the peer's ABORT with cause 12 "
                                    + "(User-Initiated Abort); 3072 (0x0C00) is the cause in network byte order: " + c);
                            return;
                        }
                    }
                }
            }
        }

        private void peeloffAfterThePeerLeft(Observed o, boolean abort) throws Exception {
            SctpProvider p = providerUnderTest();
            try (Cleanup r = new Cleanup()) {
                SctpMultiSocket server = server(r, p);
                Link link = link(r, p, server);
                if (abort) {
                    send(server, link.serverSide(), 0, text("never read"));
                    Associations.awaitReadable(p, link.client().rawDescriptor(), "the unread message on the client");
                }
                link.client().close();

                List<String> events = new ArrayList<>();
                ByteBuffer buf = ByteBuffer.allocateDirect(Associations.BUFFER);
                AssociationChange.State end = null;
                while (end == null) {
                    SctpReceived ev = next(server, buf, "the end of " + link.serverSide() + " after events " + events);
                    if (!ev.association().equals(link.serverSide())) {
                        continue;
                    }
                    if (ev instanceof AssociationChange c) {
                        events.add(c.state().name());
                        if (c.state() == AssociationChange.State.COMMUNICATION_LOST
                                || c.state() == AssociationChange.State.SHUTDOWN_COMPLETE) {
                            end = c.state();
                        }
                    } else if (ev instanceof ShutdownEvent) {
                        events.add("SHUTDOWN_EVENT");
                    } else {
                        events.add(ev.getClass().getSimpleName());
                    }
                }
                o.note("server saw " + String.join(", ", events));

                SctpException e = o.failure("peelOff(" + link.serverSide() + ") after the peer left",
                        () -> server.peelOff(link.serverSide()));
                assertTrue(e.error() == SctpError.ASSOCIATION_ABORTED || e.error() == SctpError.NO_SUCH_ASSOCIATION,
                        "peel-off of an association the peer ended: ASSOCIATION_ABORTED or NO_SUCH_ASSOCIATION, got " + e);
                assertFalse(server.associations().contains(link.serverSide()), "the ended association is not listed");
            }
        }
    }

    /**
     * The event loop ({@link SctpSelector} on the provider's readiness backend) and blocking calls
     * that park instead of polling in slices. Every socket of the loop is non-blocking, as an event loop's are.
     */
    @Nested
    class EventLoop {

        /**
         * @return the backend these cases run on: the provider's own (epoll, event ports, pollset) where it
         *         has one, whatever {@code org.peeloff.readiness} says; {@code poll(2)} otherwise
         */
        String backend() {
            List<String> all = providerUnderTest().pollerBackends();
            return all.stream().filter(b -> !b.equals(Poller.POLL)).findFirst().orElse(Poller.POLL);
        }

        private SctpSelector selector(Cleanup r, Observed o) throws SctpException {
            SctpSelector s = r.add(SctpSelector.open(providerUnderTest(), backend()));
            assertEquals(backend(), s.backend(), "the selector runs on the backend asked for");
            o.note("readiness backend: " + s.backend() + " (" + provenance().json() + "), blocking calls park on "
                    + providerUnderTest().pollerBackends().get(0));
            return s;
        }

        /**
         * Proves that the provider offers the portable {@code poll(2)} backend and at most one other, so that
         * this group (its own backend) and {@code EventLoopOnPoll} together run every backend it has.
         */
        @Test
        void every_backend_of_the_provider_is_covered_by_an_event_loop_group(Observed o) {
            List<String> all = providerUnderTest().pollerBackends();
            o.note("backends: " + all + "; the first is the default (blocking calls park on it)");
            assertTrue(all.contains(Poller.POLL), "every provider offers poll(2): " + all);
            assertTrue(all.size() <= 2 && all.contains(backend()), "one own backend at most, run by EventLoop: " + all);
        }

        /** Receives without waiting until nothing is queued. */
        private int drainNow(Receive receive) throws SctpException {
            ByteBuffer buf = ByteBuffer.allocateDirect(Associations.BUFFER);
            int n = 0;
            while (receive.receive(buf.clear()) != null) {
                n++;
            }
            return n;
        }

        /** Selects until {@code key} is selected, failing after the TCK's wait. */
        private void awaitSelected(SctpSelector selector, SctpSelectionKey key, int ops, String what) throws SctpException {
            long end = System.nanoTime() + Associations.WAIT.toNanos();
            while (System.nanoTime() - end < 0) {
                selector.select(200);
                if (selector.selectedKeys().contains(key) && (key.readyOps() & ops) == ops) {
                    return;
                }
            }
            throw new AssertionFailedError("never selected: " + what);
        }

        /**
         * Proves that a one-to-many socket is reported readable when, and only when, a message is queued
         * on it, with its attachment, and stays reported while the message is unread (level-triggered).
         */
        @Test
        void data_makes_a_registered_one_to_many_socket_readable(Observed o) throws Exception {
            SctpProvider p = providerUnderTest();
            try (Cleanup r = new Cleanup()) {
                SctpSelector selector = selector(r, o);
                SctpMultiSocket server = server(r, p);
                Link link = link(r, p, server);
                server.configureBlocking(false);
                drainNow(server::receive);
                SctpSelectionKey key = selector.register(server, SctpSelectionKey.OP_READ, "server");
                assertEquals(0, selector.selectNow(), "nothing queued: nothing selected");
                send(link.client(), link.clientSide(), 0, text("ready?"));
                awaitSelected(selector, key, SctpSelectionKey.OP_READ, "the one-to-many socket after a message");
                assertEquals("server", key.attachment());
                assertEquals(1, selector.selectNow(), "level-triggered: selected again while unread");
                ByteBuffer buf = ByteBuffer.allocateDirect(Associations.BUFFER);
                SctpReceived got = server.receive(buf);
                assertTrue(got instanceof SctpData, "the message: " + got);
                drainNow(server::receive);
                assertEquals(0, selector.selectNow(), "read: no longer selected");
            }
        }

        /** Proves readiness of a one-to-one socket opened with {@code SctpSocket.open} and connected. */
        @Test
        void data_makes_a_registered_one_to_one_socket_readable(Observed o) throws Exception {
            SctpProvider p = providerUnderTest();
            Assumptions.assumeTrue(capabilities().oneToOneSockets(),
                    "provider '" + p.id() + "' opens no one-to-one socket directly (capabilities().oneToOneSockets() is false)");
            try (Cleanup r = new Cleanup()) {
                SctpSelector selector = selector(r, o);
                SctpMultiSocket server = server(r, p);
                SctpSocket client = r.add(SctpSocket.open(p, StandardProtocolFamily.INET));
                client.bind(new InetSocketAddress(LOOPBACK, 0));
                client.connect(address(server));
                AssociationId serverSide = Associations.accept(server, 1).get(0);
                client.configureBlocking(false);
                SctpSelectionKey key = selector.register(client, SctpSelectionKey.OP_READ, null);
                // its COMMUNICATION_UP may be queued: read it through the loop
                drainNow(client::receive);
                assertEquals(0, selector.selectNow(), "nothing queued on the one-to-one socket");
                send(server, serverSide, 0, text("to one-to-one"));
                awaitSelected(selector, key, SctpSelectionKey.OP_READ, "the one-to-one socket after a message");
                ByteBuffer buf = ByteBuffer.allocateDirect(Associations.BUFFER);
                SctpReceived got;
                do {
                    got = client.receive(buf.clear());
                } while (got != null && !(got instanceof SctpData));
                assertTrue(got instanceof SctpData, "the message on the one-to-one socket");
                buf.flip();
                assertEquals("to one-to-one", text(buf));
            }
        }

        /** Proves readiness of a peeled-off socket, and that its reported data is the association's. */
        @Test
        void data_makes_a_registered_peeled_socket_readable(Observed o) throws Exception {
            SctpProvider p = providerUnderTest();
            try (Cleanup r = new Cleanup()) {
                SctpSelector selector = selector(r, o);
                SctpMultiSocket server = server(r, p);
                Link link = link(r, p, server);
                SctpSocket peeled = r.add(server.peelOff(link.serverSide(), PeeloffOption.NONBLOCK));
                SctpSelectionKey key = selector.register(peeled, SctpSelectionKey.OP_READ, link.serverSide());
                drainNow(peeled::receive);
                assertEquals(0, selector.selectNow());
                send(link.client(), link.clientSide(), 0, text("to peeled"));
                awaitSelected(selector, key, SctpSelectionKey.OP_READ, "the peeled socket after a message");
                assertEquals(link.serverSide(), key.attachment());
                ByteBuffer buf = ByteBuffer.allocateDirect(Associations.BUFFER);
                assertTrue(peeled.receive(buf) instanceof SctpData);
                buf.flip();
                assertEquals("to peeled", text(buf));
            }
        }

        /** Proves that a notification (a new association's COMMUNICATION_UP) makes the socket readable. */
        @Test
        void a_notification_makes_a_registered_socket_readable(Observed o) throws Exception {
            SctpProvider p = providerUnderTest();
            try (Cleanup r = new Cleanup()) {
                SctpSelector selector = selector(r, o);
                SctpMultiSocket server = server(r, p);
                server.configureBlocking(false);
                SctpSelectionKey key = selector.register(server, SctpSelectionKey.OP_READ, null);
                assertEquals(0, selector.selectNow(), "no association yet");
                Associations.client(r, p, address(server));
                awaitSelected(selector, key, SctpSelectionKey.OP_READ, "the server after a client connected");
                ByteBuffer buf = ByteBuffer.allocateDirect(Associations.BUFFER);
                SctpReceived got = server.receive(buf);
                assertTrue(got instanceof AssociationChange c && c.state() == AssociationChange.State.COMMUNICATION_UP,
                        "the readiness was the COMMUNICATION_UP notification: " + got);
            }
        }

        /**
         * Proves OP_WRITE: a non-blocking peeled socket sends until the send buffer is full (send returns
         * 0); once the peer has read everything, the socket is reported writable and sends again.
         */
        @Test
        void a_full_send_buffer_that_drains_makes_the_socket_writable(Observed o) throws Exception {
            SctpProvider p = providerUnderTest();
            try (Cleanup r = new Cleanup()) {
                SctpSelector selector = selector(r, o);
                SctpMultiSocket server = server(r, p);
                Link link = link(r, p, server);
                SctpSocket peeled = r.add(server.peelOff(link.serverSide(), PeeloffOption.NONBLOCK));
                peeled.setSendBufferSize(16 * 1024);
                ByteBuffer chunk = ByteBuffer.allocateDirect(4096);
                int sent = 0;
                for (int i = 0; i < 100_000; i++) {
                    chunk.clear();
                    if (peeled.send(chunk, 0) == 0) {
                        break;
                    }
                    sent++;
                }
                assertTrue(peeled.send(chunk.clear(), 0) == 0, "the send buffer filled after " + sent + " messages");
                SctpSelectionKey key = selector.register(peeled, SctpSelectionKey.OP_WRITE, null);
                ByteBuffer buf = ByteBuffer.allocateDirect(Associations.BUFFER);
                int read = 0;
                while (read < sent) {
                    if (nextData(link.client(), buf, "message " + (read + 1) + " of " + sent) != null) {
                        read++;
                    }
                }
                awaitSelected(selector, key, SctpSelectionKey.OP_WRITE, "the peeled socket once the peer read everything");
                assertEquals(4096, peeled.send(chunk.clear(), 0), "writable: a send goes through");
                o.note(sent + " messages of 4096 bytes filled the send buffer");
            }
        }

        /**
         * Proves that after a peel-off while the original one-to-many socket is registered, the
         * association's traffic signals only the peeled socket's key, never the original's.
         */
        @Test
        void after_a_peeloff_only_the_peeled_socket_signals_the_associations_traffic(Observed o) throws Exception {
            SctpProvider p = providerUnderTest();
            try (Cleanup r = new Cleanup()) {
                SctpSelector selector = selector(r, o);
                SctpMultiSocket server = server(r, p);
                Link link = link(r, p, server);
                server.configureBlocking(false);
                drainNow(server::receive);
                SctpSelectionKey original = selector.register(server, SctpSelectionKey.OP_READ, "original");
                SctpSocket peeled = r.add(server.peelOff(link.serverSide(), PeeloffOption.NONBLOCK));
                SctpSelectionKey own = selector.register(peeled, SctpSelectionKey.OP_READ, "peeled");
                drainNow(peeled::receive);
                drainNow(server::receive);
                for (int i = 0; i < 5; i++) {
                    send(link.client(), link.clientSide(), 0, text("after the peel-off " + i));
                }
                awaitSelected(selector, own, SctpSelectionKey.OP_READ, "the peeled socket");
                assertFalse(selector.selectedKeys().contains(original), "the original socket is not signalled");
                int got = 0;
                long end = System.nanoTime() + Associations.WAIT.toNanos();
                while (got < 5 && System.nanoTime() - end < 0) {
                    selector.select(200);
                    assertFalse(selector.selectedKeys().contains(original), "the original socket is never signalled");
                    got += drainNow(peeled::receive);
                }
                assertEquals(5, got, "all five messages on the peeled socket");
                assertTrue(drainNow(server::receive) == 0, "nothing reached the original socket");
            }
        }

        /**
         * Proves that closing a registered socket cancels its key before the descriptor is closed: the
         * key is invalid, and a socket that gets the same number later is reported under its own key only.
         */
        @Test
        void closing_a_registered_socket_cancels_its_key(Observed o) throws Exception {
            SctpProvider p = providerUnderTest();
            try (Cleanup r = new Cleanup()) {
                SctpSelector selector = selector(r, o);
                SctpMultiSocket server = server(r, p);
                Link link = link(r, p, server);
                SctpSocket peeled = server.peelOff(link.serverSide(), PeeloffOption.NONBLOCK);
                int oldFd = peeled.rawDescriptor();
                SctpSelectionKey key = selector.register(peeled, SctpSelectionKey.OP_READ, "old");
                send(link.client(), link.clientSide(), 0, text("unread"));
                awaitSelected(selector, key, SctpSelectionKey.OP_READ, "the peeled socket");
                int before = selector.keyCount();
                peeled.close();
                assertFalse(key.isValid(), "closing the socket cancelled its key");
                assertEquals(before - 1, selector.keyCount());
                assertEquals(0, selector.selectNow(), "a closed socket's key is not selected");

                SctpMultiSocket fresh = server(r, p);
                fresh.configureBlocking(false);
                SctpSelectionKey freshKey = selector.register(fresh, SctpSelectionKey.OP_READ, "new");
                Associations.client(r, p, address(fresh));
                awaitSelected(selector, freshKey, SctpSelectionKey.OP_READ, "the new socket");
                for (SctpSelectionKey k : selector.selectedKeys()) {
                    assertTrue(k.isValid() && k != key, "only live keys are selected: " + k);
                }
                o.note("closed fd " + oldFd + "; the new socket got " + fresh.rawDescriptor()
                        + (fresh.rawDescriptor() == oldFd ? " (the number was reused)" : ""));
            }
        }

        /** Proves that {@code wakeup()} from another thread ends a select that has nothing to report, at once. */
        @Test
        void wakeup_from_another_thread_ends_a_select(Observed o) throws Exception {
            SctpProvider p = providerUnderTest();
            try (Cleanup r = new Cleanup()) {
                SctpSelector selector = selector(r, o);
                SctpMultiSocket server = server(r, p);
                selector.register(server, SctpSelectionKey.OP_READ, null);
                AtomicReference<Object> outcome = new AtomicReference<>();
                Thread t = new Thread(() -> {
                    try {
                        outcome.set(selector.select());
                    } catch (Throwable e) {
                        outcome.set(e);
                    }
                }, "tck-selecting");
                t.setDaemon(true);
                t.start();
                awaitInside(t, SctpSelector.class.getName(), "select");
                assertTrue(t.isAlive(), "select waits while nothing is ready");
                long t0 = System.nanoTime();
                selector.wakeup();
                t.join(Associations.WAIT.toMillis());
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                assertFalse(t.isAlive(), "wakeup() ended the select");
                assertEquals(0, outcome.get(), "woken with nothing selected");
                assertTrue(ms < 2000, "woken in " + ms + " ms");
                o.note("select woken in " + ms + " ms");
            }
        }

        /**
         * Proves that a descriptor Peeloff does not own (a raw one-to-many socket made with the SPI) is
         * watched beside Peeloff sockets, reported with its attachment, and taken out by {@code cancel()}.
         */
        @Test
        void a_foreign_descriptor_is_watched_beside_peeloff_sockets(Observed o) throws Exception {
            SctpProvider p = providerUnderTest();
            try (Cleanup r = new Cleanup()) {
                SctpSelector selector = selector(r, o);
                SctpMultiSocket server = server(r, p);
                selector.register(server, SctpSelectionKey.OP_READ, "peeloff");
                int raw = p.socket(StandardProtocolFamily.INET, org.peeloff.spi.SocketStyle.ONE_TO_MANY);
                r.add(new RawSocket(p, raw));
                p.bind(raw, new InetSocketAddress(LOOPBACK, 0));
                p.listen(raw, 8);
                int port = p.localAddresses(raw).get(0).getPort();
                SctpSelectionKey foreign = selector.registerDescriptor(raw, SctpSelectionKey.OP_READ, "foreign");
                r.add(foreign::cancel); // cancelled before the raw socket closes (the cleanup runs in reverse)
                assertEquals(0, selector.selectNow());
                Associations.client(r, p, new InetSocketAddress(LOOPBACK, port));
                awaitSelected(selector, foreign, SctpSelectionKey.OP_READ, "the foreign descriptor after a client connected");
                assertEquals("foreign", foreign.attachment());
                assertEquals(null, foreign.socket());
                foreign.cancel();
                assertEquals(0, selector.selectNow(), "cancelled: no longer reported");
            }
        }

        /**
         * Proves that close() of a socket with 100 threads blocked in receive wakes every one of them at
         * once (under 2 s in all) with SctpClosedException: blocked calls park on the provider's backend
         * and close wakes them, with no poll slice in between.
         */
        @Test
        void close_wakes_100_threads_blocked_in_receive_promptly_with_CLOSED(Observed o) throws Exception {
            SctpProvider p = providerUnderTest();
            int n = 100;
            try (Cleanup r = new Cleanup()) {
                SctpMultiSocket server = server(r, p);
                Link link = link(r, p, server);
                SctpSocket victim = r.add(server.peelOff(link.serverSide()));
                List<Thread> threads = new ArrayList<>();
                List<AtomicReference<Object>> outcomes = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    AtomicReference<Object> outcome = new AtomicReference<>();
                    Thread t = new Thread(() -> {
                        try {
                            outcome.set(victim.receive(ByteBuffer.allocate(256)));
                        } catch (Throwable e) {
                            outcome.set(e);
                        }
                    }, "tck-blocked-" + i);
                    t.setDaemon(true);
                    outcomes.add(outcome);
                    threads.add(t);
                    t.start();
                }
                long end = System.nanoTime() + Associations.WAIT.toNanos();
                for (Thread t : threads) {
                    while (t.getState() != Thread.State.WAITING && t.isAlive() && System.nanoTime() - end < 0) {
                        Thread.sleep(5);
                    }
                }
                long t0 = System.nanoTime();
                victim.close();
                for (Thread t : threads) {
                    t.join(Associations.WAIT.toMillis());
                }
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                Associations.assertAllClosed(n, outcomes);
                assertTrue(ms < 2000, "all " + n + " woken in " + ms + " ms");
                o.note(n + " blocked receivers woken by close() in " + ms + " ms; blocked calls park on "
                        + p.pollerBackends().get(0) + " (" + provenance().json() + ")");
            }
        }
    }

    /** The {@link EventLoop} cases again on the portable {@code poll(2)} backend, which every provider offers. */
    @Nested
    class EventLoopOnPoll extends EventLoop {
        @Override
        String backend() {
            return Poller.POLL;
        }
    }

    /** The event loop at scale: 10,000 registered sockets, 1,000 virtual threads, close of 100 blocked ({@link EventLoopScaleContract}). */
    @Nested
    class EventLoopScale extends EventLoopScaleContract {
        @Override
        protected SctpProvider provider() {
            return providerUnderTest();
        }
    }

    /**
     * What {@code receive} gives back: a notification never touches the caller's data (the buffer's
     * position and limit stay where they were), never comes in pieces whatever the buffer's size, and a
     * socket with no association and none to come fails at once instead of waiting for ever.
     */
    @Nested
    class Receiving {

        @Test
        void a_notification_leaves_the_buffer_position_and_limit_and_the_next_data_lands_there(Observed o)
                throws Exception {
            SctpProvider p = providerUnderTest();
            try (Cleanup r = new Cleanup()) {
                SctpMultiSocket server = server(r, p);
                for (boolean direct : new boolean[] {false, true}) {
                    String kind = direct ? "direct" : "heap";
                    int position = 7;
                    int limit = 3000;
                    ByteBuffer buf = direct ? ByteBuffer.allocateDirect(4096) : ByteBuffer.allocate(4096);
                    buf.position(position).limit(limit);
                    String message = "data after a notification into a " + kind + " buffer";

                    SctpMultiSocket client = Associations.client(r, p, address(server));
                    AssociationChange clientUp = Associations.awaitUp(client);
                    send(client, clientUp.association(), 0, text(message));

                    List<String> notifications = new ArrayList<>();
                    SctpData data = null;
                    while (data == null) {
                        SctpReceived got = receiveInPlace(server, buf, "the " + kind + " case's notification, then its data");
                        if (got instanceof SctpData d) {
                            data = d;
                        } else {
                            notifications.add(String.valueOf(got));
                            assertEquals(position, buf.position(), kind + " buffer: position after the notification " + got);
                            assertEquals(limit, buf.limit(), kind + " buffer: limit after the notification " + got);
                        }
                    }
                    assertFalse(notifications.isEmpty(), kind + " buffer: the server's COMMUNICATION_UP came before the data");
                    byte[] expected = message.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    assertEquals(expected.length, data.bytes(), kind + " buffer: bytes of the data message");
                    assertEquals(position + expected.length, buf.position(),
                            kind + " buffer: the data receive advanced the position by exactly the message's bytes");
                    assertEquals(limit, buf.limit(), kind + " buffer: limit after the data");
                    byte[] got = new byte[expected.length];
                    buf.get(position, got);
                    assertEquals(message, new String(got, java.nio.charset.StandardCharsets.UTF_8),
                            kind + " buffer: the data sits where the position was, nothing prepended");
                    o.note(kind + " buffer at position " + position + ", limit " + limit + ": " + notifications.size()
                            + " notification(s) (" + String.join(", ", notifications) + ") then " + data.bytes() + " data bytes");
                }
            }
        }

        @Test
        void a_notification_into_a_buffer_of_1_8_or_20_bytes_comes_back_whole_and_typed(Observed o) throws Exception {
            SctpProvider p = providerUnderTest();
            try (Cleanup r = new Cleanup()) {
                SctpMultiSocket server = server(r, p);
                // Every size and kind is tried, so the failure lists all of them.
                List<String> wrong = new ArrayList<>();
                for (int size : new int[] {1, 8, 20}) {
                    for (boolean direct : new boolean[] {false, true}) {
                        String kind = size + "-byte " + (direct ? "direct" : "heap") + " buffer";
                        try {
                            wholeNotification(r, p, server, size, direct, kind);
                        } catch (AssertionFailedError | SctpException e) {
                            if (e instanceof SctpException se) {
                                o.error(se);
                            }
                            wrong.add(e.getMessage());
                            drain(server);
                        }
                    }
                }
                o.note("COMMUNICATION_UP received into heap and direct buffers of 1, 8 and 20 bytes: "
                        + (wrong.isEmpty() ? "all whole" : wrong.size() + " of 6 wrong"));
                if (!wrong.isEmpty()) {
                    fail(wrong.size() + " of 6 notifications into small buffers were wrong:\n" + String.join("\n", wrong));
                }
            }
        }

        private void wholeNotification(Cleanup r, SctpProvider p, SctpMultiSocket server, int size, boolean direct,
                                       String kind) throws SctpException {
            Set<AssociationId> before = server.associations();
            SctpMultiSocket client = Associations.client(r, p, address(server));
            int port = address(client).getPort();
            ByteBuffer small = direct ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);

            SctpReceived got = receiveInPlace(server, small, "COMMUNICATION_UP into a " + kind);

            if (!(got instanceof AssociationChange up)) {
                throw new AssertionFailedError("COMMUNICATION_UP received into a " + kind
                        + " must come back whole as an AssociationChange, got " + got + "; then queued: " + drain(server));
            }
            assertEquals(AssociationChange.State.COMMUNICATION_UP, up.state(), kind + ": " + up);
            List<InetSocketAddress> peers = server.peerAddresses(up.association());
            assertTrue(peers.stream().anyMatch(a -> a.getPort() == port),
                    kind + ": " + up.association() + " is the association of the client on port " + port
                            + ", whose peer addresses are " + peers);
            Set<AssociationId> added = new HashSet<>(server.associations());
            added.removeAll(before);
            assertEquals(Set.of(up.association()), added, kind + ": the association that came up");
            assertEquals(0, small.position(), kind + ": position after the notification");
            assertEquals(size, small.limit(), kind + ": limit after the notification");
            List<SctpReceived> after = drain(server);
            for (SctpReceived left : after) {
                assertFalse(left instanceof OtherNotification || left instanceof SctpData
                                || left instanceof AssociationChange c && c.association().equals(up.association()),
                        kind + ": nothing follows the whole notification, found " + after);
            }
        }

        @Test
        void receive_on_a_one_to_one_socket_the_peer_aborted_fails_at_once_then_NOT_CONNECTED(Observed o)
                throws Exception {
            SctpProvider p = providerUnderTest();
            Assumptions.assumeTrue(capabilities().oneToOneSockets(),
                    "provider '" + p.id() + "' opens no one-to-one socket directly (capabilities().oneToOneSockets() is false);"
                            + " the peeled-socket case covers it");
            o.note("the peer (a peeled socket) aborted by closing with unread data queued (Linux sends ABORT then)");
            try (Cleanup r = new Cleanup()) {
                SctpMultiSocket server = server(r, p);
                SctpSocket socket = r.add(SctpSocket.open(p, StandardProtocolFamily.INET));
                socket.bind(new InetSocketAddress(LOOPBACK, 0));
                socket.connect(address(server));
                AssociationId serverSide = Associations.accept(server, 1).get(0);
                SctpSocket peer = r.add(server.peelOff(serverSide));
                send(socket, 0, text("never read"));
                Associations.awaitReadable(p, peer.rawDescriptor(), "the unread message on the peer");
                peer.close();
                Associations.awaitReadable(p, socket.rawDescriptor(), "the abort on the one-to-one socket");

                failsAtOnceThenNotConnected(o, socket, true, "receive on a one-to-one socket the peer aborted");
            }
        }

        @Test
        void receive_on_a_peeled_socket_whose_association_the_peer_aborted_fails_at_once_then_NOT_CONNECTED(Observed o)
                throws Exception {
            SctpProvider p = providerUnderTest();
            o.note("the peer closed its one-to-many socket with unread data queued (Linux sends ABORT then)");
            try (Cleanup r = new Cleanup()) {
                SctpMultiSocket server = server(r, p);
                Link link = link(r, p, server);
                SctpSocket peeled = r.add(server.peelOff(link.serverSide()));
                send(peeled, 0, text("never read"));
                Associations.awaitReadable(p, link.client().rawDescriptor(), "the unread message on the client");
                link.client().close();
                Associations.awaitReadable(p, peeled.rawDescriptor(), "the abort on the peeled socket");

                failsAtOnceThenNotConnected(o, peeled, true, "receive on a peeled socket the peer aborted");
            }
        }

        @Test
        void receive_on_a_never_connected_one_to_one_socket_fails_NOT_CONNECTED_at_once_twice(Observed o)
                throws Exception {
            SctpProvider p = providerUnderTest();
            Assumptions.assumeTrue(capabilities().oneToOneSockets(),
                    "provider '" + p.id() + "' opens no one-to-one socket directly (capabilities().oneToOneSockets() is false)");
            try (Cleanup r = new Cleanup()) {
                SctpSocket never = r.add(SctpSocket.open(p, StandardProtocolFamily.INET));
                failsAtOnceThenNotConnected(o, never, false, "receive on a never-connected one-to-one socket");
                SctpSocket bound = r.add(SctpSocket.open(p, StandardProtocolFamily.INET));
                bound.bind(new InetSocketAddress(LOOPBACK, 0));
                failsAtOnceThenNotConnected(o, bound, false, "receive on a bound, never-connected one-to-one socket");
            }
        }

        /**
         * Receives on a blocking socket that has no association and none to come: each call returns at
         * once. Where {@code endEvents}, the notifications still queued may come first (never data);
         * then two calls in a row fail, the second (and every later one) with {@code NOT_CONNECTED}, the
         * first with {@code ASSOCIATION_ABORTED} or {@code NOT_CONNECTED}. Otherwise the first two calls fail
         * {@code NOT_CONNECTED}.
         */
        private void failsAtOnceThenNotConnected(Observed o, SctpSocket s, boolean endEvents, String what) {
            assertTrue(s.isBlocking(), what + ": the socket is blocking");
            List<String> calls = new CopyOnWriteArrayList<>();
            List<SctpException> errors = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                ByteBuffer buf = ByteBuffer.allocateDirect(Associations.BUFFER);
                List<SctpException> failed = new ArrayList<>();
                int inARow = 0;
                for (int i = 0; i < 8 && inARow < 2; i++) {
                    try {
                        SctpReceived got = s.receive(buf.clear());
                        calls.add(String.valueOf(got));
                        inARow = 0;
                        failed.clear();
                    } catch (SctpException e) {
                        o.error(e);
                        calls.add(e.error() + " (" + e.getMessage() + ")");
                        failed.add(e);
                        inARow++;
                    }
                }
                return failed;
            }, () -> what + ": a receive did not return within 10 s (it waits for ever); calls before it: " + calls);
            o.note(what + ": " + String.join("; ", calls));
            assertEquals(2, errors.size(), what + ": two receives in a row fail at once; calls: " + calls);
            if (!endEvents) {
                assertEquals(2, calls.size(), what + ": nothing is received before the errors; calls: " + calls);
                assertEquals(SctpError.NOT_CONNECTED, errors.get(0).error(), what + ", first call: " + errors.get(0));
            } else {
                for (String c : calls.subList(0, calls.size() - 2)) {
                    assertFalse(c.startsWith("SctpData"), what + ": no data was sent, got " + c);
                }
                assertTrue(errors.get(0).error() == SctpError.ASSOCIATION_ABORTED
                                || errors.get(0).error() == SctpError.NOT_CONNECTED,
                        what + ", first failure: ASSOCIATION_ABORTED or NOT_CONNECTED, got " + errors.get(0));
            }
            assertEquals(SctpError.NOT_CONNECTED, errors.get(1).error(), what + ", second failure: " + errors.get(1));
        }
    }

    /**
     * What {@code send} takes and gives: the payload protocol id is the number the caller passed, every
     * kind of buffer sends the same bytes, and a send to an association that was peeled off says where
     * it went ({@code ASSOCIATION_MOVED}) while the association lives on in the peeled socket.
     */
    /** The typed options, shutdown and abortive close ({@link SctpOptionsTck}). */
    @Nested
    class TypedOptions extends SctpOptionsTck {
        TypedOptions() {
            super(SctpProviderTck.this);
        }
    }

    @Nested
    class Sending {

        @Test
        void payload_protocol_ids_46_3_0_and_0x80000001_arrive_as_sent_both_ways(Observed o) throws Exception {
            SctpProvider p = providerUnderTest();
            o.note("Peeloff on both ends: the round trip only; the byte order on the wire is checked where a kernel "
                    + "test reads the raw control message (linux) and by the interop suite against other peers");
            int[] ppids = {46, 3, 0, 0x80000001};
            try (Cleanup r = new Cleanup()) {
                SctpMultiSocket server = server(r, p);
                Link link = link(r, p, server);
                ByteBuffer buf = ByteBuffer.allocateDirect(Associations.BUFFER);
                for (int ppid : ppids) {
                    String hex = "0x" + Integer.toHexString(ppid);
                    link.client().send(text("ppid " + hex), MessageInfo.to(link.clientSide(), 0).withPayloadProtocolId(ppid));
                    SctpData d = nextData(server, buf, "the message with ppid " + hex);
                    assertEquals(ppid, d.payloadProtocolId(), "ppid client -> server (" + hex + ")");
                    assertEquals("ppid " + hex, text(buf));
                    server.send(text("ppid back " + hex), MessageInfo.to(link.serverSide(), 0).withPayloadProtocolId(ppid));
                    d = nextData(link.client(), buf, "the reply with ppid " + hex);
                    assertEquals(ppid, d.payloadProtocolId(), "ppid server -> client (" + hex + ")");
                }
                SctpSocket peeled = r.add(server.peelOff(link.serverSide()));
                for (int ppid : ppids) {
                    String hex = "0x" + Integer.toHexString(ppid);
                    link.client().send(text("to peeled " + hex), MessageInfo.to(link.clientSide(), 1).withPayloadProtocolId(ppid));
                    SctpData d = nextData(peeled, buf, "the message with ppid " + hex + " on the peeled socket");
                    assertEquals(ppid, d.payloadProtocolId(), "ppid client -> peeled socket (" + hex + ")");
                    assertEquals("to peeled " + hex, text(buf));
                    int n = peeled.send(text("from peeled " + hex), 1, ppid);
                    assertTrue(n > 0, "sent from the peeled socket");
                    d = nextData(link.client(), buf, "the peeled socket's message with ppid " + hex);
                    assertEquals(ppid, d.payloadProtocolId(), "ppid peeled socket -> client (" + hex + ")");
                }
            }
        }

        @Test
        void send_from_heap_direct_and_read_only_buffers_delivers_the_same_bytes_and_advances_the_position(Observed o)
                throws Exception {
            SctpProvider p = providerUnderTest();
            byte[] payload = new byte[300];
            for (int i = 0; i < payload.length; i++) {
                payload[i] = (byte) (i * 7 + 1);
            }
            try (Cleanup r = new Cleanup()) {
                SctpMultiSocket server = server(r, p);
                Link link = link(r, p, server);
                ByteBuffer buf = ByteBuffer.allocateDirect(Associations.BUFFER);
                for (String kind : List.of("heap", "read-only heap", "direct", "read-only direct")) {
                    ByteBuffer src = sourceBuffer(kind, payload);
                    int n;
                    try {
                        n = link.client().send(src, MessageInfo.to(link.clientSide(), 0));
                    } catch (RuntimeException e) {
                        throw new AssertionFailedError("send from a " + kind + " buffer threw " + e, e);
                    }
                    checkSent(kind + " buffer on the one-to-many socket", payload, src, n);
                    SctpData d = nextData(server, buf, "the message from a " + kind + " buffer");
                    assertEquals(payload.length, d.bytes(), kind + ": bytes received");
                    assertTrue(d.complete(), kind + ": the message arrives whole");
                    assertEquals(java.nio.ByteBuffer.wrap(payload), buf, kind + ": the bytes received");
                }
                SctpSocket peeled = r.add(server.peelOff(link.serverSide()));
                for (String kind : List.of("heap", "read-only heap", "direct", "read-only direct")) {
                    ByteBuffer src = sourceBuffer(kind, payload);
                    int n;
                    try {
                        n = peeled.send(src, 0);
                    } catch (RuntimeException e) {
                        throw new AssertionFailedError("send from a " + kind + " buffer on a peeled socket threw " + e, e);
                    }
                    checkSent(kind + " buffer on the peeled socket", payload, src, n);
                    nextData(link.client(), buf, "the peeled socket's message from a " + kind + " buffer");
                    assertEquals(java.nio.ByteBuffer.wrap(payload), buf, kind + " on the peeled socket: the bytes received");
                }
                o.note("300 bytes sent from position 5 of heap, read-only heap, direct and read-only direct buffers");
            }
        }

        /** {@code payload} between position 5 and limit 5 + length of a buffer with other bytes around it. */
        private ByteBuffer sourceBuffer(String kind, byte[] payload) {
            ByteBuffer b = kind.endsWith("direct") ? ByteBuffer.allocateDirect(payload.length + 9)
                    : ByteBuffer.allocate(payload.length + 9);
            b.put(new byte[] {-1, -1, -1, -1, -1}).put(payload).put(new byte[] {-2, -2, -2, -2});
            b.position(5).limit(5 + payload.length);
            return kind.startsWith("read-only") ? b.asReadOnlyBuffer() : b;
        }

        private void checkSent(String what, byte[] payload, ByteBuffer src, int n) {
            assertEquals(payload.length, n, what + ": send() returns the bytes sent");
            assertEquals(5 + payload.length, src.position(), what + ": the position advanced by the bytes sent");
            assertEquals(5 + payload.length, src.limit(), what + ": the limit is unchanged");
        }

        @Test
        void send_on_the_original_socket_to_an_association_just_peeled_off_fails_ASSOCIATION_MOVED(Observed o)
                throws Exception {
            SctpProvider p = providerUnderTest();
            try (Cleanup r = new Cleanup()) {
                SctpMultiSocket server = server(r, p);
                Link link = link(r, p, server);
                SctpSocket peeled = r.add(server.peelOff(link.serverSide()));

                SctpException e = o.failure("send on the original socket to " + link.serverSide() + " just peeled off",
                        () -> server.send(text("must not arrive"), MessageInfo.to(link.serverSide(), 0)));

                assertEquals(SctpError.ASSOCIATION_MOVED, e.error(), "a send to an association that was peeled off: " + e);
                roundTrip(link, peeled, "the moved association is alive");
            }
        }

        @Test
        void a_send_blocked_on_the_original_socket_when_its_association_is_peeled_off_fails_ASSOCIATION_MOVED(Observed o)
                throws Exception {
            SctpProvider p = providerUnderTest();
            try (Cleanup r = new Cleanup()) {
                SctpMultiSocket server = server(r, p);
                server.setSendBufferSize(8 * 1024);
                // A client with a small receive buffer (set before the association comes up) stalls the server soon.
                SctpMultiSocket client = r.add(SctpMultiSocket.open(p, StandardProtocolFamily.INET));
                client.setReceiveBufferSize(4 * 1024);
                client.bind(new InetSocketAddress(LOOPBACK, 0));
                client.connect(address(server));
                AssociationId serverSide = Associations.accept(server, 1).get(0);
                AssociationChange up = Associations.awaitUp(client);
                Link link = new Link(client, up.association(), serverSide, address(client).getPort(), up.outboundStreams());

                int cap = 200_000;
                AtomicInteger sent = new AtomicInteger();
                AtomicReference<Object> outcome = new AtomicReference<>();
                Thread sender = new Thread(() -> {
                    try {
                        while (sent.get() < cap) {
                            send(server, serverSide, 0, Associations.message(0, sent.get()));
                            sent.incrementAndGet();
                        }
                        outcome.set("sent " + cap + " messages without ever blocking");
                    } catch (Throwable t) {
                        outcome.set(t);
                    }
                }, "tck-blocked-sender");
                sender.setDaemon(true);
                sender.start();
                awaitBlockedSend(sender, sent, outcome);
                int before = sent.get();

                SctpSocket peeled = null;
                for (int tries = 0; peeled == null; tries++) {
                    try {
                        peeled = r.add(server.peelOff(serverSide));
                    } catch (SctpException e) {
                        o.error(e);
                        if (e.error() != SctpError.BUSY || tries > 100) {
                            throw e;
                        }
                        Thread.sleep(20);
                    }
                }

                // The client reads everything the sender got out, in order, while the sender learns its fate.
                ByteBuffer buf = ByteBuffer.allocateDirect(Associations.BUFFER);
                int received = 0;
                long end = System.nanoTime() + Associations.WAIT.toNanos();
                while (sender.isAlive() || received < sent.get()) {
                    assertTrue(System.nanoTime() - end < 0, "within " + Associations.WAIT.toSeconds() + " s: sender alive "
                            + sender.isAlive() + ", " + received + " of " + sent.get() + " messages received");
                    if (p.poll(client.rawDescriptor(), false, 200) && client.receive(buf.clear()) instanceof SctpData) {
                        buf.flip();
                        assertEquals(received, Associations.parse(buf)[1], "messages arrive once, in order");
                        received++;
                    }
                }
                o.note("the sender blocked after " + before + " 16-byte messages; " + sent.get()
                        + " went out in all, all received by the client through the peeled association");
                Object got = outcome.get();
                if (!(got instanceof SctpException e)) {
                    throw new AssertionFailedError("the send blocked when its association was peeled off must fail "
                            + "with ASSOCIATION_MOVED, got " + got, got instanceof Throwable t ? t : null);
                }
                o.error(e);
                assertEquals(SctpError.ASSOCIATION_MOVED, e.error(), "the send blocked when its association was peeled off: " + e);
                roundTrip(link, peeled, "the moved association is alive");
            }
        }

        /** Waits until the sender has been waiting in the send loop's poll for a while without progress. */
        private void awaitBlockedSend(Thread sender, AtomicInteger sent, AtomicReference<Object> outcome)
                throws InterruptedException {
            long end = System.nanoTime() + Associations.WAIT.toNanos();
            int stillFor = 0;
            int last = -1;
            while (stillFor < 3) {
                if (!sender.isAlive()) {
                    Object got = outcome.get();
                    throw new AssertionFailedError("the sender never blocked: " + got, got instanceof Throwable t ? t : null);
                }
                if (System.nanoTime() - end > 0) {
                    throw new AssertionFailedError("the sender did not block within " + Associations.WAIT.toSeconds()
                            + " s (" + sent.get() + " messages sent)");
                }
                boolean waiting = false;
                for (StackTraceElement e : sender.getStackTrace()) {
                    if (e.getClassName().equals("org.peeloff.AbstractSctpSocket") && e.getMethodName().equals("awaitReady")) {
                        waiting = true;
                        break;
                    }
                }
                int now = sent.get();
                stillFor = waiting && now == last ? stillFor + 1 : 0;
                last = now;
                Thread.sleep(100);
            }
        }
    }

    /**
     * The raw SPI's own contracts, the same on every provider: argument errors are typed
     * {@link SctpException}s raised before any native call; {@code poll} waits as asked and reports a
     * descriptor that is not open; closing a number twice says so.
     */
    @Nested
    class RawCalls {

        @Test
        void raw_socket_with_a_bad_family_fails_UNSUPPORTED_SOCKET(Observed o) throws Exception {
            SctpProvider p = providerUnderTest();
            Descriptors.assumeCountable();
            List<SocketStyle> styles = capabilities().oneToOneSockets()
                    ? List.of(SocketStyle.ONE_TO_MANY, SocketStyle.ONE_TO_ONE) : List.of(SocketStyle.ONE_TO_MANY);
            SortedSet<Integer> before = Descriptors.open();
            for (SocketStyle style : styles) {
                o.expect(SctpError.UNSUPPORTED_SOCKET, "provider.socket(UNIX, " + style + ")",
                        () -> new RawSocket(p, p.socket(StandardProtocolFamily.UNIX, style)));
            }
            assertEquals(before, Descriptors.open(), "open descriptors before and after the refused calls");
        }

        @Test
        void raw_send_with_a_bad_stream_fails_INVALID_ARGUMENT_before_any_native_call(Observed o) throws Exception {
            SctpProvider p = providerUnderTest();
            try (Cleanup r = new Cleanup()) {
                SctpMultiSocket server = server(r, p);
                Link link = link(r, p, server);
                SctpSocket peeled = r.add(server.peelOff(link.serverSide()));
                int clientFd = link.client().rawDescriptor();
                int peeledFd = peeled.rawDescriptor();
                SortedSet<Integer> before = Files.isDirectory(Descriptors.FD_DIR) ? Descriptors.open() : null;
                for (int stream : new int[] {-1, 65536, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
                    ByteBuffer src = text("bad stream " + stream);
                    int position = src.position();
                    SctpException e = o.expect(SctpError.INVALID_ARGUMENT,
                            "provider.send(fd=" + clientFd + ", assoc=" + link.clientSide().value() + ", stream=" + stream + ")",
                            () -> p.send(clientFd, src, link.clientSide().value(), null, stream, 0, false, false));
                    assertEquals(0, e.errno(), "refused before any native call: " + e);
                    assertEquals(position, src.position(), "nothing was taken from the buffer");
                    ByteBuffer src2 = text("bad stream " + stream);
                    e = o.expect(SctpError.INVALID_ARGUMENT, "provider.send(peeled fd=" + peeledFd + ", stream=" + stream + ")",
                            () -> p.send(peeledFd, src2, 0, null, stream, 0, false, false));
                    assertEquals(0, e.errno(), "refused before any native call: " + e);
                }
                if (before != null) {
                    assertEquals(before, Descriptors.open(), "open descriptors before and after the refused sends");
                }
                // Nothing reached either end: the next message each side sees is the marker.
                roundTrip(link, peeled, "after the refused sends");
            }
        }

        @Test
        void poll_for_input_with_a_message_queued_returns_true_at_once_even_with_timeout_minus_1(Observed o)
                throws Exception {
            SctpProvider p = providerUnderTest();
            try (Cleanup r = new Cleanup()) {
                SctpMultiSocket server = server(r, p);
                Link link = link(r, p, server);
                send(link.client(), link.clientSide(), 0, text("queued"));
                Associations.awaitReadable(p, server.rawDescriptor(), "the queued message");
                int fd = server.rawDescriptor();

                assertTrue(assertTimeoutPreemptively(Duration.ofSeconds(5), () -> p.poll(fd, false, -1),
                        "poll(fd, false, -1) with a message queued must return at once"), "poll(fd, false, -1) with a message queued");
                assertTrue(assertTimeoutPreemptively(Duration.ofSeconds(5), () -> p.poll(fd, false, 0)),
                        "poll(fd, false, 0) with a message queued");
                ByteBuffer buf = ByteBuffer.allocateDirect(Associations.BUFFER);
                nextData(server, buf, "the queued message");
                assertEquals("queued", text(buf), "the message poll saw");
            }
        }

        @Test
        void poll_with_timeout_0_on_an_idle_socket_returns_false_at_once(Observed o) throws Exception {
            SctpProvider p = providerUnderTest();
            try (Cleanup r = new Cleanup()) {
                SctpMultiSocket server = server(r, p);
                Link link = link(r, p, server);
                assertTrue(drain(server).stream().noneMatch(SctpData.class::isInstance), "nothing was sent yet");
                int fd = server.rawDescriptor();
                long start = System.nanoTime();
                boolean ready = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> p.poll(fd, false, 0),
                        "poll(fd, false, 0) must not wait");
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertFalse(ready, "poll(fd, false, 0) on an idle socket");
                assertTrue(millis < 1000, "poll(fd, false, 0) returned after " + millis + " ms");
                o.note("poll(fd, false, 0) on an idle one-to-many socket returned false after " + millis + " ms");
                roundTrip(link, server, "after the poll");
            }
        }

        @Test
        void poll_with_timeout_minus_1_waits_until_a_message_arrives(Observed o) throws Exception {
            SctpProvider p = providerUnderTest();
            ExecutorService pool = Executors.newSingleThreadExecutor(daemon("tck-poller"));
            try (Cleanup r = new Cleanup()) {
                SctpMultiSocket server = server(r, p);
                Link link = link(r, p, server);
                assertTrue(drain(server).stream().noneMatch(SctpData.class::isInstance), "nothing was sent yet");
                int fd = server.rawDescriptor();
                Future<Boolean> poll = pool.submit(() -> p.poll(fd, false, -1));
                Thread.sleep(500);
                assertFalse(poll.isDone(), "poll(fd, false, -1) on an idle socket waits (it returned "
                        + (poll.isDone() ? String.valueOf(resultOf(poll)) : "") + " within 500 ms)");
                send(link.client(), link.clientSide(), 0, text("wake up"));
                assertTrue(poll.get(Associations.WAIT.toSeconds(), TimeUnit.SECONDS), "poll(fd, false, -1) once a message arrived");
            } finally {
                pool.shutdownNow();
            }
        }

        private static Object resultOf(Future<?> f) {
            try {
                return f.get();
            } catch (Exception e) {
                return e;
            }
        }

        @Test
        void poll_on_a_descriptor_that_is_not_open_fails_BAD_DESCRIPTOR(Observed o) throws Exception {
            SctpProvider p = providerUnderTest();
            Descriptors.assumeCountable();
            int never = Descriptors.max() + 1000;
            o.expect(SctpError.BAD_DESCRIPTOR, "isBlocking(" + never + "), which must not be open", () -> p.isBlocking(never));
            pollFailsBadDescriptor(o, p, never);
            int closed;
            try (SctpMultiSocket s = SctpMultiSocket.open(p, StandardProtocolFamily.INET)) {
                closed = s.rawDescriptor();
            }
            Assumptions.assumeFalse(Descriptors.isOpen(closed), "descriptor " + closed + " was reused at once by another thread");
            pollFailsBadDescriptor(o, p, closed);
        }

        private void pollFailsBadDescriptor(Observed o, SctpProvider p, int fd) {
            for (boolean write : new boolean[] {false, true}) {
                for (int timeout : new int[] {0, 100, -1}) {
                    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> o.expect(SctpError.BAD_DESCRIPTOR,
                            "provider.poll(" + fd + ", " + write + ", " + timeout + ") on a descriptor that is not open",
                            () -> p.poll(fd, write, timeout)), "poll(" + fd + ", " + write + ", " + timeout + ") returns at once");
                }
            }
        }

        @Test
        void raw_close_of_a_descriptor_closed_a_moment_ago_fails_BAD_DESCRIPTOR(Observed o) throws Exception {
            SctpProvider p = providerUnderTest();
            Descriptors.assumeCountable();
            int fd = p.socket(StandardProtocolFamily.INET, SocketStyle.ONE_TO_MANY);
            p.close(fd);
            // Never close a number another thread has just been given.
            Assumptions.assumeFalse(Descriptors.isOpen(fd), "descriptor " + fd + " was reused at once by another thread");
            o.expect(SctpError.BAD_DESCRIPTOR, "provider.close(" + fd + ") a second time", () -> {
                p.close(fd);
                return null;
            });
        }
    }

    /** Waits (up to the deadline) until the socket is readable, then receives into {@code buf} as it is. */
    private static SctpReceived receiveInPlace(SctpMultiSocket s, ByteBuffer buf, String what) throws SctpException {
        Associations.awaitReadable(s.provider(), s.rawDescriptor(), what);
        SctpReceived r = s.receive(buf);
        if (r == null) {
            throw new AssertionFailedError("poll() said readable but receive() found nothing, awaiting " + what);
        }
        return r;
    }

    /** A receive call, for the close-while-blocked cases. */
    @FunctionalInterface
    private interface Receive {
        SctpReceived receive(ByteBuffer dst) throws SctpException;
    }

    /** A close call, for the close-while-blocked cases. */
    @FunctionalInterface
    private interface Close {
        void close() throws SctpException;
    }

    /** Waits until {@code t} is inside {@code type.method} (it has called it and not returned). */
    private static void awaitInside(Thread t, String type, String method) throws InterruptedException {
        long end = System.nanoTime() + Associations.WAIT.toNanos();
        while (System.nanoTime() - end < 0) {
            for (StackTraceElement e : t.getStackTrace()) {
                if (e.getClassName().equals(type) && e.getMethodName().equals(method)) {
                    // Inside the call; give it a moment to reach its wait (the case holds either way).
                    Thread.sleep(200);
                    return;
                }
            }
            if (!t.isAlive()) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionFailedError(t.getName() + " never entered " + type + "." + method);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Notifications and the event subscription (its own file: {@link NotificationCases}). */
    @Nested
    class Notifications extends NotificationCases {
        Notifications() {
            super(SctpProviderTck.this);
        }
    }

    /** Paths of a multi-homed association cut and switched in network namespaces ({@link MultiHomingCases}). */
    @Nested
    class MultiHoming extends MultiHomingCases {
        MultiHoming() {
            super(SctpProviderTck.this);
        }
    }

    /** Blocking receive and send on peeled sockets, bounded kernel waits included ({@link BlockingWaitCases}). */
    @Nested
    class BlockingWaits extends BlockingWaitCases {
        BlockingWaits() {
            super(SctpProviderTck.this);
        }
    }

    /** Data the kernel gives up on: time-to-live, aborted partial delivery ({@link DeliveryFailureCases}). */
    @Nested
    class DeliveryFailures extends DeliveryFailureCases {
        DeliveryFailures() {
            super(SctpProviderTck.this);
        }
    }
}
