/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.netty;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.sun.nio.sctp.AssociationChangeNotification;
import com.sun.nio.sctp.AssociationChangeNotification.AssocChangeEvent;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.sctp.SctpChannel;
import io.netty.channel.sctp.SctpChannelOption;
import io.netty.channel.sctp.SctpMessage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.peeloff.spi.SctpProvider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client channel's path for providers without one-to-one sockets (AIX): connect on a one-to-many
 * socket, wait for COMMUNICATION_UP, peel the association off, close the one-to-many socket. Forced here on
 * the Linux provider (package-private constructor), so that it runs against the real kernel in the test VM;
 * the AIX personality run of Netty's echo test ({@link AixPersonalityEcho}) takes the same path chosen by
 * the aix provider's capabilities.
 */
@Tag("kernel")
class OneToManyClientKernelTest {
    private static final SctpProvider P = Transports.provider("linux");
    private static final long WAIT = 20;

    /** The server's child writes this many numbered messages the moment it is active, before any read. */
    private static final int BURST = 300;

    @Test
    void a_burst_the_server_sends_at_once_arrives_complete_and_in_order_across_the_clients_peel_off()
            throws Exception {
        Channel s = Transports.peeloffServer(P).childHandler(new ChannelInitializer<SctpChannel>() {
            @Override
            protected void initChannel(SctpChannel ch) {
                ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelActive(ChannelHandlerContext ctx) {
                        for (int i = 0; i < BURST; i++) {
                            ctx.write(new SctpMessage(0, 0, Unpooled.copyInt(i)));
                        }
                        ctx.flush();
                        ctx.fireChannelActive();
                    }

                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ctx.writeAndFlush(msg); // echo
                    }
                });
            }
        }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        PeeloffNettyKernelTest.Recorder cli = new PeeloffNettyKernelTest.Recorder(false);
        try {
            Channel c = Transports.peeloffClientViaOneToMany(P).handler(cli)
                    .option(SctpChannelOption.SCTP_NODELAY, true)
                    .connect(s.localAddress()).sync().channel();
            PeeloffSctpChannel pc = (PeeloffSctpChannel) c;
            assertNotNull(pc.peeloffSocket(), "active: the association has a one-to-one socket of its own");
            assertTrue(pc.peeloffSocket().isOpen());
            assertTrue(pc.config().getOption(SctpChannelOption.SCTP_NODELAY),
                    "an option set before the connect (on the one-to-many socket) holds on the peeled-off socket");
            AssociationChangeNotification up = cli.event(AssociationChangeNotification.class);
            assertEquals(AssocChangeEvent.COMM_UP, up.event());
            assertNotNull(pc.association());
            assertEquals(s.localAddress(), pc.remoteAddress());
            List<Integer> got = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                SctpMessage m = cli.messages.poll(WAIT, TimeUnit.SECONDS);
                assertNotNull(m, "message " + i + " of " + BURST + " missing; errors " + cli.errors);
                got.add(m.content().readInt());
                m.release();
            }
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                expected.add(i);
            }
            assertEquals(expected, got, "every message once, in order");
            c.writeAndFlush(new SctpMessage(7, 1, Unpooled.copyInt(4242))).sync();
            SctpMessage echo = cli.messages.poll(WAIT, TimeUnit.SECONDS);
            assertNotNull(echo, "no echo through the peeled-off socket; errors " + cli.errors);
            try {
                assertEquals(4242, echo.content().readInt());
                assertEquals(1, echo.streamIdentifier());
                assertEquals(7, echo.protocolIdentifier());
            } finally {
                echo.release();
            }
            assertTrue(cli.errors.isEmpty(), cli.errors.toString());
            c.close().sync();
            assertFalse(pc.peeloffSocket().isOpen());
        } finally {
            s.close().sync();
        }
    }

    @Test
    void a_refused_connect_fails_the_promise_with_a_ConnectException_and_closes_the_channel() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort(); // a TCP port just freed: nothing listens there for SCTP
        }
        PeeloffNettyKernelTest.Recorder cli = new PeeloffNettyKernelTest.Recorder(false);
        ChannelFuture f = Transports.peeloffClientViaOneToMany(P).handler(cli)
                .connect(new InetSocketAddress("127.0.0.1", port));
        assertTrue(f.await(WAIT, TimeUnit.SECONDS), "the connect neither failed nor succeeded");
        assertFalse(f.isSuccess());
        assertInstanceOf(ConnectException.class, f.cause(), String.valueOf(f.cause()));
        assertTrue(f.channel().closeFuture().await(WAIT, TimeUnit.SECONDS));
        assertFalse(f.channel().isOpen(), "the one-to-many socket is closed with the channel");
        assertEquals(null, ((PeeloffSctpChannel) f.channel()).peeloffSocket(), "nothing was peeled off");
    }
}
