/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.netty;

import java.net.SocketAddress;

import io.netty.channel.AbstractChannel;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.IoEvent;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoRegistration;

/**
 * What the channels of this package share: registration with a {@link PeeloffIoHandler}, the read
 * interest (auto-read or {@code read()}), the write interest while the send buffer is full, and the
 * dispatch of readiness to connect, flush and read, as Netty's {@code AbstractNioChannel} does for a
 * {@code java.nio} channel.
 */
abstract class AbstractPeeloffChannel extends AbstractChannel {
    private volatile IoRegistration registration;
    /** The interest submitted last (event loop only). */
    private int interest;
    /** A read was asked for and has not delivered yet. */
    boolean readPending;

    AbstractPeeloffChannel(Channel parent) {
        super(parent);
    }

    /**
     * Opens a one-to-many socket; a null family tries INET6 (which also serves IPv4 addresses), then INET.
     */
    static org.peeloff.SctpMultiSocket openMulti(org.peeloff.spi.SctpProvider provider, java.net.ProtocolFamily family)
            throws org.peeloff.SctpException {
        if (family == null) {
            try {
                return org.peeloff.SctpMultiSocket.open(provider, java.net.StandardProtocolFamily.INET6);
            } catch (org.peeloff.SctpException e) {
                return org.peeloff.SctpMultiSocket.open(provider, java.net.StandardProtocolFamily.INET);
            }
        }
        return org.peeloff.SctpMultiSocket.open(provider, family);
    }

    /** @return the socket: an {@code SctpSocket} or an {@code SctpMultiSocket} */
    abstract Object socket();

    @Override
    protected boolean isCompatible(EventLoop loop) {
        return loop instanceof IoEventLoop l && l.isCompatible(PeeloffUnsafe.class);
    }

    @Override
    protected void doRegister(ChannelPromise promise) {
        ((IoEventLoop) eventLoop()).register((PeeloffUnsafe) unsafe()).addListener(f -> {
            if (f.isSuccess()) {
                registration = (IoRegistration) f.getNow();
                interest = 0;
                promise.setSuccess();
            } else {
                promise.setFailure(f.cause());
            }
        });
    }

    /**
     * Moves the registration to the socket {@link #socket()} returns now (a client's peel-off; event loop
     * only): the old key is cancelled, the new one starts with no interest.
     *
     * @throws Exception when the event loop refuses the registration
     */
    final void reregister() throws Exception {
        IoRegistration old = registration;
        registration = null;
        interest = 0;
        if (old != null) {
            old.cancel();
        }
        io.netty.util.concurrent.Future<IoRegistration> f = ((IoEventLoop) eventLoop()).register((PeeloffUnsafe) unsafe());
        if (!f.isDone()) {
            throw new IllegalStateException("reregister() off its event loop: " + eventLoop());
        }
        if (!f.isSuccess()) {
            throw new java.io.IOException("registering the peeled-off socket failed: " + f.cause(), f.cause());
        }
        registration = f.getNow();
        interest = 0;
    }

    @Override
    protected void doDeregister() {
        IoRegistration r = registration;
        if (r != null) {
            registration = null;
            r.cancel();
        }
    }

    @Override
    protected void doBeginRead() {
        IoRegistration r = registration;
        if (r == null || !r.isValid()) {
            return;
        }
        readPending = true;
        addInterest(PeeloffIoOps.READ);
    }

    final void addInterest(PeeloffIoOps ops) {
        IoRegistration r = registration;
        if (r != null && r.isValid() && !ops.isIncludedIn(interest)) {
            interest |= ops.value();
            r.submit(new PeeloffIoOps(interest));
        }
    }

    final void removeInterest(PeeloffIoOps ops) {
        IoRegistration r = registration;
        if (r != null && r.isValid() && (interest & ops.value()) != 0) {
            interest &= ~ops.value();
            r.submit(new PeeloffIoOps(interest));
        }
    }

    final boolean writeInterest() {
        return (interest & PeeloffIoOps.WRITE.value()) != 0;
    }

    /** Called when auto-read is turned off: no read is pending any more. */
    final void clearReadPending() {
        if (isRegistered()) {
            EventLoop loop = eventLoop();
            if (loop.inEventLoop()) {
                clearReadPending0();
            } else {
                loop.execute(this::clearReadPending0);
            }
        } else {
            readPending = false;
        }
    }

    private void clearReadPending0() {
        readPending = false;
        removeInterest(PeeloffIoOps.READ);
    }

    /** After a read loop: without auto-read and no new {@code read()}, stop watching for input. */
    final void readDone() {
        if (!readPending && !config().isAutoRead()) {
            removeInterest(PeeloffIoOps.READ);
        }
    }

    /** Readiness has come while a connect was pending (client channels). */
    void connectReady() {
    }

    /** Reads what is queued, as {@code read()} of Netty's NIO unsafe. */
    abstract void readReady();

    /** The unsafe of these channels, which is also their {@link PeeloffIoHandle}. */
    abstract class PeeloffUnsafe extends AbstractUnsafe implements PeeloffIoHandle {
        @Override
        public Object socket() {
            return AbstractPeeloffChannel.this.socket();
        }

        @Override
        public void handle(IoRegistration registration, IoEvent event) {
            PeeloffIoEvent e = (PeeloffIoEvent) event;
            if (isConnectPending()) {
                connectReady();
                return;
            }
            if (e.isWritable() && writeInterest()) {
                super.flush0();
            }
            if (e.isReadable() || e.readyOps() == 0) {
                readReady();
            }
        }

        /** @return true while a client's connect is in progress */
        boolean isConnectPending() {
            return false;
        }

        @Override
        protected final void flush0() {
            // while the send buffer is full, the write readiness flushes
            if (!writeInterest()) {
                super.flush0();
            }
        }

        @Override
        public void close() {
            close(voidPromise());
        }

        @Override
        public void connect(SocketAddress remote, SocketAddress local, ChannelPromise promise) {
            promise.setFailure(new UnsupportedOperationException("connect on " + AbstractPeeloffChannel.this));
        }
    }
}
