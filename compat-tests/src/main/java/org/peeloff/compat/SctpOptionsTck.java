/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peeloff.compat.Associations.LOOPBACK;
import static org.peeloff.compat.Associations.address;
import static org.peeloff.compat.Associations.link;
import static org.peeloff.compat.Associations.next;
import static org.peeloff.compat.Associations.nextData;
import static org.peeloff.compat.Associations.send;
import static org.peeloff.compat.Associations.server;
import static org.peeloff.compat.Associations.text;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.peeloff.AssociationChange;
import org.peeloff.Capabilities;
import org.peeloff.MessageInfo;
import org.peeloff.SctpData;
import org.peeloff.SctpError;
import org.peeloff.SctpException;
import org.peeloff.SctpMultiSocket;
import org.peeloff.SctpOption;
import org.peeloff.SctpOptions;
import org.peeloff.SctpReceived;
import org.peeloff.SctpSocket;
import org.peeloff.ShutdownEvent;
import org.peeloff.compat.Associations.Cleanup;
import org.peeloff.compat.Associations.Link;
import org.peeloff.spi.SctpProvider;

/**
 * The TCK group of the typed options ({@link SctpOptions}), {@link SctpSocket#shutdown()} and
 * {@link SctpSocket#abort()}: a set/get round trip per option (socket-wide, and for one association where
 * the option is per association), and the option's effect wherever the kernel shows it. Hooked into
 * {@link SctpProviderTck} by its nested class {@code TypedOptions}, so it runs against every provider,
 * with the provenance of that run (the real Linux kernel, or an ABI personality over it).
 *
 * <p>An option the provider does not support on its OS is not skipped: the case checks that it is refused
 * with {@code UNSUPPORTED} naming the option before any native call, and listed in
 * {@link Capabilities#unsupported()}; the report then shows the option as missing on that OS.
 *
 * <p>PRIMARY_ADDR moving traffic between two paths needs two addresses on each side in network
 * namespaces: that is {@link MultiHomingCases}; the round trip on a two-address loopback association is here.
 */
public abstract class SctpOptionsTck extends TckGroup {
    /** @param tck the TCK instance whose provider runs the cases */
    protected SctpOptionsTck(SctpProviderTck tck) {
        super(tck);
    }

    private static SctpMultiSocket fresh(Cleanup r, SctpProvider p) throws SctpException {
        return r.add(SctpMultiSocket.open(p, StandardProtocolFamily.INET));
    }

    /**
     * @return true when the provider supports the option; else checks that it is refused as the contract
     *         says (UNSUPPORTED naming it, before any native call, and listed in capabilities) and returns false
     */
    private boolean supportedOrRefused(SctpOption<?> option, Observed o) throws Exception {
        SctpProvider p = provider();
        if (p.supportsOption(option)) {
            return true;
        }
        try (Cleanup r = new Cleanup()) {
            SctpMultiSocket s = fresh(r, p);
            SctpException e = o.expect(SctpError.UNSUPPORTED, option + " on a provider without it", () -> {
                if (option.readable()) {
                    return s.getOption(option);
                }
                s.setOption(SctpOptions.SCTP_SET_PEER_PRIMARY_ADDR, new InetSocketAddress(LOOPBACK, 1));
                return null;
            });
            assertTrue(e.getMessage().contains(option.name()), "the refusal names the option: " + e.getMessage());
            assertEquals(0, e.errno(), "refused before any native call: " + e.getMessage());
        }
        List<String> unsupported = p.capabilities().unsupported();
        assertTrue(unsupported.stream().anyMatch(u -> u.contains(option.name())),
                "capabilities().unsupported() lists " + option + ": " + unsupported);
        o.note(option + ": not supported by this provider on this OS: refused UNSUPPORTED before any native call, "
                + "listed in capabilities().unsupported()");
        return false;
    }

