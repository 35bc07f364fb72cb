/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;

import com.sun.nio.sctp.AbstractNotificationHandler;
import com.sun.nio.sctp.Association;
import com.sun.nio.sctp.AssociationChangeNotification;
import com.sun.nio.sctp.HandlerResult;
import com.sun.nio.sctp.SctpChannel;
import com.sun.nio.sctp.SctpMultiChannel;

import org.peeloff.SctpMultiSocket;

/**
 * The same set-up as {@link PeeloffFixture}, with the JDK's {@link SctpMultiChannel} as the server:
 * N one-to-many client sockets (the same Peeloff client sockets, so that only the server side
 * differs) each connect once; the server learns each {@link Association} from its
 * {@code COMM_UP} notification, through {@code receive()} as a JDK user must (the channel's
 * {@code associations()} only knows what its receive calls have seen).
 */
final class JdkFixture implements AutoCloseable {
    final SctpMultiChannel server;
    final InetSocketAddress address;
    private final SctpMultiSocket[] clients;
    final Association[] associations;
    final SctpChannel[] branched;
    private int next;

    private JdkFixture(int n) throws IOException {
        server = SctpMultiChannel.open().bind(Loopback.any(), 128);
        address = localAddress(server);
        clients = new SctpMultiSocket[n];
        associations = new Association[n];
        branched = new SctpChannel[n];
    }

    static InetSocketAddress localAddress(SctpMultiChannel ch) throws IOException {
        for (SocketAddress a : ch.getAllLocalAddresses()) {
            return (InetSocketAddress) a;
        }
        throw new IOException("the channel has no local address");
    }

    /**
     * @param n how many associations
     * @return the fixture, all n associations up on {@link #server} and known to it
     * @throws IOException when a JDK call or a client socket call fails
     */
    static JdkFixture open(int n) throws IOException {
        JdkFixture f = new JdkFixture(n);
        try {
            ByteBuffer buf = ByteBuffer.allocateDirect(8192);
            UpHandler up = new UpHandler();
            Connector.connectAll(n, i -> {
                f.clients[i] = SctpMultiSocket.open();
                f.clients[i].connect(f.address);
            }, i -> f.associations[i] = up.await(f.server, buf), () -> Loopback.closeQuietly(f.server));
            return f;
        } catch (IOException | RuntimeException e) {
            f.close();
            throw e;
        }
    }

    /** Returns from {@code receive()} at the next COMM_UP notification, with its association. */
    static final class UpHandler extends AbstractNotificationHandler<Object> {
        private Association up;

        Association await(SctpMultiChannel server, ByteBuffer buf) throws IOException {
            up = null;
            while (up == null) {
                server.receive(buf.clear(), null, this);
            }
            return up;
        }

        @Override
        public HandlerResult handleNotification(AssociationChangeNotification n, Object attachment) {
            if (n.event() == AssociationChangeNotification.AssocChangeEvent.COMM_UP) {
                up = n.association();
                return HandlerResult.RETURN;
            }
            return HandlerResult.CONTINUE;
        }
    }

    int branchedCount() {
        return next;
    }

    /**
     * The measured operation: {@code branch()} of the next association.
     *
     * @return the new channel (also kept, to be closed by {@link #close()})
     * @throws IOException when branch fails
     */
    SctpChannel branchNext() throws IOException {
        SctpChannel c = server.branch(associations[next]);
        branched[next++] = c;
        return c;
    }

    @Override
    public void close() {
        for (SctpChannel c : branched) {
            Loopback.closeQuietly(c);
        }
        for (SctpMultiSocket c : clients) {
            Loopback.closeQuietly(c);
        }
        Loopback.closeQuietly(server);
    }
}
