/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peeloff.compat.Associations.BUFFER;
import static org.peeloff.compat.Associations.LOOPBACK;
import static org.peeloff.compat.Associations.address;
import static org.peeloff.compat.Associations.link;
import static org.peeloff.compat.Associations.next;
import static org.peeloff.compat.Associations.nextData;
import static org.peeloff.compat.Associations.send;
import static org.peeloff.compat.Associations.server;
import static org.peeloff.compat.Associations.text;

import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.peeloff.AdaptationIndication;
import org.peeloff.AssociationChange;
import org.peeloff.AssociationId;
import org.peeloff.SctpError;
import org.peeloff.SctpEventType;
import org.peeloff.SctpException;
import org.peeloff.SctpMultiSocket;
import org.peeloff.SctpNotification;
import org.peeloff.SctpReceived;
import org.peeloff.SenderDry;
import org.peeloff.ShutdownEvent;
import org.peeloff.compat.Associations.Cleanup;
import org.peeloff.compat.Associations.Link;
import org.peeloff.spi.SctpProvider;
import org.peeloff.spi.SocketOption;

/**
 * TCK group: notifications and the event subscription (RFC 6458 section 6), on the provider's kernel
 * (or ABI personality) with the provider on both ends. Peer address change and send failed on cut
 * paths are {@link MultiHomingCases}; send failed on an expired time-to-live and partial delivery aborted
 * are {@link DeliveryFailureCases}. Hooked into {@link SctpProviderTck} by its {@code Notifications}
 * group; each kind's case is a row of the semantics report.
 */
public abstract class NotificationCases extends TckGroup {
    /**
     * @param tck the TCK instance whose provider is under test
     */
    protected NotificationCases(SctpProviderTck tck) {
        super(tck);
    }

    /** The next notification matching {@code want}, skipping data and other notifications (kept in {@code seen}). */
    private static SctpNotification await(SctpMultiSocket s, String what, Predicate<SctpNotification> want,
                                          List<SctpReceived> seen) throws SctpException {
        ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
        while (true) {
            SctpReceived r = next(s, buf, what + " (seen so far: " + seen + ")");
            seen.add(r);
            if (r instanceof SctpNotification n && want.test(n)) {
                return n;
            }
        }
    }

    @Test
    void a_new_socket_is_subscribed_to_association_change_and_shutdown_by_default(Observed o) throws Exception {
        try (Cleanup r = new Cleanup()) {
            SctpMultiSocket s = r.add(SctpMultiSocket.open(provider(), StandardProtocolFamily.INET));
            assertEquals(SctpEventType.defaults(), s.subscriptions(), "subscriptions() of a new one-to-many socket");
            o.note("default subscription: " + s.subscriptions());
        }
    }

    @Test
    void every_kind_is_subscribed_where_the_provider_delivers_it_and_refused_UNSUPPORTED_naming_it_elsewhere(
            Observed o) throws Exception {
        Set<SctpEventType> delivered = provider().capabilities().notifications();
        assertTrue(delivered.containsAll(SctpEventType.defaults()), "capabilities().notifications() " + delivered
                + " lacks the defaults");
        try (Cleanup r = new Cleanup()) {
            SctpMultiSocket s = r.add(SctpMultiSocket.open(provider(), StandardProtocolFamily.INET));
            for (SctpEventType kind : SctpEventType.values()) {
                EnumSet<SctpEventType> want = EnumSet.copyOf(SctpEventType.defaults());
                want.add(kind);
                if (delivered.contains(kind)) {
                    s.setSubscriptions(want);
                    assertEquals(want, s.subscriptions(), "subscriptions() after subscribing " + kind);
                    s.unsubscribe(kind);
                    Set<SctpEventType> after = s.subscriptions();
                    EnumSet<SctpEventType> expected = EnumSet.copyOf(want);
                    expected.remove(kind);
                    assertEquals(expected, after, "subscriptions() after unsubscribing " + kind);
                    s.setSubscriptions(SctpEventType.defaults());
                    o.note(kind + ": delivered (subscribe/unsubscribe round trip through the kernel's struct)");
                } else {
                    SctpException e = o.expect(SctpError.UNSUPPORTED, "subscribe(" + kind + ")", () -> {
                        s.subscribe(kind);
                        return null;
                    });
                    assertTrue(e.getMessage().contains(kind.name()), "the refusal names " + kind + ": " + e.getMessage());
                    assertEquals(SctpEventType.defaults(), s.subscriptions(), "the refusal changed nothing");
                    o.note(kind + ": not delivered on this OS, refused UNSUPPORTED");
                }
            }
        }
    }