    @Test
    void capabilities_list_every_option_as_supported_or_unsupported_with_why(Observed o) {
        SctpProvider p = provider();
        Capabilities c = p.capabilities();
        StringBuilder supported = new StringBuilder();
        for (SctpOption<?> option : SctpOptions.all()) {
            boolean listed = c.unsupported().stream().anyMatch(u -> u.startsWith("option " + option.name() + ":"));
            assertNotEquals(p.supportsOption(option), listed,
                    option + ": supportsOption and capabilities().unsupported() must agree: " + c.unsupported());
            if (!listed) {
                supported.append(supported.length() == 0 ? "" : ", ").append(option);
            }
        }
        o.note("supported here: " + supported);
    }

    @Test
    void SO_SNDBUF_SO_RCVBUF_and_SCTP_NODELAY_are_typed_options_too(Observed o) throws Exception {
        try (Cleanup r = new Cleanup()) {
            SctpMultiSocket s = fresh(r, provider());
            s.setOption(SctpOptions.SO_SNDBUF, 65536);
            assertEquals(s.getSendBufferSize(), s.getOption(SctpOptions.SO_SNDBUF), "SO_SNDBUF typed == int");
            s.setReceiveBufferSize(70000);
            assertEquals(s.getReceiveBufferSize(), s.getOption(SctpOptions.SO_RCVBUF), "SO_RCVBUF typed == int");
            if (supportedOrRefused(SctpOptions.SCTP_NODELAY, o)) {
                s.setOption(SctpOptions.SCTP_NODELAY, true);
                assertEquals(true, s.getOption(SctpOptions.SCTP_NODELAY));
                s.setOption(SctpOptions.SCTP_NODELAY, false);
                assertEquals(false, s.getOption(SctpOptions.SCTP_NODELAY));
            }
            assertThrows(IllegalArgumentException.class, () -> s.setOption(SctpOptions.SO_SNDBUF, 0));
            o.note("SO_SNDBUF 65536 reads back " + s.getOption(SctpOptions.SO_SNDBUF) + ", SO_RCVBUF 70000 reads back "
                    + s.getOption(SctpOptions.SO_RCVBUF));
        }
    }

    @Test
    void SO_LINGER_round_trip_and_argument_checks(Observed o) throws Exception {
        if (!supportedOrRefused(SctpOptions.SO_LINGER, o)) {
            return;
        }
        try (Cleanup r = new Cleanup()) {
            SctpMultiSocket server = server(r, provider());
            Link link = link(r, provider(), server);
            SctpMultiSocket s = link.client();
            s.setOption(SctpOptions.SO_LINGER, 5);
            assertEquals(5, s.getOption(SctpOptions.SO_LINGER));
            s.setOption(SctpOptions.SO_LINGER, -1);
            assertEquals(-1, s.getOption(SctpOptions.SO_LINGER), "-1: linger off");
            assertThrows(IllegalArgumentException.class, () -> s.setOption(SctpOptions.SO_LINGER, -2));
            SctpException e = o.expect(SctpError.INVALID_ARGUMENT, "SO_LINGER for one association",
                    () -> s.getOption(SctpOptions.SO_LINGER, link.clientSide()));
            assertEquals(0, e.errno(), "a socket-wide option asked per association is refused before any native call");
        }
    }

    @Test
    void SCTP_INITMSG_round_trip_and_its_stream_counts_limit_the_stream_ids_the_peer_accepts(Observed o)
            throws Exception {
        if (!supportedOrRefused(SctpOptions.SCTP_INITMSG, o)) {
            return;
        }
        SctpProvider p = provider();
        try (Cleanup r = new Cleanup()) {
            SctpMultiSocket server = fresh(r, p);
            SctpOptions.InitMsg want = new SctpOptions.InitMsg(3, 2, 4, 2000);
            server.setOption(SctpOptions.SCTP_INITMSG, want);
            assertEquals(want, server.getOption(SctpOptions.SCTP_INITMSG), "INITMSG round trip");
            server.bind(new InetSocketAddress(LOOPBACK, 0)).listen();
            Link link = link(r, p, server);
            assertEquals(2, link.streams(),
                    "the client's outbound streams (its COMMUNICATION_UP) after the server accepts at most 2");
            SctpException e = o.failure("send on stream 2 of 0..1", () -> link.client().send(text("beyond"),
                    MessageInfo.to(link.clientSide(), 2)));
            assertEquals(SctpError.INVALID_ARGUMENT, e.error(), "a stream beyond the negotiated ones: " + e.getMessage());
            ByteBuffer buf = ByteBuffer.allocateDirect(Associations.BUFFER);
            send(link.client(), link.clientSide(), 1, text("on stream 1"));
            SctpData d = nextData(server, buf, "the message on stream 1 after the refused one");
            assertEquals(1, d.stream());
            assertEquals("on stream 1", text(buf), "the association survives the refused send");
            o.note("server INITMSG {out 3, max in 2}: client outbound " + link.streams() + "; stream 2 refused: "
                    + e.errnoName() + " -> " + e.error());
        }
    }

