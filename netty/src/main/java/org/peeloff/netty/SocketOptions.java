/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.netty;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;

import com.sun.nio.sctp.SctpStandardSocketOptions.InitMaxStreams;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelOption;
import io.netty.channel.sctp.SctpChannelOption;
import org.peeloff.SctpException;
import org.peeloff.SctpOption;
import org.peeloff.SctpOptions;
import org.peeloff.SctpSocket;

/**
 * Netty's SCTP channel options mapped onto Peeloff's typed options, once for the client and the server
 * configurations. A failure is a {@link ChannelException} whose cause is the {@link SctpException}
 * (naming the call, the errno and the OS), as Netty's NIO configuration wraps the JDK's.
 */
final class SocketOptions {
    /** The options this transport maps (besides Netty's generic ones). */
    static final List<ChannelOption<?>> MAPPED = List.of(ChannelOption.SO_SNDBUF, ChannelOption.SO_RCVBUF,
            ChannelOption.SO_LINGER, SctpChannelOption.SCTP_NODELAY, SctpChannelOption.SCTP_INIT_MAXSTREAMS,
            SctpChannelOption.SCTP_DISABLE_FRAGMENTS, SctpChannelOption.SCTP_FRAGMENT_INTERLEAVE,
            SctpChannelOption.SCTP_PRIMARY_ADDR, SctpChannelOption.SCTP_SET_PEER_PRIMARY_ADDR);

    /** The socket now under the channel, an SctpSocket or an SctpMultiSocket (a client channel changes it). */
    private final java.util.function.Supplier<Object> current;

    SocketOptions(Object socket) {
        this(() -> socket);
    }

    SocketOptions(java.util.function.Supplier<Object> current) {
        this.current = current;
    }

    <T> T get(SctpOption<T> o) {
        Object socket = current.get();
        try {
            return socket instanceof SctpSocket s ? s.getOption(o) : ((org.peeloff.SctpMultiSocket) socket).getOption(o);
        } catch (SctpException e) {
            throw new ChannelException("get " + o.name() + ": " + e.getMessage(), e);
        }
    }

    <T> void set(SctpOption<T> o, T value) {
        Object socket = current.get();
        try {
            if (socket instanceof SctpSocket s) {
                s.setOption(o, value);
            } else {
                ((org.peeloff.SctpMultiSocket) socket).setOption(o, value);
            }
        } catch (SctpException e) {
            throw new ChannelException("set " + o.name() + "=" + value + ": " + e.getMessage(), e);
        }
    }

    InitMaxStreams initMaxStreams() {
        SctpOptions.InitMsg m = get(SctpOptions.SCTP_INITMSG);
        return InitMaxStreams.create(m.maxInStreams(), m.outStreams());
    }

    void initMaxStreams(InitMaxStreams v) {
        SctpOptions.InitMsg old = get(SctpOptions.SCTP_INITMSG);
        set(SctpOptions.SCTP_INITMSG, new SctpOptions.InitMsg(v.maxOutStreams(), v.maxInStreams(), old.maxAttempts(),
                old.maxInitTimeoutMillis()));
    }

    /**
     * @return the value, or {@code NOT_MAPPED} when the option is not one of {@link #MAPPED}
     */
    Object get(ChannelOption<?> option) {
        if (option == ChannelOption.SO_SNDBUF) {
            return get(SctpOptions.SO_SNDBUF);
        } else if (option == ChannelOption.SO_RCVBUF) {
            return get(SctpOptions.SO_RCVBUF);
        } else if (option == ChannelOption.SO_LINGER) {
            return get(SctpOptions.SO_LINGER);
        } else if (option == SctpChannelOption.SCTP_NODELAY) {
            return get(SctpOptions.SCTP_NODELAY);
        } else if (option == SctpChannelOption.SCTP_INIT_MAXSTREAMS) {
            return initMaxStreams();
        } else if (option == SctpChannelOption.SCTP_DISABLE_FRAGMENTS) {
            return get(SctpOptions.SCTP_DISABLE_FRAGMENTS);
        } else if (option == SctpChannelOption.SCTP_FRAGMENT_INTERLEAVE) {
            return get(SctpOptions.SCTP_FRAGMENT_INTERLEAVE);
        } else if (option == SctpChannelOption.SCTP_PRIMARY_ADDR) {
            return get(SctpOptions.SCTP_PRIMARY_ADDR);
        }
        return NOT_MAPPED;
    }

    /** @return true when the option is one of {@link #MAPPED} and was set */
    boolean set(ChannelOption<?> option, Object value) {
        if (option == ChannelOption.SO_SNDBUF) {
            set(SctpOptions.SO_SNDBUF, (Integer) value);
        } else if (option == ChannelOption.SO_RCVBUF) {
            set(SctpOptions.SO_RCVBUF, (Integer) value);
        } else if (option == ChannelOption.SO_LINGER) {
            set(SctpOptions.SO_LINGER, (Integer) value);
        } else if (option == SctpChannelOption.SCTP_NODELAY) {
            set(SctpOptions.SCTP_NODELAY, (Boolean) value);
        } else if (option == SctpChannelOption.SCTP_INIT_MAXSTREAMS) {
            initMaxStreams((InitMaxStreams) value);
        } else if (option == SctpChannelOption.SCTP_DISABLE_FRAGMENTS) {
            set(SctpOptions.SCTP_DISABLE_FRAGMENTS, (Boolean) value);
        } else if (option == SctpChannelOption.SCTP_FRAGMENT_INTERLEAVE) {
            set(SctpOptions.SCTP_FRAGMENT_INTERLEAVE, (Integer) value);
        } else if (option == SctpChannelOption.SCTP_PRIMARY_ADDR) {
            set(SctpOptions.SCTP_PRIMARY_ADDR, inet(value));
        } else if (option == SctpChannelOption.SCTP_SET_PEER_PRIMARY_ADDR) {
            set(SctpOptions.SCTP_SET_PEER_PRIMARY_ADDR, inet(value));
        } else {
            return false;
        }
        return true;
    }

    private static InetSocketAddress inet(Object a) {
        if (a instanceof InetSocketAddress i) {
            return i;
        }
        throw new IllegalArgumentException("an InetSocketAddress is needed, not " + (a == null ? null
                : ((SocketAddress) a).getClass().getName()));
    }

    /** Returned by {@link #get(ChannelOption)} for an option this class does not map. */
    static final Object NOT_MAPPED = new Object();
}
