/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.netty;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.netty.channel.IoEvent;
import io.netty.channel.IoHandle;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerContext;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.IoOps;
import io.netty.channel.IoRegistration;
import io.netty.util.concurrent.ThreadAwareExecutor;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import org.peeloff.Sctp;
import org.peeloff.SctpException;
import org.peeloff.SctpMultiSocket;
import org.peeloff.SctpSelectionKey;
import org.peeloff.SctpSelector;
import org.peeloff.SctpSocket;
import org.peeloff.spi.SctpProvider;

/**
 * A Netty 4.2 {@link IoHandler} driven by Peeloff's {@link SctpSelector}, as {@code NioIoHandler} is by a
 * {@code java.nio} Selector: one per event-loop thread, on the provider's readiness backend (epoll on
 * Linux, event ports on illumos, pollset on AIX, or {@code poll(2)}). It serves {@link PeeloffIoHandle}s,
 * which the channels of this package are.
 *
 * <pre>{@code
 * EventLoopGroup group = new MultiThreadIoEventLoopGroup(PeeloffIoHandler.newFactory());
 * }</pre>
 */
public final class PeeloffIoHandler implements IoHandler {
    private static final InternalLogger logger = InternalLoggerFactory.getInstance(PeeloffIoHandler.class);

    private final ThreadAwareExecutor executor;
    private final SctpSelector selector;
    private final Set<Registration> registrations = ConcurrentHashMap.newKeySet();

    private PeeloffIoHandler(ThreadAwareExecutor executor, SctpSelector selector) {
        this.executor = executor;
        this.selector = selector;
    }

    /**
     * @return a factory of handlers on the provider {@link Sctp#provider()} chose, on its default backend
     */
    public static IoHandlerFactory newFactory() {
        return newFactory(Sctp.provider(), null);
    }

    /**
     * @param provider the provider whose sockets the handlers serve
     * @return a factory of handlers on that provider's default backend
     */
    public static IoHandlerFactory newFactory(SctpProvider provider) {
        return newFactory(provider, null);
    }

    /**
     * @param provider the provider whose sockets the handlers serve
     * @param backend  a name from {@code provider.operations().pollerBackends()}, e.g. {@code "poll(2)"};
     *                 null for the provider's default
     * @return a factory of handlers; each opens its own selector
     */
    public static IoHandlerFactory newFactory(SctpProvider provider, String backend) {
        Objects.requireNonNull(provider, "provider");
        return executor -> {
            try {
                SctpSelector s = backend == null ? SctpSelector.open(provider) : SctpSelector.open(provider, backend);
                return new PeeloffIoHandler(executor, s);
            } catch (SctpException e) {
                throw new IllegalStateException("cannot open a Peeloff selector: " + e.getMessage(), e);
            }
        };
    }

    /** @return the selector's backend, e.g. {@code "epoll"} */
    public String backend() {
        return selector.backend();
    }

    @Override
    public int run(IoHandlerContext context) {
        int n;
        try {
            if (context.canBlock()) {
                if (context.deadlineNanos() == -1) {
                    n = selector.select(); // no scheduled task: until readiness or wakeup()
                } else {
                    // deadlineNanos() is on Netty's own clock; delayNanos takes System.nanoTime() and converts
                    long delay = context.delayNanos(System.nanoTime());
                    long millis = TimeUnit.NANOSECONDS.toMillis(delay + 999_999L);
                    n = millis <= 0 ? selector.selectNow() : selector.select(millis);
                }
            } else {
                n = selector.selectNow();
            }
        } catch (SctpException e) {
            logger.warn("select failed on the Peeloff selector " + selector, e);
            return 0;
        }
        int handled = 0;
        for (int i = 0; i < n; i++) {
            SctpSelectionKey key = selector.selectedKey(i);
            Object a = key.attachment();
            if (!(a instanceof Registration r) || !r.isValid()) {
                continue;
            }
            try {
                r.handle.handle(r, new PeeloffIoEvent(key.readyOps()));
            } catch (Throwable t) {
                logger.warn("an I/O handle threw from handle(): " + r.handle, t);
            }
            handled++;
        }
        return handled;
    }

    @Override
    public void prepareToDestroy() {
        for (Registration r : registrations.toArray(new Registration[0])) {
            try {
                r.handle.close();
            } catch (Exception e) {
                logger.debug("closing " + r.handle + " at shutdown failed", e);
            }
        }
    }

    @Override
    public void destroy() {
        try {
            selector.close();
        } catch (SctpException e) {
            logger.warn("closing the Peeloff selector failed", e);
        }
    }

    @Override
    public IoRegistration register(IoHandle handle) throws Exception {
        PeeloffIoHandle h = (PeeloffIoHandle) handle;
        Object socket = h.socket();
        SctpSelectionKey key;
        if (socket instanceof SctpSocket s) {
            key = selector.register(s, 0, null);
        } else if (socket instanceof SctpMultiSocket m) {
            key = selector.register(m, 0, null);
        } else {
            throw new IllegalArgumentException("not a Peeloff socket: " + socket);
        }
        Registration r = new Registration(key, h);
        key.attach(r);
        registrations.add(r);
        h.registered();
        return r;
    }

    @Override
    public void wakeup() {
        if (!executor.isExecutorThread(Thread.currentThread())) {
            selector.wakeup();
        }
    }

    @Override
    public boolean isCompatible(Class<? extends IoHandle> handleType) {
        return PeeloffIoHandle.class.isAssignableFrom(handleType);
    }

    @Override
    public String toString() {
        return "PeeloffIoHandler[" + selector + "]";
    }

    /** One handle's key; {@link #attachment()} is its {@link SctpSelectionKey}. */
    private final class Registration implements IoRegistration {
        final SctpSelectionKey key;
        final PeeloffIoHandle handle;
        private volatile boolean cancelled;

        Registration(SctpSelectionKey key, PeeloffIoHandle handle) {
            this.key = key;
            this.handle = handle;
        }

        @SuppressWarnings("unchecked")
        @Override
        public <T> T attachment() {
            return (T) key;
        }

        @Override
        public long submit(IoOps ops) {
            int v = ((PeeloffIoOps) ops).value();
            if (!isValid()) {
                return -1;
            }
            try {
                key.interestOps(v);
            } catch (SctpException e) {
                throw new IllegalStateException("interestOps(" + v + ") failed on " + key + ": " + e.getMessage(), e);
            }
            return v;
        }

        @Override
        public boolean isValid() {
            return !cancelled && key.isValid();
        }

        @Override
        public boolean cancel() {
            if (cancelled) {
                return false;
            }
            cancelled = true;
            key.cancel();
            registrations.remove(this);
            if (executor.isExecutorThread(Thread.currentThread())) {
                handle.unregistered();
            } else {
                executor.execute(handle::unregistered);
            }
            return true;
        }
    }
}