    @Test
    void SCTP_STATUS_matches_what_the_peer_negotiated_and_is_read_only(Observed o) throws Exception {
        if (!supportedOrRefused(SctpOptions.SCTP_STATUS, o)) {
            return;
        }
        SctpProvider p = provider();
        try (Cleanup r = new Cleanup()) {
            SctpMultiSocket server = server(r, p);
            Link link = link(r, p, server);
            SctpOptions.Status c = link.client().getOption(SctpOptions.SCTP_STATUS, link.clientSide());
            SctpOptions.Status s = server.getOption(SctpOptions.SCTP_STATUS, link.serverSide());
            assertEquals(SctpOptions.State.ESTABLISHED, c.state(), "client state (native " + c.nativeState() + ")");
            assertEquals(SctpOptions.State.ESTABLISHED, s.state(), "server state (native " + s.nativeState() + ")");
            assertEquals(link.streams(), c.outStreams(), "client outStreams == COMMUNICATION_UP's outbound streams");
            assertEquals(c.outStreams(), s.inStreams(), "client out == server in");
            assertEquals(c.inStreams(), s.outStreams(), "client in == server out");
            assertEquals(address(server), c.primary(), "the client's primary path is the server's address");
            assertEquals(link.clientAddress(), s.primary(), "the server's primary path is the client's address");
            assertTrue(c.primaryRtoMillis() > 0, "primary RTO " + c.primaryRtoMillis());
            assertTrue(c.fragmentationPoint() > 0, "fragmentation point " + c.fragmentationPoint());
            SctpSocket peeled = r.add(server.peelOff(link.serverSide()));
            SctpOptions.Status ps = peeled.getOption(SctpOptions.SCTP_STATUS);
            assertEquals(SctpOptions.State.ESTABLISHED, ps.state(), "the peeled socket's state");
            assertEquals(s.inStreams(), ps.inStreams(), "the peeled socket keeps the association's streams");
            SctpException e = o.expect(SctpError.INVALID_ARGUMENT, "setOption(SCTP_STATUS)", () -> {
                link.client().setOption(SctpOptions.SCTP_STATUS, c, link.clientSide());
                return null;
            });
            assertEquals(0, e.errno(), "read only: refused before any native call");
            o.note("client status: " + c);
        }
    }

    @Test
    void SCTP_RTOINFO_round_trip_socket_wide_and_for_one_association(Observed o) throws Exception {
        if (!supportedOrRefused(SctpOptions.SCTP_RTOINFO, o)) {
            return;
        }
        SctpProvider p = provider();
        try (Cleanup r = new Cleanup()) {
            SctpMultiSocket s = fresh(r, p);
            SctpOptions.RtoInfo wide = new SctpOptions.RtoInfo(1500, 30000, 500);
            s.setOption(SctpOptions.SCTP_RTOINFO, wide);
            assertEquals(wide, s.getOption(SctpOptions.SCTP_RTOINFO), "socket-wide round trip");
            SctpMultiSocket server = server(r, p);
            Link link = link(r, p, server);
            SctpOptions.RtoInfo before = link.client().getOption(SctpOptions.SCTP_RTOINFO);
            SctpOptions.RtoInfo one = new SctpOptions.RtoInfo(2000, 40000, 700);
            link.client().setOption(SctpOptions.SCTP_RTOINFO, one, link.clientSide());
            assertEquals(one, link.client().getOption(SctpOptions.SCTP_RTOINFO, link.clientSide()),
                    "per-association round trip");
            assertEquals(before, link.client().getOption(SctpOptions.SCTP_RTOINFO),
                    "the socket-wide value is untouched by a per-association set");
            assertThrows(IllegalArgumentException.class, () -> new SctpOptions.RtoInfo(1000, 500, 900));
            o.note("socket-wide default " + before);
        }
    }

