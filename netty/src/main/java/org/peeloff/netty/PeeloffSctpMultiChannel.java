/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.netty;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelMetadata;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.sctp.SctpMessage;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.internal.StringUtil;
import org.peeloff.AssociationId;
import org.peeloff.MessageInfo;
import org.peeloff.PeeloffOption;
import org.peeloff.Sctp;
import org.peeloff.SctpData;
import org.peeloff.SctpException;
import org.peeloff.SctpMultiSocket;
import org.peeloff.SctpNotification;
import org.peeloff.SctpReceived;
import org.peeloff.SctpSocket;
import org.peeloff.spi.SctpProvider;

/**
 * What Netty's SCTP API lacks: a channel over a one-to-many socket that serves every association
 * itself and peels one off into a {@link PeeloffSctpChannel} of its own when the application asks
 * ({@link #peelOff}), e.g. past a message rate. Bind it with a plain {@code Bootstrap} (it is not a
 * {@code ServerChannel}: what it reads are messages, not child channels).
 *
 * <p>Inbound: {@link SctpMessage}s whose {@code messageInfo().association()} names the association
 * (its {@code associationID()} is Peeloff's {@link AssociationId} value), and notifications as user
 * events, as on {@link PeeloffSctpChannel}. Outbound: an {@link SctpMessage} built on a received
 * message's info ({@code new SctpMessage(received.messageInfo(), data)}, or {@code received.replace(data)})
 * goes to that association, on its stream with its payload protocol id; {@link #message} builds one for
 * an association id.
 *
 * <p>Nothing is lost or read twice across a peel-off: this channel reads and fires one message at a
 * time on its event loop, and {@link #peelOff} runs there too, so every message of the association that
 * this channel had read was fired here before the peel-off, and everything still queued in the kernel
 * moves with the association to the new socket ({@code sctp_peeloff}), where the child reads it, in
 * order.
 */
public class PeeloffSctpMultiChannel extends AbstractPeeloffChannel {
    private static final ChannelMetadata METADATA = new ChannelMetadata(false);

    private final SctpMultiSocket socket;
    private final PeeloffSctpServerChannelConfig config;
    private volatile boolean bound;

    /**
     * Opens a one-to-many socket with the provider {@link Sctp#provider()} chose: IPv6 (which also serves
     * IPv4 addresses) where the provider opens one, else IPv4, as the JDK's channels do.
     */
    public PeeloffSctpMultiChannel() {
        this(Sctp.provider());
    }

    /**
     * @param provider the provider (its {@link PeeloffIoHandler} must drive the channel's event loop)
     */
    public PeeloffSctpMultiChannel(SctpProvider provider) {
        this(provider, null);
    }

    /**
     * @param provider the provider
     * @param family   INET or INET6; null: INET6 where the provider opens one, else INET
     */
    public PeeloffSctpMultiChannel(SctpProvider provider, ProtocolFamily family) {
        super(null);
        try {
            socket = openMulti(provider, family);
            socket.configureBlocking(false);
        } catch (SctpException e) {
            throw new ChannelException("Failed to open a Peeloff one-to-many SCTP socket: " + e.getMessage(), e);
        }
        config = new PeeloffSctpServerChannelConfig(this, socket);
    }

    /**
     * @param association the association (from a received message's or a notification's association id)
     * @param stream      the stream
     * @param ppid        the payload protocol id
     * @param data        the payload
     * @return a message this channel sends to that association
     */
    public static SctpMessage message(AssociationId association, int stream, int ppid, ByteBuf data) {
        Objects.requireNonNull(association, "association");
        return new SctpMessage(new JdkSctpTypes.ReceivedInfo(JdkSctpTypes.association(association, 0, 0), null,
                new SctpData(association, stream, ppid, data.readableBytes(), true, false)), data);
    }

    @Override
    Object socket() {
        return socket;
    }

    /** @return the Peeloff one-to-many socket under this channel */
    public SctpMultiSocket peeloffSocket() {
        return socket;
    }

    /**
     * Peels an association off into a channel of its own, registered on {@code loop} with
     * {@code handler} in its pipeline.
     *
     * @param association the association (its id as this channel reported it)
     * @param loop        the event loop of the new channel; it must be driven by a {@link PeeloffIoHandler}
     *                    of this channel's provider
     * @param handler     the handler of the new channel (e.g. a {@code ChannelInitializer})
     * @return completes with the registered, active child; fails with the {@link SctpException} of the
     *         peel-off (the association then stays on this channel, nothing lost)
     */
    public Future<PeeloffSctpChannel> peelOff(AssociationId association, EventLoop loop, ChannelHandler handler) {
        Promise<PeeloffSctpChannel> p = eventLoop().newPromise();
        if (eventLoop().inEventLoop()) {
            peelOff0(association, loop, handler, p);
        } else {
            eventLoop().execute(() -> peelOff0(association, loop, handler, p));
        }
        return p;
    }

