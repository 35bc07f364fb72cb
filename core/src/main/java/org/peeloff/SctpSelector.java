/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.peeloff.spi.Poller;
import org.peeloff.spi.SctpProvider;

/**
 * An event loop's readiness selector for Peeloff sockets, in the shape of {@link java.nio.channels.Selector}
 * (which cannot host them: its {@code register} refuses channels of another provider). One thread
 * serves many sockets: one-to-many, one-to-one and peeled ones, and foreign descriptors such as a
 * stack's TCP sockets, on the OS's own backend ({@code capabilities().details().get("readiness")}).
 *
 * <pre>{@code
 * try (SctpSelector selector = SctpSelector.open();
 *      SctpMultiSocket server = SctpMultiSocket.open()) {
 *     server.bind(new InetSocketAddress("0.0.0.0", 2905)).listen();
 *     server.configureBlocking(false);
 *     selector.register(server, SctpSelectionKey.OP_READ, null);
 *     ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024);
 *     while (running) {
 *         selector.select(1000);
 *         for (SctpSelectionKey key : selector.selectedKeys()) {
 *             if (key.socket() instanceof SctpMultiSocket s) {
 *                 SctpReceived r;
 *                 while ((r = s.receive(buf.clear())) != null) {
 *                     if (r instanceof SctpData d && isBusy(d.association())) {
 *                         SctpSocket own = s.peelOff(d.association(), PeeloffOption.NONBLOCK);
 *                         selector.register(own, SctpSelectionKey.OP_READ, d.association());
 *                     }
 *                 }
 *             } else if (key.socket() instanceof SctpSocket own) {
 *                 serve(own, buf);                  // non-blocking receive until null
 *             }
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>Level-triggered: a key is selected by every select while its descriptor is ready for its interest.
 * Register sockets in non-blocking mode and receive until {@code null}, or a blocking call may wait.
 *
 * <p>Differences from {@code java.nio}: every select clears the selected-key set first (no removal by
 * the caller); the set is a view, reused, valid until the next select. {@link #selectedKey(int)} reads
 * it without an iterator. Nothing is allocated per event.
 *
 * <p>Thread safety, as {@code java.nio}'s: {@link #register}, {@link SctpSelectionKey#interestOps(int)},
 * {@link SctpSelectionKey#cancel()} and {@link #wakeup()} may be called from any thread, also while
 * another thread selects; a registration or change takes effect at the latest at the next select (call
 * {@link #wakeup()} to have a select in progress see it). One thread selects at a time. Closing a
 * registered socket cancels its key before its descriptor is closed, so the backend never watches a
 * descriptor number that may have been reused. A foreign descriptor must be
 * {@linkplain SctpSelectionKey#cancel() cancelled} by its owner before it closes it.
 */
public final class SctpSelector implements AutoCloseable {
    private static final int BATCH = 1024;

    private final SctpProvider provider;
    private final Poller poller;
    private final ReentrantLock selectLock = new ReentrantLock();
    /** Guards the token table, the free lists and the backend's set. */
    private final ReentrantLock tableLock = new ReentrantLock();
    private volatile SctpSelectionKey[] keys = new SctpSelectionKey[64];
    private int[] free = new int[16];
    private int freeCount;
    /** Tokens of cancelled keys, reused only after the next select has begun (a wait in progress may report them). */
    private int[] retired = new int[16];
    private int retiredCount;
    private int nextToken;
    private int keyCount;
    private volatile boolean open = true;

    private final int[] readyTokens = new int[BATCH];
    private final int[] readyEvents = new int[BATCH];
    private SctpSelectionKey[] selected = new SctpSelectionKey[64];
    private int selectedCount;
    private final Set<SctpSelectionKey> selectedView = new Selected();

    private SctpSelector(SctpProvider provider, Poller poller) {
        this.provider = provider;
        this.poller = poller;
    }

    /**
     * @return a selector on the provider {@link Sctp#provider()} chose
     * @throws SctpException when the provider offers no readiness backend ({@code UNSUPPORTED})
     */
    public static SctpSelector open() throws SctpException {
        return open(Sctp.provider());
    }