    @Test
    void SCTP_ASSOCINFO_round_trip_socket_wide_and_for_one_association(Observed o) throws Exception {
        if (!supportedOrRefused(SctpOptions.SCTP_ASSOCINFO, o)) {
            return;
        }
        SctpProvider p = provider();
        try (Cleanup r = new Cleanup()) {
            SctpMultiSocket s = fresh(r, p);
            s.setOption(SctpOptions.SCTP_ASSOCINFO, SctpOptions.AssocInfo.of(7, 30000));
            SctpOptions.AssocInfo got = s.getOption(SctpOptions.SCTP_ASSOCINFO);
            assertEquals(7, got.maxRetransmissions(), "socket-wide sasoc_asocmaxrxt");
            assertEquals(30000, got.cookieLifeMillis(), "socket-wide sasoc_cookie_life");
            SctpMultiSocket server = server(r, p);
            Link link = link(r, p, server);
            link.client().setOption(SctpOptions.SCTP_ASSOCINFO, SctpOptions.AssocInfo.of(4, 0), link.clientSide());
            SctpOptions.AssocInfo one = link.client().getOption(SctpOptions.SCTP_ASSOCINFO, link.clientSide());
            assertEquals(4, one.maxRetransmissions(), "per-association sasoc_asocmaxrxt");
            assertEquals(1, one.peerDestinations(), "one peer address");
            assertTrue(one.peerReceiveWindow() > 0, "the peer's window " + one.peerReceiveWindow());
            o.note("association: " + one);
        }
    }

    @Test
    void SCTP_PEER_ADDR_PARAMS_round_trip_socket_wide_for_one_association_and_per_peer_address(Observed o)
            throws Exception {
        if (!supportedOrRefused(SctpOptions.SCTP_PEER_ADDR_PARAMS, o)) {
            return;
        }
        SctpProvider p = provider();
        try (Cleanup r = new Cleanup()) {
            SctpMultiSocket s = fresh(r, p);
            SctpOptions.PeerAddressParams wide = new SctpOptions.PeerAddressParams(null, 7000, 6);
            s.setOption(SctpOptions.SCTP_PEER_ADDR_PARAMS, wide);
            assertEquals(wide, s.getOption(SctpOptions.SCTP_PEER_ADDR_PARAMS), "socket-wide round trip");
            SctpMultiSocket server = server(r, p);
            Link link = link(r, p, server);
            SctpOptions.PeerAddressParams all = new SctpOptions.PeerAddressParams(null, 5000, 4);
            link.client().setOption(SctpOptions.SCTP_PEER_ADDR_PARAMS, all, link.clientSide());
            assertEquals(all, link.client().getOption(SctpOptions.SCTP_PEER_ADDR_PARAMS, link.clientSide()),
                    "per-association round trip");
            link.client().setOption(SctpOptions.SCTP_PEER_ADDR_PARAMS,
                    new SctpOptions.PeerAddressParams(address(server), 6000, 3), link.clientSide());
            SctpException e = o.expect(SctpError.INVALID_ARGUMENT, "PEER_ADDR_PARAMS of an address that is not the peer's",
                    () -> {
                        link.client().setOption(SctpOptions.SCTP_PEER_ADDR_PARAMS, new SctpOptions.PeerAddressParams(
                                new InetSocketAddress(LOOPBACK, 1), 6000, 3), link.clientSide());
                        return null;
                    });
            o.note("per peer address: set for " + address(server) + "; a foreign address: " + e.errnoName() + " -> "
                    + e.error());
            ByteBuffer buf = ByteBuffer.allocateDirect(Associations.BUFFER);
            send(link.client(), link.clientSide(), 0, text("after PEER_ADDR_PARAMS"));
            nextData(server, buf, "a message after the parameters changed");
            assertEquals("after PEER_ADDR_PARAMS", text(buf));
        }
    }