    private void peelOff0(AssociationId association, EventLoop loop, ChannelHandler handler,
                          Promise<PeeloffSctpChannel> p) {
        SctpSocket s;
        try {
            s = socket.peelOff(association, PeeloffOption.NONBLOCK);
        } catch (SctpException e) {
            p.setFailure(e);
            return;
        }
        PeeloffSctpChannel child;
        try {
            child = new PeeloffSctpChannel(this, s, association, 0, 0);
            child.pipeline().addLast(handler);
        } catch (RuntimeException e) {
            PeeloffSctpChannel.closeQuietly(s);
            p.setFailure(e);
            return;
        }
        loop.register(child).addListener(f -> {
            if (f.isSuccess()) {
                p.setSuccess(child);
            } else {
                child.unsafe().closeForcibly();
                p.setFailure(f.cause());
            }
        });
    }

    @Override
    public ChannelMetadata metadata() {
        return METADATA;
    }

    @Override
    public PeeloffSctpServerChannelConfig config() {
        return config;
    }

    @Override
    public boolean isOpen() {
        return socket.isOpen();
    }

    @Override
    public boolean isActive() {
        return socket.isOpen() && bound;
    }

    /** @return every local address of the socket */
    public Set<InetSocketAddress> allLocalAddresses() {
        try {
            return new LinkedHashSet<>(socket.localAddresses());
        } catch (SctpException e) {
            return Collections.emptySet();
        }
    }

    @Override
    protected SocketAddress localAddress0() {
        try {
            List<InetSocketAddress> l = socket.localAddresses();
            return l.isEmpty() ? null : l.get(0);
        } catch (SctpException e) {
            return null;
        }
    }

    @Override
    protected SocketAddress remoteAddress0() {
        return null;
    }

    @Override
    protected void doBind(SocketAddress localAddress) throws Exception {
        socket.bind((InetSocketAddress) localAddress);
        socket.listen(config.getBacklog());
        bound = true;
    }

    @Override
    protected void doDisconnect() throws Exception {
        doClose();
    }

    @Override
    protected void doClose() throws Exception {
        socket.close();
    }

    @Override
    protected AbstractUnsafe newUnsafe() {
        return new PeeloffUnsafe() { };
    }

    @Override
    protected Object filterOutboundMessage(Object msg) {
        if (msg instanceof SctpMessage m && m.messageInfo() != null && m.messageInfo().association() != null) {
            return msg;
        }
        throw new UnsupportedOperationException("unsupported message: " + StringUtil.simpleClassName(msg)
                + " (expected: an SctpMessage with a messageInfo() naming the association)");
    }

    @Override
    protected void doWrite(ChannelOutboundBuffer in) throws Exception {
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
            AssociationId id = AssociationId.of(m.messageInfo().association().associationID());
            MessageInfo info = MessageInfo.to(id, m.streamIdentifier()).withPayloadProtocolId(m.protocolIdentifier())
                    .withUnordered(m.isUnordered());
            try {
                if (socket.send(nio, info) <= 0) {
                    break;
                }
            } catch (SctpException e) {
                in.remove(e); // that association's failure fails that write only; the others go on
                budget--;
                continue;
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
        ChannelPipeline pipeline = pipeline();
        io.netty.channel.RecvByteBufAllocator.Handle alloc = unsafe().recvBufAllocHandle();
        alloc.reset(config);
        boolean readSome = false;
        Throwable failure = null;
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
                        SctpMessage msg = new SctpMessage(new JdkSctpTypes.ReceivedInfo(
                                JdkSctpTypes.association(d.association(), 0, 0), null, d), buf);
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
                pipeline.fireUserEventTriggered(JdkSctpTypes.toUserEvent((SctpNotification) r,
                        JdkSctpTypes.association(r.association(), 0, 0)));
            } while (alloc.continueReading() && isOpen());
        } catch (Throwable t) {
            failure = t;
        }
        alloc.readComplete();
        if (readSome) {
            pipeline.fireChannelReadComplete();
        }
        if (failure != null) {
            pipeline.fireExceptionCaught(failure);
        }
        readDone();
    }

    /**
     * Adds or removes a local address ({@code sctp_bindx}).
     *
     * @param address the address (this socket's port)
     * @param add     true to add, false to remove
     * @param promise completed with the outcome
     * @return {@code promise}
     */
    public ChannelFuture bindx(InetAddress address, boolean add, ChannelPromise promise) {
        if (eventLoop().inEventLoop()) {
            try {
                InetSocketAddress local = (InetSocketAddress) localAddress0();
                socket.bindx(List.of(new InetSocketAddress(address, local == null ? 0 : local.getPort())), add);
                promise.setSuccess();
            } catch (Throwable t) {
                promise.setFailure(t);
            }
        } else {
            eventLoop().execute(() -> bindx(address, add, promise));
        }
        return promise;
    }
}
