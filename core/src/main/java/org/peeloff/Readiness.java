/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import org.peeloff.spi.Poller;
import org.peeloff.spi.SctpProvider;

/**
 * How the blocking calls of one provider wait: one daemon thread waits in the provider's
 * {@link Poller} for every descriptor a blocked {@code send} or {@code receive} waits on; the blocked
 * thread parks ({@link LockSupport#park}: a virtual thread unmounts and frees its carrier) until the
 * thread reports its descriptor ready or {@link AbstractSctpSocket#close()} wakes it. An idle blocked
 * socket costs no wake-up at all, and close is seen at once.
 *
 * <p>A descriptor is in the backend only while a thread waits on it; every waiter takes itself out
 * under the lock before it lets go of its descriptor hold, so the native close never comes before the
 * descriptor has left the backend. No monitor is held while a thread is parked.
 */
final class Readiness implements Runnable {
    private static final System.Logger LOG = System.getLogger(Readiness.class.getName());
    private static final int BATCH = 256;
    /** Marks a provider without backend in {@link #BY_PROVIDER}. */
    private static final Object NONE = new Object();
    private static final Map<SctpProvider, Object> BY_PROVIDER = new WeakHashMap<>();
    /** The last provider asked and its answer: the usual single-provider process skips the map. */
    private static volatile Object[] last = new Object[2];

    private static final int WAITING = 0;
    private static final int READY = 1;
    private static final int CLOSED = 2;

    /** One thread parked in a blocking call. */
    private static final class Waiter implements Descriptor.CloseListener {
        final Thread thread = Thread.currentThread();
        final int events;
        volatile int state = WAITING;

        Waiter(int events) {
            this.events = events;
        }

        @Override
        public void descriptorClosing() {
            state = CLOSED;
            LockSupport.unpark(thread);
        }
    }

    /** A descriptor in the backend and the threads waiting on it. */
    private static final class Entry {
        final int fd;
        final int token;
        int events;
        final ArrayList<Waiter> waiters = new ArrayList<>(2);

        Entry(int fd, int token) {
            this.fd = fd;
            this.token = token;
        }
    }

    private final Poller poller;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Integer, Entry> byFd = new HashMap<>();
    private Entry[] byToken = new Entry[64];
    private int[] free = new int[64];
    private int freeCount;
    private int nextToken;
    private Thread thread;

    private Readiness(Poller poller) {
        this.poller = poller;
    }

    /**
     * @param provider a provider
     * @return its waiter, or null when the provider has no backend (the caller then waits in slices)
     */
    static Readiness of(SctpProvider provider) {
        Object[] l = last;
        if (l[0] == provider) {
            return (Readiness) l[1];
        }
        Object r;
        synchronized (BY_PROVIDER) {
            r = BY_PROVIDER.get(provider);
            if (r == null) {
                try {
                    r = new Readiness(provider.openPoller());
                } catch (SctpException | RuntimeException | LinkageError e) {
                    LOG.log(System.Logger.Level.DEBUG, () -> "provider " + provider.id()
                            + " has no readiness backend; blocking calls wait in poll slices: " + e);
                    r = NONE;
                }
                BY_PROVIDER.put(provider, r);
            }
        }
        Readiness answer = r == NONE ? null : (Readiness) r;
        last = new Object[] {provider, answer};
        return answer;
    }

    /** @return the backend's name, for tests and reports */
    String backend() {
        return poller.name();
    }

    /**
     * Parks the calling thread until {@code fd} is ready for what it asks, or the descriptor is closed.
     * A Java interrupt does not end the wait (as before: the native wait ignored it); the interrupt
     * status is kept.
     *
     * @param descriptor the descriptor, held by the caller
     * @param fd         its number
     * @param write      true to wait until writable, false until readable
     * @param op         the call, for the error
     * @throws SctpException {@link SctpClosedException} when closed meanwhile; a backend failure
     */
    void await(Descriptor descriptor, int fd, boolean write, String op) throws SctpException {
        Waiter w = new Waiter(write ? Poller.WRITE : Poller.READ);
        if (!descriptor.addCloseListener(w)) {
            throw new SctpClosedException(op + "(fd=" + fd + ")", true);
        }
        boolean interrupted = false;
        try {
            enlist(fd, w);
            while (w.state == WAITING) {
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    interrupted = true;
                }
            }
        } finally {
            leave(fd, w);
            descriptor.removeCloseListener(w);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (w.state == CLOSED || descriptor.isClosed()) {
            throw new SctpClosedException(op + "(fd=" + fd + ")", true);
        }
    }