    @Test
    void SCTP_PRIMARY_ADDR_round_trip_on_a_two_address_association(Observed o) throws Exception {
        if (!supportedOrRefused(SctpOptions.SCTP_PRIMARY_ADDR, o)) {
            return;
        }
        SctpProvider p = provider();
        InetAddress second = InetAddress.getByName("127.0.0.2");
        try (Cleanup r = new Cleanup()) {
            SctpMultiSocket server = fresh(r, p);
            server.bind(List.of(new InetSocketAddress(LOOPBACK, 0), new InetSocketAddress(second, 0))).listen();
            Link link = link(r, p, server);
            InetSocketAddress first = address(server);
            InetSocketAddress other = new InetSocketAddress(second, first.getPort());
            List<InetSocketAddress> peers = link.client().peerAddresses(link.clientSide());
            assertTrue(peers.contains(first) && peers.contains(other), "two peer paths: " + peers);
            assertEquals(first, link.client().getOption(SctpOptions.SCTP_PRIMARY_ADDR, link.clientSide()),
                    "the primary is the address connected to");
            link.client().setOption(SctpOptions.SCTP_PRIMARY_ADDR, other, link.clientSide());
            assertEquals(other, link.client().getOption(SctpOptions.SCTP_PRIMARY_ADDR, link.clientSide()),
                    "the primary after setting it to the second address");
            SctpException e = o.expect(SctpError.INVALID_ARGUMENT, "PRIMARY_ADDR to an address that is not the peer's",
                    () -> {
                        link.client().setOption(SctpOptions.SCTP_PRIMARY_ADDR,
                                new InetSocketAddress(InetAddress.getByName("127.0.0.3"), first.getPort()),
                                link.clientSide());
                        return null;
                    });
            assertEquals(other, link.client().getOption(SctpOptions.SCTP_PRIMARY_ADDR, link.clientSide()),
                    "a refused set leaves the primary");
            ByteBuffer buf = ByteBuffer.allocateDirect(Associations.BUFFER);
            send(link.client(), link.clientSide(), 0, text("over the new primary"));
            nextData(server, buf, "a message after the primary changed");
            assertEquals("over the new primary", text(buf));
            o.note("peer paths " + peers + "; a foreign address: " + e.errnoName() + " -> " + e.error()
                    + "; that traffic moves to the new primary is checked on two veth paths by the MultiHoming group");
        }
    }

    @Test
    void SCTP_SET_PEER_PRIMARY_ADDR_is_set_only_and_a_refusal_leaves_the_association_up(Observed o) throws Exception {
        if (!supportedOrRefused(SctpOptions.SCTP_SET_PEER_PRIMARY_ADDR, o)) {
            return;
        }
        SctpProvider p = provider();
        try (Cleanup r = new Cleanup()) {
            SctpMultiSocket server = server(r, p);
            Link link = link(r, p, server);
            SctpException get = o.expect(SctpError.INVALID_ARGUMENT, "getOption(SCTP_SET_PEER_PRIMARY_ADDR)",
                    () -> link.client().getOption(SctpOptions.SCTP_SET_PEER_PRIMARY_ADDR, link.clientSide()));
            assertEquals(0, get.errno(), "set only: refused before any native call");
            try {
                link.client().setOption(SctpOptions.SCTP_SET_PEER_PRIMARY_ADDR, link.clientAddress(), link.clientSide());
                o.note("SET_PEER_PRIMARY_ADDR accepted (the peer was asked by ASCONF)");
            } catch (SctpException e) {
                o.error(e);
                o.note("SET_PEER_PRIMARY_ADDR refused: " + e.errnoName() + " -> " + e.error()
                        + " (ASCONF is off by default on Linux: net.sctp.addip_enable=0)");
            }
            ByteBuffer buf = ByteBuffer.allocateDirect(Associations.BUFFER);
            send(link.client(), link.clientSide(), 0, text("still up"));
            nextData(server, buf, "a message after SET_PEER_PRIMARY_ADDR");
            assertEquals("still up", text(buf));
        }
    }

