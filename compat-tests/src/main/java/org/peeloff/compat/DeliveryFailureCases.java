/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peeloff.compat.Associations.link;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.peeloff.AssociationChange;
import org.peeloff.MessageInfo;
import org.peeloff.PartialDeliveryAborted;
import org.peeloff.SctpData;
import org.peeloff.SctpError;
import org.peeloff.SctpEventType;
import org.peeloff.SctpException;
import org.peeloff.SctpMultiSocket;
import org.peeloff.SctpOptions;
import org.peeloff.SctpReceived;
import org.peeloff.SendFailed;
import org.peeloff.compat.Associations.Cleanup;
import org.peeloff.compat.Associations.Link;
import org.peeloff.spi.SctpProvider;

/**
 * TCK group: data the kernel gives up on, on loopback with the provider on both ends. A message with a
 * time-to-live (PR-SCTP, RFC 3758) that expires before the peer has room for it comes back as
 * {@link SendFailed} with its bytes; a partial delivery cut by an ABORT ends with
 * {@link PartialDeliveryAborted}. Hooked into {@link SctpProviderTck} by its {@code DeliveryFailures}
 * group.
 *
 * <p>Not here, and why. {@code REMOTE_ERROR} needs a peer that sends an ERROR chunk; the causes a Linux
 * kernel puts in one (an invalid stream identifier, an unrecognized parameter or chunk, a stale cookie)
 * are answers to packets that a conforming sender never makes: Linux refuses a send on a stream the peer
 * did not grant before anything reaches the wire, and an unknown chunk or parameter needs a hand-made
 * packet (a raw socket, its verification tag and CRC32c), which the TCK does not forge. The record and
 * its parsing are covered by the providers' pure-Java notification tests.
 */
public abstract class DeliveryFailureCases extends TckGroup {
    private static final Duration WAIT = Duration.ofSeconds(60);

    /**
     * @param tck the TCK instance whose provider is under test
     */
    protected DeliveryFailureCases(SctpProviderTck tck) {
        super(tck);
    }

    /** A small receive buffer on a listening server: its associations offer a small window. */
    private static SctpMultiSocket smallWindowServer(Cleanup r, SctpProvider p) throws SctpException {
        SctpMultiSocket s = r.add(SctpMultiSocket.open(p, java.net.StandardProtocolFamily.INET));
        s.setReceiveBufferSize(4096);
        s.bind(new java.net.InetSocketAddress(Associations.LOOPBACK, 0)).listen();
        return s;
    }

    private static ByteBuffer numbered(int i, int size) {
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putInt(0, 0x7E1A7E1A).putInt(4, i);
        for (int k = 8; k < size; k++) {
            b.put(k, (byte) (i + k));
        }
        return b;
    }

    /** @return the message's number, or -1 when the bytes are not one of {@link #numbered}'s */
    private static int number(ByteBuffer data, int size) {
        if (data.remaining() != size || data.getInt(data.position()) != 0x7E1A7E1A) {
            return -1;
        }
        int i = data.getInt(data.position() + 4);
        for (int k = 8; k < size; k++) {
            if (data.get(data.position() + k) != (byte) (i + k)) {
                return -1;
            }
        }
        return i;
    }