    private void enlist(int fd, Waiter w) throws SctpException {
        lock.lock();
        try {
            if (thread == null) {
                Thread t = new Thread(this, "peeloff-readiness-" + poller.name());
                t.setDaemon(true);
                t.start();
                thread = t;
            }
            Entry e = byFd.get(fd);
            if (e == null) {
                int token = freeCount > 0 ? free[--freeCount] : nextToken++;
                if (token >= byToken.length) {
                    byToken = java.util.Arrays.copyOf(byToken, byToken.length * 2);
                }
                e = new Entry(fd, token);
                e.events = w.events;
                poller.add(fd, e.events, token); // throws before anything is kept
                byToken[token] = e;
                byFd.put(fd, e);
            } else if ((e.events | w.events) != e.events) {
                poller.modify(fd, e.events | w.events, e.token);
                e.events |= w.events;
            }
            e.waiters.add(w);
        } catch (SctpException ex) {
            w.state = READY; // nothing to wait for; the caller's next call reports the descriptor's state
            throw ex;
        } finally {
            lock.unlock();
        }
    }

    /** Takes {@code w} out; the last waiter of a descriptor takes the descriptor out of the backend. */
    private void leave(int fd, Waiter w) {
        lock.lock();
        try {
            Entry e = byFd.get(fd);
            if (e != null && e.waiters.remove(w)) {
                settle(e);
            }
        } finally {
            lock.unlock();
        }
    }

    /** With the lock: drops an entry nobody waits on, else narrows its interest. */
    private void settle(Entry e) {
        try {
            if (e.waiters.isEmpty()) {
                byFd.remove(e.fd);
                byToken[e.token] = null;
                if (freeCount == free.length) {
                    free = java.util.Arrays.copyOf(free, free.length * 2);
                }
                free[freeCount++] = e.token;
                poller.remove(e.fd);
            } else {
                int events = 0;
                for (Waiter x : e.waiters) {
                    events |= x.events;
                }
                if (events != e.events) {
                    e.events = events;
                    poller.modify(e.fd, events, e.token);
                }
            }
        } catch (SctpException ex) {
            LOG.log(System.Logger.Level.WARNING, "readiness backend " + poller.name() + ": fd " + e.fd, ex);
        }
    }

    /** The backend's thread: waits without time limit, wakes who is ready. */
    @Override
    public void run() {
        int[] tokens = new int[BATCH];
        int[] events = new int[BATCH];
        while (true) {
            int n;
            try {
                n = poller.wait(tokens, events, -1);
            } catch (SctpException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "readiness backend " + poller.name() + " failed; waking every"
                        + " waiter to retry its call", e);
                wakeAll();
                LockSupport.parkNanos(10_000_000L);
                continue;
            }
            if (n == 0) {
                continue;
            }
            lock.lock();
            try {
                for (int i = 0; i < n; i++) {
                    int t = tokens[i];
                    Entry e = t >= 0 && t < byToken.length ? byToken[t] : null;
                    if (e == null) {
                        continue;
                    }
                    int ready = events[i];
                    boolean woke = false;
                    for (int k = e.waiters.size() - 1; k >= 0; k--) {
                        Waiter w = e.waiters.get(k);
                        if ((w.events & ready) != 0) {
                            e.waiters.remove(k);
                            w.state = READY;
                            LockSupport.unpark(w.thread);
                            woke = true;
                        }
                    }
                    if (woke) {
                        settle(e);
                    }
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private void wakeAll() {
        lock.lock();
        try {
            for (Entry e : byFd.values().toArray(new Entry[0])) {
                for (Waiter w : e.waiters) {
                    w.state = READY;
                    LockSupport.unpark(w.thread);
                }
                e.waiters.clear();
                settle(e);
            }
        } finally {
            lock.unlock();
        }
    }

    /** @return how many descriptors are in the backend now (tests) */
    int watched() {
        lock.lock();
        try {
            return byFd.size();
        } finally {
            lock.unlock();
        }
    }
}
