/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.netty;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.nio.sctp.AssociationChangeNotification;
import com.sun.nio.sctp.AssociationChangeNotification.AssocChangeEvent;
import com.sun.nio.sctp.SctpStandardSocketOptions.InitMaxStreams;
import com.sun.nio.sctp.ShutdownNotification;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.sctp.SctpChannel;
import io.netty.channel.sctp.SctpChannelOption;
import io.netty.channel.sctp.SctpMessage;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.peeloff.spi.SctpProvider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Peeloff's own Netty cases, for what Netty's SctpEchoTest does not cover: notifications reaching the
 * pipeline, options set through {@code ChannelOption}, failures and closes reaching the pipeline,
 * multi-homing with {@code bindAddress}, and many associations accepted (peeled off) under load with
 * nothing lost, duplicated or reordered. Real kernel, Linux provider, in the test VM.
 */
@Tag("kernel")
class PeeloffNettyKernelTest {
    private static final SctpProvider P = Transports.provider("linux");
    private static final long WAIT = 20;

    /** Records user events, messages and exceptions of one channel. */
    static final class Recorder extends ChannelInboundHandlerAdapter {
        final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        final BlockingQueue<SctpMessage> messages = new LinkedBlockingQueue<>();
        final Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
        final boolean echo;
        volatile Channel channel;
        final CountDownLatch active = new CountDownLatch(1);

        Recorder(boolean echo) {
            this.echo = echo;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            channel = ctx.channel();
            active.countDown();
            ctx.fireChannelActive();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            events.add(evt);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            SctpMessage m = (SctpMessage) msg;
            if (echo) {
                ctx.writeAndFlush(new SctpMessage(m.protocolIdentifier(), m.streamIdentifier(), m.isUnordered(),
                        m.content().retain()));
            }
            messages.add(m);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            errors.add(cause);
        }

