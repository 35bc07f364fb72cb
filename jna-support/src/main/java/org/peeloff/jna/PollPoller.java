/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.jna;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntFunction;

import com.sun.jna.Memory;

import org.peeloff.SctpException;
import org.peeloff.spi.NativeCall;
import org.peeloff.spi.Poller;
import org.peeloff.spi.PortableErrors;

/**
 * The portable readiness backend: {@code poll(2)} over an array of {@code struct pollfd} that the
 * waiting thread rebuilds when the set changed, with a {@link WakePipe} in slot 0. Every provider can
 * serve it (its {@link SctpLayout.Poll} and {@link SctpLayout.Fcntl} numbers and {@link PollCalls});
 * it is O(n) per wait, where epoll, event ports and pollset are O(ready).
 *
 * <p>A change made from another thread during a wait wakes the wait, which polls again with the new
 * set (the {@link Poller} contract). Each wait's results are checked against the set as it is now: a
 * descriptor removed meanwhile is not reported.
 */
public final class PollPoller implements Poller {
    private final PollCalls calls;
    private final SctpLayout.Poll p;
    private final int eintr;
    private final IntFunction<String> errnoNames;
    private final String os;
    private final WakePipe wake;
    private final ReentrantLock lock = new ReentrantLock();
    // the set, guarded by lock: by descriptor (its own int: its slot), and slot i holds fds[i]
    private final FdTable set = new FdTable("the backend", "the descriptor is in the set already",
            "the descriptor is not in the set");
    private int[] fds = new int[16];
    private int count;
    private boolean dirty = true;
    private volatile boolean waiting;
    // the waiting thread's copy
    private Memory pollfds;
    private int[] snapFds = new int[16];
    private int[] snapTokens = new int[16];

    /**
     * @param calls      the C calls
     * @param poll       the OS's {@code struct pollfd} and POLL* numbers
     * @param fcntl      the OS's fcntl numbers (for the wake-up pipe)
     * @param eintr      the OS's EINTR
     * @param errnoNames errno to name
     * @param os         the OS, for errors
     * @throws SctpException when the wake-up pipe cannot be made
     */
    public PollPoller(PollCalls calls, SctpLayout.Poll poll, SctpLayout.Fcntl fcntl, int eintr,
                      IntFunction<String> errnoNames, String os) throws SctpException {
        this.calls = calls;
        this.p = poll;
        this.eintr = eintr;
        this.errnoNames = errnoNames;
        this.os = os;
        this.wake = new WakePipe(calls, fcntl, errnoNames, os);
    }

    /** @return {@code poll(2)} */
    @Override
    public String name() {
        return "poll(2)";
    }

    @Override
    public void add(int fd, int events, int token) throws SctpException {
        lock.lock();
        try {
            set.checkNew(fd, "poll set add(");
            if (count == fds.length) {
                fds = Arrays.copyOf(fds, count * 2);
            }
            fds[count] = fd;
            set.put(fd, events, token);
            set.setOwn(fd, count++);
            changed();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void modify(int fd, int events, int token) throws SctpException {
        lock.lock();
        try {
            set.checkWatched(fd, "poll set modify(");
            set.put(fd, events, token);
            changed();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void remove(int fd) {
        lock.lock();
        try {
            if (!set.watched(fd)) {
                return;
            }
            int slot = set.own(fd);
            set.remove(fd);
            int last = --count;
            if (slot != last) {
                fds[slot] = fds[last];
                set.setOwn(fds[slot], slot);
            }
            changed();
        } finally {
            lock.unlock();
        }
    }

    /** With the lock: the set changed; a wait in progress polls again with it. */
    private void changed() {
        dirty = true;
        if (waiting) {
            wake.wakeup();
        }
    }

    @Override
    public int wait(int[] outTokens, int[] outEvents, int timeoutMillis) throws SctpException {
        int n;
        lock.lock();
        try {
            set.ensureOpen("poll set wait");
            n = count + 1;
            if (dirty || pollfds == null || pollfds.size() < (long) n * p.size()) {
                if (pollfds == null || pollfds.size() < (long) n * p.size()) {
                    pollfds = new Memory((long) Math.max(n, 16) * 2 * p.size());
                }
                if (snapFds.length < n) {
                    snapFds = Arrays.copyOf(snapFds, n * 2);
                    snapTokens = Arrays.copyOf(snapTokens, n * 2);
                }
                snapFds[0] = wake.readFd();
                snapTokens[0] = -1;
                pollfds.setInt(p.fd(), wake.readFd());
                pollfds.setShort(p.events(), (short) p.in());
                for (int i = 0; i < count; i++) {
                    long at = (long) (i + 1) * p.size();
                    int fd = fds[i];
                    snapFds[i + 1] = fd;
                    snapTokens[i + 1] = set.token(fd);
                    pollfds.setInt(at + p.fd(), fd);
                    pollfds.setShort(at + p.events(), (short) p.bits(set.interest(fd)));
                }
                dirty = false;
            }
            for (int i = 0; i < n; i++) {
                pollfds.setShort((long) i * p.size() + p.revents(), (short) 0);
            }
            waiting = true;
        } finally {
            lock.unlock();
        }
        int rc = calls.poll(pollfds, n, timeoutMillis < 0 ? -1 : timeoutMillis);
        int errno = rc < 0 ? calls.errno() : 0;
        lock.lock();
        try {
            waiting = false;
            if (rc < 0) {
                if (errno == eintr) {
                    return 0;
                }
                throw PortableErrors.exception(NativeCall.POLL, "poll(" + n + " descriptors, " + timeoutMillis + " ms)",
                        errno, errnoNames.apply(errno), os);
            }
            int out = 0;
            for (int i = 0; i < n && rc > 0; i++) {
                int re = pollfds.getShort((long) i * p.size() + p.revents()) & 0xffff;
                if (re == 0) {
                    continue;
                }
                rc--;
                if (i == 0) {
                    wake.drain();
                    continue;
                }
                int fd = snapFds[i];
                if (!set.watched(fd) || set.token(fd) != snapTokens[i] || (re & p.nval()) != 0 || out == outTokens.length) {
                    continue; // removed or changed meanwhile, or not open: not reported
                }
                int ev = p.ready(re, set.interest(fd));
                if (ev != 0) {
                    outTokens[out] = snapTokens[i];
                    outEvents[out++] = ev;
                }
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void wakeup() {
        wake.wakeup();
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (set.close()) {
                wake.close();
            }
        } finally {
            lock.unlock();
        }
    }
}
