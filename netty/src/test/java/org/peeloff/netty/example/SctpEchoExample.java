/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.netty.example;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.sctp.SctpMessage;
import io.netty.channel.sctp.nio.NioSctpChannel;
import io.netty.channel.sctp.nio.NioSctpServerChannel;
import org.peeloff.netty.PeeloffEventLoops;
import org.peeloff.netty.PeeloffSctpChannel;
import org.peeloff.netty.PeeloffSctpServerChannel;

/**
 * README's Netty example: an SCTP echo server and client on Peeloff's transport or, with {@code --nio},
 * on Netty's NIO SCTP transport (the JDK's {@code com.sun.nio.sctp}, which needs {@code libsctp.so.1}).
 * The switch changes the event-loop group and the two channel classes, nothing else.
 */
public final class SctpEchoExample {
    private SctpEchoExample() {
    }

    /** Echoes every message back on its stream with its payload protocol id. */
    @ChannelHandler.Sharable
    static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.writeAndFlush(msg);
        }
    }

    /**
     * @param args {@code [--nio] [port]}
     * @throws Exception when the echo fails
     */
    public static void main(String[] args) throws Exception {
        boolean nio = args.length > 0 && args[0].equals("--nio");
        int port = args.length > (nio ? 1 : 0) ? Integer.parseInt(args[nio ? 1 : 0]) : 2905;
        System.out.println(run(!nio, port));
    }

    /**
     * @param peeloff true for Peeloff's transport, false for Netty's NIO SCTP
     * @param port    the port to serve on (loopback)
     * @return what came back
     * @throws Exception when the echo fails
     */
    public static String run(boolean peeloff, int port) throws Exception {
        CompletableFuture<String> reply = new CompletableFuture<>();
        // README: netty echo
        EventLoopGroup group = peeloff ? PeeloffEventLoops.newGroup(2)
                : new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        Class<? extends ServerChannel> serverType = peeloff ? PeeloffSctpServerChannel.class : NioSctpServerChannel.class;
        Class<? extends Channel> clientType = peeloff ? PeeloffSctpChannel.class : NioSctpChannel.class;
        try {
            Channel server = new ServerBootstrap().group(group).channel(serverType).childHandler(new Echo())
                    .bind(new InetSocketAddress("127.0.0.1", port)).sync().channel();
            Channel client = new Bootstrap().group(group).channel(clientType)
                    .handler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            SctpMessage m = (SctpMessage) msg;
                            reply.complete("stream " + m.streamIdentifier() + ", ppid " + m.protocolIdentifier() + ": "
                                    + m.content().toString(StandardCharsets.UTF_8));
                            m.release();
                        }
                    }).connect(server.localAddress()).sync().channel();
            client.writeAndFlush(new SctpMessage(46, 1, Unpooled.copiedBuffer("hello", StandardCharsets.UTF_8)));
            String r = reply.get(20, TimeUnit.SECONDS); // "stream 1, ppid 46: hello"
            client.close().sync();
            server.close().sync();
            return r;
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
        // README: end
    }
}
