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
import io.netty.channel.sctp.SctpChannelConfig;
import io.netty.channel.sctp.SctpChannelOption;

/**
 * The configuration of a {@link PeeloffSctpChannel}: Netty's generic options, and the SCTP ones
 * ({@code SCTP_NODELAY}, {@code SCTP_INIT_MAXSTREAMS}, {@code SO_SNDBUF}, {@code SO_RCVBUF},
 * {@code SO_LINGER}, {@code SCTP_DISABLE_FRAGMENTS}, {@code SCTP_FRAGMENT_INTERLEAVE},
 * {@code SCTP_PRIMARY_ADDR}, {@code SCTP_SET_PEER_PRIMARY_ADDR}) read and written on the socket through
 * Peeloff's typed options.
 */
public final class PeeloffSctpChannelConfig extends DefaultChannelConfig implements SctpChannelConfig {
    private final SocketOptions options;
    private final PeeloffSctpChannel channel;

    PeeloffSctpChannelConfig(PeeloffSctpChannel channel) {
        super(channel);
        this.channel = channel;
        this.options = new SocketOptions(channel::socket);
    }

    @Override
    public Map<ChannelOption<?>, Object> getOptions() {
        return getOptions(super.getOptions(), ChannelOption.SO_RCVBUF, ChannelOption.SO_SNDBUF,
                SctpChannelOption.SCTP_NODELAY, SctpChannelOption.SCTP_INIT_MAXSTREAMS, ChannelOption.SO_LINGER);
    }

    @SuppressWarnings("unchecked")
    @Override
    public <T> T getOption(ChannelOption<T> option) {
        Object v = options.get(option);
        return v == SocketOptions.NOT_MAPPED ? super.getOption(option) : (T) v;
    }

    @Override
    public <T> boolean setOption(ChannelOption<T> option, T value) {
        validate(option, value);
        return options.set(option, value) || super.setOption(option, value);
    }

    @Override
    public boolean isSctpNoDelay() {
        return (Boolean) options.get(SctpChannelOption.SCTP_NODELAY);
    }

    @Override
    public PeeloffSctpChannelConfig setSctpNoDelay(boolean sctpNoDelay) {
        options.set(SctpChannelOption.SCTP_NODELAY, sctpNoDelay);
        return this;
    }

    @Override
    public int getSendBufferSize() {
        return (Integer) options.get(ChannelOption.SO_SNDBUF);
    }

    @Override
    public PeeloffSctpChannelConfig setSendBufferSize(int sendBufferSize) {
        options.set(ChannelOption.SO_SNDBUF, sendBufferSize);
        return this;
    }

    @Override
    public int getReceiveBufferSize() {
        return (Integer) options.get(ChannelOption.SO_RCVBUF);
    }

    @Override
    public PeeloffSctpChannelConfig setReceiveBufferSize(int receiveBufferSize) {
        options.set(ChannelOption.SO_RCVBUF, receiveBufferSize);
        return this;
    }

    @Override
    public InitMaxStreams getInitMaxStreams() {
        return options.initMaxStreams();
    }

    @Override
    public PeeloffSctpChannelConfig setInitMaxStreams(InitMaxStreams initMaxStreams) {
        options.initMaxStreams(initMaxStreams);
        return this;
    }

    @Override
    protected void autoReadCleared() {
        channel.clearReadPending();
    }

    @Override
    public PeeloffSctpChannelConfig setConnectTimeoutMillis(int connectTimeoutMillis) {
        super.setConnectTimeoutMillis(connectTimeoutMillis);
        return this;
    }

    @Override
    @Deprecated
    public PeeloffSctpChannelConfig setMaxMessagesPerRead(int maxMessagesPerRead) {
        super.setMaxMessagesPerRead(maxMessagesPerRead);
        return this;
    }

    @Override
    public PeeloffSctpChannelConfig setWriteSpinCount(int writeSpinCount) {
        super.setWriteSpinCount(writeSpinCount);
        return this;
    }

    @Override
    public PeeloffSctpChannelConfig setAllocator(ByteBufAllocator allocator) {
        super.setAllocator(allocator);
        return this;
    }

    @Override
    public PeeloffSctpChannelConfig setRecvByteBufAllocator(RecvByteBufAllocator allocator) {
        super.setRecvByteBufAllocator(allocator);
        return this;
    }

    @Override
    public PeeloffSctpChannelConfig setAutoRead(boolean autoRead) {
        super.setAutoRead(autoRead);
        return this;
    }

    @Override
    public PeeloffSctpChannelConfig setAutoClose(boolean autoClose) {
        super.setAutoClose(autoClose);
        return this;
    }

    @Override
    public PeeloffSctpChannelConfig setWriteBufferHighWaterMark(int writeBufferHighWaterMark) {
        super.setWriteBufferHighWaterMark(writeBufferHighWaterMark);
        return this;
    }

    @Override
    public PeeloffSctpChannelConfig setWriteBufferLowWaterMark(int writeBufferLowWaterMark) {
        super.setWriteBufferLowWaterMark(writeBufferLowWaterMark);
        return this;
    }

    @Override
    public PeeloffSctpChannelConfig setWriteBufferWaterMark(WriteBufferWaterMark writeBufferWaterMark) {
        super.setWriteBufferWaterMark(writeBufferWaterMark);
        return this;
    }

    @Override
    public PeeloffSctpChannelConfig setMessageSizeEstimator(MessageSizeEstimator estimator) {
        super.setMessageSizeEstimator(estimator);
        return this;
    }
}
