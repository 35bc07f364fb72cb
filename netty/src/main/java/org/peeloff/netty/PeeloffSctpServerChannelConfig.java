/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.netty;

import java.util.Map;

import com.sun.nio.sctp.SctpStandardSocketOptions.InitMaxStreams;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.DefaultChannelConfig;
import io.netty.channel.MessageSizeEstimator;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.sctp.SctpServerChannelConfig;
import io.netty.channel.sctp.SctpChannelOption;

/**
 * The configuration of a {@link PeeloffSctpServerChannel}: Netty's generic options, and the SCTP ones
 * ({@code SCTP_NODELAY}, {@code SCTP_INIT_MAXSTREAMS}, {@code SO_SNDBUF}, {@code SO_RCVBUF},
 * {@code SO_LINGER}, {@code SCTP_DISABLE_FRAGMENTS}, {@code SCTP_FRAGMENT_INTERLEAVE},
 * {@code SCTP_PRIMARY_ADDR}, {@code SCTP_SET_PEER_PRIMARY_ADDR}) read and written on the socket through
 * Peeloff's typed options.
 */
public final class PeeloffSctpServerChannelConfig extends DefaultChannelConfig implements SctpServerChannelConfig {
    private final SocketOptions options;
    private volatile int backlog = 128;
    private final AbstractPeeloffChannel channel;

    PeeloffSctpServerChannelConfig(AbstractPeeloffChannel channel, Object socket) {
        super(channel);
        this.channel = channel;
        this.options = new SocketOptions(socket);
    }

    @Override
    public Map<ChannelOption<?>, Object> getOptions() {
        return getOptions(super.getOptions(), ChannelOption.SO_RCVBUF, ChannelOption.SO_SNDBUF,
                SctpChannelOption.SCTP_NODELAY, SctpChannelOption.SCTP_INIT_MAXSTREAMS, ChannelOption.SO_LINGER, ChannelOption.SO_BACKLOG);
    }

    @SuppressWarnings("unchecked")
    @Override
    public <T> T getOption(ChannelOption<T> option) {
        if (option == ChannelOption.SO_BACKLOG) {
            return (T) Integer.valueOf(getBacklog());
        }
        Object v = options.get(option);
        return v == SocketOptions.NOT_MAPPED ? super.getOption(option) : (T) v;
    }

    @Override
    public <T> boolean setOption(ChannelOption<T> option, T value) {
        validate(option, value);
        if (option == ChannelOption.SO_BACKLOG) {
            setBacklog((Integer) value);
            return true;
        }
        return options.set(option, value) || super.setOption(option, value);
    }

    @Override
    public int getBacklog() {
        return backlog;
    }

    @Override
    public PeeloffSctpServerChannelConfig setBacklog(int backlog) {
        if (backlog < 0) {
            throw new IllegalArgumentException("backlog: " + backlog);
        }
        this.backlog = backlog;
        return this;
    }

    @Override
    public int getSendBufferSize() {
        return (Integer) options.get(ChannelOption.SO_SNDBUF);
    }

    @Override
    public PeeloffSctpServerChannelConfig setSendBufferSize(int sendBufferSize) {
        options.set(ChannelOption.SO_SNDBUF, sendBufferSize);
        return this;
    }

    @Override
    public int getReceiveBufferSize() {
        return (Integer) options.get(ChannelOption.SO_RCVBUF);
    }

    @Override
    public PeeloffSctpServerChannelConfig setReceiveBufferSize(int receiveBufferSize) {
        options.set(ChannelOption.SO_RCVBUF, receiveBufferSize);
        return this;
    }

    @Override
    public InitMaxStreams getInitMaxStreams() {
        return options.initMaxStreams();
    }

    @Override
    public PeeloffSctpServerChannelConfig setInitMaxStreams(InitMaxStreams initMaxStreams) {
        options.initMaxStreams(initMaxStreams);
        return this;
    }

    @Override
    protected void autoReadCleared() {
        channel.clearReadPending();
    }

    @Override
    public PeeloffSctpServerChannelConfig setConnectTimeoutMillis(int connectTimeoutMillis) {
        super.setConnectTimeoutMillis(connectTimeoutMillis);
        return this;
    }

    @Override
    @Deprecated
    public PeeloffSctpServerChannelConfig setMaxMessagesPerRead(int maxMessagesPerRead) {
        super.setMaxMessagesPerRead(maxMessagesPerRead);
        return this;
    }

    @Override
    public PeeloffSctpServerChannelConfig setWriteSpinCount(int writeSpinCount) {
        super.setWriteSpinCount(writeSpinCount);
        return this;
    }

    @Override
    public PeeloffSctpServerChannelConfig setAllocator(ByteBufAllocator allocator) {
        super.setAllocator(allocator);
        return this;
    }

    @Override
    public PeeloffSctpServerChannelConfig setRecvByteBufAllocator(RecvByteBufAllocator allocator) {
        super.setRecvByteBufAllocator(allocator);
        return this;
    }

    @Override
    public PeeloffSctpServerChannelConfig setAutoRead(boolean autoRead) {
        super.setAutoRead(autoRead);
        return this;
    }

    @Override
    public PeeloffSctpServerChannelConfig setAutoClose(boolean autoClose) {
        super.setAutoClose(autoClose);
        return this;
    }

    @Override
    public PeeloffSctpServerChannelConfig setWriteBufferHighWaterMark(int writeBufferHighWaterMark) {
        super.setWriteBufferHighWaterMark(writeBufferHighWaterMark);
        return this;
    }

    @Override
    public PeeloffSctpServerChannelConfig setWriteBufferLowWaterMark(int writeBufferLowWaterMark) {
        super.setWriteBufferLowWaterMark(writeBufferLowWaterMark);
        return this;
    }

    @Override
    public PeeloffSctpServerChannelConfig setWriteBufferWaterMark(WriteBufferWaterMark writeBufferWaterMark) {
        super.setWriteBufferWaterMark(writeBufferWaterMark);
        return this;
    }

    @Override
    public PeeloffSctpServerChannelConfig setMessageSizeEstimator(MessageSizeEstimator estimator) {
        super.setMessageSizeEstimator(estimator);
        return this;
    }
}
