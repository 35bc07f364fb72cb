/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.compat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peeloff.compat.Associations.LOOPBACK;
import static org.peeloff.compat.Associations.address;
import static org.peeloff.compat.Associations.awaitUp;
import static org.peeloff.compat.Associations.link;
import static org.peeloff.compat.Associations.links;
import static org.peeloff.compat.Associations.next;
import static org.peeloff.compat.Associations.nextData;
import static org.peeloff.compat.Associations.send;
import static org.peeloff.compat.Associations.server;
import static org.peeloff.compat.Associations.text;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.peeloff.AssociationChange;
import org.peeloff.AssociationId;
import org.peeloff.MessageInfo;
import org.peeloff.SctpData;
import org.peeloff.SctpError;
import org.peeloff.SctpException;
import org.peeloff.SctpMultiSocket;
import org.peeloff.SctpReceived;
import org.peeloff.SctpSocket;
import org.peeloff.ShutdownEvent;
import org.peeloff.compat.Associations.Cleanup;
import org.peeloff.compat.Associations.Link;
import org.peeloff.spi.SctpProvider;

/**
 * Association control (issue 15): {@code connect} returns the association id, a connect to several
 * addresses of one peer, ending one association of a one-to-many socket gracefully or abortively,
 * sends with a {@link MessageInfo} on one-to-one and peeled sockets, and messages larger than the
 * caller's buffer (pieces flagged incomplete, a receive that reassembles up to a limit). Hooked into
 * {@link SctpProviderTck} by a nested class, so it runs for every provider on whatever the provider's
 * TCK runs on (a real kernel, or an ABI personality over the Linux kernel).
 */
public abstract class AssociationControlTck extends TckGroup {
    private static final Duration AT_ONCE = Duration.ofSeconds(30);
    private static final int BIG = 64 * 1024;

    /**
     * @param tck the provider's TCK, which supplies the provider under test
     */
    protected AssociationControlTck(SctpProviderTck tck) {
        super(tck);
    }

    /** @return true when the provider's capabilities list something containing {@code text} as unsupported */
    private boolean listedUnsupported(String text) {
        return provider().capabilities().unsupported().stream().anyMatch(u -> u.contains(text));
    }