    @Test
    void SCTP_MAXSEG_round_trip_socket_wide_and_for_one_association(Observed o) throws Exception {
        if (!supportedOrRefused(SctpOptions.SCTP_MAXSEG, o)) {
            return;
        }
        SctpProvider p = provider();
        try (Cleanup r = new Cleanup()) {
            SctpMultiSocket s = fresh(r, p);
            s.setOption(SctpOptions.SCTP_MAXSEG, 1200);
            assertEquals(1200, s.getOption(SctpOptions.SCTP_MAXSEG), "socket-wide round trip");
            SctpMultiSocket server = server(r, p);
            Link link = link(r, p, server);
            link.client().setOption(SctpOptions.SCTP_MAXSEG, 1000, link.clientSide());
            int got = link.client().getOption(SctpOptions.SCTP_MAXSEG, link.clientSide());
            assertTrue(got > 0 && got <= 1000, "the association's fragmentation point after MAXSEG 1000: " + got);
            assertThrows(IllegalArgumentException.class, () -> s.setOption(SctpOptions.SCTP_MAXSEG, -1));
            o.note("association fragmentation point after MAXSEG 1000: " + got);
        }
    }

    @Test
    void SCTP_DISABLE_FRAGMENTS_refuses_a_message_above_the_fragmentation_point_and_the_association_survives(
            Observed o) throws Exception {
        if (!supportedOrRefused(SctpOptions.SCTP_DISABLE_FRAGMENTS, o)) {
            return;
        }
        SctpProvider p = provider();
        try (Cleanup r = new Cleanup()) {
            SctpMultiSocket server = server(r, p);
            Link link = link(r, p, server);
            SctpMultiSocket c = link.client();
            // loopback's MTU is 65536: a small fragmentation point (MAXSEG) keeps the messages small
            int big;
            if (p.supportsOption(SctpOptions.SCTP_MAXSEG)) {
                c.setOption(SctpOptions.SCTP_MAXSEG, 1000, link.clientSide());
                big = 1500;
            } else {
                big = 70000;
            }
            c.setOption(SctpOptions.SCTP_DISABLE_FRAGMENTS, true);
            assertEquals(true, c.getOption(SctpOptions.SCTP_DISABLE_FRAGMENTS));
            SctpException e = o.expect(SctpError.MESSAGE_TOO_LARGE, big + " bytes with fragmentation disabled",
                    () -> c.send(ByteBuffer.allocate(big), MessageInfo.to(link.clientSide(), 0)));
            ByteBuffer buf = ByteBuffer.allocateDirect(Associations.BUFFER);
            send(c, link.clientSide(), 0, text("small"));
            nextData(server, buf, "a small message after the refused one");
            assertEquals("small", text(buf), "the association survives");
            c.setOption(SctpOptions.SCTP_DISABLE_FRAGMENTS, false);
            assertEquals(false, c.getOption(SctpOptions.SCTP_DISABLE_FRAGMENTS));
            c.send(ByteBuffer.allocate(big), MessageInfo.to(link.clientSide(), 0));
            int bytes = 0;
            while (true) {
                SctpData d = nextData(server, buf, "the " + big + "-byte message, fragmented");
                bytes += d.bytes();
                if (d.complete()) {
                    break;
                }
            }
            assertEquals(big, bytes, "the same message goes through with fragmentation on");
            o.note(big + " bytes refused with fragments disabled (" + e.errnoName() + " -> " + e.error()
                    + "), delivered with them enabled");
        }
    }

