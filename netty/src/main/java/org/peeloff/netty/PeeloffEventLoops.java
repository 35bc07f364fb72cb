/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.netty;

import java.util.concurrent.ThreadFactory;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.peeloff.Sctp;
import org.peeloff.spi.SctpProvider;

/**
 * Event-loop groups for this transport: Netty's {@link MultiThreadIoEventLoopGroup} with
 * {@link PeeloffIoHandler}s, as {@code new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory())} is for
 * NIO.
 *
 * <pre>{@code
 * EventLoopGroup group = PeeloffEventLoops.newGroup(2);
 * new ServerBootstrap().group(group).channel(PeeloffSctpServerChannel.class) ...
 * }</pre>
 */
public final class PeeloffEventLoops {
    private PeeloffEventLoops() {
    }

    /**
     * @param threads event-loop threads (0: Netty's default, twice the processors)
     * @return a group on the provider {@link Sctp#provider()} chose, its default readiness backend
     */
    public static MultiThreadIoEventLoopGroup newGroup(int threads) {
        return newGroup(threads, Sctp.provider(), null);
    }

    /**
     * @param threads  event-loop threads (0: Netty's default)
     * @param provider the provider whose channels the group serves
     * @param backend  the readiness backend ({@code "poll(2)"}, ...), or null for the provider's default
     * @return the group, daemon threads named {@code peeloff-sctp-<provider>}
     */
    public static MultiThreadIoEventLoopGroup newGroup(int threads, SctpProvider provider, String backend) {
        IoHandlerFactory f = PeeloffIoHandler.newFactory(provider, backend);
        ThreadFactory tf = new DefaultThreadFactory("peeloff-sctp-" + provider.id(), true);
        return new MultiThreadIoEventLoopGroup(threads, tf, f);
    }
}
