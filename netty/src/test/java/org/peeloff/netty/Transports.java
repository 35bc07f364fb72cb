/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.netty;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.sctp.nio.NioSctpChannel;
import io.netty.channel.sctp.nio.NioSctpServerChannel;
import io.netty.testsuite.transport.TestsuitePermutation.BootstrapComboFactory;
import io.netty.testsuite.util.TestUtils;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.peeloff.spi.SctpProvider;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bootstraps of the echo tests: Peeloff's transport on a given provider, and Netty's NIO SCTP
 * transport (the JDK's {@code com.sun.nio.sctp}, which needs {@code libsctp.so.1}: the test VM installs it).
 * One set of event-loop groups per provider, for the life of the test JVM, as Netty's own
 * {@code SctpTestPermutation} keeps its NIO groups.
 */
final class Transports {
    private static final EventLoopGroup NIO_BOSS = new MultiThreadIoEventLoopGroup(1,
            new DefaultThreadFactory("nio-sctp-boss", true), NioIoHandler.newFactory());
    private static final EventLoopGroup NIO_WORKER = new MultiThreadIoEventLoopGroup(2,
            new DefaultThreadFactory("nio-sctp-worker", true), NioIoHandler.newFactory());
    private static final java.util.Map<String, EventLoopGroup[]> PEELOFF = new java.util.concurrent.ConcurrentHashMap<>();

    private Transports() {
    }

    /**
     * @param id a provider id: linux, solaris, aix
     * @return that provider, available (its library, or its ABI personality, loaded)
     */
    static SctpProvider provider(String id) {
        return PROVIDERS.computeIfAbsent(id, Transports::load);
    }

    /** One instance per id: a selector serves only the sockets of its own provider instance. */
    private static final java.util.Map<String, SctpProvider> PROVIDERS = new java.util.concurrent.ConcurrentHashMap<>();

    private static SctpProvider load(String id) {
        for (SctpProvider p : ServiceLoader.load(SctpProvider.class)) {
            if (p.id().equals(id)) {
                if (!p.isAvailable()) {
                    throw new IllegalStateException("provider " + id + " is not available", p.unavailabilityCause());
                }
                return p;
            }
        }
        throw new IllegalStateException("no provider " + id + " on the class path");
    }

    private static EventLoopGroup[] peeloffGroups(SctpProvider p) {
        return PEELOFF.computeIfAbsent(p.id(), id -> new EventLoopGroup[] {
                PeeloffEventLoops.newGroup(1, p, null), PeeloffEventLoops.newGroup(2, p, null)});
    }

    static ServerBootstrap peeloffServer(SctpProvider p) {
        EventLoopGroup[] g = peeloffGroups(p);
        return new ServerBootstrap().group(g[0], g[1]).channelFactory(() -> new PeeloffSctpServerChannel(p));
    }

    static Bootstrap peeloffClient(SctpProvider p) {
        return peeloffClient(p, () -> new PeeloffSctpChannel(p));
    }

    /** @return a client on the provider's Peeloff event loops whose channels {@code channels} makes */
    static Bootstrap peeloffClient(SctpProvider p, io.netty.channel.ChannelFactory<PeeloffSctpChannel> channels) {
        return new Bootstrap().group(peeloffGroups(p)[1]).channelFactory(channels);
    }

    /**
     * @return a client that connects on a one-to-many socket and peels its association off, whatever the
     *         provider's capabilities (what a provider without one-to-one sockets does)
     */
    static Bootstrap peeloffClientViaOneToMany(SctpProvider p) {
        return new Bootstrap().group(peeloffGroups(p)[1]).channelFactory(() -> new PeeloffSctpChannel(p, null, true));
    }

    static ServerBootstrap nioServer() {
        return new ServerBootstrap().group(NIO_BOSS, NIO_WORKER).channel(NioSctpServerChannel.class);
    }

    static Bootstrap nioClient() {
        return new Bootstrap().group(NIO_WORKER).channel(NioSctpChannel.class);
    }

    /** Netty's echo test skips where the JDK's SCTP cannot open a channel; here that is a failure. */
    static void requireJdkSctp() {
        assertTrue(TestUtils.isSctpSupported(), "the JDK's com.sun.nio.sctp cannot open a channel (libsctp.so.1"
                + " missing?): Netty's SctpEchoTest would skip every case");
    }

    static List<BootstrapComboFactory<ServerBootstrap, Bootstrap>> combo(
            java.util.function.Supplier<ServerBootstrap> server, java.util.function.Supplier<Bootstrap> client) {
        List<BootstrapComboFactory<ServerBootstrap, Bootstrap>> l = new ArrayList<>();
        l.add(new BootstrapComboFactory<>() {
            @Override
            public ServerBootstrap newServerInstance() {
                return server.get();
            }

            @Override
            public Bootstrap newClientInstance() {
                return client.get();
            }
        });
        return l;
    }
}
