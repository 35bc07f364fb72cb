/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

import org.peeloff.AssociationChange;
import org.peeloff.AssociationId;
import org.peeloff.SctpException;
import org.peeloff.SctpMultiSocket;
import org.peeloff.SctpReceived;
import org.peeloff.SctpSocket;

/**
 * N associations on one Peeloff one-to-many server socket, ready to be peeled off: the set-up of the
 * peel-off measures (not timed). Each association comes from its own one-to-many client socket that
 * connects once; the server learns the id from the {@code COMMUNICATION_UP} event. The C program
 * builds exactly the same thing with lksctp.
 */
final class PeeloffFixture implements AutoCloseable {
    final SctpMultiSocket server;
    final InetSocketAddress address;
    private final SctpMultiSocket[] clients;
    final AssociationId[] ids;
    final SctpSocket[] peeled;
    private int next;

    private PeeloffFixture(int n) throws SctpException {
        server = SctpMultiSocket.open().bind(Loopback.any()).listen();
        address = server.localAddresses().get(0);
        clients = new SctpMultiSocket[n];
        ids = new AssociationId[n];
        peeled = new SctpSocket[n];
    }

    /**
     * @param n how many associations
     * @return the fixture, all n associations up on {@link #server}
     * @throws IOException when a socket call fails ({@link SctpException})
     */
    static PeeloffFixture open(int n) throws IOException {
        PeeloffFixture f = new PeeloffFixture(n);
        try {
            ByteBuffer buf = ByteBuffer.allocateDirect(8192);
            Connector.connectAll(n, i -> {
                f.clients[i] = SctpMultiSocket.open();
                f.clients[i].connect(f.address);
            }, i -> f.ids[i] = awaitUp(f.server, buf), () -> Loopback.closeQuietly(f.server));
            return f;
        } catch (IOException | RuntimeException e) {
            f.close();
            throw e;
        }
    }

    /** Receives until a COMMUNICATION_UP event; returns its association. */
    static AssociationId awaitUp(SctpMultiSocket server, ByteBuffer buf) throws SctpException {
        while (true) {
            SctpReceived r = server.receive(buf.clear());
            if (r instanceof AssociationChange c && c.state() == AssociationChange.State.COMMUNICATION_UP) {
                return c.association();
            }
        }
    }

    /** @return how many associations have been peeled off */
    int peeledCount() {
        return next;
    }

    /**
     * The measured operation: peels off the next association.
     *
     * @return the new socket (also kept, to be closed by {@link #close()})
     * @throws SctpException when the peel-off fails
     */
    SctpSocket peelNext() throws SctpException {
        SctpSocket s = server.peelOff(ids[next]);
        peeled[next++] = s;
        return s;
    }

    @Override
    public void close() {
        for (SctpSocket s : peeled) {
            Loopback.closeQuietly(s);
        }
        for (SctpMultiSocket c : clients) {
            Loopback.closeQuietly(c);
        }
        Loopback.closeQuietly(server);
    }
}