    @Test
    void SCTP_FRAGMENT_INTERLEAVE_round_trip(Observed o) throws Exception {
        if (!supportedOrRefused(SctpOptions.SCTP_FRAGMENT_INTERLEAVE, o)) {
            return;
        }
        try (Cleanup r = new Cleanup()) {
            SctpMultiSocket s = fresh(r, provider());
            s.setOption(SctpOptions.SCTP_FRAGMENT_INTERLEAVE, 1);
            assertEquals(1, s.getOption(SctpOptions.SCTP_FRAGMENT_INTERLEAVE));
            s.setOption(SctpOptions.SCTP_FRAGMENT_INTERLEAVE, 0);
            assertEquals(0, s.getOption(SctpOptions.SCTP_FRAGMENT_INTERLEAVE));
            assertThrows(IllegalArgumentException.class, () -> s.setOption(SctpOptions.SCTP_FRAGMENT_INTERLEAVE, 3));
        }
    }

    @Test
    void SCTP_PARTIAL_DELIVERY_POINT_round_trip(Observed o) throws Exception {
        if (!supportedOrRefused(SctpOptions.SCTP_PARTIAL_DELIVERY_POINT, o)) {
            return;
        }
        try (Cleanup r = new Cleanup()) {
            SctpMultiSocket s = fresh(r, provider());
            s.setOption(SctpOptions.SCTP_PARTIAL_DELIVERY_POINT, 4096);
            assertEquals(4096, s.getOption(SctpOptions.SCTP_PARTIAL_DELIVERY_POINT));
            assertThrows(IllegalArgumentException.class, () -> s.setOption(SctpOptions.SCTP_PARTIAL_DELIVERY_POINT, -1));
        }
    }

    @Test
    void SCTP_DEFAULT_SEND_PARAM_round_trip_socket_wide_and_for_one_association(Observed o) throws Exception {
        if (!supportedOrRefused(SctpOptions.SCTP_DEFAULT_SEND_PARAM, o)) {
            return;
        }
        SctpProvider p = provider();
        try (Cleanup r = new Cleanup()) {
            SctpMultiSocket s = fresh(r, p);
            SctpOptions.SendParams wide = new SctpOptions.SendParams(2, 3, true, 0, 9);
            s.setOption(SctpOptions.SCTP_DEFAULT_SEND_PARAM, wide);
            assertEquals(wide, s.getOption(SctpOptions.SCTP_DEFAULT_SEND_PARAM), "socket-wide round trip");
            SctpMultiSocket server = server(r, p);
            Link link = link(r, p, server);
            SctpOptions.SendParams one = new SctpOptions.SendParams(1, 46, false, 0, 7);
            link.client().setOption(SctpOptions.SCTP_DEFAULT_SEND_PARAM, one, link.clientSide());
            assertEquals(one, link.client().getOption(SctpOptions.SCTP_DEFAULT_SEND_PARAM, link.clientSide()),
                    "per-association round trip");
        }
    }

    @Test
    void SO_LINGER_0_close_of_a_peeled_socket_makes_the_peer_see_ABORT(Observed o) throws Exception {
        if (!supportedOrRefused(SctpOptions.SO_LINGER, o)) {
            return;
        }
        SctpProvider p = provider();
        try (Cleanup r = new Cleanup()) {
            SctpMultiSocket server = server(r, p);
            Link link = link(r, p, server);
            SctpSocket peeled = r.add(server.peelOff(link.serverSide()));
            peeled.abort();
            assertFalse(peeled.isOpen(), "abort() closes the socket");
            AssociationChange lost = awaitChange(link.client(), link);
            assertEquals(AssociationChange.State.COMMUNICATION_LOST, lost.state(),
                    "the peer sees ABORT: COMMUNICATION_LOST, not a graceful SHUTDOWN_COMPLETE");
            o.note("peer's event after SO_LINGER {on, 0} + close: " + lost);
        }
    }

