/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.netty;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.sctp.SctpMessage;
import io.netty.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.peeloff.AssociationId;
import org.peeloff.spi.SctpProvider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PeeloffSctpMultiChannel}: one one-to-many channel serves several associations, and one of them is
 * peeled off into a channel of its own in the middle of a stream of messages; what the two channels
 * received together is every message once, in order. Real kernel, Linux provider, in the test VM.
 */
@Tag("kernel")
class PeeloffMultiChannelKernelTest {
    private static final SctpProvider P = Transports.provider("linux");

    @Test
    void an_association_peeled_off_under_load_loses_and_duplicates_nothing() throws Exception {
        int total = 3000;
        int peelAfter = 300;
        int others = 400;
        Map<Integer, List<Integer>> onMulti = new ConcurrentHashMap<>();
        List<Integer> onChild = new CopyOnWriteArrayList<>();
        AtomicReference<Future<PeeloffSctpChannel>> peeled = new AtomicReference<>();
        AtomicReference<Throwable> error = new AtomicReference<>();

        ChannelInboundHandlerAdapter childHandler = new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                SctpMessage m = (SctpMessage) msg;
                onChild.add(Integer.parseInt(m.content().toString(StandardCharsets.US_ASCII)));
                m.release();
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                error.compareAndSet(null, cause);
            }
        };
        Channel multi = new Bootstrap().group(PeeloffEventLoops.newGroup(1, P, null))
                .channelFactory(() -> new PeeloffSctpMultiChannel(P))
                .handler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        SctpMessage m = (SctpMessage) msg;
                        int assoc = m.messageInfo().association().associationID();
                        int seq = Integer.parseInt(m.content().toString(StandardCharsets.US_ASCII));
                        List<Integer> l = onMulti.computeIfAbsent(m.protocolIdentifier(), k -> new CopyOnWriteArrayList<>());
                        l.add(seq);
                        if (m.protocolIdentifier() == 1 && l.size() == peelAfter && peeled.get() == null) {
                            peeled.set(((PeeloffSctpMultiChannel) ctx.channel()).peelOff(AssociationId.of(assoc),
                                    ctx.channel().eventLoop(), childHandler));
                        }
                        if (m.protocolIdentifier() == 2) {
                            ctx.writeAndFlush(m.replace(m.content().retain())); // echo, through the one-to-many socket
                        }
                        m.release();
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        error.compareAndSet(null, cause);
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        try {
            PeeloffNettyKernelTest.Recorder busy = new PeeloffNettyKernelTest.Recorder(false);
            PeeloffNettyKernelTest.Recorder quiet = new PeeloffNettyKernelTest.Recorder(false);
            Channel a = Transports.peeloffClient(P).handler(busy).connect(multi.localAddress()).sync().channel();
            Channel b = Transports.peeloffClient(P).handler(quiet).connect(multi.localAddress()).sync().channel();
            for (int i = 0; i < Math.max(total, others); i++) {
                if (i < total) {
                    a.write(new SctpMessage(1, 0, Unpooled.copiedBuffer(Integer.toString(i), StandardCharsets.US_ASCII)));
                }
                if (i < others) {
                    b.write(new SctpMessage(2, 0, Unpooled.copiedBuffer(Integer.toString(i), StandardCharsets.US_ASCII)));
                }
                if (i % 64 == 0) {
                    a.flush();
                    b.flush();
                }
            }
            a.flush();
            b.flush();
            for (int i = 0; i < others; i++) {
                SctpMessage e = quiet.messages.poll(60, TimeUnit.SECONDS);
                assertNotNull(e, "echo " + i + " of the association left on the one-to-many channel; " + error.get());
                assertEquals(i, Integer.parseInt(e.content().toString(StandardCharsets.US_ASCII)));
                e.release();
            }
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < end
                    && onMulti.getOrDefault(1, List.of()).size() + onChild.size() < total && error.get() == null) {
                Thread.sleep(50);
            }
            assertNotNull(peeled.get(), "the peel-off was never asked for");
            PeeloffSctpChannel child = peeled.get().get(30, TimeUnit.SECONDS);
            assertTrue(child.isActive());
            // the busy association: its messages on the one-to-many channel, then on its own channel
            List<Integer> before = onMulti.get(1);
            assertEquals(others, onMulti.get(2).size(), "the quiet association stayed on the one-to-many channel");
            int k = before.size();
            assertTrue(k >= peelAfter, "peeled after " + k);
            assertEquals(total, k + onChild.size(), "messages lost or duplicated: " + k + " before, " + onChild.size()
                    + " after the peel-off; " + error.get());
            for (int i = 0; i < k; i++) {
                assertEquals(i, before.get(i), "order on the one-to-many channel");
            }
            for (int i = 0; i < onChild.size(); i++) {
                assertEquals(k + i, onChild.get(i), "order on the peeled-off channel");
            }
            assertEquals(null, error.get());
            a.close().sync();
            b.close().sync();
            child.close().sync();
        } finally {
            multi.close().sync();
        }
    }
}