    /**
     * @param provider the provider whose backend serves the selector
     * @return a new selector
     * @throws SctpException when the provider offers no readiness backend ({@code UNSUPPORTED}) or it
     *                       cannot be opened
     */
    public static SctpSelector open(SctpProvider provider) throws SctpException {
        Objects.requireNonNull(provider, "provider");
        return new SctpSelector(provider, provider.openPoller());
    }

    /**
     * A selector on a backend chosen by name rather than the provider's default (tests run the same
     * cases on each; a user may prefer the portable one).
     *
     * @param provider the provider whose backend serves the selector
     * @param backend  one of {@link SctpProvider#pollerBackends()}, e.g. {@code poll(2)}
     * @return a new selector
     * @throws SctpException {@code UNSUPPORTED} when the provider has no backend of that name, or it
     *                       cannot be opened
     */
    public static SctpSelector open(SctpProvider provider, String backend) throws SctpException {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(backend, "backend");
        return new SctpSelector(provider, provider.openPoller(backend));
    }

    /** @return the provider */
    public SctpProvider provider() {
        return provider;
    }

    /** @return the backend serving it, e.g. {@code epoll} or {@code poll(2)} */
    public String backend() {
        return poller.name();
    }

    /** @return true until {@link #close()} */
    public boolean isOpen() {
        return open;
    }

    static void checkOps(int ops) {
        if ((ops & ~(Poller.READ | Poller.WRITE)) != 0) {
            throw new IllegalArgumentException("interest must be OP_READ and/or OP_WRITE: " + ops);
        }
    }

    /**
     * Registers a one-to-many socket; when it is registered already, its key's interest and attachment change.
     *
     * @param socket     the socket (of this selector's provider)
     * @param ops        {@link SctpSelectionKey#OP_READ} and/or {@link SctpSelectionKey#OP_WRITE}
     * @param attachment anything, or null
     * @return its key
     * @throws SctpException {@link SctpClosedException} when the socket is closed; a backend failure
     */
    public SctpSelectionKey register(SctpMultiSocket socket, int ops, Object attachment) throws SctpException {
        return register0(socket, ops, attachment);
    }

    /**
     * Registers a one-to-one socket, peeled off or opened; when it is registered already, its key's
     * interest and attachment change.
     *
     * @param socket     the socket (of this selector's provider)
     * @param ops        {@link SctpSelectionKey#OP_READ} and/or {@link SctpSelectionKey#OP_WRITE}
     * @param attachment anything, or null
     * @return its key
     * @throws SctpException {@link SctpClosedException} when the socket is closed; a backend failure
     */
    public SctpSelectionKey register(SctpSocket socket, int ops, Object attachment) throws SctpException {
        return register0(socket, ops, attachment);
    }

    /**
     * Registers a descriptor Peeloff does not own (a TCP socket, a pipe). Its owner cancels the key
     * before closing the descriptor.
     *
     * @param fd         the descriptor
     * @param ops        {@link SctpSelectionKey#OP_READ} and/or {@link SctpSelectionKey#OP_WRITE}
     * @param attachment anything, or null
     * @return its key
     * @throws SctpException e.g. {@code BAD_DESCRIPTOR}, or when it is registered already
     */
    public SctpSelectionKey registerDescriptor(int fd, int ops, Object attachment) throws SctpException {
        checkOps(ops);
        SctpSelectionKey key = new SctpSelectionKey(this, null, fd, ops, attachment);
        add(key);
        return key;
    }

    private SctpSelectionKey register0(AbstractSctpSocket socket, int ops, Object attachment) throws SctpException {
        Objects.requireNonNull(socket, "socket");
        checkOps(ops);
        if (socket.provider != provider) {
            throw new IllegalArgumentException(socket + " belongs to provider " + socket.provider.id()
                    + ", not to this selector's " + provider.id());
        }
        int fd = socket.descriptor.acquire("register");
        try {
            SctpSelectionKey existing = socket.descriptor.findCloseListener(SctpSelectionKey.class,
                    k -> k.selector == this && k.valid);
            if (existing != null) {
                existing.attach(attachment);
                changeInterest(existing, ops);
                return existing;
            }
            SctpSelectionKey key = new SctpSelectionKey(this, socket, fd, ops, attachment);
            add(key);
            if (!socket.descriptor.addCloseListener(key)) { // closed meanwhile: out again, before the native close
                cancel(key);
                throw new SctpClosedException("register(fd=" + fd + ")");
            }
            return key;
        } finally {
            socket.descriptor.release();
        }
    }