    private static InetAddress second() {
        try {
            return InetAddress.getByName("127.0.0.2");
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    // ------------------------------------------------------------------ connect

    @Test
    void connect_returns_the_association_id_its_COMMUNICATION_UP_event_carries(Observed o) throws Exception {
        SctpProvider p = provider();
        try (Cleanup r = new Cleanup()) {
            SctpMultiSocket server = server(r, p);
            SctpMultiSocket client = r.add(SctpMultiSocket.open(p, StandardProtocolFamily.INET));
            client.bind(new InetSocketAddress(LOOPBACK, 0));
            AssociationId id = client.connect(address(server));
            AssociationChange up = awaitUp(client);
            o.note("connect() returned " + id + "; COMMUNICATION_UP carried " + up.association());
            assertEquals(up.association(), id, "connect()'s id is the one COMMUNICATION_UP carries");
            assertTrue(client.associations().contains(id), "the returned id is listed: " + client.associations());
            send(client, id, 0, text("on the returned id"));
            assertEquals("on the returned id", text(nextDataOf(server, "the message sent on the returned id")));
        }
    }

    @Test
    void connect_to_two_addresses_of_one_peer_gives_one_association_with_two_paths_or_UNSUPPORTED(Observed o)
            throws Exception {
        SctpProvider p = provider();
        try (Cleanup r = new Cleanup()) {
            SctpMultiSocket server = r.add(SctpMultiSocket.open(p, StandardProtocolFamily.INET));
            server.bind(List.of(new InetSocketAddress(LOOPBACK, 0), new InetSocketAddress(second(), 0))).listen();
            int port = address(server).getPort();
            List<InetSocketAddress> both = List.of(new InetSocketAddress(LOOPBACK, port), new InetSocketAddress(second(), port));
            SctpMultiSocket client = r.add(SctpMultiSocket.open(p, StandardProtocolFamily.INET));
            client.bind(new InetSocketAddress(LOOPBACK, 0));
            if (listedUnsupported("sctp_connectx")) {
                SctpException e = o.failure("connect(" + both + ")", () -> client.connect(both));
                assertEquals(SctpError.UNSUPPORTED, e.error(), "capabilities() list sctp_connectx as unsupported: " + e);
                assertTrue(e.getMessage().contains("sctp_connectx"), "the refusal names sctp_connectx: " + e);
                assertTrue(client.associations().isEmpty(), "a refused multi-address connect sets nothing up");
                return;
            }
            AssociationId id = client.connect(both);
            AssociationChange up = awaitUp(client);
            assertEquals(up.association(), id, "the multi-address connect's id is COMMUNICATION_UP's");
            List<InetSocketAddress> paths = client.peerAddresses(id);
            o.note("connect(" + both + ") gave " + id + " with peer addresses " + paths);
            assertEquals(Set.copyOf(both), Set.copyOf(paths), "one association, a path to each address");
            assertEquals(Set.of(id), client.associations(), "one association, not one per address");
            AssociationId serverSide = Associations.accept(server, 1).get(0);
            assertEquals(Set.of(serverSide), server.associations(), "the server has one association too");
        }
    }

    // ------------------------------------------------------------------ ending one association

    @Test
    void shutdown_of_one_association_leaves_the_others_and_the_peer_sees_SHUTDOWN(Observed o) throws Exception {
        SctpProvider p = provider();
        try (Cleanup r = new Cleanup()) {
            SctpMultiSocket server = server(r, p);
            List<Link> ls = links(r, p, server, 3);
            Link ended = ls.get(1);
            server.shutdown(ended.serverSide());

            List<String> peerSaw = new ArrayList<>();
            boolean shutdownEvent = false;
            ByteBuffer buf = ByteBuffer.allocateDirect(Associations.BUFFER);
            while (true) {
                SctpReceived ev = next(ended.client(), buf, "SHUTDOWN on the peer after " + peerSaw);
                peerSaw.add(String.valueOf(ev));
                shutdownEvent |= ev instanceof ShutdownEvent;
                if (ev instanceof AssociationChange c && c.association().equals(ended.clientSide())) {
                    assertEquals(AssociationChange.State.SHUTDOWN_COMPLETE, c.state(), "a graceful end: " + peerSaw);
                    break;
                }
            }
            assertTrue(shutdownEvent, "the peer saw the SHUTDOWN (a ShutdownEvent): " + peerSaw);
            awaitEnd(server, ended.serverSide(), AssociationChange.State.SHUTDOWN_COMPLETE);
            o.note("peer saw " + peerSaw);
            othersUntouched(server, ls, ended);
        }
    }

    @Test
    void abort_of_one_association_leaves_the_others_and_the_peer_sees_it_lost(Observed o) throws Exception {
        abortOne(o, null);
    }

    /** RFC 9260 3.3.10.12: a user abort reason travels as cause 12, which the peer's COMMUNICATION_LOST reports. */
    @Test
    void abort_with_a_reason_reaches_the_peer_as_cause_12_User_Initiated_Abort(Observed o) throws Exception {
        abortOne(o, "going away");
    }

    private void abortOne(Observed o, String reason) throws Exception {
        SctpProvider p = provider();
        try (Cleanup r = new Cleanup()) {
            SctpMultiSocket server = server(r, p);
            List<Link> ls = links(r, p, server, 3);
            Link ended = ls.get(0);
            if (reason == null) {
                server.abort(ended.serverSide());
            } else {
                server.abort(ended.serverSide(), text(reason));
            }
            AssociationChange lost = awaitEnd(ended.client(), ended.clientSide(), AssociationChange.State.COMMUNICATION_LOST);
            o.note("peer saw " + lost);
            if (reason != null) {
                assertEquals(12, lost.error(), "COMMUNICATION_LOST after a user abort with a reason: " + lost);
            }
            awaitEnd(server, ended.serverSide(), AssociationChange.State.COMMUNICATION_LOST);
            othersUntouched(server, ls, ended);
        }
    }

    /** The server lists only the others, and each still carries data both ways. */
    private static void othersUntouched(SctpMultiSocket server, List<Link> ls, Link ended) throws SctpException {
        assertFalse(server.associations().contains(ended.serverSide()), "the ended association is gone");
        for (Link l : ls) {
            if (l == ended) {
                continue;
            }
            assertTrue(server.associations().contains(l.serverSide()), "the other association " + l.serverSide() + " stays");
            send(server, l.serverSide(), 0, text("to " + l.clientSide()));
            assertEquals("to " + l.clientSide(), text(nextDataOf(l.client(), "data on an untouched association")));
            send(l.client(), l.clientSide(), 0, text("from " + l.clientPort()));
            ByteBuffer buf = ByteBuffer.allocateDirect(Associations.BUFFER);
            SctpData d = nextData(server, buf, "data from an untouched association");
            assertEquals(l.serverSide(), d.association());
            assertEquals("from " + l.clientPort(), text(buf));
        }
    }

    private static AssociationChange awaitEnd(SctpMultiSocket s, AssociationId id, AssociationChange.State state)
            throws SctpException {
        ByteBuffer buf = ByteBuffer.allocateDirect(Associations.BUFFER);
        List<String> seen = new ArrayList<>();
        while (true) {
            SctpReceived ev = next(s, buf, state + " of " + id + " after " + seen);
            seen.add(String.valueOf(ev));
            if (ev instanceof AssociationChange c && c.association().equals(id)
                    && c.state() != AssociationChange.State.COMMUNICATION_UP) {
                assertEquals(state, c.state(), "how " + id + " ended: " + seen);
                return c;
            }
        }
    }

    private static ByteBuffer nextDataOf(SctpMultiSocket s, String what) throws SctpException {
        ByteBuffer buf = ByteBuffer.allocateDirect(Associations.BUFFER);
        nextData(s, buf, what);
        return buf;
    }

    @Test
    void after_an_abort_a_blocking_receive_on_the_peeled_socket_fails_at_once(Observed o) throws Exception {
        SctpProvider p = provider();
        try (Cleanup r = new Cleanup()) {
            SctpMultiSocket server = server(r, p);
            Link l = link(r, p, server);
            SctpSocket peeled = r.add(server.peelOff(l.serverSide()));
            assertTrue(peeled.isBlocking());
            l.client().abort(l.clientSide());
            SctpException e = receiveUntilFailure(peeled, o, "the peeled socket");
            assertTrue(e.error() == SctpError.NOT_CONNECTED || e.error() == SctpError.ASSOCIATION_ABORTED,
                    "a receive after the peer's ABORT: NOT_CONNECTED or ASSOCIATION_ABORTED, got " + e);
        }
    }

    @Test
    void after_an_abort_a_blocking_receive_on_a_one_to_one_socket_fails_at_once_or_it_is_unsupported(Observed o)
            throws Exception {
        SctpProvider p = provider();
        try (Cleanup r = new Cleanup()) {
            SctpMultiSocket server = server(r, p);
            if (!p.capabilities().oneToOneSockets()) {
                SctpException e = o.failure("SctpSocket.open()", () -> SctpSocket.open(p, StandardProtocolFamily.INET));
                assertEquals(SctpError.UNSUPPORTED_SOCKET, e.error(), "capabilities() say no one-to-one sockets: " + e);
                return;
            }
            SctpSocket one = r.add(SctpSocket.open(p, StandardProtocolFamily.INET));
            one.bind(new InetSocketAddress(LOOPBACK, 0)).connect(address(server));
            AssociationId serverSide = Associations.accept(server, 1).get(0);
            server.abort(serverSide);
            SctpException e = receiveUntilFailure(one, o, "the one-to-one socket");
            assertTrue(e.error() == SctpError.NOT_CONNECTED || e.error() == SctpError.ASSOCIATION_ABORTED,
                    "a receive after the peer's ABORT: NOT_CONNECTED or ASSOCIATION_ABORTED, got " + e);
        }
    }

    /** Blocking receives (notifications allowed) until one fails; all of it within {@link #AT_ONCE}. */
    private static SctpException receiveUntilFailure(SctpSocket s, Observed o, String what) {
        List<String> seen = new ArrayList<>();
        return assertTimeoutPreemptively(AT_ONCE, () -> {
            ByteBuffer buf = ByteBuffer.allocateDirect(Associations.BUFFER);
            for (int i = 0; i < 8; i++) {
                try {
                    seen.add(String.valueOf(s.receive(buf.clear())));
                } catch (SctpException e) {
                    o.note(what + " received " + seen + ", then " + e.error());
                    return e;
                }
            }
            throw new AssertionFailedError("eight receives on " + what + " after the ABORT did not fail: " + seen);
        }, () -> "a blocking receive on " + what + " after the peer's ABORT hung; it had received " + seen);
    }

    // ------------------------------------------------------------------ MessageInfo on SctpSocket, bind

    @Test
    void message_info_sends_on_a_peeled_socket_are_seen_right_by_the_peer(Observed o) throws Exception {
        SctpProvider p = provider();
        try (Cleanup r = new Cleanup()) {
            SctpMultiSocket server = server(r, p);
            Link l = link(r, p, server);
            SctpSocket peeled = r.add(server.peelOff(l.serverSide()));
            int stream = Math.min(3, l.streams() - 1);
            ByteBuffer buf = ByteBuffer.allocateDirect(Associations.BUFFER);

            ByteBuffer m = text("diameter, unordered");
            assertEquals(m.remaining(), peeled.send(m, MessageInfo.onStream(stream).withPayloadProtocolId(46).withUnordered(true)));
            SctpData d = nextData(l.client(), buf, "the peeled socket's unordered ppid-46 message");
            assertEquals("diameter, unordered", text(buf));
            assertEquals(stream, d.stream(), "stream");
            assertEquals(46, d.payloadProtocolId(), "ppid (the IANA number both ways)");
            assertTrue(d.unordered(), "the peer sees it unordered");

            ByteBuffer n = text("m3ua, ordered");
            peeled.send(n, MessageInfo.onStream(0).withPayloadProtocolId(3));
            d = nextData(l.client(), buf, "the peeled socket's ordered ppid-3 message");
            assertEquals("m3ua, ordered", text(buf));
            assertEquals(0, d.stream());
            assertEquals(3, d.payloadProtocolId());
            assertFalse(d.unordered());

            MessageInfo ttl = MessageInfo.onStream(stream).withTimeToLive(30_000);
            if (listedUnsupported("timeToLive")) {
                SctpException e = o.failure("send with a time-to-live", () -> peeled.send(text("ttl"), ttl));
                assertEquals(SctpError.UNSUPPORTED, e.error(), "capabilities() list the time-to-live as unsupported: " + e);
            } else {
                peeled.send(text("with a time-to-live"), ttl);
                d = nextData(l.client(), buf, "the message sent with a 30 s time-to-live");
                assertEquals("with a time-to-live", text(buf), "a message with a time-to-live that is not up arrives");
                assertEquals(stream, d.stream());
            }
        }
    }

    @Test
    void a_one_to_one_socket_binds_two_addresses_and_adds_and_removes_one_with_bindx(Observed o) throws Exception {
        SctpProvider p = provider();
        if (!p.capabilities().oneToOneSockets()) {
            SctpException e = o.failure("SctpSocket.open()", () -> SctpSocket.open(p, StandardProtocolFamily.INET));
            assertEquals(SctpError.UNSUPPORTED_SOCKET, e.error(), "capabilities() say no one-to-one sockets: " + e);
            return;
        }
        try (Cleanup r = new Cleanup()) {
            SctpSocket one = r.add(SctpSocket.open(p, StandardProtocolFamily.INET));
            one.bind(List.of(new InetSocketAddress(LOOPBACK, 0), new InetSocketAddress(second(), 0)));
            int port = one.localAddresses().get(0).getPort();
            InetSocketAddress a = new InetSocketAddress(LOOPBACK, port);
            InetSocketAddress b = new InetSocketAddress(second(), port);
            assertEquals(Set.of(a, b), Set.copyOf(one.localAddresses()), "both addresses, one port");
            one.bindx(List.of(b), false);
            assertEquals(List.of(a), one.localAddresses(), "bindx(remove) took the second away");
            one.bindx(List.of(b), true);
            assertEquals(Set.of(a, b), Set.copyOf(one.localAddresses()), "bindx(add) put it back");
        }
    }

    // ------------------------------------------------------------------ messages larger than the buffer

    @Test
    void a_64_KiB_message_through_a_1_KiB_buffer_arrives_in_pieces_flagged_incomplete_until_the_last(Observed o)
            throws Exception {
        SctpProvider p = provider();
        try (Cleanup r = new Cleanup()) {
            SctpMultiSocket server = server(r, p);
            Link l = link(r, p, server);
            byte[] sent = payload(1);
            send(l.client(), l.clientSide(), 1, ByteBuffer.wrap(sent));
            ByteBuffer piece = ByteBuffer.allocateDirect(1024);
            ByteBuffer got = ByteBuffer.allocate(BIG);
            int pieces = 0;
            while (true) {
                SctpReceived rec = next(server, piece, "piece " + (pieces + 1) + " of the 64 KiB message");
                if (!(rec instanceof SctpData d)) {
                    continue;
                }
                pieces++;
                assertEquals(l.serverSide(), d.association(), "every piece names the association");
                assertEquals(1, d.stream(), "every piece names the stream");
                piece.flip();
                assertEquals(d.bytes(), piece.remaining());
                got.put(piece);
                if (d.complete()) {
                    break;
                }
                assertTrue(got.position() < BIG, "complete() false although all 64 KiB have come");
            }
            o.note("64 KiB came in " + pieces + " pieces through a 1 KiB buffer");
            assertEquals(BIG, got.position(), "the last piece, complete() true, ends the message");
            assertTrue(pieces >= BIG / 1024, "at least 64 pieces, complete() false on all but the last: " + pieces);
            assertArrayEquals(sent, got.array(), "the pieces make the message");
        }
    }

    @Test
    void the_reassembling_receive_returns_a_64_KiB_message_whole_and_beyond_its_limit_fails_losing_nothing(Observed o)
            throws Exception {
        SctpProvider p = provider();
        try (Cleanup r = new Cleanup()) {
            SctpMultiSocket server = server(r, p);
            Link l = link(r, p, server);
            byte[] first = payload(2);
            send(l.client(), l.clientSide(), 0, ByteBuffer.wrap(first));
            Associations.awaitReadable(p, server.rawDescriptor(), "the first 64 KiB message");
            ByteBuffer whole = ByteBuffer.allocateDirect(2 * BIG);
            SctpReceived rec = server.receiveWhole(whole);
            SctpData d = (SctpData) rec;
            assertTrue(d.complete(), "whole: " + d);
            assertEquals(BIG, d.bytes(), "all 64 KiB counted: " + d);
            assertEquals(BIG, whole.position());
            byte[] back = new byte[BIG];
            whole.flip().get(back);
            assertArrayEquals(first, back, "the message, whole");

            byte[] second = payload(3);
            send(l.client(), l.clientSide(), 0, ByteBuffer.wrap(second));
            Associations.awaitReadable(p, server.rawDescriptor(), "the second 64 KiB message");
            ByteBuffer small = ByteBuffer.allocate(16 * 1024);
            SctpException e = o.failure("receiveWhole with a 16 KiB limit", () -> server.receiveWhole(small));
            assertEquals(SctpError.MESSAGE_TOO_LARGE, e.error(), "beyond the limit: " + e);
            assertEquals(small.capacity(), small.position(), "the buffer holds the message's first bytes");
            ByteBuffer rest = ByteBuffer.allocate(BIG);
            rest.put(small.flip());
            SctpData last = null;
            while (last == null || !last.complete()) {
                Associations.awaitReadable(p, server.rawDescriptor(), "the rest of the message kept on the socket");
                last = (SctpData) server.receive(rest);
            }
            assertEquals(BIG, rest.position(), "nothing lost: the rest came with the next receives");
            assertArrayEquals(second, rest.array(), "the first bytes and the rest make the message");
        }
    }

    private static byte[] payload(long seed) {
        byte[] b = new byte[BIG];
        new Random(seed).nextBytes(b);
        return b;
    }
}
