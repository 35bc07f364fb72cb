/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.compat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.peeloff.AssociationChange;
import org.peeloff.AssociationId;
import org.peeloff.MessageInfo;
import org.peeloff.PeerAddressChange;
import org.peeloff.SctpEventType;
import org.peeloff.SctpException;
import org.peeloff.SctpMultiSocket;
import org.peeloff.SctpNotification;
import org.peeloff.SctpOption;
import org.peeloff.SctpOptions;
import org.peeloff.SctpReceived;
import org.peeloff.SendFailed;
import org.peeloff.compat.Associations.Cleanup;
import org.peeloff.spi.SctpProvider;

/**
 * TCK group: a multi-homed association whose paths are real links. Inside the Linux VM (root), a
 * {@link NetworkLab} puts lksctp-tools' {@code sctp_darn} in a network namespace of its own, reached from
 * the test's namespace by two veth pairs (198.18.N.1 here, 198.18.N.2 there): an association with two
 * peer paths that can be cut one at a time ({@code ip link set down}). The provider under test is the
 * client; the peer is a program this project did not write.
 *
 * <p>The failure timers are the client socket's own options, set before it connects
 * ({@code SCTP_RTOINFO} 200..600 ms, {@code SCTP_PEER_ADDR_PARAMS} heartbeat 300 ms and one path
 * retransmission, {@code SCTP_ASSOCINFO} five association retransmissions): a cut path is noticed in
 * seconds, and no sysctl of the machine changes (other groups share it). A provider that cannot set
 * them, or does not deliver the notifications, aborts the case naming what it lacks; so does a machine
 * where a lab cannot be made (not Linux, not root). Hooked into {@link SctpProviderTck} by its
 * {@code MultiHoming} group.
 */
public abstract class MultiHomingCases extends TckGroup {
    /** The peer's port inside its namespace (a fresh namespace per case: nothing else listens there). */
    private static final int PORT = 36412;
    /** How long a path failure or an association loss may take with the timers below, emulation included. */
    private static final Duration FAILURE_WAIT = Duration.ofSeconds(60);
    private static final SctpOptions.RtoInfo FAST_RTO = new SctpOptions.RtoInfo(400, 600, 200);
    private static final long HEARTBEAT_MILLIS = 300;
    private static final int PATH_MAX_RETRANS = 1;
    private static final int ASSOC_MAX_RETRANS = 5;

    /**
     * @param tck the TCK instance whose provider is under test
     */
    protected MultiHomingCases(SctpProviderTck tck) {
        super(tck);
    }

    private void assumeOption(SctpOption<?> option, String why) {
        Assumptions.assumeTrue(provider().supportsOption(option), "provider '" + provider().id() + "' on "
                + provider().capabilities().os() + " cannot set " + option.name() + " (" + why + "): "
                + provider().capabilities().unsupported());
    }

    /** The association with sctp_darn, both peer paths confirmed by heartbeats. */
    private record Homed(NetworkLab lab, NetworkLab.Path a, NetworkLab.Path b, SctpMultiSocket client,
                         AssociationId id, Path darnOut, List<SctpReceived> seen) {
        InetSocketAddress peer(NetworkLab.Path path) {
            return new InetSocketAddress(path.peer(), PORT);
        }
    }

