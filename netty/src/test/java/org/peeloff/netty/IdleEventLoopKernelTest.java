/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.netty;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.sctp.SctpChannel;
import io.netty.channel.sctp.SctpMessage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.peeloff.spi.SctpProvider;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After traffic and close, the event-loop threads of Peeloff's transport sleep in their selector: they burn
 * no CPU while idle (a level-triggered loop that is handed a readiness it does not consume would spin).
 * Real kernel, Linux provider, in the test VM.
 */
@Tag("kernel")
class IdleEventLoopKernelTest {
    private static final SctpProvider P = Transports.provider("linux");

    @Test
    void idle_event_loops_burn_no_cpu_after_echo_and_close() throws Exception {
        PeeloffNettyKernelTest.Recorder cli = new PeeloffNettyKernelTest.Recorder(false);
        Channel s = Transports.peeloffServer(P).childHandler(new ChannelInitializer<SctpChannel>() {
            @Override
            protected void initChannel(SctpChannel ch) {
                ch.pipeline().addLast(new PeeloffNettyKernelTest.Recorder(true));
            }
        }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        Channel c = Transports.peeloffClient(P).handler(cli).connect(s.localAddress()).sync().channel();
        c.writeAndFlush(new SctpMessage(0, 0, Unpooled.copiedBuffer(new byte[100])));
        SctpMessage back = cli.messages.poll(20, TimeUnit.SECONDS);
        assertNotNull(back);
        back.release();
        c.close().sync();
        Thread.sleep(500); // the server side sees the shutdown and closes its child
        Map<Long, Long> before = loopCpu();
        assertTrue(!before.isEmpty(), "no peeloff-sctp event-loop thread found");
        Thread.sleep(3000);
        Map<Long, Long> after = loopCpu();
        long used = 0;
        for (Map.Entry<Long, Long> e : after.entrySet()) {
            used += e.getValue() - before.getOrDefault(e.getKey(), e.getValue());
        }
        // with the server still bound, idle: a spinning loop would use ~3 s of CPU per thread here
        assertTrue(used < TimeUnit.MILLISECONDS.toNanos(300), "idle event loops used "
                + TimeUnit.NANOSECONDS.toMillis(used) + " ms of CPU in 3 s: " + dump());
        s.close().sync();
    }

    private static Map<Long, Long> loopCpu() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<Long, Long> m = new HashMap<>();
        for (ThreadInfo t : mx.dumpAllThreads(false, false)) {
            if (t.getThreadName().startsWith("peeloff-sctp-")) {
                m.put(t.getThreadId(), mx.getThreadCpuTime(t.getThreadId()));
            }
        }
        return m;
    }

    private static String dump() {
        StringBuilder b = new StringBuilder();
        for (ThreadInfo t : ManagementFactory.getThreadMXBean().dumpAllThreads(false, false)) {
            if (t.getThreadName().startsWith("peeloff-sctp-")) {
                b.append('\n').append(t.getThreadName()).append(' ').append(t.getThreadState());
                for (StackTraceElement e : t.getStackTrace()) {
                    b.append("\n  at ").append(e);
                }
            }
        }
        return b.toString();
    }
}
