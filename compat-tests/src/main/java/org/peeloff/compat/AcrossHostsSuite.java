/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.peeloff.compat.Associations.nextData;
import static org.peeloff.compat.Associations.send;
import static org.peeloff.compat.Associations.text;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.peeloff.AssociationChange;
import org.peeloff.AssociationId;
import org.peeloff.PeerAddressChange;
import org.peeloff.SctpData;
import org.peeloff.SctpError;
import org.peeloff.SctpEventType;
import org.peeloff.SctpException;
import org.peeloff.SctpMultiSocket;
import org.peeloff.SctpOptions;
import org.peeloff.SctpReceived;
import org.peeloff.SctpSocket;
import org.peeloff.ShutdownEvent;
import org.peeloff.compat.Associations.Cleanup;
import org.peeloff.spi.SctpProvider;
import org.peeloff.testcontainers.PeerEvent;
import org.peeloff.testcontainers.SctpPeerContainer;
import org.testcontainers.containers.Network;

/**
 * Across hosts: the association's other end is a peer on another host, multi-homed over two networks:
 * an {@link SctpPeerContainer} (the JDK's {@code com.sun.nio.sctp} in a container of its own, its own
 * network namespace) on two Docker networks, 198.19.1.0/24 and 198.19.2.0/24 (in the benchmarking range
 * 198.18.0.0/15, apart from the 198.18.N.0/24 paths of {@link NetworkLab} and the Docker engine's own
 * 198.18.0.0/24 bridge).
 * Peeloff's side is a one-to-many socket in the Docker host's namespace, bound to the wildcard address,
 * so that it has an address on each network (the networks' gateways); the peer connects to the first.
 * Everything crosses real interfaces and the real kernel's path management: a pass proves that a
 * peeled-off socket keeps a multi-homed association's paths, carries on over the second path when the
 * first is cut ({@code docker network disconnect}) with no message lost and reports the lost address
 * ({@code PEER_ADDRESS_CHANGE}, {@code ADDR_UNREACHABLE}) on the peeled socket, and sees the peer's ABORT
 * and SHUTDOWN. The failover's timers are the peeled socket's own ({@code SCTP_RTOINFO},
 * {@code SCTP_PEER_ADDR_PARAMS}, {@code SCTP_ASSOCINFO} set through Peeloff's typed options); no sysctl
 * of the machine is touched.
 *
 * <p>Needs a Docker engine on the machine whose kernel runs the test (the test reaches the containers'
 * networks directly): {@code harness/linux-vm --docker} provides one inside the VM, with Testcontainers'
 * Ryuk disabled.
 *
 * <p>A provider module runs it through a subclass tagged {@code kernel} whose kernel-test run asks for
 * Docker: the cases carry the tag {@code across-hosts}, which {@code harness/kernel-tests} runs on one
 * kernel of the matrix only ({@code peeloff.acrossHosts.kernel}), in a boot with a Docker engine. Cost in
 * the VM: one container per case (the peer's JVM starts under emulation).
 */
@Tag("kernel")
@Tag("across-hosts")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
public abstract class AcrossHostsSuite {
    private static final Duration WAIT = Associations.WAIT;
    private Network first;
    private Network second;

    /** @return a new instance of the provider under test */
    protected abstract SctpProvider provider();

    /** @return what a pass proves (real kernel, or a personality over it), for the failure messages */
    protected abstract String proves();

    /** Creates the two networks the peer is on. */
    @BeforeAll
    void networks() {
        first = SctpPeerContainer.network("198.19.1.0/24");
        second = SctpPeerContainer.network("198.19.2.0/24");
    }

