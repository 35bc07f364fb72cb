/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.netty;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.sctp.SctpMessage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.peeloff.spi.SctpProvider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PeeloffSctpMultiChannel.RateThreshold}: under load, the associations that send past the rate are
 * peeled off into channels of their own by the one-to-many channel itself, the slow ones stay, and every
 * association's messages arrive once each, in order, split between the two channels. Real kernel, Linux
 * provider, in the test VM.
 */
@Tag("kernel")
class RatePeelOffKernelTest {
    private static final SctpProvider P = Transports.provider("linux");

    @Test
    void fast_associations_move_to_channels_of_their_own_past_the_rate_with_nothing_lost_or_duplicated()
            throws Exception {
        int hot = 3000;      // each of two associations, sent flat out
        int cold = 15;       // each of two associations, one every 100 ms (10/s)
        double rate = 200;   // messages per second over 500 ms: more than 100 in a window moves the association
        Map<Integer, List<Integer>> onMulti = new ConcurrentHashMap<>();
        Map<Integer, List<Integer>> onChild = new ConcurrentHashMap<>();
        Map<Integer, Integer> assocOfClient = new ConcurrentHashMap<>();
        List<PeeloffSctpMultiChannel.PeeledOff> moved = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> error = new AtomicReference<>();

        @ChannelHandler.Sharable
        final class ChildHandler extends ChannelInboundHandlerAdapter {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                SctpMessage m = (SctpMessage) msg;
                onChild.computeIfAbsent(m.protocolIdentifier(), k -> new CopyOnWriteArrayList<>())
                        .add(m.content().readInt());
                m.release();
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                error.compareAndSet(null, cause);
            }
        }
        EventLoopGroup multiGroup = PeeloffEventLoops.newGroup(1, P, null);
        EventLoopGroup childGroup = PeeloffEventLoops.newGroup(2, P, null);
        var threshold = new PeeloffSctpMultiChannel.RateThreshold(rate, Duration.ofMillis(500), childGroup,
                new ChildHandler());
        Channel multi = new Bootstrap().group(multiGroup)
                .channelFactory(() -> new PeeloffSctpMultiChannel(P, null, threshold))
                .handler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        SctpMessage m = (SctpMessage) msg;
                        assocOfClient.put(m.protocolIdentifier(), m.messageInfo().association().associationID());
                        onMulti.computeIfAbsent(m.protocolIdentifier(), k -> new CopyOnWriteArrayList<>())
                                .add(m.content().readInt());
                        m.release();
                    }

                    @Override
                    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                        if (evt instanceof PeeloffSctpMultiChannel.PeeledOff p) {
                            moved.add(p);
                        }
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        error.compareAndSet(null, cause);
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        List<Channel> clients = new ArrayList<>();
        try {
            for (int c = 1; c <= 4; c++) {
                clients.add(Transports.peeloffClient(P).handler(new ChannelInboundHandlerAdapter())
                        .connect(multi.localAddress()).sync().channel());
            }
            long start = System.nanoTime();
            Thread slow = new Thread(() -> {
                try {
                    for (int i = 0; i < cold; i++) {
                        clients.get(2).writeAndFlush(new SctpMessage(3, 0, Unpooled.copyInt(i)));
                        clients.get(3).writeAndFlush(new SctpMessage(4, 0, Unpooled.copyInt(i)));
                        Thread.sleep(100);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "cold-senders");
            slow.start();
            for (int i = 0; i < hot; i++) {
                clients.get(0).write(new SctpMessage(1, 0, Unpooled.copyInt(i)));
                clients.get(1).write(new SctpMessage(2, 0, Unpooled.copyInt(i)));
                if (i % 64 == 0) {
                    clients.get(0).flush();
                    clients.get(1).flush();
                }
            }
            clients.get(0).flush();
            clients.get(1).flush();
            slow.join();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < end && error.get() == null
                    && !(count(onMulti, onChild, 1) >= hot && count(onMulti, onChild, 2) >= hot
                    && count(onMulti, onChild, 3) >= cold && count(onMulti, onChild, 4) >= cold)) {
                Thread.sleep(50);
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertNull(error.get(), "an exception reached a pipeline");
            for (int c = 1; c <= 4; c++) {
                int total = c <= 2 ? hot : cold;
                List<Integer> all = new ArrayList<>(onMulti.getOrDefault(c, List.of()));
                all.addAll(onChild.getOrDefault(c, List.of()));
                List<Integer> expected = new ArrayList<>();
                for (int i = 0; i < total; i++) {
                    expected.add(i);
                }
                assertEquals(expected, all, "association of client " + c + ": every message once, in order, "
                        + "first on the one-to-many channel, then on its own");
            }
            for (int c = 1; c <= 2; c++) {
                int assoc = assocOfClient.get(c);
                int before = onMulti.get(c).size();
                System.out.println("[rate peel-off] client " + c + " (association " + assoc + ") moved after "
                        + before + " messages on the one-to-many channel, " + onChild.getOrDefault(c, List.of()).size()
                        + " on its own channel; all " + (2 * hot + 2 * cold) + " messages in " + millis + " ms");
                assertTrue(moved.stream().anyMatch(p -> p.association().value() == assoc),
                        "the fast association " + assoc + " was not peeled off: " + moved);
                assertTrue(before > 100, "moved before the threshold was passed: " + before);
                assertTrue(before < hot, "moved only after its last message: " + before);
            }
            for (int c = 3; c <= 4; c++) {
                int assoc = assocOfClient.get(c);
                assertTrue(moved.stream().noneMatch(p -> p.association().value() == assoc),
                        "the slow association " + assoc + " was peeled off: " + moved);
                assertEquals(cold, onMulti.get(c).size(), "the slow association stayed on the one-to-many channel");
            }
            assertEquals(2, moved.size(), "exactly the two fast associations moved: " + moved);
            for (PeeloffSctpMultiChannel.PeeledOff p : moved) {
                assertTrue(p.channel().isActive());
                assertTrue(p.messagesInWindow() > 100, "counted " + p.messagesInWindow());
                p.channel().close().sync();
            }
        } finally {
            for (Channel c : clients) {
                c.close().sync();
            }
            multi.close().sync();
            multiGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            childGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    private static int count(Map<Integer, List<Integer>> a, Map<Integer, List<Integer>> b, int c) {
        return a.getOrDefault(c, List.of()).size() + b.getOrDefault(c, List.of()).size();
    }
}