    @Test
    void an_unsubscribed_event_is_not_delivered_while_a_subscribed_one_is(Observed o) throws Exception {
        SctpProvider p = provider();
        for (boolean shutdownOn : new boolean[] {false, true}) {
            try (Cleanup r = new Cleanup()) {
                SctpMultiSocket server = server(r, p);
                server.setSubscriptions(shutdownOn ? EnumSet.of(SctpEventType.ASSOCIATION_CHANGE, SctpEventType.SHUTDOWN)
                        : EnumSet.of(SctpEventType.ASSOCIATION_CHANGE));
                Link l = link(r, p, server);
                l.client().close(); // graceful: the server sees SHUTDOWN, then SHUTDOWN_COMPLETE
                List<SctpReceived> seen = new ArrayList<>();
                await(server, "the server's SHUTDOWN_COMPLETE", n -> n instanceof AssociationChange c
                        && c.state() == AssociationChange.State.SHUTDOWN_COMPLETE, seen);
                boolean sawShutdown = seen.stream().anyMatch(ShutdownEvent.class::isInstance);
                assertEquals(shutdownOn, sawShutdown, (shutdownOn ? "subscribed" : "unsubscribed")
                        + " SHUTDOWN: what the server received before SHUTDOWN_COMPLETE: " + seen);
            }
        }
        o.note("SHUTDOWN unsubscribed: not delivered; subscribed: delivered; ASSOCIATION_CHANGE delivered both times");
    }

    @Test
    void sender_dry_is_delivered_once_the_send_queue_is_empty(Observed o) throws Exception {
        assumeDelivers(SctpEventType.SENDER_DRY);
        SctpProvider p = provider();
        try (Cleanup r = new Cleanup()) {
            SctpMultiSocket server = server(r, p);
            Link l = link(r, p, server);
            l.client().subscribe(SctpEventType.SENDER_DRY);
            List<SctpReceived> seen = new ArrayList<>();
            // subscribing with nothing queued may itself report dry (Linux does): take that one first
            send(l.client(), l.clientSide(), 0, text("drain me"));
            nextData(server, ByteBuffer.allocateDirect(BUFFER), "the message on the server");
            SctpNotification dry = await(l.client(), "SENDER_DRY on the client", SenderDry.class::isInstance, seen);
            assertEquals(l.clientSide(), dry.association(), "SENDER_DRY's association");
            o.note("SENDER_DRY delivered (a kernel may also report one at once when subscribed with nothing queued); "
                    + seen.size() + " item(s) read up to it");
            // and the subscription was honoured: without it, nothing more arrives after the next message
            l.client().unsubscribe(SctpEventType.SENDER_DRY);
            send(l.client(), l.clientSide(), 0, text("again"));
            nextData(server, ByteBuffer.allocateDirect(BUFFER), "the second message on the server");
            send(server, l.serverSide(), 0, text("reply"));
            ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
            while (true) {
                SctpReceived x = next(l.client(), buf, "the reply on the client");
                assertFalse(x instanceof SenderDry, "SENDER_DRY delivered after unsubscribing: " + x);
                if (x instanceof org.peeloff.SctpData) {
                    assertEquals("reply", text(buf.flip()), "the reply");
                    break;
                }
            }
        }
    }

    @Test
    void adaptation_indication_carries_the_indication_the_peer_set(Observed o) throws Exception {
        assumeDelivers(SctpEventType.ADAPTATION_INDICATION);
        SctpProvider p = provider();
        int indication = 0x0a0b0c0d;
        try (Cleanup r = new Cleanup()) {
            SctpMultiSocket server = server(r, p);
            server.subscribe(SctpEventType.ADAPTATION_INDICATION);
            SctpMultiSocket client = r.add(SctpMultiSocket.open(p, StandardProtocolFamily.INET));
            client.bind(new InetSocketAddress(LOOPBACK, 0));
            p.setOption(client.rawDescriptor(), SocketOption.ADAPTATION_LAYER, indication);
            assertEquals(indication, p.getOption(client.rawDescriptor(), SocketOption.ADAPTATION_LAYER),
                    "SCTP_ADAPTATION_LAYER read back");
            client.connect(address(server));
            List<SctpReceived> seen = new ArrayList<>();
            SctpNotification n = await(server, "ADAPTATION_INDICATION on the server",
                    AdaptationIndication.class::isInstance, seen);
            AdaptationIndication a = (AdaptationIndication) n;
            assertEquals(indication, a.indication(), "the indication the client set");
            AssociationId up = seen.stream().filter(x -> x instanceof AssociationChange c
                    && c.state() == AssociationChange.State.COMMUNICATION_UP).map(x -> ((AssociationChange) x).association())
                    .findFirst().orElse(null);
            if (up != null) {
                assertEquals(up, a.association(), "the indication's association is the one that came up");
            }
            o.note("ADAPTATION_INDICATION 0x" + Integer.toHexString(a.indication()) + " after " + seen.size() + " item(s)");
        }
    }
}