    @Test
    void a_message_whose_time_to_live_expires_unsent_comes_back_as_SEND_FAILED_with_its_bytes_or_is_refused_UNSUPPORTED(
            Observed o) throws Exception {
        SctpProvider p = provider();
        int count = 40;
        int size = 1000;
        int ttl = 300;
        try (Cleanup r = new Cleanup()) {
            SctpMultiSocket server = smallWindowServer(r, p);
            Link l = link(r, p, server);
            SctpMultiSocket client = l.client();
            MessageInfo timed = MessageInfo.to(l.clientSide(), 0).withPayloadProtocolId(46).withTimeToLive(ttl);
            try {
                client.send(numbered(0, size), timed);
            } catch (SctpException e) {
                if (e.error() != SctpError.UNSUPPORTED) {
                    throw e;
                }
                assertEquals(0, e.errno(), "refused before any native call: " + e.getMessage());
                assertTrue(p.capabilities().unsupported().stream().anyMatch(u -> u.contains("timeToLive")),
                        "capabilities().unsupported() says the provider has no time-to-live: "
                                + p.capabilities().unsupported());
                o.error(e);
                o.note("time-to-live (PR-SCTP) not supported by this provider on this OS: refused UNSUPPORTED before any "
                        + "native call (" + e.getMessage() + "), listed in capabilities().unsupported()");
                return;
            }
            assumeDelivers(SctpEventType.SEND_FAILED);
            client.subscribe(SctpEventType.SEND_FAILED);
            if (p.supportsOption(SctpOptions.SCTP_RTOINFO)) {
                // a bounded back-off: the zero-window probes that find the expired messages come within a second
                client.setOption(SctpOptions.SCTP_RTOINFO, new SctpOptions.RtoInfo(0, 1000, 200), l.clientSide());
            }
            // the server does not read: its window fills, the rest waits in the client's queue and expires there
            for (int i = 1; i < count; i++) {
                int n = client.send(numbered(i, size), timed);
                assertEquals(size, n, "a blocking send sends the whole message");
            }
            Set<Integer> failed = new TreeSet<>();
            List<String> seen = new ArrayList<>();
            ByteBuffer buf = ByteBuffer.allocateDirect(Associations.BUFFER);
            long end = System.nanoTime() + WAIT.toNanos();
            long quietSince = System.nanoTime();
            // read SEND_FAILED until there has been none for 3 s after the first
            while (true) {
                if (p.poll(client.rawDescriptor(), false, 200)) {
                    SctpReceived x = client.receive(buf.clear());
                    if (x instanceof SendFailed f) {
                        assertEquals(l.clientSide(), f.association(), "SEND_FAILED's association");
                        assertEquals(0, f.stream(), "SEND_FAILED's stream");
                        assertEquals(46, f.payloadProtocolId(), "SEND_FAILED's payload protocol id");
                        int i = number(f.data(), size);
                        assertTrue(i > 0 && i < count, "SEND_FAILED hands back one of the timed messages whole: "
                                + f.data().remaining() + " bytes, number " + i);
                        assertTrue(failed.add(i), "message " + i + " reported failed twice");
                        if (seen.size() < 3) {
                            seen.add("sent=" + f.sent() + " error=" + f.error());
                        }
                        quietSince = System.nanoTime();
                    } else if (x instanceof AssociationChange c && c.state() != AssociationChange.State.COMMUNICATION_UP) {
                        throw new AssertionFailedError("the association changed while messages expired: " + c);
                    }
                    continue;
                }
                if (!failed.isEmpty() && System.nanoTime() - quietSince > 3_000_000_000L) {
                    break;
                }
                if (System.nanoTime() - end > 0) {
                    throw new AssertionFailedError("no SEND_FAILED within " + WAIT.toSeconds() + " s for " + count
                            + " messages with a time-to-live of " + ttl + " ms to a peer that does not read; "
                            + "failed so far: " + failed);
                }
            }
            // now the server reads: nothing reported failed arrives, and what arrives is whole and in order
            List<Integer> delivered = new ArrayList<>();
            ByteBuffer in = ByteBuffer.allocateDirect(Associations.BUFFER);
            while (p.poll(server.rawDescriptor(), false, 2000)) {
                SctpReceived x = server.receive(in.clear());
                if (x instanceof SctpData d) {
                    in.flip();
                    assertTrue(d.complete(), "a whole message: " + d);
                    int i = number(in, size);
                    assertTrue(i >= 0, "a delivered message is one of ours, whole");
                    assertFalse(failed.contains(i), "message " + i + " was reported failed and still delivered");
                    delivered.add(i);
                }
            }
            for (int k = 1; k < delivered.size(); k++) {
                assertTrue(delivered.get(k) > delivered.get(k - 1), "delivered in order: " + delivered);
            }
            o.note(count + " messages of " + size + " bytes, time-to-live " + ttl + " ms, peer window from a 4 KiB "
                    + "receive buffer: " + failed.size() + " came back as SEND_FAILED (first: " + seen + "), "
                    + delivered.size() + " delivered, " + (count - failed.size() - delivered.size())
                    + " neither delivered nor reported (abandoned after being sent, as a window probe)");
        }
    }

