/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.compat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peeloff.compat.Associations.LOOPBACK;
import static org.peeloff.compat.Associations.WAIT;
import static org.peeloff.compat.Associations.address;
import static org.peeloff.compat.Associations.awaitReadable;
import static org.peeloff.compat.Associations.awaitUp;

import com.sun.nio.sctp.AbstractNotificationHandler;
import com.sun.nio.sctp.Association;
import com.sun.nio.sctp.SctpChannel;
import com.sun.nio.sctp.SctpMultiChannel;
import com.sun.nio.sctp.SctpServerChannel;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.opentest4j.AssertionFailedError;
import org.peeloff.AssociationId;
import org.peeloff.SctpData;
import org.peeloff.SctpException;
import org.peeloff.SctpMultiSocket;
import org.peeloff.SctpNotification;
import org.peeloff.SctpReceived;
import org.peeloff.SctpSocket;
import org.peeloff.compat.Associations.Cleanup;
import org.peeloff.spi.SctpProvider;

/**
 * Interoperability with SCTP peers this project did not write, on a real kernel: the JDK's own
 * {@code com.sun.nio.sctp} ({@link SctpChannel}, {@link SctpServerChannel}, {@link SctpMultiChannel}
 * with {@code branch()}) and lksctp-tools' {@code sctp_darn}, each as sender and as receiver of
 * Peeloff's {@link SctpMultiSocket} and of a socket Peeloff peels off in the middle of the exchange.
 * A provider module runs it through a subclass that says what a pass proves (the real kernel with
 * the Linux provider, or an ABI personality over it).
 *
 * <p>Every exchange sends the same plan of messages ({@link #PLAN}): sizes 1, 7, 100, 5,000, 1,500
 * and 64 bytes on streams 0 to 3, with payload protocol ids 46 (Diameter), 3 (M3UA) and
 * {@code 0x80000001} (above 2^31), one of them unordered. The receiver checks the bytes, the stream,
 * the ppid and the unordered flag of each message, that no two messages merge and none splits
 * (message boundaries), that ordered messages keep their order per stream, and that the 5,000-byte
 * message, larger than the receiver's {@value #RECEIVE_BUFFER}-byte buffer, arrives in pieces whose
 * last alone is complete ({@code MSG_EOR}; the JDK's and Peeloff's {@code complete} flags).
 *
 * <p>The rules it holds Peeloff to (issue 12): the payload protocol id is carried in network byte
 * order, so the Java int is the IANA number on the wire on every OS, as the JDK has it; a
 * notification leaves the caller's buffer position and limit where they were.
 *
 * <p>Nothing here skips: the JDK's SCTP needs {@code libsctp.so.1} (Debian's {@code libsctp1}) and the
 * lksctp cases need {@code sctp_darn} (Debian's {@code lksctp-tools}); {@code harness/linux-vm}
 * installs both, and a case that finds one missing fails and names the package.
 *
 * <p>Tagged {@code kernel}: {@code harness/kernel-tests} runs the subclasses on a kernel with SCTP.
 */