    @Test
    void shutdown_of_a_peeled_socket_delivers_what_is_queued_then_the_peer_sees_SHUTDOWN(Observed o)
            throws Exception {
        SctpProvider p = provider();
        try (Cleanup r = new Cleanup()) {
            SctpMultiSocket server = server(r, p);
            Link link = link(r, p, server);
            SctpSocket peeled = r.add(server.peelOff(link.serverSide()));
            send(peeled, 0, text("last words"));
            peeled.shutdown();
            ByteBuffer buf = ByteBuffer.allocateDirect(Associations.BUFFER);
            assertEquals("last words", dataThenShutdown(link, buf), "what was queued arrives before SHUTDOWN");
            SctpException after = o.failure("send after shutdown()", () -> peeled.send(text("too late"), 0));
            o.note("send after shutdown(): " + after.errnoName() + " -> " + after.error());
            ByteBuffer pb = ByteBuffer.allocateDirect(Associations.BUFFER);
            AssociationChange end = null;
            while (end == null) {
                SctpReceived got = next(peeled, pb, "the peeled socket's SHUTDOWN_COMPLETE");
                if (got instanceof AssociationChange c) {
                    end = c;
                }
            }
            assertEquals(AssociationChange.State.SHUTDOWN_COMPLETE, end.state(), "the peeled socket's association ends");
            o.expect(SctpError.NOT_CONNECTED, "receive after the association ended", () -> peeled.receive(pb.clear()));
        }
    }

    @Test
    void shutdown_of_a_one_to_one_socket_makes_the_peer_see_SHUTDOWN(Observed o) throws Exception {
        SctpProvider p = provider();
        if (!p.capabilities().oneToOneSockets()) {
            o.note("this OS documents no one-to-one sockets: shutdown() is checked on peeled sockets only");
            assertThrows(SctpException.class, () -> SctpSocket.open(p, StandardProtocolFamily.INET).close());
            return;
        }
        try (Cleanup r = new Cleanup()) {
            SctpMultiSocket server = server(r, p);
            SctpSocket c = r.add(SctpSocket.open(p, StandardProtocolFamily.INET));
            c.bind(new InetSocketAddress(LOOPBACK, 0)).connect(address(server));
            ByteBuffer buf = ByteBuffer.allocateDirect(Associations.BUFFER);
            AssociationChange up = null;
            while (up == null) {
                if (next(server, buf, "the server's COMMUNICATION_UP") instanceof AssociationChange a
                        && a.state() == AssociationChange.State.COMMUNICATION_UP) {
                    up = a;
                }
            }
            send(c, 0, text("before shutdown"));
            c.shutdown();
            boolean data = false;
            ShutdownEvent seen = null;
            while (seen == null) {
                SctpReceived got = next(server, buf, "data, then the SHUTDOWN event");
                if (got instanceof SctpData) {
                    assertEquals("before shutdown", text(buf.flip()));
                    data = true;
                } else if (got instanceof ShutdownEvent s) {
                    seen = s;
                }
            }
            assertTrue(data, "what was queued before shutdown() arrives before the SHUTDOWN event");
            assertEquals(up.association(), seen.association(), "SHUTDOWN for the one-to-one socket's association");
        }
    }

    /** Reads the client until its association change for the link's association. */
    private static AssociationChange awaitChange(SctpMultiSocket client, Link link) throws SctpException {
        ByteBuffer buf = ByteBuffer.allocateDirect(Associations.BUFFER);
        while (true) {
            SctpReceived got = next(client, buf, "the client's association change");
            if (got instanceof AssociationChange c && c.association().equals(link.clientSide())) {
                return c;
            }
        }
    }

    /** The peer's view of a graceful end: the queued data, then SHUTDOWN. */
    private static String dataThenShutdown(Link link, ByteBuffer buf) throws SctpException {
        String data = null;
        while (true) {
            SctpReceived got = next(link.client(), buf, "the last data, then the SHUTDOWN event");
            if (got instanceof SctpData) {
                data = text(buf.flip());
            } else if (got instanceof ShutdownEvent s) {
                if (data == null) {
                    throw new AssertionFailedError("SHUTDOWN arrived before the data queued ahead of it");
                }
                assertEquals(link.clientSide(), s.association(), "SHUTDOWN for the peeled association");
                return data;
            }
        }
    }
}