    private void add(SctpSelectionKey key) throws SctpException {
        tableLock.lock();
        try {
            ensureOpen();
            int token = freeCount > 0 ? free[--freeCount] : nextToken++;
            SctpSelectionKey[] ks = keys;
            if (token >= ks.length) {
                ks = Arrays.copyOf(ks, Math.max(token + 1, ks.length * 2));
            }
            try {
                poller.add(key.fd, key.interestOps, token);
            } catch (SctpException e) {
                free = push(free, freeCount++, token);
                throw e;
            }
            key.token = token;
            ks[token] = key;
            keys = ks;
            keyCount++;
        } finally {
            tableLock.unlock();
        }
    }

    void changeInterest(SctpSelectionKey key, int ops) throws SctpException {
        tableLock.lock();
        try {
            if (!key.valid) {
                throw new CancelledKeyException();
            }
            if (key.interestOps != ops) {
                poller.modify(key.fd, ops, key.token);
                key.interestOps = ops;
            }
        } finally {
            tableLock.unlock();
        }
    }

    void cancel(SctpSelectionKey key) {
        tableLock.lock();
        try {
            if (!key.valid) {
                return;
            }
            key.valid = false;
            keyCount--;
            keys[key.token] = null;
            retired = push(retired, retiredCount++, key.token);
            if (open) {
                try {
                    poller.remove(key.fd);
                } catch (SctpException e) {
                    System.getLogger(SctpSelector.class.getName()).log(System.Logger.Level.DEBUG,
                            "removing fd " + key.fd + " from " + poller.name(), e);
                }
            }
        } finally {
            tableLock.unlock();
        }
        if (key.socket != null) {
            key.socket.descriptor.removeCloseListener(key);
        }
    }

    private static int[] push(int[] a, int at, int v) {
        if (at == a.length) {
            a = Arrays.copyOf(a, a.length * 2);
        }
        a[at] = v;
        return a;
    }

    /** @return how many keys are valid */
    public int keyCount() {
        tableLock.lock();
        try {
            return keyCount;
        } finally {
            tableLock.unlock();
        }
    }

    /**
     * Waits until a registered descriptor is ready for its interest, {@link #wakeup()} is called or
     * the time is up.
     *
     * @param timeoutMillis how long at most; 0 waits without limit (as {@code java.nio})
     * @return how many keys were selected ({@link #selectedKeys()})
     * @throws SctpException when the backend fails
     * @throws ClosedSelectorException when closed
     */
    public int select(long timeoutMillis) throws SctpException {
        if (timeoutMillis < 0) {
            throw new IllegalArgumentException("negative timeout: " + timeoutMillis);
        }
        return doSelect(timeoutMillis == 0 ? -1 : (int) Math.min(timeoutMillis, Integer.MAX_VALUE));
    }

    /**
     * Waits without time limit.
     *
     * @return how many keys were selected
     * @throws SctpException when the backend fails
     */
    public int select() throws SctpException {
        return doSelect(-1);
    }

    /**
     * Does not wait (and consumes a pending {@link #wakeup()}).
     *
     * @return how many keys were selected
     * @throws SctpException when the backend fails
     */
    public int selectNow() throws SctpException {
        return doSelect(0);
    }

    /**
     * Selects, then hands every selected key to {@code action}.
     *
     * @param action        called once per selected key, in the selecting thread
     * @param timeoutMillis as {@link #select(long)}
     * @return how many keys were selected
     * @throws SctpException when the backend fails
     */
    public int select(Consumer<SctpSelectionKey> action, long timeoutMillis) throws SctpException {
        int n = select(timeoutMillis);
        for (int i = 0; i < n; i++) {
            action.accept(selected[i]);
        }
        return n;
    }