    @Test
    void an_ABORT_during_a_partial_delivery_gives_PARTIAL_DELIVERY_ABORTED(Observed o) throws Exception {
        assumeDelivers(SctpEventType.PARTIAL_DELIVERY);
        SctpProvider p = provider();
        Assumptions.assumeTrue(p.supportsOption(SctpOptions.SCTP_PARTIAL_DELIVERY_POINT), "provider '" + p.id()
                + "' on " + p.capabilities().os() + " cannot set SCTP_PARTIAL_DELIVERY_POINT: without it a partial "
                + "delivery starts where the OS decides, and the TCK cannot start one on demand");
        // larger than two fragments on loopback (whose MTU is 64 KiB): the window stops it after the first
        int size = 160 * 1024;
        try (Cleanup r = new Cleanup()) {
            SctpMultiSocket server = smallWindowServer(r, p);
            server.subscribe(SctpEventType.PARTIAL_DELIVERY);
            server.setOption(SctpOptions.SCTP_PARTIAL_DELIVERY_POINT, 1024);
            String point = "SCTP_PARTIAL_DELIVERY_POINT 1024";
            Link l = link(r, p, server);
            l.client().setSendBufferSize(1024 * 1024);
            ByteBuffer big = ByteBuffer.allocate(size);
            for (int k = 0; k < size; k++) {
                big.put(k, (byte) k);
            }
            // a blocking send would wait for the window the server never opens: the sender is a thread
            Thread sender = new Thread(() -> {
                try {
                    l.client().send(big, MessageInfo.to(l.clientSide(), 0));
                } catch (SctpException e) {
                    // the abort below ends it; what matters is the receiver's side
                }
            }, "pd-sender");
            sender.setDaemon(true);
            sender.start();
            ByteBuffer piece = ByteBuffer.allocateDirect(2048);
            SctpReceived first;
            do {
                first = Associations.next(server, piece, "the first piece of the 160 KiB message");
            } while (!(first instanceof SctpData));
            SctpData d = (SctpData) first;
            assertFalse(d.complete(), "the first piece of a 160 KiB message is not complete: " + d);
            int got = piece.position();
            l.client().abort(l.clientSide());
            List<String> events = new ArrayList<>();
            PartialDeliveryAborted aborted = null;
            boolean lost = false;
            ByteBuffer buf = ByteBuffer.allocateDirect(Associations.BUFFER);
            while (aborted == null || !lost) {
                SctpReceived x = Associations.next(server, buf, "PARTIAL_DELIVERY_ABORTED and COMMUNICATION_LOST after "
                        + events);
                events.add(x.getClass().getSimpleName());
                if (x instanceof SctpData more) {
                    assertFalse(more.complete(), "the message never completes: " + more);
                    got += buf.position();
                } else if (x instanceof PartialDeliveryAborted a) {
                    aborted = a;
                } else if (x instanceof AssociationChange c && c.state() == AssociationChange.State.COMMUNICATION_LOST) {
                    lost = true;
                }
            }
            sender.join(10_000);
            assertEquals(l.serverSide(), aborted.association(), "PARTIAL_DELIVERY_ABORTED's association");
            assertTrue(got < size, "only part of the message was delivered: " + got + " of " + size);
            o.note("partial delivery by " + point + ": " + got + " of " + size + " bytes delivered, then the sender's "
                    + "ABORT: " + aborted + "; server events " + events);
        }
    }
}