@Tag("kernel")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class InteropSuite {
    /** IANA's payload protocol id of Diameter (RFC 6733). */
    public static final int DIAMETER = 46;
    /** IANA's payload protocol id of M3UA (RFC 4666). */
    public static final int M3UA = 3;
    /** A payload protocol id above 2^31: negative as a Java int, 2147483649 on the wire. */
    public static final int ABOVE_2_31 = 0x80000001;
    /** The receivers' buffer: smaller than one message of the plan, larger than every notification. */
    public static final int RECEIVE_BUFFER = 2048;

    /**
     * One message of an exchange.
     *
     * @param size      its length in bytes (unique within the plan: the receiver tells messages apart by it)
     * @param stream    its stream
     * @param ppid      its payload protocol id, as the IANA number
     * @param unordered whether it is sent unordered
     */
    public record Msg(int size, int stream, int ppid, boolean unordered) {
        Msg ordered() {
            return new Msg(size, stream, ppid, false);
        }
    }

    /** The messages every exchange sends, in this order. */
    public static final List<Msg> PLAN = List.of(
            new Msg(1, 0, DIAMETER, false),
            new Msg(7, 3, M3UA, true),
            new Msg(100, 1, ABOVE_2_31, false),
            new Msg(5000, 1, DIAMETER, false),
            new Msg(1500, 2, M3UA, false),
            new Msg(64, 0, ABOVE_2_31, false));

    /** How many messages of the plan go (or are received) before the peel-off or branch. */
    static final int BEFORE_PEELOFF = 3;

    private final LazyProvider provider = new LazyProvider(this::provider);

    /** @return a new instance of the provider under test (called once per class) */
    protected abstract SctpProvider provider();

    /**
     * @return what a pass proves, e.g. "real kernel, Peeloff's Linux provider against the JDK's SCTP
     *         and lksctp-tools"; it starts every failure message
     */
    protected abstract String proves();

    private SctpProvider p() {
        return provider.get();
    }

    /** An unavailable provider fails every case with its cause. */
    @BeforeAll
    final void providerIsAvailable() {
        provider.ensureAvailable();
    }

    // ------------------------------------------------------------------------------------------
    // The JDK's com.sun.nio.sctp
    // ------------------------------------------------------------------------------------------

    /**
     * JDK {@link SctpChannel} (client) and Peeloff's one-to-many server: the JDK sends the plan; Peeloff
     * receives the first messages on the one-to-many socket, peels the association off and receives
     * the rest (queued before the peel-off) on the new socket, which then sends the plan back to the
     * JDK channel.
     */
    @Test
    void jdkSctpChannelClientToPeeloffServerThenPeeledSocketAnswers() throws Exception {
        requireJdkSctp();
        try (Cleanup r = new Cleanup()) {
            SctpMultiSocket server = Associations.server(r, p());
            SctpChannel jdk = r.add(SctpChannel.open());
            jdk.bind(new InetSocketAddress(LOOPBACK, 0));
            assertTrue(jdk.connect(address(server)), "a blocking JDK connect() completes");

            sendJdk(jdk, PLAN, 'A');
            List<Got> got = collect(peeloffSource(server), BEFORE_PEELOFF, "Peeloff's one-to-many server");
            AssociationId assoc = (AssociationId) got.get(0).association();
            SctpSocket peeled = r.add(server.peelOff(assoc));
            got.addAll(collect(peeloffSource(peeled), PLAN.size() - BEFORE_PEELOFF, "the socket peeled off"));
            check(got, PLAN, 'A', "JDK SctpChannel -> Peeloff one-to-many, peeled off midway");

            List<Msg> back = ordered(PLAN);
            sendPeeloff(peeled, back, 'B');
            check(collect(jdkSource(jdk), back.size(), "the JDK SctpChannel"), back, 'B',
                    "Peeloff peeled socket -> JDK SctpChannel");
        }
    }

    /**
     * Peeloff's one-to-many client and a JDK {@link SctpServerChannel}: Peeloff sends the first part of
     * the plan on its one-to-many socket, peels its own association off and sends the rest on the new
     * socket; the channel the JDK accepted answers with the plan, received on the peeled socket.
     */
    @Test
    void peeloffClientPeeledMidwayToJdkSctpServerChannel() throws Exception {
        requireJdkSctp();
        try (Cleanup r = new Cleanup()) {
            SctpServerChannel listener = r.add(SctpServerChannel.open());
            listener.bind(new InetSocketAddress(LOOPBACK, 0));
            SctpMultiSocket client = Associations.client(r, p(), loopbackPort(listener.getAllLocalAddresses()));
            SctpChannel accepted = r.add(listener.accept());
            AssociationId assoc = awaitUp(client).association();

            sendPeeloff(client, assoc, PLAN.subList(0, BEFORE_PEELOFF), 'A', 0);
            SctpSocket peeled = r.add(client.peelOff(assoc));
            sendPeeloff(peeled, PLAN.subList(BEFORE_PEELOFF, PLAN.size()), 'A', BEFORE_PEELOFF);
            check(collect(jdkSource(accepted), PLAN.size(), "the channel the JDK accepted"), PLAN, 'A',
                    "Peeloff one-to-many, then its peeled socket -> JDK SctpServerChannel.accept()");

            sendJdk(accepted, PLAN, 'B');
            check(collect(peeloffSource(peeled), PLAN.size(), "Peeloff's peeled socket"), PLAN, 'B',
                    "JDK accepted SctpChannel -> Peeloff peeled socket");
        }
    }

    /**
     * JDK {@link SctpMultiChannel} (setting the association up by sending to an address) and Peeloff's
     * one-to-many server, which peels off midway; the peeled socket sends the plan back, and the JDK
     * receives the first part on the multi channel, {@code branch()}es the association and receives
     * the rest on the branched channel.
     */
    @Test
    void jdkSctpMultiChannelToPeeloffServerThenJdkBranchesMidway() throws Exception {
        requireJdkSctp();
        try (Cleanup r = new Cleanup()) {
            SctpMultiSocket server = Associations.server(r, p());
            SctpMultiChannel jdk = r.add(SctpMultiChannel.open());
            jdk.bind(new InetSocketAddress(LOOPBACK, 0));

            sendJdk(jdk, address(server), PLAN, 'A');
            List<Got> got = collect(peeloffSource(server), BEFORE_PEELOFF, "Peeloff's one-to-many server");
            AssociationId assoc = (AssociationId) got.get(0).association();
            SctpSocket peeled = r.add(server.peelOff(assoc));
            got.addAll(collect(peeloffSource(peeled), PLAN.size() - BEFORE_PEELOFF, "the socket peeled off"));
            check(got, PLAN, 'A', "JDK SctpMultiChannel -> Peeloff one-to-many, peeled off midway");

            List<Msg> back = ordered(PLAN);
            sendPeeloff(peeled, back, 'B');
            List<Got> jdkGot = collect(jdkSource(jdk), BEFORE_PEELOFF, "the JDK SctpMultiChannel");
            Association association = (Association) jdkGot.get(0).association();
            assertNotNull(association, proves() + ": the JDK names the association of the data it received");
            SctpChannel branched = r.add(jdk.branch(association));
            jdkGot.addAll(collect(jdkSource(branched), back.size() - BEFORE_PEELOFF, "the JDK's branched channel"));
            check(jdkGot, back, 'B', "Peeloff peeled socket -> JDK SctpMultiChannel, branched midway");
        }
    }

    /**
     * Peeloff's one-to-many client (peeling its association off midway) and a JDK
     * {@link SctpMultiChannel} server that {@code branch()}es the association midway; the branched
     * channel answers with the plan (unordered message included), received on Peeloff's peeled socket.
     */
    @Test
    void peeloffClientPeeledMidwayToJdkSctpMultiChannelThatBranches() throws Exception {
        requireJdkSctp();
        try (Cleanup r = new Cleanup()) {
            SctpMultiChannel jdk = r.add(SctpMultiChannel.open());
            jdk.bind(new InetSocketAddress(LOOPBACK, 0));
            SctpMultiSocket client = Associations.client(r, p(), loopbackPort(jdk.getAllLocalAddresses()));
            AssociationId assoc = awaitUp(client).association();

            sendPeeloff(client, assoc, PLAN.subList(0, BEFORE_PEELOFF), 'A', 0);
            SctpSocket peeled = r.add(client.peelOff(assoc));
            sendPeeloff(peeled, PLAN.subList(BEFORE_PEELOFF, PLAN.size()), 'A', BEFORE_PEELOFF);
            List<Got> got = collect(jdkSource(jdk), BEFORE_PEELOFF, "the JDK SctpMultiChannel");
            Association association = (Association) got.get(0).association();
            assertNotNull(association, proves() + ": the JDK names the association of the data it received");
            SctpChannel branched = r.add(jdk.branch(association));
            got.addAll(collect(jdkSource(branched), PLAN.size() - BEFORE_PEELOFF, "the JDK's branched channel"));
            check(got, PLAN, 'A', "Peeloff one-to-many, then its peeled socket -> JDK SctpMultiChannel, branched midway");

            sendJdk(branched, PLAN, 'B');
            check(collect(peeloffSource(peeled), PLAN.size(), "Peeloff's peeled socket"), PLAN, 'B',
                    "JDK branched SctpChannel -> Peeloff peeled socket");
        }
    }

    // ---- association control (issue 15) against the JDK: ending one association, send information

    /**
     * Peeloff's one-to-many server ends one of two JDK {@link SctpChannel} clients' associations
     * gracefully ({@code shutdown}) and the other abortively ({@code abort}): the JDK reports a
     * {@code ShutdownNotification} to the first and the association lost ({@code COMM_LOST}) to the
     * second, each only for its own association.
     */
    @Test
    void peeloffShutdownAndAbortOfOneAssociationEachAreSeenByTheirJdkChannel() throws Exception {
        requireJdkSctp();
        try (Cleanup r = new Cleanup()) {
            SctpMultiSocket server = Associations.server(r, p());
            SctpChannel graceful = r.add(SctpChannel.open());
            graceful.bind(new InetSocketAddress(LOOPBACK, 0));
            assertTrue(graceful.connect(address(server)));
            AssociationId gracefulId = Associations.accept(server, 1).get(0);
            SctpChannel aborted = r.add(SctpChannel.open());
            aborted.bind(new InetSocketAddress(LOOPBACK, 0));
            assertTrue(aborted.connect(address(server)));
            AssociationId abortedId = Associations.accept(server, 1).get(0);

            server.shutdown(gracefulId);
            assertEquals("SHUTDOWN", jdkEnd(graceful), proves() + ": the JDK channel sees the graceful end");
            server.abort(abortedId);
            assertEquals("COMM_LOST", jdkEnd(aborted), proves() + ": the JDK channel sees the abort");
        }
    }

    /**
     * A socket peeled off Peeloff's server sends with a {@code MessageInfo} (stream 2, ppid 46,
     * unordered); the JDK {@link SctpChannel} at the other end reads the same three values.
     */
    @Test
    void peeledSocketMessageInfoIsReadRightByAJdkChannel() throws Exception {
        requireJdkSctp();
        try (Cleanup r = new Cleanup()) {
            SctpMultiSocket server = Associations.server(r, p());
            SctpChannel jdk = r.add(SctpChannel.open());
            jdk.bind(new InetSocketAddress(LOOPBACK, 0));
            assertTrue(jdk.connect(address(server)));
            SctpSocket peeled = r.add(server.peelOff(Associations.accept(server, 1).get(0)));
            byte[] text = "diameter".getBytes(StandardCharsets.US_ASCII);
            peeled.send(ByteBuffer.wrap(text), org.peeloff.MessageInfo.onStream(2).withPayloadProtocolId(46)
                    .withUnordered(true));
            Piece got = jdkSource(jdk).next("the peeled socket's message");
            assertArrayEquals(text, got.bytes(), proves());
            assertEquals(2, got.stream(), proves() + ": stream");
            assertEquals(46, got.ppid(), proves() + ": ppid, the IANA number");
            assertTrue(got.unordered(), proves() + ": unordered");
        }
    }

    /** Receives on a JDK channel until its association ends: "SHUTDOWN", or the association change's event. */
    private String jdkEnd(SctpChannel ch) throws IOException {
        String[] end = new String[1];
        AbstractNotificationHandler<Object> handler = new AbstractNotificationHandler<>() {
            @Override
            public com.sun.nio.sctp.HandlerResult handleNotification(com.sun.nio.sctp.ShutdownNotification n, Object a) {
                end[0] = "SHUTDOWN";
                return com.sun.nio.sctp.HandlerResult.RETURN;
            }

            @Override
            public com.sun.nio.sctp.HandlerResult handleNotification(com.sun.nio.sctp.AssociationChangeNotification n,
                                                                     Object a) {
                if (n.event() == com.sun.nio.sctp.AssociationChangeNotification.AssocChangeEvent.COMM_UP) {
                    return com.sun.nio.sctp.HandlerResult.CONTINUE;
                }
                end[0] = n.event().name();
                return com.sun.nio.sctp.HandlerResult.RETURN;
            }
        };
        ByteBuffer buf = ByteBuffer.allocate(RECEIVE_BUFFER);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (end[0] == null) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionFailedError(proves() + ": the JDK channel saw no end of its association");
            }
            com.sun.nio.sctp.MessageInfo mi = ch.receive(buf.clear(), null, handler);
            if (mi != null && mi.bytes() < 0 && end[0] == null) {
                end[0] = "ENDED";
            }
        }
        return end[0];
    }

    // ------------------------------------------------------------------------------------------
    // lksctp-tools
    // ------------------------------------------------------------------------------------------

    /**
     * lksctp-tools' {@code sctp_darn -s} sends each line of its input as one message (the line, its
     * newline and a NUL). Peeloff's one-to-many server receives the first, peels the association off
     * while {@code sctp_darn} is still sending, and receives the rest on the new socket: bytes,
     * boundaries (a 3,000-byte message larger than the buffer arrives in pieces, the last complete),
     * stream 0, ppid 0, ordered.
     */
    @Test
    void sctpDarnSendsLinesToPeeloffServerPeeledMidway() throws Exception {
        Path darn = requireTool("sctp_darn");
        try (Cleanup r = new Cleanup()) {
            SctpMultiSocket server = Associations.server(r, p());
            Path out = r.add(new TempFile("sctp_darn-send")).path;
            Process proc = start(r, out, darn.toString(), "-H", "127.0.0.1", "-h", "127.0.0.1",
                    "-p", Integer.toString(address(server).getPort()), "-s");
            List<String> lines = List.of("x", "a".repeat(97), "b".repeat(2997), "c".repeat(1497));
            List<byte[]> sent = new ArrayList<>();
            for (String line : lines) {
                sent.add((line + "\n\0").getBytes(StandardCharsets.US_ASCII));
            }
            OutputStream stdin = proc.getOutputStream();
            stdin.write((lines.get(0) + "\n").getBytes(StandardCharsets.US_ASCII));
            stdin.flush();
            List<Got> got = new ArrayList<>(collect(peeloffSource(server), 1, "sctp_darn's first message on Peeloff's one-to-many server",
                    out));
            SctpSocket peeled = r.add(server.peelOff((AssociationId) got.get(0).association()));
            for (String line : lines.subList(1, lines.size())) {
                stdin.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
            }
            stdin.close();
            got.addAll(collect(peeloffSource(peeled), lines.size() - 1, "sctp_darn's messages on the peeled socket", out));
            for (int i = 0; i < lines.size(); i++) {
                Got g = got.get(i);
                String where = proves() + ": sctp_darn -> Peeloff, message " + i + " (" + sent.get(i).length + " bytes)";
                assertArrayEquals(sent.get(i), g.bytes(), where + ": bytes and boundaries (sctp_darn: " + tail(out) + ")");
                assertEquals(0, g.stream(), where + ": stream");
                assertEquals(0, g.ppid(), where + ": ppid (sctp_darn sends none)");
                assertFalse(g.unordered(), where + ": unordered");
                assertPieces(g, sent.get(i).length, where);
            }
            assertTrue(proc.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS),
                    proves() + ": sctp_darn -s ends at the end of its input: " + tail(out));
        }
    }

    /**
     * Peeloff's one-to-many client sends the plan (as printable text ending in a NUL) to lksctp-tools'
     * {@code sctp_darn -l}, which prints each message with its {@code sctp_sndrcvinfo}: the first part
     * from the one-to-many socket, the rest from the socket Peeloff peels its association off to.
     * {@code sctp_darn} prints {@code sinfo_ppid} as the C struct holds it (the wire's bytes read in the
     * host's order, which C code turns into the number with {@code ntohl}), so the id the IANA gives
     * shows as its byte-swapped value on a little-endian host.
     */
    @Test
    void peeloffClientPeeledMidwaySendsToSctpDarnListener() throws Exception {
        Path darn = requireTool("sctp_darn");
        Path stdbuf = requireTool("stdbuf");
        try (Cleanup r = new Cleanup()) {
            int port = freePort();
            Path out = r.add(new TempFile("sctp_darn-listen")).path;
            // stdbuf -oL: sctp_darn writes through stdio, which would hold its output until it exits
            start(r, out, stdbuf.toString(), "-oL", darn.toString(), "-H", "127.0.0.1", "-P", Integer.toString(port), "-l");
            awaitOutput(out, "listening", 1);
            SctpMultiSocket client = Associations.client(r, p(), new InetSocketAddress(LOOPBACK, port));
            AssociationId assoc = awaitUp(client).association();

            List<byte[]> sent = new ArrayList<>();
            for (int i = 0; i < PLAN.size(); i++) {
                sent.add(text(i, PLAN.get(i).size()));
            }
            for (int i = 0; i < BEFORE_PEELOFF; i++) {
                Msg m = PLAN.get(i);
                int n = client.send(ByteBuffer.wrap(sent.get(i)), org.peeloff.MessageInfo.to(assoc, m.stream())
                        .withPayloadProtocolId(m.ppid()).withUnordered(m.unordered()));
                assertEquals(m.size(), n, proves() + ": Peeloff sent the whole message");
            }
            SctpSocket peeled = r.add(client.peelOff(assoc));
            for (int i = BEFORE_PEELOFF; i < PLAN.size(); i++) {
                Msg m = PLAN.get(i);
                assertEquals(m.size(), peeled.send(ByteBuffer.wrap(sent.get(i)), m.stream(), m.ppid()),
                        proves() + ": Peeloff sent the whole message");
            }
            List<Printed> printed = awaitDarnMessages(out, PLAN.size());
            Map<Integer, Integer> bySize = new HashMap<>();
            for (int k = 0; k < printed.size(); k++) {
                Printed d = printed.get(k);
                String where = proves() + ": Peeloff -> sctp_darn, message received " + k + " of " + PLAN.size()
                        + " (" + d.bytes() + " bytes)";
                Integer i = indexOfSize(d.bytes());
                assertNotNull(i, where + ": no message of the plan has that size; boundaries lost? " + tail(out));
                assertNull(bySize.put(d.bytes(), k), where + ": received twice");
                Msg m = PLAN.get(i);
                byte[] s = sent.get(i);
                assertEquals(new String(s, 0, s.length - 1, StandardCharsets.US_ASCII), d.text(), where + ": bytes");
                assertEquals(m.stream(), d.stream(), where + ": stream");
                assertEquals(Integer.toUnsignedString(hostOrderView(m.ppid())), d.ppid(),
                        where + ": sinfo_ppid as the C struct holds it; ppid " + Integer.toUnsignedString(m.ppid())
                                + " in network byte order prints as " + Integer.toUnsignedString(hostOrderView(m.ppid()))
                                + " on this " + ByteOrder.nativeOrder() + " host");
                assertEquals(i < BEFORE_PEELOFF && m.unordered(), (d.flags() & SCTP_UNORDERED) != 0,
                        where + ": SCTP_UNORDERED in sinfo_flags 0x" + Integer.toHexString(d.flags()));
            }
            assertOrderedPerStream(printed.stream().map(d -> indexOfSize(d.bytes())).toList(), PLAN, "Peeloff -> sctp_darn");
        }
    }

    /**
     * lksctp-tools' {@code sctp_test -s -D} sends messages of 1, 1,000, 2,000 and 3,000 bytes on
     * streams 1, 2, 0 and 1, alternately ordered and unordered, each with a random ppid it prints, and
     * waits for an answer after each. Peeloff's one-to-many server answers the first from the
     * one-to-many socket, then peels the association off and answers the rest from the new socket, each
     * answer the same bytes on the same stream with ppid 46, 3, {@code 0x80000001}, 46. Checked both
     * ways: bytes, boundaries (partial delivery of the 3,000-byte message into Peeloff's 2,048-byte
     * buffer), stream, unordered and the ppid, which {@code sctp_test} prints as the C struct holds it
     * (the wire's bytes in host order).
     */
    @Test
    void sctpTestSendsAndPeeloffAnswersPeelingOffMidway() throws Exception {
        Path sctpTest = requireTool("sctp_test");
        int[] answerPpids = {DIAMETER, M3UA, ABOVE_2_31, DIAMETER};
        try (Cleanup r = new Cleanup()) {
            SctpMultiSocket server = Associations.server(r, p());
            Path out = r.add(new TempFile("sctp_test")).path;
            // -c 4 -X 4: the first 4 sizes of test case 4; -x 1: once; -o 2: ordered, unordered, ...;
            // -M 3: streams 1, 2, 0, 1; -D: wait for an answer after each; -d 2: print everything
            Process proc = start(r, out, sctpTest.toString(), "-H", "127.0.0.1", "-h", "127.0.0.1",
                    "-p", Integer.toString(address(server).getPort()), "-s", "-c", "4", "-X", "4", "-x", "1",
                    "-o", "2", "-M", "3", "-D", "-d", "2");
            List<Got> got = new ArrayList<>();
            SctpSocket peeled = null;
            Source onServer = peeloffSource(server);
            for (int i = 0; i < answerPpids.length; i++) {
                Got g = collect(peeled == null ? onServer : peeloffSource(peeled), 1,
                        "sctp_test's message " + i + " on Peeloff's " + (peeled == null ? "one-to-many" : "peeled")
                                + " socket", out).get(0);
                got.add(g);
                AssociationId assoc = (AssociationId) g.association();
                if (i == 1) {
                    peeled = r.add(server.peelOff(assoc));
                }
                ByteBuffer answer = ByteBuffer.allocateDirect(g.bytes().length).put(g.bytes()).flip();
                int n = peeled == null
                        ? server.send(answer, org.peeloff.MessageInfo.to(assoc, g.stream()).withPayloadProtocolId(answerPpids[i]))
                        : peeled.send(answer, g.stream(), answerPpids[i]);
                assertEquals(g.bytes().length, n, proves() + ": Peeloff sent the whole answer " + i);
            }
            assertTrue(proc.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), proves() + ": sctp_test ends: " + tail(out));
            assertEquals(0, proc.exitValue(), proves() + ": sctp_test's exit status: " + tail(out));

            String all = read(out);
            List<String[]> sent = matches(SCTP_TEST_SENT, all);
            List<String[]> answered = matches(SCTP_TEST_RECEIVED, all);
            assertEquals(answerPpids.length, sent.size(), proves() + ": messages sctp_test says it sent: " + tail(out));
            assertEquals(answerPpids.length, answered.size(), proves() + ": answers sctp_test printed: " + tail(out));
            for (int i = 0; i < answerPpids.length; i++) {
                int size = Integer.parseInt(sent.get(i)[0]);
                int stream = Integer.parseInt(sent.get(i)[1]);
                boolean unordered = (Integer.parseInt(sent.get(i)[2], 16) & SCTP_UNORDERED) != 0;
                int printedPpid = Integer.parseUnsignedInt(sent.get(i)[3]);
                Got g = got.get(i);
                String where = proves() + ": sctp_test -> Peeloff, message " + i + " (" + size + " bytes)";
                byte[] expected = new byte[size];
                for (int k = 0; k < size - 1; k++) {
                    expected[k] = (byte) ('0' + k % 10);
                }
                assertArrayEquals(expected, g.bytes(), where + ": bytes and boundaries");
                assertEquals(stream, g.stream(), where + ": stream");
                assertEquals(unordered, g.unordered(), where + ": unordered");
                assertEquals(hostOrderView(printedPpid), g.ppid(), where + ": ppid: sctp_test put "
                        + Integer.toUnsignedString(printedPpid) + " into sinfo_ppid as is, so the number on the wire is "
                        + Integer.toUnsignedString(hostOrderView(printedPpid)) + " on this " + ByteOrder.nativeOrder()
                        + " host");
                assertPieces(g, size, where);

                String back = proves() + ": Peeloff -> sctp_test, answer " + i + (i < 1 ? " (one-to-many socket)"
                        : " (peeled socket)");
                assertEquals(size, Integer.parseInt(answered.get(i)[0]), back + ": size (boundaries)");
                if (answered.get(i)[1] == null) {
                    // the first answer follows COMMUNICATION_UP: sctp_test prints no sctp_sndrcvinfo for it
                    assertEquals(0, i, back + ": sctp_test printed no SNDRCV for it: " + tail(out));
                    continue;
                }
                assertEquals(stream, Integer.parseInt(answered.get(i)[1]), back + ": stream");
                assertEquals(Integer.toUnsignedString(hostOrderView(answerPpids[i])), answered.get(i)[3], back
                        + ": sinfo_ppid as the C struct holds it; ppid " + Integer.toUnsignedString(answerPpids[i])
                        + " in network byte order prints as " + Integer.toUnsignedString(hostOrderView(answerPpids[i]))
                        + " on this " + ByteOrder.nativeOrder() + " host");
                assertEquals(0, Integer.parseInt(answered.get(i)[2], 16) & SCTP_UNORDERED, back + ": ordered");
            }
        }
    }

    /** What {@code sctp_test -d 2} prints for a message it sends: size, then stream, flags and ppid. */
    static final java.util.regex.Pattern SCTP_TEST_SENT = java.util.regex.Pattern.compile(
            "sendmsg\\(sk=\\d+, assoc=\\d+\\)\\s+(\\d+) bytes\\.\\s+SNDRCV\\(stream=(\\d+) flags=0x([0-9a-f]+) ppid=(\\d+)");
    /**
     * What {@code sctp_test -d 2} prints for a message it receives: size, then its sctp_sndrcvinfo, which
     * it does not print for the first message after a notification (its receive loop does not restore
     * {@code msg_controllen} after one, so the kernel has no room for the control message).
     */
    static final java.util.regex.Pattern SCTP_TEST_RECEIVED = java.util.regex.Pattern.compile(
            "Data (\\d+) bytes\\.[^\\n]*\\n(?:\\s*SNDRCV\\(stream=(\\d+) ssn=\\d+ tsn=\\d+ flags=0x([0-9a-f]+) ppid=(\\d+))?");

    static List<String[]> matches(java.util.regex.Pattern pattern, String text) {
        List<String[]> found = new ArrayList<>();
        java.util.regex.Matcher m = pattern.matcher(text);
        while (m.find()) {
            String[] groups = new String[m.groupCount()];
            for (int g = 0; g < groups.length; g++) {
                groups[g] = m.group(g + 1);
            }
            found.add(groups);
        }
        return found;
    }

    // ------------------------------------------------------------------------------------------
    // Sending
    // ------------------------------------------------------------------------------------------

    /** The plan with no message unordered: a peeled {@link SctpSocket} sends ordered only. */
    static List<Msg> ordered(List<Msg> plan) {
        return plan.stream().map(Msg::ordered).toList();
    }

    /**
     * @param index the message's index in the plan
     * @param size  its size
     * @param tag   which exchange
     * @return the message's bytes: a pattern that differs per message and per exchange
     */
    static byte[] content(int index, int size, char tag) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (tag * 7 + index * 31 + i * 13 + (i >>> 8) + 1);
        }
        return b;
    }

    /** Printable ASCII ending in a NUL, as lksctp-tools' programs print it. */
    static byte[] text(int index, int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size - 1; i++) {
            b[i] = (byte) ('A' + (index * 7 + i) % 26);
        }
        b[size - 1] = 0;
        return b;
    }

    private void sendJdk(SctpChannel ch, List<Msg> plan, char tag) throws IOException {
        for (int i = 0; i < plan.size(); i++) {
            Msg m = plan.get(i);
            com.sun.nio.sctp.MessageInfo info = com.sun.nio.sctp.MessageInfo.createOutgoing((SocketAddress) null, m.stream())
                    .payloadProtocolID(m.ppid()).unordered(m.unordered());
            assertEquals(m.size(), ch.send(ByteBuffer.wrap(content(i, m.size(), tag)), info),
                    proves() + ": the JDK sent the whole message " + i);
        }
    }

    private void sendJdk(SctpMultiChannel ch, SocketAddress to, List<Msg> plan, char tag) throws IOException {
        for (int i = 0; i < plan.size(); i++) {
            Msg m = plan.get(i);
            com.sun.nio.sctp.MessageInfo info = com.sun.nio.sctp.MessageInfo.createOutgoing(to, m.stream())
                    .payloadProtocolID(m.ppid()).unordered(m.unordered());
            assertEquals(m.size(), ch.send(ByteBuffer.wrap(content(i, m.size(), tag)), info),
                    proves() + ": the JDK sent the whole message " + i);
        }
    }

    private void sendPeeloff(SctpMultiSocket s, AssociationId assoc, List<Msg> part, char tag, int first)
            throws SctpException {
        for (int k = 0; k < part.size(); k++) {
            Msg m = part.get(k);
            ByteBuffer b = ByteBuffer.allocateDirect(m.size()).put(content(first + k, m.size(), tag)).flip();
            assertEquals(m.size(), s.send(b, org.peeloff.MessageInfo.to(assoc, m.stream())
                    .withPayloadProtocolId(m.ppid()).withUnordered(m.unordered())),
                    proves() + ": Peeloff sent the whole message " + (first + k));
        }
    }

    private void sendPeeloff(SctpSocket s, List<Msg> part, char tag, int first) throws SctpException {
        for (int k = 0; k < part.size(); k++) {
            Msg m = part.get(k);
            if (m.unordered()) {
                throw new IllegalArgumentException("SctpSocket.send has no unordered flag");
            }
            ByteBuffer b = ByteBuffer.allocateDirect(m.size()).put(content(first + k, m.size(), tag)).flip();
            assertEquals(m.size(), s.send(b, m.stream(), m.ppid()),
                    proves() + ": Peeloff sent the whole message " + (first + k));
        }
    }

    private void sendPeeloff(SctpSocket s, List<Msg> plan, char tag) throws SctpException {
        sendPeeloff(s, plan, tag, 0);
    }

    // ------------------------------------------------------------------------------------------
    // Receiving
    // ------------------------------------------------------------------------------------------

    /** One receive's worth of a data message. */
    record Piece(byte[] bytes, int stream, int ppid, boolean unordered, boolean complete, Object association) {
    }

    /** A whole message, put together from its pieces. */
    record Got(byte[] bytes, int stream, int ppid, boolean unordered, List<Integer> pieces, Object association) {
    }

    /** The next data piece from one receiver, notifications skipped (and checked). */
    @FunctionalInterface
    interface Source {
        Piece next(String what) throws Exception;
    }

    /** Receives from Peeloff; checks that a notification leaves the buffer alone and data advances it. */
    private interface PeeloffReceive {
        SctpReceived receive(ByteBuffer buf) throws SctpException;
    }

    private Source peeloffSource(SctpMultiSocket s) {
        return peeloffSource(s.provider(), s.rawDescriptor(), s::receive);
    }

    private Source peeloffSource(SctpSocket s) {
        return peeloffSource(s.provider(), s.rawDescriptor(), s::receive);
    }

    private Source peeloffSource(SctpProvider p, int fd, PeeloffReceive receive) {
        ByteBuffer buf = ByteBuffer.allocateDirect(RECEIVE_BUFFER);
        return what -> {
            while (true) {
                awaitReadable(p, fd, what);
                buf.clear();
                SctpReceived r = receive.receive(buf);
                if (r == null) {
                    continue;
                }
                if (r instanceof SctpNotification n) {
                    assertEquals(0, buf.position(), proves() + ": a notification (" + n + ") must leave the caller's"
                            + " buffer position where it was (issue 12: its bytes are not the caller's data)");
                    assertEquals(RECEIVE_BUFFER, buf.limit(), proves() + ": a notification (" + n
                            + ") must leave the caller's buffer limit where it was");
                    continue;
                }
                SctpData d = (SctpData) r;
                assertEquals(d.bytes(), buf.position(), proves() + ": data advances the position by its bytes");
                assertEquals(RECEIVE_BUFFER, buf.limit(), proves() + ": data leaves the limit alone");
                byte[] b = new byte[d.bytes()];
                buf.flip().get(b);
                return new Piece(b, d.stream(), d.payloadProtocolId(), d.unordered(), d.complete(), d.association());
            }
        };
    }

    private static final AbstractNotificationHandler<Object> CONTINUE = new AbstractNotificationHandler<>() {
    };

    private Source jdkSource(SctpChannel ch) {
        ByteBuffer buf = ByteBuffer.allocate(RECEIVE_BUFFER);
        return what -> jdkPiece(ch.receive(buf.clear(), null, CONTINUE), buf, what);
    }

    private Source jdkSource(SctpMultiChannel ch) {
        ByteBuffer buf = ByteBuffer.allocate(RECEIVE_BUFFER);
        return what -> jdkPiece(ch.receive(buf.clear(), null, CONTINUE), buf, what);
    }

    private Piece jdkPiece(com.sun.nio.sctp.MessageInfo mi, ByteBuffer buf, String what) {
        assertNotNull(mi, proves() + ": a blocking JDK receive returned nothing, awaiting " + what);
        assertTrue(mi.bytes() >= 0, proves() + ": the association ended, awaiting " + what);
        assertEquals(mi.bytes(), buf.position(), proves() + ": the JDK's position advanced by MessageInfo.bytes()");
        byte[] b = new byte[mi.bytes()];
        buf.flip().get(b);
        return new Piece(b, mi.streamNumber(), mi.payloadProtocolID(), mi.isUnordered(), mi.isComplete(),
                mi.association());
    }

    private List<Got> collect(Source src, int messages, String what) throws Exception {
        return collect(src, messages, what, null);
    }

    /** Receives {@code messages} whole messages, putting each one's pieces together. */
    private List<Got> collect(Source src, int messages, String what, Path log) throws Exception {
        List<Got> got = new ArrayList<>(messages);
        while (got.size() < messages) {
            String awaiting = "message " + (got.size() + 1) + " of " + messages + " on " + what
                    + (log == null ? "" : " (peer's output: " + tail(log) + ")");
            Piece first = src.next(awaiting);
            List<Integer> pieces = new ArrayList<>();
            pieces.add(first.bytes().length);
            byte[] all = first.bytes();
            Piece last = first;
            while (!last.complete()) {
                Piece more = src.next("the rest of a partly delivered message, " + awaiting);
                String where = proves() + ": piece " + (pieces.size() + 1) + " of a message on " + what;
                assertEquals(first.stream(), more.stream(), where + ": the stream of every piece");
                assertEquals(first.ppid(), more.ppid(), where + ": the ppid of every piece");
                pieces.add(more.bytes().length);
                all = concat(all, more.bytes());
                last = more;
            }
            got.add(new Got(all, first.stream(), first.ppid(), first.unordered(), pieces, first.association()));
        }
        return got;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    // ------------------------------------------------------------------------------------------
    // Checking
    // ------------------------------------------------------------------------------------------

    private static Integer indexOfSize(int size) {
        for (int i = 0; i < PLAN.size(); i++) {
            if (PLAN.get(i).size() == size) {
                return i;
            }
        }
        return null;
    }

    /** Checks every message of the plan arrived once, whole, with its stream, ppid, flag and order. */
    private void check(List<Got> got, List<Msg> plan, char tag, String exchange) {
        String in = proves() + ": " + exchange;
        assertEquals(plan.size(), got.size(), in + ": messages received");
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < got.size(); k++) {
            Got g = got.get(k);
            Integer i = indexOfSize(g.bytes().length);
            String where = in + ", message received " + k + " (" + g.bytes().length + " bytes)";
            assertNotNull(i, where + ": no message of the plan has that size: message boundaries lost");
            assertFalse(order.contains(i), where + ": received twice");
            order.add(i);
            Msg m = plan.get(i);
            assertArrayEquals(content(i, m.size(), tag), g.bytes(), where + ": bytes");
            assertEquals(m.stream(), g.stream(), where + ": stream");
            assertEquals(m.ppid(), g.ppid(), where + ": payload protocol id (" + Integer.toUnsignedString(m.ppid())
                    + " sent, " + Integer.toUnsignedString(g.ppid()) + " received; byte-swapped: "
                    + Integer.toUnsignedString(Integer.reverseBytes(m.ppid())) + ")");
            assertEquals(m.unordered(), g.unordered(), where + ": unordered");
            assertPieces(g, m.size(), where);
        }
        assertOrderedPerStream(order, plan, exchange);
    }

    /** A message that fits the buffer comes in one receive; a larger one in full buffers, the last complete. */
    private void assertPieces(Got g, int size, String where) {
        if (size <= RECEIVE_BUFFER) {
            assertEquals(List.of(size), g.pieces(), where + ": a message that fits the buffer arrives whole, in one"
                    + " receive marked complete");
        } else {
            assertTrue(g.pieces().size() >= (size + RECEIVE_BUFFER - 1) / RECEIVE_BUFFER, where
                    + ": a message larger than the " + RECEIVE_BUFFER + "-byte buffer arrives in pieces (partial"
                    + " delivery), only the last marked complete: " + g.pieces());
            for (int n : g.pieces()) {
                assertTrue(n > 0 && n <= RECEIVE_BUFFER, where + ": pieces " + g.pieces());
            }
        }
    }

    private void assertOrderedPerStream(List<Integer> arrival, List<Msg> plan, String exchange) {
        Map<Integer, Integer> lastOnStream = new HashMap<>();
        for (int i : arrival) {
            Msg m = plan.get(i);
            if (m.unordered()) {
                continue;
            }
            Integer before = lastOnStream.put(m.stream(), i);
            assertTrue(before == null || before < i, proves() + ": " + exchange + ": ordered messages keep their"
                    + " order on stream " + m.stream() + " (arrival order by plan index: " + arrival + ")");
        }
    }

    /**
     * @param wire a payload protocol id as the number on the wire
     * @return the int a C program reads from {@code sinfo_ppid} for it (the wire's bytes in host order)
     */
    static int hostOrderView(int wire) {
        return ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? Integer.reverseBytes(wire) : wire;
    }

    // ------------------------------------------------------------------------------------------
    // Preconditions and processes
    // ------------------------------------------------------------------------------------------

    /** Fails (never skips) when the JDK's SCTP cannot work here. */
    private void requireJdkSctp() {
        try {
            SctpChannel.open().close();
        } catch (UnsupportedOperationException | IOException e) {
            throw new AssertionFailedError(proves() + ": the JDK's com.sun.nio.sctp does not work here (" + e
                    + "). It needs libsctp.so.1, Debian's package libsctp1, which harness/linux-vm installs when it"
                    + " runs as root; the interop tests must run, so this is a failure, not a skip", e);
        }
    }

    /** Fails (never skips) when an lksctp-tools program is missing. */
    private Path requireTool(String name) {
        List<String> dirs = new ArrayList<>(Arrays.asList(
                Objects.requireNonNullElse(System.getenv("PATH"), "").split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin"));
        for (String d : dirs) {
            if (!d.isEmpty()) {
                Path c = Path.of(d, name);
                if (Files.isExecutable(c)) {
                    return c;
                }
            }
        }
        throw new AssertionFailedError(proves() + ": " + name + " is not installed (" + (name.startsWith("sctp")
                ? "Debian's package lksctp-tools" : "Debian's coreutils") + ", which harness/linux-vm installs when it"
                + " runs as root); the interop tests must run, so this is a failure, not a skip");
    }

    private int freePort() throws SctpException {
        try (SctpMultiSocket s = SctpMultiSocket.open(p(), StandardProtocolFamily.INET)) {
            s.bind(new InetSocketAddress(LOOPBACK, 0));
            return address(s).getPort();
        }
    }

    private static InetSocketAddress loopbackPort(java.util.Set<SocketAddress> locals) {
        assertFalse(locals.isEmpty(), "the JDK channel is bound");
        return new InetSocketAddress(LOOPBACK, ((InetSocketAddress) locals.iterator().next()).getPort());
    }

    /** A temporary file, deleted when its case cleans up. */
    private static final class TempFile implements AutoCloseable {
        final Path path;

        TempFile(String prefix) throws IOException {
            path = Files.createTempFile("peeloff-interop-" + prefix, ".out");
        }

        @Override
        public void close() throws IOException {
            Files.deleteIfExists(path);
        }
    }

    private static Process start(Cleanup r, Path out, String... cmd) throws IOException {
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        r.add(() -> {
            proc.destroyForcibly();
            proc.waitFor(10, TimeUnit.SECONDS);
        });
        return proc;
    }

    private static String read(Path out) {
        try {
            return Files.readString(out, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** The end of a program's output, for failure messages. */
    static String tail(Path out) {
        String s = read(out);
        return s.length() <= 1500 ? "[" + s + "]" : "[..." + s.substring(s.length() - 1500) + "]";
    }

    private static void awaitOutput(Path out, String text, int times) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (count(read(out), text) < times) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionFailedError("'" + text + "' did not appear " + times + " times in the peer's output"
                        + " within " + WAIT.toSeconds() + " s: " + tail(out));
            }
            Thread.sleep(50);
        }
    }

    private static int count(String s, String text) {
        int n = 0;
        for (int at = s.indexOf(text); at >= 0; at = s.indexOf(text, at + text.length())) {
            n++;
        }
        return n;
    }

    /** {@code SCTP_UNORDERED} in {@code sinfo_flags} on Linux. */
    private static final int SCTP_UNORDERED = 1;

    /** A message as {@code sctp_darn -l} printed it, with the {@code SNDRCV} block printed before it. */
    record Printed(int bytes, String text, int stream, int flags, String ppid) {
    }

    /**
     * Waits for {@code n} messages in {@code sctp_darn -l}'s output and parses them. Each is a block
     * {@code SNDRCV / sinfo_stream S / sinfo_ssn / sinfo_flags 0xF / sinfo_ppid P / ...} followed by
     * {@code DATA(N):  TEXT} (TEXT is the message without its last byte, a NUL here).
     */
    private static List<Printed> awaitDarnMessages(Path out, int n) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (true) {
            String s = read(out);
            // n messages printed, the last one's line ended
            if (count(s, "DATA(") >= n && s.indexOf('\n', s.lastIndexOf("DATA(")) >= 0) {
                break;
            }
            if (System.nanoTime() - end > 0) {
                throw new AssertionFailedError("sctp_darn did not print " + n + " messages within " + WAIT.toSeconds()
                        + " s: " + tail(out));
            }
            Thread.sleep(50);
        }
        List<Printed> printed = parseDarn(read(out));
        if (printed.size() < n) {
            throw new AssertionFailedError("parsed " + printed.size() + " of " + n + " messages from sctp_darn: " + tail(out));
        }
        return printed;
    }

    /**
     * @param all {@code sctp_darn -l}'s output
     * @return the data messages it printed, each with the {@code SNDRCV} values printed before it
     * @throws AssertionFailedError when a message came without them
     */
    static List<Printed> parseDarn(String all) {
        List<Printed> printed = new ArrayList<>();
        Integer stream = null;
        Integer flags = null;
        String ppid = null;
        for (String line : all.split("\n", -1)) {
            String t = line.strip();
            if (t.startsWith("sinfo_stream ")) {
                stream = Integer.parseInt(t.substring("sinfo_stream ".length()).trim());
            } else if (t.startsWith("sinfo_flags 0x")) {
                flags = Integer.parseInt(t.substring("sinfo_flags 0x".length()).trim(), 16);
            } else if (t.startsWith("sinfo_ppid ")) {
                ppid = t.substring("sinfo_ppid ".length()).trim();
            }
            int at = line.indexOf("DATA(");
            if (at >= 0) {
                int close = line.indexOf("):", at);
                int bytes = Integer.parseInt(line.substring(at + 5, close));
                String text = line.substring(Math.min(line.length(), close + 4));
                if (stream == null || flags == null || ppid == null) {
                    throw new AssertionFailedError("sctp_darn printed DATA without the SCTP_SNDRCV information before it: "
                            + all);
                }
                printed.add(new Printed(bytes, text, stream, flags, ppid));
                stream = null;
                flags = null;
                ppid = null;
            }
        }
        return printed;
    }
}