    /**
     * Makes the lab (two paths), starts {@code sctp_darn -l} in its namespace, connects a client with the
     * fast timers to the first path's peer address, and waits until both peer paths are confirmed (a path
     * the kernel has not confirmed counts no errors: cutting it would show nothing).
     */
    private Homed homed(Cleanup r, Observed o) throws Exception {
        NetworkLab.assumeAvailable();
        Path darn = Path.of("/usr/bin/sctp_darn");
        Path stdbuf = Path.of("/usr/bin/stdbuf");
        assertTrue(Files.isExecutable(darn) && Files.isExecutable(stdbuf), "lksctp-tools' sctp_darn and coreutils' "
                + "stdbuf (the peer in the namespace) are needed: " + darn + ", " + stdbuf
                + " (harness/linux-vm installs lksctp-tools)");
        SctpProvider p = provider();
        NetworkLab lab = r.add(NetworkLab.create("homed"));
        NetworkLab.Path a = lab.addPath();
        NetworkLab.Path b = lab.addPath();
        Path out = Files.createTempFile("peeloff-darn", ".txt");
        r.add(() -> Files.deleteIfExists(out));
        // stdbuf -oL: sctp_darn writes through stdio, which would keep its lines until it exits
        Process peer = lab.exec(out, stdbuf.toString(), "-oL", darn.toString(), "-H", "0.0.0.0", "-P",
                Integer.toString(PORT), "-l");
        awaitText(out, "listening", peer, "sctp_darn listening in " + lab.namespace());

        SctpMultiSocket client = r.add(SctpMultiSocket.open(p, StandardProtocolFamily.INET));
        client.bind(new InetSocketAddress(0));
        client.setOption(SctpOptions.SCTP_RTOINFO, FAST_RTO);
        client.setOption(SctpOptions.SCTP_PEER_ADDR_PARAMS,
                new SctpOptions.PeerAddressParams(null, HEARTBEAT_MILLIS, PATH_MAX_RETRANS));
        client.setOption(SctpOptions.SCTP_ASSOCINFO, SctpOptions.AssocInfo.of(ASSOC_MAX_RETRANS, 0));
        client.setSubscriptions(EnumSet.of(SctpEventType.ASSOCIATION_CHANGE, SctpEventType.SHUTDOWN,
                SctpEventType.PEER_ADDRESS_CHANGE, SctpEventType.SEND_FAILED));
        client.connect(new InetSocketAddress(a.peer(), PORT));
        List<SctpReceived> seen = new ArrayList<>();
        AssociationChange up = (AssociationChange) await(client, "COMMUNICATION_UP with sctp_darn",
                n -> n instanceof AssociationChange c && c.state() == AssociationChange.State.COMMUNICATION_UP, seen,
                FAILURE_WAIT);
        AssociationId id = up.association();
        List<InetSocketAddress> paths = client.peerAddresses(id);
        assertEquals(Set.of(new InetSocketAddress(a.peer(), PORT), new InetSocketAddress(b.peer(), PORT)),
                Set.copyOf(paths), "sctp_darn bound to 0.0.0.0 in the namespace: one peer path per veth pair");
        SctpOptions.RtoInfo rto = client.getOption(SctpOptions.SCTP_RTOINFO, id);
        SctpOptions.PeerAddressParams pap = client.getOption(SctpOptions.SCTP_PEER_ADDR_PARAMS, id);
        SctpOptions.AssocInfo assoc = client.getOption(SctpOptions.SCTP_ASSOCINFO, id);
        assertEquals(FAST_RTO, rto, "the association took the socket's RTOINFO");
        assertEquals(HEARTBEAT_MILLIS, pap.heartbeatIntervalMillis(), "the path took the socket's heartbeat interval");
        assertEquals(PATH_MAX_RETRANS, pap.pathMaxRetransmissions(), "the path took the socket's path max retrans");
        assertEquals(ASSOC_MAX_RETRANS, assoc.maxRetransmissions(), "the association took the socket's max retrans");
        // the path to b was learned from INIT-ACK: only a heartbeat answered on it confirms it
        await(client, "PEER_ADDRESS_CHANGE confirming " + b.peer(), n -> n instanceof PeerAddressChange c
                && c.address().getAddress().equals(b.peer()) && c.state() != PeerAddressChange.State.UNREACHABLE
                && c.state() != PeerAddressChange.State.REMOVED, seen, FAILURE_WAIT);
        o.note("association " + id + " with sctp_darn in " + lab.namespace() + ", peer paths " + paths
                + "; set on the socket, read back for the association: SCTP_RTOINFO " + rto
                + ", SCTP_PEER_ADDR_PARAMS heartbeat " + pap.heartbeatIntervalMillis() + " ms and path max retrans "
                + pap.pathMaxRetransmissions() + ", SCTP_ASSOCINFO max retrans " + assoc.maxRetransmissions());
        return new Homed(lab, a, b, client, id, out, seen);
    }

