/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.netty;

import java.net.InetAddress;
import java.net.ProtocolFamily;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelMetadata;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.sctp.SctpMessage;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.internal.StringUtil;
import org.peeloff.AssociationChange;
import org.peeloff.AssociationId;
import org.peeloff.MessageInfo;
import org.peeloff.PeeloffOption;
import org.peeloff.Sctp;
import org.peeloff.SctpData;
import org.peeloff.SctpException;
import org.peeloff.SctpNotification;
import org.peeloff.SctpReceived;
import org.peeloff.SctpSocket;
import org.peeloff.spi.SctpProvider;

/**
 * What Netty's SCTP API lacks: a channel over a one-to-many socket that serves every association
 * itself and peels one off into a {@link PeeloffSctpChannel} of its own when the application asks
 * ({@link #peelOff}), or by itself past a message rate ({@link RateThreshold}, a constructor argument).
 * Bind it with a plain {@code Bootstrap} (it is not a
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
 * order. The rate threshold peels off the same way, right after this channel fired a complete message of
 * the association (never in the middle of a message delivered in parts).
 */
public class PeeloffSctpMultiChannel extends AbstractPeeloffMultiSocketChannel {
    private static final ChannelMetadata METADATA = new ChannelMetadata(false);

    /** Null: peel-off on request only. */
    private final RateThreshold threshold;
    /** Message counts by association id while a threshold is set (event loop only). */
    private final Map<Integer, MessageRate> rates = new HashMap<>();

    /**
     * Peel-off past a message rate: an association whose complete messages read by this channel exceed
     * {@code messagesPerSecond} on average over the last {@code window} (counted in tenths of it) is
     * peeled off into a {@link PeeloffSctpChannel} of its own, registered on {@code childGroup.next()} with
     * {@code childHandler} in its pipeline; this channel then fires a {@link PeeledOff} user event. A failed
     * peel-off reaches this channel's pipeline as an exception, the association stays here (nothing lost),
     * and its count starts again.
     *
     * @param messagesPerSecond the rate, positive
     * @param window            the window the rate is averaged over, at least 10 ms
     * @param childGroup        the event loops of the new channels, driven by a {@link PeeloffIoHandler} of
     *                          this channel's provider
     * @param childHandler      the handler of every new channel: sharable, e.g. a {@code ChannelInitializer}
     */
    public record RateThreshold(double messagesPerSecond, Duration window, EventLoopGroup childGroup,
                                ChannelHandler childHandler) {
        /** Checks the arguments. */
        public RateThreshold {
            if (!(messagesPerSecond > 0) || Double.isInfinite(messagesPerSecond)) {
                throw new IllegalArgumentException("messagesPerSecond must be positive: " + messagesPerSecond);
            }
            Objects.requireNonNull(window, "window");
            if (window.compareTo(Duration.ofMillis(10)) < 0) {
                throw new IllegalArgumentException("window below 10 ms: " + window);
            }
            Objects.requireNonNull(childGroup, "childGroup");
            Objects.requireNonNull(childHandler, "childHandler");
        }

        /** @return how many messages in one window exceed the rate */
        long messagesPerWindow() {
            return (long) Math.floor(messagesPerSecond * window.toNanos() / 1e9);
        }
    }

    /**
     * Fired on this channel's pipeline (a user event) when the rate threshold moved an association to a
     * channel of its own.
     *
     * @param association      the association
     * @param channel          its new channel, registered
     * @param messagesInWindow the messages counted in the window when it was moved
     */
    public record PeeledOff(AssociationId association, PeeloffSctpChannel channel, long messagesInWindow) {
    }

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
        this(provider, family, null);
    }

    /**
     * @param provider    the provider
     * @param family      INET or INET6; null: INET6 where the provider opens one, else INET
     * @param peelOffAbove the rate past which an association is peeled off by itself; null: on request only
     */
    public PeeloffSctpMultiChannel(SctpProvider provider, ProtocolFamily family, RateThreshold peelOffAbove) {
        super(openNonBlocking(provider, family));
        this.threshold = peelOffAbove;
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
    protected void doDisconnect() throws Exception {
        doClose();
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
        writeMessages(in, config.getMaxMessagesPerWrite());
    }

    @Override
    boolean writeMessage(SctpMessage m, ByteBuffer payload, ChannelOutboundBuffer in) {
        AssociationId id = AssociationId.of(m.messageInfo().association().associationID());
        MessageInfo info = MessageInfo.to(id, m.streamIdentifier()).withPayloadProtocolId(m.protocolIdentifier())
                .withUnordered(m.isUnordered());
        try {
            if (socket.send(payload, info) <= 0) {
                return false;
            }
        } catch (SctpException e) {
            in.remove(e); // that association's failure fails that write only; the others go on
            return true;
        }
        in.remove();
        return true;
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
                        if (threshold != null && d.complete() && d.association() != null) {
                            countAndMaybePeelOff(d.association());
                        }
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
                if (r instanceof AssociationChange c && r.association() != null
                        && c.state() != AssociationChange.State.COMMUNICATION_UP) {
                    rates.remove(r.association().value()); // ended or restarted: counted afresh
                }
                fireNotification((SctpNotification) r);
            } while (alloc.continueReading() && isOpen());
        } catch (Throwable t) {
            failure = t;
        }
        readLoopDone(alloc, readSome, failure);
    }

    /** @return the rate threshold, or null (peel-off on request only) */
    public RateThreshold rateThreshold() {
        return threshold;
    }

    private void countAndMaybePeelOff(AssociationId id) {
        MessageRate rate = rates.computeIfAbsent(id.value(), k -> new MessageRate(threshold.window(), 10));
        long n = rate.add(System.nanoTime());
        if (n <= threshold.messagesPerWindow()) {
            return;
        }
        rates.remove(id.value());
        Promise<PeeloffSctpChannel> p = eventLoop().newPromise();
        p.addListener(f -> {
            if (f.isSuccess()) {
                pipeline().fireUserEventTriggered(new PeeledOff(id, p.getNow(), n));
            } else {
                pipeline().fireExceptionCaught(f.cause());
            }
        });
        peelOff0(id, threshold.childGroup().next(), threshold.childHandler(), p);
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
        return bindx0(address, add, promise);
    }
}
