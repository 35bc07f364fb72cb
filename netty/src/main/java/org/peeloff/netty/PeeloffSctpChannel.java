/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.netty;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ConnectionPendingException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.sun.nio.sctp.Association;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelMetadata;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.sctp.SctpChannel;
import io.netty.channel.sctp.SctpMessage;
import io.netty.channel.sctp.SctpServerChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.internal.StringUtil;
import org.peeloff.AssociationChange;
import org.peeloff.AssociationId;
import org.peeloff.MessageInfo;
import org.peeloff.PeeloffOption;
import org.peeloff.Sctp;
import org.peeloff.SctpData;
import org.peeloff.SctpError;
import org.peeloff.SctpException;
import org.peeloff.SctpMultiSocket;
import org.peeloff.SctpNotification;
import org.peeloff.SctpReceived;
import org.peeloff.SctpSocket;
import org.peeloff.ShutdownEvent;
import org.peeloff.spi.SctpProvider;

/**
 * A Netty {@link SctpChannel} over a Peeloff one-to-one socket, with the semantics of Netty's
 * {@code NioSctpChannel}: a client channel (bootstrap {@code connect}) or the child of a
 * {@link PeeloffSctpServerChannel} (an association peeled off its one-to-many socket). It reads and
 * writes {@link SctpMessage} (stream, payload protocol id, unordered; an inbound message larger than the
 * buffer arrives in parts whose {@code isComplete()} says where it ends, for
 * {@code SctpMessageCompletionHandler}), and fires notifications as user events the way Netty's
 * {@code SctpNotificationHandler} does: {@code com.sun.nio.sctp} association change, peer address change,
 * send failed and shutdown notifications (which also implement {@link PeeloffEvent}); on a shutdown
 * notification the channel closes. Other notification kinds are fired as Peeloff's records.
 *
 * <p>Its event loop must be driven by a {@link PeeloffIoHandler} of the same provider. A client channel
 * opens a one-to-one socket where the provider has them ({@code Capabilities.oneToOneSockets()}). Where it
 * has none (the aix provider: AIX documents only one-to-many sockets) it connects on a one-to-many socket
 * of its own, waits for COMMUNICATION_UP, peels the association off into its one-to-one socket
 * ({@code sctp_peeloff}) and closes the one-to-many socket; whatever it read there before the peel-off
 * (notifications, data) reaches the pipeline first, in the order read, and what was still queued moves
 * with the association. Until then {@link #peeloffSocket()} is null.
 */
public class PeeloffSctpChannel extends AbstractPeeloffChannel implements SctpChannel {
    private static final ChannelMetadata METADATA = new ChannelMetadata(false);

    /** The one-to-one socket; null while a client on a provider without one-to-one sockets connects. */
    private volatile SctpSocket socket;
    /** The one-to-many socket such a client connects on, until the peel-off; else null. */
    private volatile SctpMultiSocket connecting;
    private final PeeloffSctpChannelConfig config;
    /** Set once the association is up. */
    private volatile boolean connected;
    private volatile Association association;
    private volatile AssociationId associationId;
    private volatile InetSocketAddress requestedRemote;
    /**
     * What was read for this association before the channel was active, in the order read: notifications
     * (read while a connect finished, or by the parent), messages handed over by the parent, and data read
     * on a client's one-to-many socket before the peel-off ({@link EarlyData}). Delivered first.
     */
    private final List<Object> pending = new ArrayList<>(1);

    /** Data read on a client's one-to-many socket before its association had a channel of its own. */
    private record EarlyData(SctpData data, ByteBuf content) {
    }

    private ChannelPromise connectPromise;
    private Future<?> connectTimeout;

    /**
     * Opens a one-to-one socket with the provider {@link Sctp#provider()} chose: IPv6 (which also serves
     * IPv4 addresses) where the provider opens one, else IPv4, as the JDK's {@code SctpChannel.open()}.
     */
    public PeeloffSctpChannel() {
        this(Sctp.provider());
    }

