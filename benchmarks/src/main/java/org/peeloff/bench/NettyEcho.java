/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.bench;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
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
 * Measure 8, Netty echo: an SCTP echo server and N client associations in one JVM, on Peeloff's Netty
 * transport ({@link PeeloffEventLoops}, {@link PeeloffSctpServerChannel}, {@link PeeloffSctpChannel}) or
 * on Netty's NIO SCTP transport ({@link NioSctpServerChannel}, {@link NioSctpChannel}: the JDK's
 * {@code com.sun.nio.sctp}, recorded in the raw log under the JDK's id). The two differ only in the
 * event-loop groups and the channel classes, as in the README's example; the plan, the handlers, the
 * allocator and the message are the same.
 *
 * <p>Each association sends 1,024-byte {@link SctpMessage}s (stream 0, ppid 0) whose first 8 bytes are
 * the send time ({@link System#nanoTime()}); the server writes every message back as it comes; the
 * client sends the next one when an echo arrives. Server and clients have an event-loop group of one
 * thread each. Two phases on the same associations:
 * <ul>
 * <li><b>throughput</b>: {@code depth} messages in flight per association; echoes received per second
 * over the window;</li>
 * <li><b>latency</b>: one message in flight per association; every round trip of the window (send time
 * to the echo's arrival, in the client's event loop), of which the report takes p50 and p99.</li>
 * </ul>
 * Before each phase's window the traffic is stopped, what is in flight drains, and the JIT is waited
 * for until it is quiet ({@link Jit#awaitQuiet()}), as measures 1 and 6 do: under instruction counting
 * a compilation during the window would be billed to it. The JIT time that still fell into the windows
 * is recorded. The driver runs one unrecorded pass per transport first.
 */
final class NettyEcho {
    private NettyEcho() {
    }

    /** Message size: 1 KiB. */
    static final int SIZE = 1024;

    /**
     * How much: association counts, messages in flight per association in the throughput phase,
     * warm-up and windows, repetitions.
     */
    record Plan(int[] assocs, int depth, long warmupMillis, long windowMillis, long latencyWindowMillis, int reps,
                long passWarmupMillis) {
        /** @return the plan of that name (standard, full, quick) */
        static Plan named(String name) {
            return switch (name) {
                case "full" -> new Plan(new int[] {1, 100}, 16, 1000, 2000, 2000, 5, 10_000);
                case "quick" -> new Plan(new int[] {1, 100}, 16, 500, 1000, 1000, 1, 2_000);
                default -> new Plan(new int[] {1, 100}, 16, 1000, 2000, 2000, 3, 10_000);
            };
        }

        /**
         * @return this plan with the longer warm-up of the unrecorded passes: about 2,500 echoes per
         *         second under emulation, so that the echo path runs some 10,000 times or more, past
         *         where C2 compiles it (with a 1 s warm-up, 1 to 1.5 s of JIT time still fell into the
         *         recorded windows, results/2026-12-05-standard-8-run2.md)
         */
        Plan forWarmUpPass() {
            return new Plan(assocs, depth, passWarmupMillis, windowMillis, latencyWindowMillis, reps, passWarmupMillis);
        }

        String describe() {
            return Arrays.toString(assocs) + " associations, " + SIZE + "-byte messages; first an unrecorded pass of"
                    + " each transport at each size with a " + passWarmupMillis + " ms warm-up; throughput: " + depth
                    + " in flight per association, " + warmupMillis + " ms warm-up, " + windowMillis
                    + " ms window; latency: 1 in flight per association, " + latencyWindowMillis + " ms window; "
                    + reps + " repetitions; server and clients one event-loop thread each; the JIT quiet before each"
                    + " window";
        }
    }

    /** What one run measured. */
    record Outcome(double msgsPerSecond, long echoes, double p50Micros, double p99Micros, int roundTrips,
                   long jitMillisInWindows) {
    }

    /** Writes every message back, as it came (stream, ppid, payload). */
    @ChannelHandler.Sharable
    static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.writeAndFlush(msg, ctx.voidPromise());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** The clients' shared state: whether to send again, what is in flight, what came back. */
    static final class State {
        volatile boolean sending;
        volatile boolean recording;
        final AtomicInteger inFlight = new AtomicInteger();
        final LongAdder echoes = new LongAdder();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        private long[] rtts = new long[1 << 16];
        private int count;

        synchronized void record(long nanos) {
            if (count == rtts.length) {
                rtts = Arrays.copyOf(rtts, count * 2);
            }
            rtts[count++] = nanos;
        }

        synchronized long[] takeRoundTrips() {
            long[] r = Arrays.copyOf(rtts, count);
            count = 0;
            return r;
        }
    }

    /**
     * The client associations' handler (one instance, shared: its state is the run's): sends the next
     * message when an echo arrives, while sending is on.
     */
    @ChannelHandler.Sharable
    static final class Client extends ChannelInboundHandlerAdapter {
        private final State state;

        Client(State state) {
            this.state = state;
        }

        static void send(Channel ch, State state) {
            ByteBuf b = ch.alloc().buffer(SIZE);
            b.writeLong(System.nanoTime());
            b.writeZero(SIZE - Long.BYTES);
            state.inFlight.incrementAndGet();
            ch.writeAndFlush(new SctpMessage(0, 0, b), ch.voidPromise());
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            long now = System.nanoTime();
            SctpMessage m = (SctpMessage) msg;
            try {
                if (!m.isComplete() || m.content().readableBytes() != SIZE) {
                    state.failure.compareAndSet(null, new IllegalStateException("an echo of "
                            + m.content().readableBytes() + " bytes (complete: " + m.isComplete() + "), not " + SIZE));
                    return;
                }
                long sent = m.content().getLong(m.content().readerIndex());
                state.echoes.increment();
                if (state.recording) {
                    state.record(now - sent);
                }
            } finally {
                m.release();
            }
            state.inFlight.decrementAndGet();
            if (state.sending) {
                send(ctx.channel(), state);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            state.failure.compareAndSet(null, cause);
            ctx.close();
        }
    }

    private static EventLoopGroup group(boolean peeloff) {
        return peeloff ? PeeloffEventLoops.newGroup(1) : new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    /**
     * One run: a server, {@code assocs} client associations, the throughput phase, the latency phase.
     *
     * @param peeloff true for Peeloff's transport, false for Netty's NIO SCTP
     * @param assocs  client associations
     * @param plan    depth, warm-up and windows
     * @return the figures
     * @throws Exception when the set-up or the echo fails
     */
    static Outcome run(boolean peeloff, int assocs, Plan plan) throws Exception {
        EventLoopGroup serverGroup = group(peeloff);
        EventLoopGroup clientGroup = group(peeloff);
        Class<? extends ServerChannel> serverType = peeloff ? PeeloffSctpServerChannel.class : NioSctpServerChannel.class;
        Class<? extends Channel> clientType = peeloff ? PeeloffSctpChannel.class : NioSctpChannel.class;
        State state = new State();
        List<Channel> clients = new ArrayList<>();
        Channel server = null;
        try {
            server = new ServerBootstrap().group(serverGroup).channel(serverType).childHandler(new Echo())
                    .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            Bootstrap b = new Bootstrap().group(clientGroup).channel(clientType).handler(new Client(state));
            for (int i = 0; i < assocs; i++) {
                clients.add(b.connect(server.localAddress()).sync().channel());
            }
            long jit = 0;

            // throughput: warm-up, drain, quiet JIT, window
            start(clients, state, plan.depth());
            Thread.sleep(plan.warmupMillis());
            drain(state);
            Jit.awaitQuiet();
            long jit0 = Jit.millis();
            start(clients, state, plan.depth());
            long e0 = state.echoes.sum();
            long t0 = System.nanoTime();
            Thread.sleep(plan.windowMillis());
            long e1 = state.echoes.sum();
            long t1 = System.nanoTime();
            jit += Jit.millis() - jit0;
            drain(state);
            check(state, clients);

            // latency: one in flight per association
            Jit.awaitQuiet();
            jit0 = Jit.millis();
            state.takeRoundTrips();
            state.recording = true;
            start(clients, state, 1);
            Thread.sleep(plan.latencyWindowMillis());
            state.recording = false;
            jit += Jit.millis() - jit0;
            drain(state);
            check(state, clients);
            long[] rtts = state.takeRoundTrips();
            Arrays.sort(rtts);
            return new Outcome((e1 - e0) / ((t1 - t0) / 1e9), e1 - e0, percentile(rtts, 50) / 1e3,
                    percentile(rtts, 99) / 1e3, rtts.length, jit);
        } finally {
            state.sending = false;
            for (Channel c : clients) {
                c.close().awaitUninterruptibly(10, TimeUnit.SECONDS);
            }
            if (server != null) {
                server.close().awaitUninterruptibly(10, TimeUnit.SECONDS);
            }
            clientGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(30, TimeUnit.SECONDS);
            serverGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(30, TimeUnit.SECONDS);
        }
    }

    /** Sending on; {@code depth} messages on every association, each from its own event loop. */
    private static void start(List<Channel> clients, State state, int depth) {
        state.sending = true;
        for (Channel ch : clients) {
            ch.eventLoop().execute(() -> {
                for (int i = 0; i < depth; i++) {
                    send(ch, state);
                }
            });
        }
    }

    private static void send(Channel ch, State state) {
        Client.send(ch, state);
    }

    /** Sending off; waits until every message in flight has come back (at most 60 s). */
    private static void drain(State state) throws InterruptedException {
        state.sending = false;
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (state.inFlight.get() > 0) {
            if (System.nanoTime() > deadline || state.failure.get() != null) {
                throw new IllegalStateException(state.inFlight.get() + " echoes did not come back within 60 s",
                        state.failure.get());
            }
            Thread.sleep(10);
        }
    }

    private static void check(State state, List<Channel> clients) {
        if (state.failure.get() != null) {
            throw new IllegalStateException("the echo failed", state.failure.get());
        }
        for (Channel c : clients) {
            if (!c.isActive()) {
                throw new IllegalStateException("a client association closed during the run: " + c);
            }
        }
    }

    /**
     * @param sorted values in ascending order
     * @param p      the percentile, 0 to 100
     * @return the nearest-rank percentile (the smallest value with at least p% of the values at or below
     *         it), or NaN when there are none
     */
    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