        <T> T event(Class<T> type) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT);
            while (System.nanoTime() < end) {
                Object e = events.poll(100, TimeUnit.MILLISECONDS);
                if (type.isInstance(e)) {
                    return type.cast(e);
                }
            }
            throw new AssertionError("no " + type.getSimpleName() + " within " + WAIT + " s; errors " + errors);
        }
    }

    private static Channel server(InetSocketAddress at, Recorder child, ChannelOption<?>[] opts, Object[] values)
            throws InterruptedException {
        var sb = Transports.peeloffServer(P).childHandler(new ChannelInitializer<SctpChannel>() {
            @Override
            protected void initChannel(SctpChannel ch) {
                ch.pipeline().addLast(child);
            }
        });
        for (int i = 0; i < opts.length; i++) {
            @SuppressWarnings("unchecked")
            ChannelOption<Object> o = (ChannelOption<Object>) opts[i];
            sb.childOption(o, values[i]);
        }
        return sb.bind(at).sync().channel();
    }

    private static Channel server(Recorder child) throws InterruptedException {
        return server(new InetSocketAddress("127.0.0.1", 0), child, new ChannelOption<?>[0], new Object[0]);
    }

    private static ChannelFuture client(InetSocketAddress to, Recorder h, Object... optsAndValues) {
        var cb = Transports.peeloffClient(P).handler(h);
        for (int i = 0; i < optsAndValues.length; i += 2) {
            @SuppressWarnings("unchecked")
            ChannelOption<Object> o = (ChannelOption<Object>) optsAndValues[i];
            cb.option(o, optsAndValues[i + 1]);
        }
        return cb.connect(to);
    }

    private static SctpMessage msg(int stream, int ppid, String text) {
        return new SctpMessage(ppid, stream, Unpooled.copiedBuffer(text, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void association_up_and_the_peers_shutdown_reach_the_pipeline_as_the_JDKs_notifications() throws Exception {
        Recorder child = new Recorder(true);
        Recorder cli = new Recorder(false);
        Channel s = server(child);
        try {
            Channel c = client((InetSocketAddress) s.localAddress(), cli).sync().channel();
            AssociationChangeNotification up = cli.event(AssociationChangeNotification.class);
            assertEquals(AssocChangeEvent.COMM_UP, up.event());
            assertInstanceOf(PeeloffEvent.class, up);
            assertNotNull(((SctpChannel) c).association(), "association() once active");
            assertEquals(AssocChangeEvent.COMM_UP, child.event(AssociationChangeNotification.class).event(),
                    "the accepted (peeled-off) child fires the association's COMM_UP too");
            c.close().sync();
            child.event(ShutdownNotification.class);
            assertTrue(child.channel.closeFuture().await(WAIT, TimeUnit.SECONDS),
                    "the child closes on the peer's shutdown, as with Netty's SctpNotificationHandler");
            assertTrue(child.errors.isEmpty() && cli.errors.isEmpty(), child.errors + " " + cli.errors);
        } finally {
            s.close().sync();
        }
    }

    @Test
    void stream_ppid_and_unordered_travel_both_ways() throws Exception {
        Recorder child = new Recorder(true);
        Recorder cli = new Recorder(false);
        Channel s = server(child);
        try {
            Channel c = client((InetSocketAddress) s.localAddress(), cli).sync().channel();
            c.writeAndFlush(new SctpMessage(46, 3, true, Unpooled.copiedBuffer(new byte[] {1, 2, 3})));
            SctpMessage back = cli.messages.poll(WAIT, TimeUnit.SECONDS);
            assertNotNull(back, "no echo; errors " + child.errors + cli.errors);
            try {
                assertEquals(3, back.streamIdentifier());
                assertEquals(46, back.protocolIdentifier());
                assertTrue(back.isUnordered());
                assertTrue(back.isComplete());
                assertEquals(3, back.content().readableBytes());
            } finally {
                back.release();
            }
            c.close().sync();
        } finally {
            s.close().sync();
        }
    }

    @Test
    void channel_options_reach_the_socket_and_the_association() throws Exception {
        Recorder child = new Recorder(false);
        Recorder cli = new Recorder(false);
        Channel s = server(new InetSocketAddress("127.0.0.1", 0), child,
                new ChannelOption<?>[] {SctpChannelOption.SCTP_NODELAY}, new Object[] {true});
        try {
            Channel c = client((InetSocketAddress) s.localAddress(), cli, SctpChannelOption.SCTP_NODELAY, true,
                    ChannelOption.SO_SNDBUF, 96 * 1024, SctpChannelOption.SCTP_INIT_MAXSTREAMS,
                    InitMaxStreams.create(7, 9), ChannelOption.SO_LINGER, 5).sync().channel();
            SctpChannel sc = (SctpChannel) c;
            assertTrue(sc.config().getOption(SctpChannelOption.SCTP_NODELAY));
            assertTrue(sc.config().getSendBufferSize() >= 96 * 1024, "SO_SNDBUF " + sc.config().getSendBufferSize());
            assertEquals(5, sc.config().getOption(ChannelOption.SO_LINGER));
            InitMaxStreams im = sc.config().getInitMaxStreams();
            assertEquals(7, im.maxInStreams());
            assertEquals(9, im.maxOutStreams());
            cli.event(AssociationChangeNotification.class);
            assertEquals(9, sc.association().maxOutboundStreams(), "INIT asked for 9 outbound streams");
            assertTrue(child.active.await(WAIT, TimeUnit.SECONDS));
            SctpChannel ch = (SctpChannel) child.channel;
            assertTrue(ch.config().isSctpNoDelay(), "childOption SCTP_NODELAY on the peeled-off child");
            assertEquals(9, ch.association().maxInboundStreams(), "the child sees the 9 streams the client opened");
            c.close().sync();
        } finally {
            s.close().sync();
        }
    }

    @Test
    void connect_to_a_port_nobody_listens_on_fails_the_connect_future_and_closes_the_channel() throws Exception {
        Recorder cli = new Recorder(false);
        int port;
        try (var probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort(); // a free port number (TCP's; nothing listens on it for SCTP)
        }
        ChannelFuture f = client(new InetSocketAddress("127.0.0.1", port), cli);
        assertTrue(f.await(WAIT, TimeUnit.SECONDS), "the connect never completed");
        assertFalse(f.isSuccess());
        assertInstanceOf(ConnectException.class, f.cause(), String.valueOf(f.cause()));
        assertTrue(f.channel().closeFuture().await(WAIT, TimeUnit.SECONDS));
        assertFalse(f.channel().isOpen());
    }

    @Test
    void an_abort_by_the_peer_closes_the_channel_with_the_association_lost() throws Exception {
        Recorder child = new Recorder(false);
        Recorder cli = new Recorder(false);
        Channel s = server(child);
        try {
            Channel c = client((InetSocketAddress) s.localAddress(), cli).sync().channel();
            assertTrue(child.active.await(WAIT, TimeUnit.SECONDS));
            child.channel.config().setOption(ChannelOption.SO_LINGER, 0);
            child.channel.close().sync(); // linger 0: ABORT
            AssociationChangeNotification lost = cli.event(AssociationChangeNotification.class);
            while (lost.event() == AssocChangeEvent.COMM_UP) {
                lost = cli.event(AssociationChangeNotification.class);
            }
            assertEquals(AssocChangeEvent.COMM_LOST, lost.event());
            assertTrue(c.closeFuture().await(WAIT, TimeUnit.SECONDS), "the aborted client channel closes");
        } finally {
            s.close().sync();
        }
    }

    @Test
    void bindAddress_adds_a_second_loopback_address_the_peer_sees() throws Exception {
        Recorder child = new Recorder(false);
        Recorder cli = new Recorder(false);
        Channel s = server(child);
        try {
            io.netty.channel.sctp.SctpServerChannel ss = (io.netty.channel.sctp.SctpServerChannel) s;
            ss.bindAddress(InetAddress.getByName("127.0.0.2")).sync();
            int port = ss.localAddress().getPort();
            assertTrue(ss.allLocalAddresses().contains(new InetSocketAddress("127.0.0.2", port)),
                    String.valueOf(ss.allLocalAddresses()));
            SctpChannel c = (SctpChannel) client(new InetSocketAddress("127.0.0.1", port), cli).sync().channel();
            cli.event(AssociationChangeNotification.class);
            assertTrue(c.allRemoteAddresses().contains(new InetSocketAddress("127.0.0.2", port)),
                    "the client's association has both server addresses: " + c.allRemoteAddresses());
            ss.unbindAddress(InetAddress.getByName("127.0.0.2")).sync();
            assertFalse(ss.allLocalAddresses().contains(new InetSocketAddress("127.0.0.2", port)));
            c.close().sync();
        } finally {
            s.close().sync();
        }
    }

    @Test
    void many_associations_accepted_under_load_lose_duplicate_and_reorder_nothing() throws Exception {
        int clients = 16;
        int perClient = 300;
        Channel s = Transports.peeloffServer(P).childHandler(new ChannelInitializer<SctpChannel>() {
            @Override
            protected void initChannel(SctpChannel ch) {
                ch.pipeline().addLast(new Recorder(true));
            }
        }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        try {
            List<Recorder> rs = new ArrayList<>();
            List<Channel> cs = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                Recorder r = new Recorder(false);
                rs.add(r);
                cs.add(client((InetSocketAddress) s.localAddress(), r).channel());
            }
            for (int i = 0; i < clients; i++) {
                Recorder r = rs.get(i);
                assertTrue(r.active.await(WAIT, TimeUnit.SECONDS), "client " + i + " never connected");
                for (int k = 0; k < perClient; k++) {
                    r.channel.write(msg(k % 4, 1000 + i, i + ":" + k));
                }
                r.channel.flush();
            }
            for (int i = 0; i < clients; i++) {
                Recorder r = rs.get(i);
                int[] next = new int[4];
                for (int got = 0; got < perClient; got++) {
                    SctpMessage m = r.messages.poll(60, TimeUnit.SECONDS);
                    assertNotNull(m, "client " + i + " got " + got + " of " + perClient + "; errors " + r.errors);
                    try {
                        String[] t = m.content().toString(java.nio.charset.StandardCharsets.UTF_8).split(":");
                        assertEquals(i, Integer.parseInt(t[0]), "another association's message");
                        assertEquals(1000 + i, m.protocolIdentifier());
                        int k = Integer.parseInt(t[1]);
                        int stream = m.streamIdentifier();
                        assertEquals(k % 4, stream);
                        assertEquals(next[stream] * 4 + stream, k, "order within stream " + stream);
                        next[stream]++;
                    } finally {
                        ReferenceCountUtil.release(m);
                    }
                }
                assertTrue(r.messages.poll(200, TimeUnit.MILLISECONDS) == null, "a duplicate arrived");
            }
            for (Channel c : cs) {
                c.close().sync();
            }
        } finally {
            s.close().sync();
        }
    }
}