    @Test
    void a_cut_path_gives_PEER_ADDRESS_CHANGE_UNREACHABLE_and_the_association_carries_on_until_the_last_is_cut_then_SEND_FAILED_hands_back_the_data(
            Observed o) throws Exception {
        assumeDelivers(SctpEventType.PEER_ADDRESS_CHANGE);
        assumeDelivers(SctpEventType.SEND_FAILED);
        assumeOption(SctpOptions.SCTP_RTOINFO, "without short retransmission time-outs a cut path takes minutes to fail");
        assumeOption(SctpOptions.SCTP_PEER_ADDR_PARAMS, "the heartbeat interval and path retransmissions decide when "
                + "a path fails");
        assumeOption(SctpOptions.SCTP_ASSOCINFO, "the association retransmissions decide when it is lost");
        try (Cleanup r = new Cleanup()) {
            Homed h = homed(r, o);
            SctpMultiSocket client = h.client();

            long cut = System.nanoTime();
            h.b().down();
            PeerAddressChange lost = (PeerAddressChange) await(client, "PEER_ADDRESS_CHANGE UNREACHABLE for "
                    + h.b().peer(), n -> n instanceof PeerAddressChange c && c.state() == PeerAddressChange.State.UNREACHABLE,
                    h.seen(), FAILURE_WAIT);
            long noticed = (System.nanoTime() - cut) / 1_000_000;
            assertEquals(h.b().peer(), lost.address().getAddress(), "the address that became unreachable is the cut one: "
                    + lost);
            assertEquals(h.id(), lost.association(), "its association");
            o.note(h.b().localLink() + " down: " + lost + " after " + noticed + " ms");

            // the association carries on over the other path: sctp_darn prints the message
            byte[] carried = cString("carried over the remaining path");
            client.send(ByteBuffer.wrap(carried), MessageInfo.to(h.id(), 0));
            awaitText(h.darnOut(), "carried over the remaining path", null, "sctp_darn receiving over " + h.a().peer());
            assertTrue(h.seen().stream().noneMatch(x -> x instanceof AssociationChange c
                    && c.state() == AssociationChange.State.COMMUNICATION_LOST), "the association is still up: " + h.seen());
            o.note("with one path left the association carried a message to sctp_darn");

            cut = System.nanoTime();
            h.a().down();
            byte[] payload = "lost with both paths cut".getBytes(StandardCharsets.US_ASCII);
            client.send(ByteBuffer.wrap(payload), MessageInfo.to(h.id(), 1).withPayloadProtocolId(46));
            List<SctpReceived> after = new ArrayList<>();
            SendFailed failed = (SendFailed) await(client, "SEND_FAILED with the message", SendFailed.class::isInstance,
                    after, FAILURE_WAIT);
            long failedAfter = (System.nanoTime() - cut) / 1_000_000;
            assertEquals(h.id(), failed.association(), "SEND_FAILED's association");
            assertEquals(1, failed.stream(), "SEND_FAILED's stream");
            assertEquals(46, failed.payloadProtocolId(), "SEND_FAILED's payload protocol id");
            byte[] back = new byte[failed.data().remaining()];
            failed.data().duplicate().get(back);
            assertArrayEquals(payload, back, "SEND_FAILED hands back the message whole");
            // the association is lost: COMMUNICATION_LOST arrives (before or after the SEND_FAILED)
            if (after.stream().noneMatch(MultiHomingCases::isLost)) {
                await(client, "COMMUNICATION_LOST after both paths were cut", MultiHomingCases::isLost, after,
                        FAILURE_WAIT);
            }
            o.note("both paths down: SEND_FAILED (sent=" + failed.sent() + ", error=" + failed.error() + ", "
                    + back.length + " bytes back) after " + failedAfter + " ms; events in order: " + kinds(after));
        }
    }

    @Test
    void SCTP_PRIMARY_ADDR_moves_the_traffic_to_the_second_path_as_the_interface_counters_show(Observed o)
            throws Exception {
        assumeDelivers(SctpEventType.PEER_ADDRESS_CHANGE);
        assumeOption(SctpOptions.SCTP_PRIMARY_ADDR, "the option under test");
        assumeOption(SctpOptions.SCTP_RTOINFO, "the lab confirms the second path with short timers");
        assumeOption(SctpOptions.SCTP_PEER_ADDR_PARAMS, "the lab confirms the second path with a short heartbeat");
        assumeOption(SctpOptions.SCTP_ASSOCINFO, "the lab's association is set up with its own retransmissions");
        int count = 30;
        int size = 1000;
        try (Cleanup r = new Cleanup()) {
            Homed h = homed(r, o);
            SctpMultiSocket client = h.client();
            assertEquals(h.peer(h.a()), client.getOption(SctpOptions.SCTP_PRIMARY_ADDR, h.id()),
                    "the primary is the address connected to");

            long[] before = {h.a().sentBytes(), h.b().sentBytes()};
            sendNumbered(client, h, "first", count, size);
            awaitCount(h.darnOut(), "DATA(", count, "sctp_darn receiving the first " + count + " messages");
            long[] mid = {h.a().sentBytes(), h.b().sentBytes()};
            long aFirst = mid[0] - before[0];
            long bFirst = mid[1] - before[1];
            long payload = (long) count * size;
            assertTrue(aFirst >= payload, "the primary path " + h.a().localLink() + " carried the first " + payload
                    + " bytes of data: it sent " + aFirst + " bytes (the other sent " + bFirst + ")");
            assertTrue(bFirst < payload / 4, "the second path " + h.b().localLink() + " carried only heartbeats: "
                    + bFirst + " bytes");

            client.setOption(SctpOptions.SCTP_PRIMARY_ADDR, h.peer(h.b()), h.id());
            assertEquals(h.peer(h.b()), client.getOption(SctpOptions.SCTP_PRIMARY_ADDR, h.id()),
                    "the primary after setting it to the second peer address");
            String status = "";
            if (provider().supportsOption(SctpOptions.SCTP_STATUS)) {
                SctpOptions.Status st = client.getOption(SctpOptions.SCTP_STATUS, h.id());
                assertEquals(h.peer(h.b()), st.primary(), "SCTP_STATUS's primary path: " + st);
                status = "; SCTP_STATUS primary " + st.primary();
            }
            sendNumbered(client, h, "second", count, size);
            awaitCount(h.darnOut(), "DATA(", 2 * count, "sctp_darn receiving the second " + count + " messages");
            long aSecond = h.a().sentBytes() - mid[0];
            long bSecond = h.b().sentBytes() - mid[1];
            assertTrue(bSecond >= payload, "the new primary " + h.b().localLink() + " carried the next " + payload
                    + " bytes of data: it sent " + bSecond + " bytes (the old one sent " + aSecond + ")");
            assertTrue(aSecond < payload / 4, "the old primary " + h.a().localLink() + " carried only heartbeats now: "
                    + aSecond + " bytes");
            o.note(count + " x " + size + " bytes: primary " + h.a().peer() + ": " + h.a().localLink() + " sent " + aFirst
                    + " bytes, " + h.b().localLink() + " " + bFirst + "; after PRIMARY_ADDR " + h.b().peer() + ": "
                    + h.a().localLink() + " " + aSecond + ", " + h.b().localLink() + " " + bSecond + status);
        }
    }