    private int doSelect(int timeout) throws SctpException {
        selectLock.lock();
        try {
            ensureOpen();
            for (int i = 0; i < selectedCount; i++) {
                selected[i].inSelected = false;
                selected[i].readyOps = 0;
                selected[i] = null;
            }
            selectedCount = 0;
            tableLock.lock();
            try {
                while (retiredCount > 0) {
                    free = push(free, freeCount++, retired[--retiredCount]);
                }
            } finally {
                tableLock.unlock();
            }
            int n = poller.wait(readyTokens, readyEvents, timeout);
            SctpSelectionKey[] ks = keys;
            for (int i = 0; i < n; i++) {
                int t = readyTokens[i];
                SctpSelectionKey k = t >= 0 && t < ks.length ? ks[t] : null;
                if (k == null || !k.valid) {
                    continue;
                }
                int ops = readyEvents[i] & k.interestOps;
                if (ops == 0) {
                    continue;
                }
                if (!k.inSelected) {
                    k.inSelected = true;
                    if (selectedCount == selected.length) {
                        selected = Arrays.copyOf(selected, selected.length * 2);
                    }
                    selected[selectedCount++] = k;
                }
                k.readyOps |= ops;
            }
            return selectedCount;
        } finally {
            selectLock.unlock();
        }
    }

    /**
     * @return the keys the last select found ready: a view, reused, valid until the next select and
     *         read by the selecting thread
     */
    public Set<SctpSelectionKey> selectedKeys() {
        return selectedView;
    }

    /**
     * @param i 0 to the last select's count - 1
     * @return the {@code i}th key the last select found ready (no iterator needed)
     */
    public SctpSelectionKey selectedKey(int i) {
        if (i < 0 || i >= selectedCount) {
            throw new IndexOutOfBoundsException(i + " of " + selectedCount);
        }
        return selected[i];
    }

    /** Makes a select in progress return at once, or else the next one; from any thread. */
    public void wakeup() {
        poller.wakeup();
    }

    private void ensureOpen() {
        if (!open) {
            throw new ClosedSelectorException();
        }
    }

    /**
     * Cancels every key, wakes a select in progress, waits for it to return and frees the backend.
     * Idempotent. The sockets stay open.
     *
     * @throws SctpException when the backend's close fails
     */
    @Override
    public void close() throws SctpException {
        tableLock.lock();
        try {
            if (!open) {
                return;
            }
        } finally {
            tableLock.unlock();
        }
        poller.wakeup();
        selectLock.lock();
        SctpSelectionKey[] ks;
        try {
            tableLock.lock();
            try {
                if (!open) {
                    return;
                }
                ks = keys.clone();
                for (SctpSelectionKey k : ks) {
                    if (k != null && k.valid) {
                        try {
                            poller.remove(k.fd);
                        } catch (SctpException e) {
                            // going away with the backend
                        }
                    }
                }
                open = false;
            } finally {
                tableLock.unlock();
            }
            for (SctpSelectionKey k : ks) {
                if (k != null) {
                    cancel(k);
                }
            }
            selectedCount = 0;
        } finally {
            selectLock.unlock();
        }
        poller.close();
    }

    @Override
    public String toString() {
        return "SctpSelector[" + poller.name() + ", provider=" + provider.id() + (open ? "" : ", closed") + "]";
    }

    /** The selected keys as a set: no copy, no allocation but the iterator. */
    private final class Selected extends AbstractSet<SctpSelectionKey> {
        @Override
        public int size() {
            return selectedCount;
        }

        @Override
        public boolean contains(Object o) {
            return o instanceof SctpSelectionKey k && k.selector == SctpSelector.this && k.inSelected;
        }

        @Override
        public Iterator<SctpSelectionKey> iterator() {
            return new Iterator<>() {
                private int i;

                @Override
                public boolean hasNext() {
                    return i < selectedCount;
                }

                @Override
                public SctpSelectionKey next() {
                    if (i >= selectedCount) {
                        throw new NoSuchElementException();
                    }
                    return selected[i++];
                }
            };
        }
    }
}