    /** Removes the networks. */
    @AfterAll
    void removeNetworks() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
    }

    /** Peeloff's end: a one-to-many socket on every address of this host, and the peer connected to it. */
    private final class Setup implements AutoCloseable {
        final Cleanup cleanup = new Cleanup();
        final SctpMultiSocket server;
        final SctpPeerContainer peer;
        final AssociationId association;
        final InetSocketAddress peerFirst;
        final InetSocketAddress peerSecond;

        Setup(String... steps) throws Exception {
            this(false, steps);
        }

        /**
         * @param addressEvents true: the server subscribes to {@code PEER_ADDRESS_CHANGE} too, before the
         *                      peer connects, so that the confirmation of the peer's second address (a
         *                      heartbeat's answer, soon after the association is up) is reported, on the
         *                      peeled socket when it comes after the peel-off or was queued before it
         * @param steps         the peer's script
         */
        Setup(boolean addressEvents, String... steps) throws Exception {
            try {
                server = cleanup.add(SctpMultiSocket.open(provider(), StandardProtocolFamily.INET));
                if (addressEvents) {
                    server.subscribe(SctpEventType.PEER_ADDRESS_CHANGE);
                }
                server.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0)).listen();
                int port = server.localAddresses().get(0).getPort();
                peer = SctpPeerContainer.client(new InetSocketAddress(SctpPeerContainer.gateway(first), port))
                        .onNetworks(first, second).steps(steps);
                cleanup.add(peer::stop);
                peer.start();
                peer.awaitEvent("ASSOCIATED", WAIT);
                association = Associations.accept(server, 1).get(0);
                System.out.println("across hosts: the peer's events after the association came up:" + peerState(peer));
                peerFirst = new InetSocketAddress(peer.address(first), 0);
                peerSecond = new InetSocketAddress(peer.address(second), 0);
            } catch (Exception | Error e) {
                cleanup.close();
                throw e;
            }
        }

        /** Runs a case's body; a failure carries what the peer reported and whether it still runs. */
        void check(org.junit.jupiter.api.function.Executable body) throws Exception {
            try {
                body.execute();
            } catch (Throwable t) {
                throw new org.opentest4j.AssertionFailedError(t + "\n" + proves() + "; the peer:" + peerState(peer), t);
            }
        }

        SctpSocket peelOff() throws SctpException {
            return cleanup.add(server.peelOff(association));
        }

        @Override
        public void close() throws Exception {
            cleanup.close();
        }
    }

    private static String peerState(SctpPeerContainer peer) {
        StringBuilder b = new StringBuilder();
        try {
            var state = peer.getDockerClient().inspectContainerCmd(peer.getContainerId()).exec().getState();
            b.append(" running=").append(state.getRunning()).append(" exit=").append(state.getExitCodeLong());
        } catch (RuntimeException e) {
            b.append(" (state unknown: ").append(e).append(')');
        }
        for (PeerEvent e : peer.events()) {
            b.append("\n  ").append(e.line());
        }
        try {
            b.append("\n  stderr: ").append(peer.getLogs(org.testcontainers.containers.output.OutputFrame.OutputType.STDERR));
        } catch (RuntimeException e) {
            b.append("\n  (no logs: ").append(e).append(')');
        }
        return b.toString();
    }

    private static List<InetAddress> hosts(List<InetSocketAddress> addresses) {
        List<InetAddress> out = new ArrayList<>();
        for (InetSocketAddress a : addresses) {
            out.add(a.getAddress());
        }
        return out;
    }

    @Test
    void a_peer_on_two_networks_is_multi_homed_and_the_peeled_socket_keeps_both_paths() throws Exception {
        try (Setup s = new Setup("echo")) {
            s.check(() -> {
            List<InetAddress> before = hosts(s.server.peerAddresses(s.association));
            SctpSocket own = s.peelOff();
            List<InetAddress> after = hosts(own.remoteAddresses());
            assertTrue(after.contains(s.peerFirst.getAddress()) && after.contains(s.peerSecond.getAddress()),
                    proves() + ": remoteAddresses() of the peeled socket lists both of the peer's addresses "
                            + s.peerFirst.getAddress() + " and " + s.peerSecond.getAddress() + "; got " + after
                            + " (before the peel-off, peerAddresses() gave " + before + ")");
            assertEquals(2, after.size(), "the peer has exactly two addresses; got " + after);
            ByteBuffer buf = ByteBuffer.allocateDirect(Associations.BUFFER);
            send(own, 0, text("over the peeled socket"));
            nextData(own, buf, "the peer's echo");
            assertEquals("over the peeled socket", text(buf), "the echo through the peeled multi-homed association");
            });
        }
    }

    /** The peeled socket's failover timers: small, so that a cut path fails within seconds. */
    private static final SctpOptions.RtoInfo FAST_RTO = new SctpOptions.RtoInfo(200, 400, 100);
    private static final long HEARTBEAT_MILLIS = 100;
    private static final int PATH_MAX_RETRANSMISSIONS = 2;
    /** Linux accepts at most the sum of the paths' retransmissions when there are several paths. */
    private static final int ASSOCIATION_MAX_RETRANSMISSIONS = 2 * PATH_MAX_RETRANSMISSIONS;

    @Test
    void when_the_primary_path_is_cut_the_peeled_association_carries_on_over_the_other_with_no_message_lost_and_reports_the_address_unreachable()
            throws Exception {
        int n = 40;
        try (Setup s = new Setup(true, "echo")) {
            s.check(() -> {
            SctpSocket own = s.peelOff();
            // the peeled socket's own subscription and timers, through the typed API (not the sysctls)
            own.subscribe(SctpEventType.PEER_ADDRESS_CHANGE);
            own.setOption(SctpOptions.SCTP_RTOINFO, FAST_RTO);
            own.setOption(SctpOptions.SCTP_PEER_ADDR_PARAMS,
                    new SctpOptions.PeerAddressParams(null, HEARTBEAT_MILLIS, PATH_MAX_RETRANSMISSIONS));
            own.setOption(SctpOptions.SCTP_ASSOCINFO, SctpOptions.AssocInfo.of(ASSOCIATION_MAX_RETRANSMISSIONS, 0));
            assertTrue(own.subscriptions().contains(SctpEventType.PEER_ADDRESS_CHANGE),
                    "the peeled socket is subscribed to PEER_ADDRESS_CHANGE: " + own.subscriptions());
            SctpOptions.RtoInfo rto = own.getOption(SctpOptions.SCTP_RTOINFO);
            assertEquals(List.of(FAST_RTO.maxMillis(), FAST_RTO.minMillis()), List.of(rto.maxMillis(), rto.minMillis()),
                    "SCTP_RTOINFO of the peeled association read back: " + rto);
            SctpOptions.PeerAddressParams pap = own.getOption(SctpOptions.SCTP_PEER_ADDR_PARAMS);
            assertEquals(List.of(HEARTBEAT_MILLIS, PATH_MAX_RETRANSMISSIONS),
                    List.of(pap.heartbeatIntervalMillis(), pap.pathMaxRetransmissions()),
                    "SCTP_PEER_ADDR_PARAMS of the peeled association read back: " + pap);
            SctpOptions.AssocInfo assoc = own.getOption(SctpOptions.SCTP_ASSOCINFO);
            assertEquals(ASSOCIATION_MAX_RETRANSMISSIONS, assoc.maxRetransmissions(),
                    "SCTP_ASSOCINFO of the peeled association read back: " + assoc);
            assertEquals(2, assoc.peerDestinations(), "the kernel counts two peer destinations: " + assoc);

            ByteBuffer buf = ByteBuffer.allocateDirect(Associations.BUFFER);
            List<String> echoed = new ArrayList<>();
            List<String> seen = new ArrayList<>();
            for (int i = 1; i <= n / 2; i++) {
                send(own, 0, text(String.format("m%03d", i)));
            }
            // Before the cut: the echoes, and the peer's second address confirmed (a path that carries
            // data): reported once, whether before the peel-off (then queued and moved with the
            // association) or after it
            boolean secondConfirmed = false;
            while (echoed.size() < n / 2 || !secondConfirmed) {
                SctpReceived r = Associations.next(own, buf, (echoed.size() < n / 2 ? "echo " + (echoed.size() + 1)
                        : "PEER_ADDRESS_CHANGE CONFIRMED of " + s.peerSecond.getAddress()) + " before the cut; seen "
                        + seen);
                if (r instanceof SctpData) {
                    buf.flip();
                    echoed.add(text(buf));
                } else {
                    seen.add(r + " before the cut");
                    if (r instanceof PeerAddressChange c && c.address().getAddress().equals(s.peerSecond.getAddress())
                            && (c.state() == PeerAddressChange.State.CONFIRMED
                                    || c.state() == PeerAddressChange.State.AVAILABLE)) {
                        secondConfirmed = true;
                    }
                }
            }
            // The peer's first address is where its INIT came from: the primary path. Cut it.
            s.peer.disconnect(first);
            long cut = System.nanoTime();
            for (int i = n / 2 + 1; i <= n; i++) {
                send(own, 0, text(String.format("m%03d", i)));
            }
            PeerAddressChange unreachable = null;
            long unreachableMs = -1;
            long lastEchoMs = -1;
            while (echoed.size() < n || unreachable == null) {
                SctpReceived r = Associations.next(own, buf, (echoed.size() < n ? "echo " + (echoed.size() + 1)
                        : "PEER_ADDRESS_CHANGE ADDR_UNREACHABLE of " + s.peerFirst.getAddress())
                        + " after the cut of " + s.peerFirst.getAddress() + "; seen " + seen);
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cut);
                if (r instanceof SctpData d) {
                    buf.flip();
                    echoed.add(text(buf));
                    assertEquals(0, d.stream(), "stream of echo " + echoed.size());
                    lastEchoMs = ms;
                } else {
                    seen.add(r + " at " + ms + " ms");
                    if (r instanceof PeerAddressChange c && c.state() == PeerAddressChange.State.UNREACHABLE
                            && unreachable == null) {
                        unreachable = c;
                        unreachableMs = ms;
                    }
                    if (r instanceof AssociationChange c) {
                        fail("the association changed state during the failover: " + c + "; seen " + seen);
                    }
                }
            }
            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                expected.add(String.format("m%03d", i));
            }
            assertEquals(expected, echoed, proves() + ": every message echoed exactly once and in order across the"
                    + " cut of the primary path (" + lastEchoMs + " ms from the cut to the last echo)");
            List<PeerEvent> received = s.peer.events().stream().filter(e -> e.type().equals("RECEIVED")).toList();
            assertEquals(n, received.size(), "the peer received each message once: " + received);
            assertEquals(s.peerFirst.getAddress(), unreachable.address().getAddress(),
                    proves() + ": the address reported unreachable on the peeled socket is the cut one; seen " + seen);
            // with the default timers (30 s heartbeats, 5 path retransmissions) this takes minutes
            assertTrue(unreachableMs < 30_000, "the peeled socket's own timers detect the cut path within seconds: "
                    + unreachableMs + " ms");
            List<InetAddress> paths = hosts(own.remoteAddresses());
            assertTrue(paths.contains(s.peerSecond.getAddress()), "the surviving path is still listed: " + paths);
            System.out.printf("across hosts: %d messages after the path cut echoed within %d ms; %s reported"
                    + " unreachable after %d ms; notifications %s%n", n / 2, lastEchoMs, s.peerFirst.getAddress(),
                    unreachableMs, seen);
            });
        }
    }

    @Test
    void an_abort_from_the_peer_is_seen_on_the_peeled_socket() throws Exception {
        try (Setup s = new Setup("receive:1", "abort")) {
            s.check(() -> {
            SctpSocket own = s.peelOff();
            send(own, 0, text("go"));
            s.peer.awaitEvent("ABORT_SENT", WAIT);
            ByteBuffer buf = ByteBuffer.allocateDirect(Associations.BUFFER);
            List<String> seen = new ArrayList<>();
            while (true) {
                SctpReceived r;
                try {
                    r = Associations.next(own, buf, "the peer's ABORT after " + seen);
                } catch (SctpException e) {
                    assertTrue(e.error() == SctpError.ASSOCIATION_ABORTED || e.error() == SctpError.NOT_CONNECTED,
                            proves() + ": a receive after the peer's ABORT fails ASSOCIATION_ABORTED (or"
                                    + " NOT_CONNECTED after the loss was reported); got " + e + " after " + seen);
                    assertTrue(e.error() == SctpError.ASSOCIATION_ABORTED
                                    || seen.stream().anyMatch(x -> x.contains("COMMUNICATION_LOST")),
                            "the loss was reported before NOT_CONNECTED: " + seen);
                    return;
                }
                seen.add(r.toString());
                if (r instanceof AssociationChange c && c.state() == AssociationChange.State.COMMUNICATION_LOST) {
                    assertEquals(12, c.error(), "the ABORT's cause: 12, User-Initiated Abort (RFC 9260 3.3.10.12)");
                    return;
                }
                if (r instanceof AssociationChange c && c.state() == AssociationChange.State.SHUTDOWN_COMPLETE) {
                    fail("an ABORT was reported as a graceful shutdown: " + seen);
                }
            }
            });
        }
    }

    @Test
    void a_shutdown_from_the_peer_is_seen_on_the_peeled_socket_after_its_data() throws Exception {
        try (Setup s = new Setup("receive:1", "send:3", "shutdown")) {
            s.check(() -> {
            SctpSocket own = s.peelOff();
            send(own, 0, text("go"));
            ByteBuffer buf = ByteBuffer.allocateDirect(Associations.BUFFER);
            List<String> data = new ArrayList<>();
            boolean shutdownEvent = false;
            boolean complete = false;
            List<String> seen = new ArrayList<>();
            while (!complete) {
                SctpReceived r = Associations.next(own, buf, "the peer's SHUTDOWN after " + seen);
                seen.add(r.toString());
                if (r instanceof SctpData) {
                    buf.flip();
                    data.add(text(buf));
                } else if (r instanceof ShutdownEvent) {
                    shutdownEvent = true;
                } else if (r instanceof AssociationChange c) {
                    if (c.state() == AssociationChange.State.COMMUNICATION_LOST) {
                        fail("a graceful SHUTDOWN was reported as a loss: " + seen);
                    }
                    complete = c.state() == AssociationChange.State.SHUTDOWN_COMPLETE;
                }
            }
            assertEquals(List.of("msg-000001", "msg-000002", "msg-000003"), data,
                    proves() + ": the data sent before the SHUTDOWN arrives on the peeled socket before its end");
            assertTrue(shutdownEvent, "a ShutdownEvent before SHUTDOWN_COMPLETE: " + seen);
            try {
                own.receive(buf.clear());
                fail("receive after SHUTDOWN_COMPLETE returned instead of failing NOT_CONNECTED");
            } catch (SctpException e) {
                assertEquals(SctpError.NOT_CONNECTED, e.error(), "receive once the association has ended: " + e);
            }
            PeerEvent end = s.peer.awaitEvent("ENDED", WAIT);
            assertEquals("shutdown", end.get("reason"), "the peer saw its shutdown complete: " + end.line());
            });
        }
    }
}