    private static void sendNumbered(SctpMultiSocket client, Homed h, String tag, int count, int size)
            throws SctpException {
        for (int i = 0; i < count; i++) {
            StringBuilder sb = new StringBuilder(tag).append('-').append(i).append('-');
            while (sb.length() < size - 1) {
                sb.append('x');
            }
            byte[] m = cString(sb.toString());
            int n = client.send(ByteBuffer.wrap(m), MessageInfo.to(h.id(), 0));
            assertEquals(m.length, n, "a blocking send sends the whole message");
        }
    }

    private static boolean isLost(SctpReceived x) {
        return x instanceof AssociationChange c && c.state() == AssociationChange.State.COMMUNICATION_LOST;
    }

    private static List<String> kinds(List<SctpReceived> seen) {
        List<String> k = new ArrayList<>();
        for (SctpReceived x : seen) {
            k.add(x instanceof AssociationChange c ? "AssociationChange " + c.state()
                    : x instanceof PeerAddressChange c ? "PeerAddressChange " + c.state() + " " + c.address()
                    : x.getClass().getSimpleName());
        }
        return k;
    }

    /** sctp_darn prints a message as a C string: the text and a NUL. */
    private static byte[] cString(String text) {
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        byte[] m = new byte[t.length + 1];
        System.arraycopy(t, 0, m, 0, t.length);
        return m;
    }

    /** The next notification matching {@code want} within {@code wait}, everything read kept in {@code seen}. */
    static SctpNotification await(SctpMultiSocket s, String what, Predicate<SctpNotification> want,
                                  List<SctpReceived> seen, Duration wait) throws SctpException {
        ByteBuffer buf = ByteBuffer.allocateDirect(Associations.BUFFER);
        long end = System.nanoTime() + wait.toNanos();
        while (true) {
            if (!s.provider().poll(s.rawDescriptor(), false, 200)) {
                if (System.nanoTime() - end > 0) {
                    throw new AssertionFailedError("no " + what + " within " + wait.toSeconds() + " s; seen: "
                            + kinds(seen));
                }
                continue;
            }
            SctpReceived r = s.receive(buf.clear());
            if (r == null) {
                continue;
            }
            seen.add(r);
            if (r instanceof SctpNotification n && want.test(n)) {
                return n;
            }
        }
    }

    private static void awaitText(Path out, String text, Process proc, String what) throws IOException,
            InterruptedException {
        awaitCount(out, text, 1, what, proc);
    }

    private static void awaitCount(Path out, String text, int n, String what) throws IOException, InterruptedException {
        awaitCount(out, text, n, what, null);
    }

    private static void awaitCount(Path out, String text, int n, String what, Process proc) throws IOException,
            InterruptedException {
        long end = System.nanoTime() + FAILURE_WAIT.toNanos();
        while (true) {
            String s = Files.readString(out, StandardCharsets.ISO_8859_1);
            int found = 0;
            for (int at = s.indexOf(text); at >= 0; at = s.indexOf(text, at + text.length())) {
                found++;
            }
            if (found >= n) {
                return;
            }
            if (proc != null && !proc.isAlive()) {
                throw new AssertionFailedError(what + ": the peer exited (" + proc.exitValue() + "): " + tail(s));
            }
            if (System.nanoTime() - end > 0) {
                throw new AssertionFailedError(what + ": " + found + " of " + n + " '" + text + "' in its output within "
                        + FAILURE_WAIT.toSeconds() + " s: " + tail(s));
            }
            Thread.sleep(50);
        }
    }

    private static String tail(String s) {
        return s.length() <= 2000 ? s : "..." + s.substring(s.length() - 2000);
    }
}