    /**
     * Opens a one-to-one socket with the given provider, IPv6 where it can (see {@link #PeeloffSctpChannel()}).
     *
     * @param provider the provider (its {@link PeeloffIoHandler} must drive the channel's event loop)
     */
    public PeeloffSctpChannel(SctpProvider provider) {
        this(provider, null);
    }

    /**
     * Opens a one-to-one socket.
     *
     * @param provider the provider
     * @param family   INET or INET6
     */
    public PeeloffSctpChannel(SctpProvider provider, ProtocolFamily family) {
        this(provider, family, !provider.capabilities().oneToOneSockets());
    }

    /**
     * Opens a client channel.
     *
     * @param provider     the provider
     * @param family       INET or INET6; null: INET6 where the provider opens one, else INET
     * @param viaOneToMany true: connect on a one-to-many socket and peel the association off (what a provider
     *                     without one-to-one sockets needs; tests use it on any provider)
     */
    PeeloffSctpChannel(SctpProvider provider, ProtocolFamily family, boolean viaOneToMany) {
        super(null);
        if (viaOneToMany) {
            try {
                SctpMultiSocket m = openMulti(provider, family);
                try {
                    m.configureBlocking(false);
                } catch (SctpException e) {
                    closeQuietly(m);
                    throw e;
                }
                connecting = m;
            } catch (SctpException e) {
                throw new ChannelException("Failed to open a Peeloff one-to-many SCTP socket to connect on: "
                        + e.getMessage(), e);
            }
        } else {
            SctpSocket s = open(provider, family);
            try {
                s.configureBlocking(false);
            } catch (SctpException e) {
                closeQuietly(s);
                throw new ChannelException("Failed to enter non-blocking mode: " + e.getMessage(), e);
            }
            socket = s;
        }
        this.config = new PeeloffSctpChannelConfig(this);
    }

    /**
     * Wraps a connected or peeled-off socket.
     *
     * @param parent   the server or one-to-many channel it was peeled off, or null
     * @param socket   the socket (made non-blocking here)
     * @param id       its association, or null when not known yet
     * @param inStreams  the association's inbound streams (0 when not known)
     * @param outStreams the association's outbound streams (0 when not known)
     */
    PeeloffSctpChannel(AbstractPeeloffChannel parent, SctpSocket socket, AssociationId id, int inStreams,
                       int outStreams) {
        super(parent);
        this.socket = socket;
        try {
            socket.configureBlocking(false);
        } catch (SctpException e) {
            closeQuietly(socket);
            throw new ChannelException("Failed to enter non-blocking mode: " + e.getMessage(), e);
        }
        this.config = new PeeloffSctpChannelConfig(this);
        if (parent != null) {
            connected = true;
            associationId = id;
            association = JdkSctpTypes.association(id, inStreams, outStreams);
        }
    }

