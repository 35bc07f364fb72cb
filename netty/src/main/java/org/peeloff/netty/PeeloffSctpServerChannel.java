/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.netty;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.nio.ByteBuffer;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelMetadata;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.sctp.SctpMessage;
import io.netty.channel.sctp.SctpServerChannel;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import org.peeloff.AssociationChange;
import org.peeloff.AssociationId;
import org.peeloff.PeeloffOption;
import org.peeloff.Sctp;
import org.peeloff.SctpData;
import org.peeloff.SctpError;
import org.peeloff.SctpException;
import org.peeloff.SctpNotification;
import org.peeloff.SctpReceived;
import org.peeloff.SctpSocket;
import org.peeloff.spi.SctpProvider;

/**
 * A Netty {@link SctpServerChannel} over a Peeloff one-to-many socket that accepts as Netty's
 * {@code NioSctpServerChannel} does: every association that comes up is peeled off into a child
 * {@link PeeloffSctpChannel} of its own (a one-to-one socket), so one listening socket serves Netty
 * applications on every provider, including AIX, which documents only one-to-many sockets. The kernel
 * moves what was queued for the association with it ({@code sctp_peeloff}), so nothing is lost or read
 * twice; the association change that announced it is fired on the child as a user event once the child
 * reads, as the JDK's accepted channel delivers it. A message that the one-to-many socket returned for an
 * association without a child (one whose peel-off had failed before) is handed to the child made for it
 * then, before anything the child reads itself.
 *
 * <p>A peel-off that fails with a retryable or resource error ({@code TOO_MANY_OPEN_FILES}) reaches the
 * pipeline as an exception and the association is aborted, so that a peer never waits on an association
 * nobody serves. For an application that wants to keep associations on the one-to-many socket and peel
 * off only some of them, use the one-to-many socket itself.
 */
public class PeeloffSctpServerChannel extends AbstractPeeloffMultiSocketChannel implements SctpServerChannel {
    private static final InternalLogger logger = InternalLoggerFactory.getInstance(PeeloffSctpServerChannel.class);
    private static final ChannelMetadata METADATA = new ChannelMetadata(false, 16);

    private ByteBuffer scratch;

    /**
     * Opens a one-to-many socket with the provider {@link Sctp#provider()} chose: IPv6 (which also serves
     * IPv4 addresses) where the provider opens one, else IPv4, as the JDK's channels do.
     */
    public PeeloffSctpServerChannel() {
        this(Sctp.provider());
    }

    /**
     * @param provider the provider (its {@link PeeloffIoHandler} must drive the channel's event loops)
     */
    public PeeloffSctpServerChannel(SctpProvider provider) {
        this(provider, null);
    }

    /**
     * @param provider the provider
     * @param family   INET or INET6; null: INET6 where the provider opens one, else INET
     */
    public PeeloffSctpServerChannel(SctpProvider provider, ProtocolFamily family) {
        super(openNonBlocking(provider, family));
    }

    @Override
    public ChannelMetadata metadata() {
        return METADATA;
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) super.localAddress();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return null;
    }

    @Override
    protected void doDisconnect() {
        throw new UnsupportedOperationException();
    }

    @Override
    protected void doWrite(ChannelOutboundBuffer in) {
        throw new UnsupportedOperationException();
    }

    @Override
    protected Object filterOutboundMessage(Object msg) {
        throw new UnsupportedOperationException();
    }

    /**
     * Reads the one-to-many socket: an association that comes up is peeled off into a child channel;
     * a message of an association without a child makes one (the message goes with it); other
     * notifications are fired on this channel as user events.
     */
    @Override
    void readReady() {
        ChannelPipeline pipeline = pipeline();
        io.netty.channel.RecvByteBufAllocator.Handle alloc = unsafe().recvBufAllocHandle();
        alloc.reset(config);
        if (scratch == null) {
            scratch = ByteBuffer.allocateDirect(64 * 1024);
        }
        boolean readSome = false;
        Throwable failure = null;
        try {
            do {
                SctpReceived r = socket.receive(scratch.clear());
                if (r == null) {
                    break;
                }
                alloc.incMessagesRead(1);
                if (r instanceof AssociationChange c && (c.state() == AssociationChange.State.COMMUNICATION_UP
                        || c.state() == AssociationChange.State.RESTART)) {
                    PeeloffSctpChannel child = peel(c.association(), c.inboundStreams(), c.outboundStreams(), c, null);
                    if (child != null) {
                        readPending = false;
                        readSome = true;
                        pipeline.fireChannelRead(child);
                    }
                } else if (r instanceof SctpData d) {
                    scratch.flip();
                    ByteBuf copy = config.getAllocator().directBuffer(scratch.remaining());
                    copy.writeBytes(scratch);
                    SctpMessage msg = new SctpMessage(new JdkSctpTypes.ReceivedInfo(
                            JdkSctpTypes.association(d.association(), 0, 0), null, d), copy);
                    PeeloffSctpChannel child = peel(d.association(), 0, 0, null, msg);
                    if (child != null) {
                        readPending = false;
                        readSome = true;
                        pipeline.fireChannelRead(child);
                    } else {
                        msg.release();
                    }
                } else {
                    fireNotification((SctpNotification) r);
                }
            } while (alloc.continueReading() && isOpen());
        } catch (Throwable t) {
            failure = t;
        }
        readLoopDone(alloc, readSome, failure);
    }

    /**
     * @return the child, or null when the association is gone (nothing to serve) or could not be peeled
     *         off (the failure was fired, the association aborted)
     */
    private PeeloffSctpChannel peel(AssociationId id, int in, int out, SctpNotification first, Object message) {
        SctpSocket s;
        try {
            s = socket.peelOff(id, PeeloffOption.NONBLOCK);
        } catch (SctpException e) {
            if (e.error() != SctpError.NO_SUCH_ASSOCIATION) {
                pipeline().fireExceptionCaught(e);
                try {
                    socket.abort(id);
                } catch (SctpException a) {
                    logger.debug("abort of " + id + " after a failed peel-off failed too", a);
                }
            }
            if (message != null) {
                io.netty.util.ReferenceCountUtil.release(message);
            }
            return null;
        }
        PeeloffSctpChannel child;
        try {
            child = new PeeloffSctpChannel(this, s, id, in, out);
        } catch (RuntimeException e) {
            PeeloffSctpChannel.closeQuietly(s);
            throw e;
        }
        child.handOver(first, message);
        return child;
    }

    @Override
    public ChannelFuture bindAddress(InetAddress localAddress) {
        return bindAddress(localAddress, newPromise());
    }

    @Override
    public ChannelFuture bindAddress(InetAddress localAddress, ChannelPromise promise) {
        return bindx0(localAddress, true, promise);
    }

    @Override
    public ChannelFuture unbindAddress(InetAddress localAddress) {
        return unbindAddress(localAddress, newPromise());
    }

    @Override
    public ChannelFuture unbindAddress(InetAddress localAddress, ChannelPromise promise) {
        return bindx0(localAddress, false, promise);
    }

}
