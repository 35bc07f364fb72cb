/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.opentest4j.AssertionFailedError;
import org.peeloff.AssociationChange;
import org.peeloff.AssociationId;
import org.peeloff.MessageInfo;
import org.peeloff.SctpClosedException;
import org.peeloff.SctpData;
import org.peeloff.SctpException;
import org.peeloff.SctpMultiSocket;
import org.peeloff.SctpReceived;
import org.peeloff.SctpSocket;
import org.peeloff.spi.SctpProvider;

/**
 * Sets up what the contracts need with the provider under test on both sides: a one-to-many server
 * on 127.0.0.1, one-to-many clients that {@code connect()} to it (AIX documents only one-to-many
 * sockets), and the association ids the server learns from {@code COMMUNICATION_UP} events.
 *
 * <p>Every wait has a deadline ({@code -Dpeeloff.tck.waitSeconds}, default 120) so a contract that
 * breaks fails with a message instead of hanging; the deadline is a guard, not a measurement.
 */
final class Associations {
    static final InetAddress LOOPBACK;
    static final Duration WAIT = Duration.ofSeconds(Long.getLong("peeloff.tck.waitSeconds", 120));
    /** Large enough for every message and notification of the TCK. */
    static final int BUFFER = 64 * 1024;

    static {
        try {
            LOOPBACK = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Associations() {
    }

    /** Closes what was added to it, last first, keeping the first failure and suppressing the rest. */
    static final class Cleanup implements AutoCloseable {
        private final Deque<AutoCloseable> items = new ArrayDeque<>();

        synchronized <T extends AutoCloseable> T add(T item) {
            items.push(item);
            return item;
        }

        @Override
        public void close() throws Exception {
            Exception first = null;
            while (true) {
                AutoCloseable c;
                synchronized (this) {
                    c = items.poll();
                }
                if (c == null) {
                    break;
                }
                try {
                    c.close();
                } catch (Exception e) {
                    if (first == null) {
                        first = e;
                    } else {
                        first.addSuppressed(e);
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    /**
     * One association seen from both ends.
     *
     * @param client     the client's one-to-many socket
     * @param clientSide the association's id on the client
     * @param serverSide the association's id on the server
     * @param clientPort the client's port (how the server tells its associations apart)
     * @param streams    the client's outbound streams, as negotiated ({@code COMMUNICATION_UP})
     */
    record Link(SctpMultiSocket client, AssociationId clientSide, AssociationId serverSide, int clientPort,
                int streams) {
        /** @return where the client is */
        InetSocketAddress clientAddress() {
            return new InetSocketAddress(LOOPBACK, clientPort);
        }
    }

    /**
     * @param r where to register the socket for closing
     * @param p the provider
     * @return a one-to-many socket bound to 127.0.0.1 on an ephemeral port and listening
     * @throws SctpException when it cannot be set up
     */
    static SctpMultiSocket server(Cleanup r, SctpProvider p) throws SctpException {
        SctpMultiSocket s = r.add(SctpMultiSocket.open(p, StandardProtocolFamily.INET));
        s.bind(new InetSocketAddress(LOOPBACK, 0)).listen();
        return s;
    }

    /**
     * @param s a bound socket
     * @return its address on 127.0.0.1
     * @throws SctpException when it cannot be read
     */
    static InetSocketAddress address(SctpMultiSocket s) throws SctpException {
        List<InetSocketAddress> locals = s.localAddresses();
        if (locals.isEmpty()) {
            throw new AssertionFailedError("localAddresses() of a bound socket is empty");
        }
        return new InetSocketAddress(LOOPBACK, locals.get(0).getPort());
    }

    /**
     * @param r      where to register the socket
     * @param p      the provider
     * @param server the server's address
     * @return a one-to-many socket bound to 127.0.0.1 and connected to the server (blocking connect)
     * @throws SctpException when it cannot be set up
     */
    static SctpMultiSocket client(Cleanup r, SctpProvider p, InetSocketAddress server) throws SctpException {
        SctpMultiSocket c = r.add(SctpMultiSocket.open(p, StandardProtocolFamily.INET));
        c.bind(new InetSocketAddress(LOOPBACK, 0));
        c.connect(server);
        return c;
    }

    /**
     * Connects {@code n} clients to the server and learns each association's id on both sides.
     *
     * @param r      where to register the clients
     * @param p      the provider
     * @param server the listening server
     * @param n      how many
     * @return the links, in connect order
     * @throws SctpException when a socket call fails
     */
    static List<Link> links(Cleanup r, SctpProvider p, SctpMultiSocket server, int n) throws SctpException {
        InetSocketAddress to = address(server);
        List<Link> links = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            // One at a time: the server's next COMMUNICATION_UP is this client's (checked by its port), and
            // the server never has more than one event queued.
            SctpMultiSocket c = client(r, p, to);
            int port = address(c).getPort();
            AssociationId serverSide = accept(server, 1).get(0);
            List<InetSocketAddress> peers = server.peerAddresses(serverSide);
            if (peers.stream().noneMatch(a -> a.getPort() == port)) {
                throw new AssertionFailedError("the server's new association " + serverSide + " has peer " + peers
                        + ", not the client that just connected from port " + port);
            }
            AssociationChange up = awaitUp(c);
            links.add(new Link(c, up.association(), serverSide, port, up.outboundStreams()));
        }
        return links;
    }

    /**
     * @param r      where to register the client
     * @param p      the provider
     * @param server the listening server
     * @return one new association
     * @throws SctpException when a socket call fails
     */
    static Link link(Cleanup r, SctpProvider p, SctpMultiSocket server) throws SctpException {
        return links(r, p, server, 1).get(0);
    }

    /**
     * Reads the server's events until {@code n} associations have come up.
     *
     * @param server the listening server
     * @param n      how many
     * @return their ids, in arrival order
     * @throws SctpException when a receive fails
     */
    static List<AssociationId> accept(SctpMultiSocket server, int n) throws SctpException {
        ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
        List<AssociationId> ids = new ArrayList<>(n);
        while (ids.size() < n) {
            SctpReceived r = next(server, buf, "COMMUNICATION_UP " + (ids.size() + 1) + " of " + n);
            if (r instanceof AssociationChange c && c.state() == AssociationChange.State.COMMUNICATION_UP) {
                ids.add(c.association());
            } else if (r instanceof SctpData d) {
                throw new AssertionFailedError("unexpected data while accepting associations: " + d);
            }
        }
        return ids;
    }

    /**
     * @param client a client that has connected
     * @return the client's {@code COMMUNICATION_UP} event (its association id, its streams)
     * @throws SctpException when a receive fails
     */
    static AssociationChange awaitUp(SctpMultiSocket client) throws SctpException {
        ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
        while (true) {
            SctpReceived r = next(client, buf, "the client's COMMUNICATION_UP");
            if (r instanceof AssociationChange c && c.state() == AssociationChange.State.COMMUNICATION_UP) {
                return c;
            }
        }
    }

    /**
     * Waits (up to the deadline) until the socket is readable, then receives.
     *
     * @param s    the socket
     * @param buf  the buffer (cleared first)
     * @param what what is awaited, for the failure message
     * @return what arrived
     * @throws SctpException when the receive fails
     */
    static SctpReceived next(SctpMultiSocket s, ByteBuffer buf, String what) throws SctpException {
        awaitReadable(s.provider(), s.rawDescriptor(), what);
        SctpReceived r = s.receive(buf.clear());
        if (r == null) {
            throw new AssertionFailedError("poll() said readable but receive() found nothing, awaiting " + what);
        }
        return r;
    }

    /**
     * As {@link #next(SctpMultiSocket, ByteBuffer, String)} for a one-to-one socket.
     *
     * @param s    the socket
     * @param buf  the buffer (cleared first)
     * @param what what is awaited
     * @return what arrived
     * @throws SctpException when the receive fails
     */
    static SctpReceived next(SctpSocket s, ByteBuffer buf, String what) throws SctpException {
        awaitReadable(s.provider(), s.rawDescriptor(), what);
        SctpReceived r = s.receive(buf.clear());
        if (r == null) {
            throw new AssertionFailedError("poll() said readable but receive() found nothing, awaiting " + what);
        }
        return r;
    }

    /**
     * Receives until a data message arrives, skipping notifications.
     *
     * @param s    the socket
     * @param buf  the buffer; on return it holds the message between position 0 and limit
     * @param what what is awaited
     * @return the message's information
     * @throws SctpException when a receive fails
     */
    static SctpData nextData(SctpMultiSocket s, ByteBuffer buf, String what) throws SctpException {
        while (true) {
            if (next(s, buf, what) instanceof SctpData d) {
                buf.flip();
                return d;
            }
        }
    }

    /**
     * As {@link #nextData(SctpMultiSocket, ByteBuffer, String)} for a one-to-one socket.
     *
     * @param s    the socket
     * @param buf  the buffer
     * @param what what is awaited
     * @return the message's information
     * @throws SctpException when a receive fails
     */
    static SctpData nextData(SctpSocket s, ByteBuffer buf, String what) throws SctpException {
        while (true) {
            if (next(s, buf, what) instanceof SctpData d) {
                buf.flip();
                return d;
            }
        }
    }

    /**
     * Receives what is queued now, without waiting.
     *
     * @param s the socket
     * @return what was queued
     * @throws SctpException when a receive fails
     */
    static List<SctpReceived> drain(SctpMultiSocket s) throws SctpException {
        ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
        List<SctpReceived> got = new ArrayList<>();
        while (s.provider().poll(s.rawDescriptor(), false, 0)) {
            SctpReceived r = s.receive(buf.clear());
            if (r == null) {
                break;
            }
            got.add(r);
        }
        return got;
    }

    /**
     * @param p    the provider
     * @param fd   the descriptor
     * @param what what is awaited
     * @throws SctpException when poll fails
     */
    static void awaitReadable(SctpProvider p, int fd, String what) throws SctpException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!p.poll(fd, false, 200)) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionFailedError("nothing arrived on fd " + fd + " within " + WAIT.toSeconds()
                        + " s, awaiting " + what);
            }
        }
    }

    /**
     * Sends one message on a client's association and checks it went out whole.
     *
     * @param s      the one-to-many socket
     * @param id     the association
     * @param stream the stream
     * @param msg    the message (position to limit)
     * @throws SctpException when the send fails
     */
    static void send(SctpMultiSocket s, AssociationId id, int stream, ByteBuffer msg) throws SctpException {
        int len = msg.remaining();
        int n = s.send(msg, MessageInfo.to(id, stream));
        if (n != len) {
            throw new AssertionFailedError("send() on a blocking socket sent " + n + " of " + len + " bytes");
        }
    }

    /**
     * As {@link #send(SctpMultiSocket, AssociationId, int, ByteBuffer)} on a one-to-one socket.
     *
     * @param s      the socket
     * @param stream the stream
     * @param msg    the message
     * @throws SctpException when the send fails
     */
    static void send(SctpSocket s, int stream, ByteBuffer msg) throws SctpException {
        int len = msg.remaining();
        int n = s.send(msg, stream);
        if (n != len) {
            throw new AssertionFailedError("send() on a blocking socket sent " + n + " of " + len + " bytes");
        }
    }

    /**
     * A numbered test message: magic, stream, sequence number within the stream, and a check word.
     *
     * @param stream the stream
     * @param seq    its number within the stream
     * @return the message, ready to send
     */
    static ByteBuffer message(int stream, int seq) {
        ByteBuffer b = ByteBuffer.allocateDirect(16);
        b.putInt(MAGIC).putInt(stream).putInt(seq).putInt(~(stream * 31 + seq)).flip();
        return b;
    }

    /**
     * @param buf a received message between position and limit
     * @return {stream, seq}
     * @throws AssertionFailedError when it is not an intact test message
     */
    static int[] parse(ByteBuffer buf) {
        if (buf.remaining() != 16) {
            throw new AssertionFailedError("a test message has 16 bytes, got " + buf.remaining());
        }
        int magic = buf.getInt();
        int stream = buf.getInt();
        int seq = buf.getInt();
        int check = buf.getInt();
        if (magic != MAGIC || check != ~(stream * 31 + seq)) {
            throw new AssertionFailedError("corrupted test message (stream " + stream + ", seq " + seq + ")");
        }
        return new int[] {stream, seq};
    }

    /**
     * @param text text
     * @return the text as a direct buffer ready to send
     */
    static ByteBuffer text(String text) {
        return TextBuffers.text(text);
    }

    /**
     * @param buf received bytes between position and limit
     * @return them as text
     */
    static String text(ByteBuffer buf) {
        return TextBuffers.text(buf);
    }

    private static final int MAGIC = 0x5EE10FF0;

    /**
     * Checks that each of {@code expected} threads blocked in a call ended with {@link SctpClosedException},
     * naming up to five other outcomes when not.
     *
     * @param expected how many threads were blocked
     * @param outcomes what each thread's call returned or threw
     */
    static void assertAllClosed(int expected, List<AtomicReference<Object>> outcomes) {
        int closed = 0;
        List<String> other = new ArrayList<>();
        for (AtomicReference<Object> out : outcomes) {
            if (out.get() instanceof SctpClosedException) {
                closed++;
            } else if (other.size() < 5) {
                other.add(String.valueOf(out.get()));
            }
        }
        assertEquals(expected, closed, "every blocked receiver got SctpClosedException; others: " + other);
    }
}