    private static SctpSocket open(SctpProvider provider, ProtocolFamily family) {
        try {
            if (family == null) {
                try {
                    return SctpSocket.open(provider, StandardProtocolFamily.INET6);
                } catch (SctpException e) {
                    return SctpSocket.open(provider, StandardProtocolFamily.INET);
                }
            }
            return SctpSocket.open(provider, family);
        } catch (SctpException e) {
            throw new ChannelException("Failed to open a Peeloff SCTP socket: " + e.getMessage(), e);
        }
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // already failing; the first cause is the one reported
        }
    }

    @Override
    Object socket() {
        SctpSocket s = socket;
        return s != null ? s : connecting;
    }

    /**
     * @return the Peeloff one-to-one socket under this channel; null while a client on a provider without
     *         one-to-one sockets is still connecting on its one-to-many socket
     */
    public SctpSocket peeloffSocket() {
        return socket;
    }

    void handOver(SctpNotification early0, Object message) {
        if (early0 != null) {
            pending.add(early0);
        }
        if (message != null) {
            pending.add(message);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @return the server channel that accepted it, or null for a client channel or one peeled off a
     *         {@link PeeloffSctpMultiChannel} (see {@link #peeledFrom()})
     */
    @Override
    public SctpServerChannel parent() {
        return super.parent() instanceof SctpServerChannel s ? s : null;
    }

    /** @return the channel whose one-to-many socket this association was peeled off, or null */
    public io.netty.channel.Channel peeledFrom() {
        return super.parent();
    }

    @Override
    public ChannelMetadata metadata() {
        return METADATA;
    }

    @Override
    public PeeloffSctpChannelConfig config() {
        return config;
    }

    @Override
    public boolean isOpen() {
        SctpSocket s = socket;
        if (s != null) {
            return s.isOpen();
        }
        SctpMultiSocket m = connecting;
        return m != null && m.isOpen();
    }

    @Override
    public boolean isActive() {
        SctpSocket s = socket;
        return s != null && s.isOpen() && connected;
    }

    @Override
    public Association association() {
        return isActive() ? association : null;
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) super.localAddress();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) super.remoteAddress();
    }

    @Override
    public Set<InetSocketAddress> allLocalAddresses() {
        try {
            return new LinkedHashSet<>(localAddresses());
        } catch (SctpException e) {
            return Collections.emptySet();
        }
    }

    private List<InetSocketAddress> localAddresses() throws SctpException {
        Object s = socket();
        return s instanceof SctpSocket o ? o.localAddresses() : ((SctpMultiSocket) s).localAddresses();
    }

    @Override
    public Set<InetSocketAddress> allRemoteAddresses() {
        SctpSocket socket = this.socket;
        if (socket == null) {
            return Collections.emptySet();
        }
        try {
            return new LinkedHashSet<>(socket.remoteAddresses());
        } catch (SctpException e) {
            return Collections.emptySet();
        }
    }

    @Override
    protected SocketAddress localAddress0() {
        try {
            List<InetSocketAddress> l = localAddresses();
            return l.isEmpty() ? null : l.get(0);
        } catch (SctpException e) {
            return null;
        }
    }

    @Override
    protected SocketAddress remoteAddress0() {
        SctpSocket socket = this.socket;
        if (!connected || socket == null) {
            return null;
        }
        try {
            List<InetSocketAddress> l = socket.remoteAddresses();
            return l.isEmpty() ? requestedRemote : l.get(0);
        } catch (SctpException e) {
            return requestedRemote;
        }
    }

    @Override
    protected void doBind(SocketAddress localAddress) throws Exception {
        Object s = socket();
        if (s instanceof SctpSocket o) {
            o.bind((InetSocketAddress) localAddress);
        } else {
            ((SctpMultiSocket) s).bind((InetSocketAddress) localAddress);
        }
    }

    @Override
    protected void doDisconnect() throws Exception {
        doClose();
    }

    @Override
    protected void doClose() throws Exception {
        ChannelPromise p = connectPromise;
        if (p != null) {
            p.tryFailure(new ClosedChannelException());
            connectPromise = null;
        }
        if (connectTimeout != null) {
            connectTimeout.cancel(false);
            connectTimeout = null;
        }
        SctpMultiSocket m = connecting;
        if (m != null) {
            connecting = null;
            closeQuietly(m);
        }
        SctpSocket s = socket;
        if (s != null) {
            s.close();
        }
    }

    @Override
    protected AbstractUnsafe newUnsafe() {
        return new Unsafe();
    }

    @Override
    protected Object filterOutboundMessage(Object msg) {
        if (msg instanceof SctpMessage) {
            return msg;
        }
        throw new UnsupportedOperationException("unsupported message type: " + StringUtil.simpleClassName(msg)
                + " (expected: " + StringUtil.simpleClassName(SctpMessage.class) + ")");
    }

    @Override
    protected void doWrite(ChannelOutboundBuffer in) throws Exception {
        SctpSocket socket = this.socket; // set: Netty writes only while active
        int budget = config.getMaxMessagesPerWrite();
        while (budget > 0) {
            Object msg = in.current();
            if (msg == null) {
                break;
            }
            SctpMessage m = (SctpMessage) msg;
            ByteBuf data = m.content();
            int len = data.readableBytes();
            if (len == 0) {
                in.remove();
                budget--;
                continue;
            }
            ByteBuffer nio = data.nioBufferCount() == 1 ? data.nioBuffer(data.readerIndex(), len)
                    : ByteBuffer.wrap(ByteBufUtilCopy.bytes(data));
            MessageInfo info = MessageInfo.onStream(m.streamIdentifier())
                    .withPayloadProtocolId(m.protocolIdentifier()).withUnordered(m.isUnordered());
            boolean sent = false;
            for (int i = config.getWriteSpinCount(); i > 0 && !sent; i--) {
                sent = socket.send(nio, info) > 0;
            }
            if (!sent) {
                break;
            }
            in.remove();
            budget--;
        }
        if (in.isEmpty()) {
            removeInterest(PeeloffIoOps.WRITE);
        } else {
            addInterest(PeeloffIoOps.WRITE);
        }
    }

    @Override
    void readReady() {
        SctpSocket socket = this.socket;
        if (socket == null) {
            return; // still on the one-to-many socket: connectReady reads there
        }
        ChannelPipeline pipeline = pipeline();
        RecvByteBufAllocator.Handle alloc = unsafe().recvBufAllocHandle();
        alloc.reset(config);
        Throwable failure = null;
        boolean closeAfter = false;
        boolean readSome = false;
        try {
            do {
                ByteBuf buf = alloc.allocate(config.getAllocator());
                SctpReceived r;
                try {
                    ByteBuffer dst = buf.internalNioBuffer(buf.writerIndex(), buf.writableBytes());
                    int start = dst.position();
                    r = socket.receive(dst);
                    if (r instanceof SctpData d) {
                        alloc.lastBytesRead(dst.position() - start);
                        buf.writerIndex(buf.writerIndex() + alloc.lastBytesRead());
                        alloc.incMessagesRead(1);
                        readPending = false;
                        readSome = true;
                        SctpMessage msg = new SctpMessage(new JdkSctpTypes.ReceivedInfo(association, remoteAddress(),
                                d), buf);
                        buf = null;
                        pipeline.fireChannelRead(msg);
                        continue;
                    }
                } finally {
                    if (buf != null) {
                        buf.release();
                    }
                }
                if (r == null) {
                    alloc.lastBytesRead(0);
                    break;
                }
                alloc.incMessagesRead(1);
                if (fireNotification((SctpNotification) r)) {
                    closeAfter = true;
                    break;
                }
            } while (alloc.continueReading() && isOpen());
        } catch (SctpException e) {
            if (e.error() == SctpError.NOT_CONNECTED) {
                closeAfter = true; // the association has ended and nothing is left queued: end of input
            } else {
                failure = e;
            }
        } catch (Throwable t) {
            failure = t;
        }
        alloc.readComplete();
        if (readSome) {
            pipeline.fireChannelReadComplete();
        }
        if (failure != null) {
            pipeline.fireExceptionCaught(failure);
            closeAfter |= failure instanceof IOException;
        }
        if (closeAfter && isOpen()) {
            unsafe().close(unsafe().voidPromise());
        } else {
            readDone();
        }
    }

    /** @return true when the channel must close after it (a shutdown notification, as Netty's handler does) */
    private boolean fireNotification(SctpNotification n) {
        if (n instanceof AssociationChange c && (c.state() == AssociationChange.State.COMMUNICATION_UP
                || c.state() == AssociationChange.State.RESTART)) {
            associationId = c.association();
            association = JdkSctpTypes.association(c.association(), c.inboundStreams(), c.outboundStreams());
        }
        pipeline().fireUserEventTriggered(JdkSctpTypes.toUserEvent(n, association));
        return n instanceof ShutdownEvent;
    }

    @Override
    public ChannelFuture bindAddress(InetAddress localAddress) {
        return bindAddress(localAddress, newPromise());
    }

    @Override
    public ChannelFuture bindAddress(InetAddress localAddress, ChannelPromise promise) {
        return bindx(localAddress, true, promise);
    }

    @Override
    public ChannelFuture unbindAddress(InetAddress localAddress) {
        return unbindAddress(localAddress, newPromise());
    }

    @Override
    public ChannelFuture unbindAddress(InetAddress localAddress, ChannelPromise promise) {
        return bindx(localAddress, false, promise);
    }

    private ChannelFuture bindx(InetAddress address, boolean add, ChannelPromise promise) {
        if (eventLoop().inEventLoop()) {
            try {
                InetSocketAddress local = (InetSocketAddress) localAddress0();
                int port = local == null ? 0 : local.getPort();
                List<InetSocketAddress> a = List.of(new InetSocketAddress(address, port));
                Object s = socket();
                if (s instanceof SctpSocket o) {
                    o.bindx(a, add);
                } else {
                    ((SctpMultiSocket) s).bindx(a, add);
                }
                promise.setSuccess();
            } catch (Throwable t) {
                promise.setFailure(t);
            }
        } else {
            eventLoop().execute(() -> bindx(address, add, promise));
        }
        return promise;
    }

    /** The connect (client), its completion on readiness and its time-out. */
    private final class Unsafe extends PeeloffUnsafe {
        Throwable annotate(Throwable t, SocketAddress remote) {
            return annotateConnectException(t, remote);
        }

        @Override
        boolean isConnectPending() {
            return connectPromise != null;
        }

        @Override
        public void connect(SocketAddress remote, SocketAddress local, ChannelPromise promise) {
            if (promise.isDone() || !ensureOpen(promise)) {
                return;
            }
            try {
                if (connectPromise != null) {
                    throw new ConnectionPendingException();
                }
                if (local != null) {
                    doBind(local);
                }
                requestedRemote = (InetSocketAddress) remote;
                boolean inProgress = true;
                SctpMultiSocket m = connecting;
                try {
                    if (m != null) {
                        // one-to-many: the id now where the OS tells it; COMMUNICATION_UP (awaited in any case,
                        // it makes the socket readable) carries it too, and then the association is peeled off
                        AssociationId id = m.connect(requestedRemote);
                        if (id != null) {
                            associationId = id;
                        }
                    } else {
                        socket.connect(requestedRemote);
                        inProgress = false;
                    }
                } catch (SctpException e) {
                    if (e.error() != SctpError.WOULD_BLOCK) {
                        throw e;
                    }
                }
                if (inProgress) {
                    // in progress: the association change (COMMUNICATION_UP or CANNOT_START) makes it readable
                    connectPromise = promise;
                    addInterest(PeeloffIoOps.READ);
                    int timeout = config.getConnectTimeoutMillis();
                    if (timeout > 0) {
                        connectTimeout = eventLoop().schedule(() -> {
                            ChannelPromise p = connectPromise;
                            if (p != null && p.tryFailure(new ConnectTimeoutException("connection timed out after "
                                    + timeout + " ms: " + remote))) {
                                connectPromise = null;
                                close(voidPromise());
                            }
                        }, timeout, TimeUnit.MILLISECONDS);
                    }
                    promise.addListener(f -> {
                        if (f.isCancelled()) {
                            if (connectTimeout != null) {
                                connectTimeout.cancel(false);
                            }
                            connectPromise = null;
                            close(voidPromise());
                        }
                    });
                    return;
                }
                connectDone(promise);
            } catch (Throwable t) {
                promise.tryFailure(annotateConnectException(connectFailure(t), remote));
                closeIfClosed();
                if (isOpen()) {
                    close(voidPromise());
                }
            }
        }
    }

    private static Throwable connectFailure(Throwable t) {
        if (t instanceof SctpException e && e.error() != SctpError.WOULD_BLOCK) {
            ConnectException c = new ConnectException(e.getMessage());
            c.initCause(e);
            return c;
        }
        return t;
    }

    private void connectDone(ChannelPromise promise) {
        boolean wasActive = isActive();
        connected = true;
        if (connectTimeout != null) {
            connectTimeout.cancel(false);
            connectTimeout = null;
        }
        connectPromise = null;
        boolean promiseSet = promise.trySuccess();
        if (!wasActive && isActive()) {
            pipeline().fireChannelActive();
        }
        if (!promiseSet) {
            unsafe().close(unsafe().voidPromise());
        }
    }

    /**
     * Readiness while the connect is pending: the first association change says how it ended; a failure is
     * the connect's failure (a {@link ConnectException} caused by the {@link SctpException}). On a one-to-many
     * socket, COMMUNICATION_UP is followed by the peel-off of the association into the channel's one-to-one
     * socket, to which the registration moves, and the one-to-many socket is closed; a failed peel-off fails
     * the connect (the association ends with the channel).
     */
    @Override
    void connectReady() {
        ChannelPromise promise = connectPromise;
        if (promise == null) {
            return;
        }
        try {
            while (true) {
                SctpMultiSocket m = connecting;
                ByteBuf buf = config.getAllocator().heapBuffer(EARLY_BUFFER);
                SctpReceived r;
                try {
                    ByteBuffer dst = buf.internalNioBuffer(0, buf.writableBytes());
                    int start = dst.position();
                    r = m != null ? m.receive(dst) : socket.receive(dst);
                    if (r instanceof SctpData d) {
                        if (m == null) {
                            throw new IllegalStateException("data before the association was up: " + r);
                        }
                        buf.writerIndex(dst.position() - start);
                        pending.add(new EarlyData(d, buf)); // kept, delivered first
                        buf = null;
                        continue;
                    }
                } finally {
                    if (buf != null) {
                        buf.release();
                    }
                }
                if (r == null) {
                    return; // still being set up
                }
                if (r instanceof AssociationChange c) {
                    if (c.state() == AssociationChange.State.COMMUNICATION_UP
                            || c.state() == AssociationChange.State.RESTART) {
                        associationId = c.association();
                        association = JdkSctpTypes.association(c.association(), c.inboundStreams(),
                                c.outboundStreams());
                        pending.add(c);
                        if (m != null) {
                            peelOffConnected(m, c.association());
                        }
                        connectDone(promise);
                        firePending();
                        return;
                    }
                    throw new ConnectException("the association could not be set up: " + c);
                }
                pending.add(r);
            }
        } catch (Throwable t) {
            connectPromise = null;
            if (connectTimeout != null) {
                connectTimeout.cancel(false);
                connectTimeout = null;
            }
            promise.tryFailure(((Unsafe) unsafe()).annotate(connectFailure(t), requestedRemote));
            if (isOpen()) {
                unsafe().close(unsafe().voidPromise());
            }
        }
    }

    /** Buffer of what a client reads before its association is up (larger messages arrive in parts). */
    private static final int EARLY_BUFFER = 8192;

    /**
     * Moves the association from the one-to-many socket it was set up on to a one-to-one socket of its own;
     * what the kernel still queued for it moves with it. The one-to-many socket is closed.
     */
    private void peelOffConnected(SctpMultiSocket m, AssociationId id) throws Exception {
        socket = m.peelOff(id, PeeloffOption.NONBLOCK);
        connecting = null;
        reregister();
        m.close();
    }

    /** Fires what was read before the channel was active, in the order read. */
    private void firePending() {
        if (pending.isEmpty()) {
            return;
        }
        boolean messages = false;
        List<Object> l = new ArrayList<>(pending);
        pending.clear();
        for (Object o : l) {
            if (o instanceof SctpNotification n) {
                pipeline().fireUserEventTriggered(JdkSctpTypes.toUserEvent(n, association));
            } else if (o instanceof EarlyData e) {
                messages = true;
                pipeline().fireChannelRead(new SctpMessage(new JdkSctpTypes.ReceivedInfo(association,
                        remoteAddress(), e.data()), e.content()));
            } else {
                messages = true;
                pipeline().fireChannelRead(o);
            }
        }
        if (messages) {
            pipeline().fireChannelReadComplete();
        }
    }

    /** A child delivers first what was read for its association before it existed. */
    @Override
    protected void doBeginRead() {
        firePending();
        super.doBeginRead();
    }

    @Override
    protected void doDeregister() {
        for (Object m : pending) {
            ReferenceCountUtil.release(m instanceof EarlyData e ? e.content() : m);
        }
        pending.clear();
        super.doDeregister();
    }
}
