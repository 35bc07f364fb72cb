/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.aix;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntFunction;

import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;

import org.peeloff.SctpError;
import org.peeloff.SctpException;
import org.peeloff.jna.FdTable;
import org.peeloff.jna.PollCalls;
import org.peeloff.jna.SctpLayout;
import org.peeloff.jna.WakePipe;
import org.peeloff.spi.NativeCall;
import org.peeloff.spi.Poller;
import org.peeloff.spi.PortableErrors;

/**
 * The AIX readiness backend: a pollset ({@code pollset_create}, {@code pollset_ctl},
 * {@code pollset_poll} into {@code struct pollfd}, {@code pollset_destroy}), level-triggered as poll(2)
 * is, with a {@link WakePipe} in the set. A wait costs what is ready, not what is watched.
 *
 * <p>What AIX does differently, and how the {@link Poller} contract is kept:
 * <ul>
 *   <li><b>PS_MOD ORs</b> the new events into those watched (abi.tsv {@code fact:pollset_ctl.PS_MOD}):
 *       it can only widen. A change that widens is one PS_MOD; one that narrows (or changes READ for
 *       WRITE) is PS_DELETE then PS_ADD, as OpenJDK's AIX selector does; interest 0 takes the
 *       descriptor out of the set. If that PS_ADD fails, the old events are put back before the error
 *       is thrown, so a failed change loses nothing.</li>
 *   <li><b>Changes during a wait.</b> A {@code pollset_poll} in progress does not pick up changes
 *       made meanwhile (OpenJDK's {@code PollsetPoller} notes it and polls in 100 ms slices): every
 *       change made while a thread waits writes the wake-up pipe, so the wait returns and the next one
 *       sees the new set; no slices.</li>
 *   <li><b>No stale events.</b> Results carry only descriptor numbers. They are checked, under the lock
 *       that changes take, against the set as it is now: a descriptor removed meanwhile is not
 *       reported, and one added or changed after the wait began (perhaps a reused number) is left to
 *       the next wait, which reports it if it is still ready.</li>
 * </ul>
 */
final class PollsetPoller implements Poller {
    private final IntFunction<String> errnoNames;
    private final String os;
    private final int ps;
    private final WakePipe wake;
    private final ReentrantLock lock = new ReentrantLock();
    private final Memory ctl = new Memory(2L * AixAbi.SIZEOF_POLL_CTL);
    /**
     * By descriptor number, guarded by lock. A stamp is the change count at the descriptor's last add or
     * modify; its own int is the AIX poll bits in the pollset for it now (0: not in it).
     */
    private final FdTable table = new FdTable("the pollset");
    private boolean waiting;
    private long waitFrom;
    // the waiting thread's
    private Memory out = new Memory(64L * AixAbi.SIZEOF_POLLFD);

    /**
     * @param lib        the library the pollset calls are bound to (libc, or the personality)
     * @param calls      the C calls (wake-up pipe, close)
     * @param fcntl      the fcntl numbers (wake-up pipe)
     * @param errnoNames errno to name
     * @param os         the OS, for errors
     * @throws SctpException when the pollset or the pipe cannot be made
     */
    PollsetPoller(NativeLibrary lib, PollCalls calls, SctpLayout.Fcntl fcntl, IntFunction<String> errnoNames, String os)
            throws SctpException {
        try {
            AixPollset.bind(lib);
        } catch (LinkageError | IllegalStateException e) {
            SctpException x = SctpException.rejected(SctpError.UNSUPPORTED, "pollset_create()",
                    "the pollset calls could not be bound: " + e);
            x.initCause(e);
            throw x;
        }
        this.errnoNames = errnoNames;
        this.os = os;
        int p = AixPollset.pollset_create(-1);
        if (p < 0) {
            throw fail("pollset_create(-1)", AixLibc.errno());
        }
        ps = p;
        WakePipe w = null;
        try {
            w = new WakePipe(calls, fcntl, errnoNames, os);
            ctl(AixAbi.PS_ADD, w.readFd(), AixAbi.POLLIN);
        } catch (SctpException e) {
            if (w != null) {
                w.close();
            }
            AixPollset.pollset_destroy(ps);
            throw e;
        }
        wake = w;
    }

    private SctpException fail(String text, int errno) {
        return PortableErrors.exception(NativeCall.POLL, text, errno, errnoNames.apply(errno), os);
    }

    /** @return {@code pollset} */
    @Override
    public String name() {
        return AixSockets.POLLSET;
    }

    private static String cmd(int cmd) {
        return cmd == AixAbi.PS_ADD ? "PS_ADD" : cmd == AixAbi.PS_MOD ? "PS_MOD" : "PS_DELETE";
    }

    /** With the lock (or in the constructor): one pollset_ctl element. */
    private void ctl(int cmd, int fd, int bits) throws SctpException {
        ctl.setShort(AixAbi.POLL_CTL_CMD, (short) cmd);
        ctl.setShort(AixAbi.POLL_CTL_EVENTS, (short) bits);
        ctl.setInt(AixAbi.POLL_CTL_FD, fd);
        if (AixPollset.pollset_ctl(ps, ctl, 1) != 0) {
            int errno = AixLibc.errno();
            throw fail("pollset_ctl(ps=" + ps + ", " + cmd(cmd) + ", fd=" + fd + ", events=0x" + Integer.toHexString(bits)
                    + ")", errno);
        }
    }

    /** With the lock: makes the pollset watch {@code fd} for {@code want} (AIX bits), from {@code have}. */
    private void change(int fd, int have, int want) throws SctpException {
        if (want == have) {
            return;
        }
        if (have == 0) {
            ctl(AixAbi.PS_ADD, fd, want);
        } else if (want == 0) {
            ctl(AixAbi.PS_DELETE, fd, 0);
        } else if ((want & have) == have) {
            ctl(AixAbi.PS_MOD, fd, want); // widening: OR-ing gives exactly want
        } else {
            ctl(AixAbi.PS_DELETE, fd, 0); // narrowing: PS_MOD would keep the old bits
            try {
                ctl(AixAbi.PS_ADD, fd, want);
            } catch (SctpException e) {
                try {
                    ctl(AixAbi.PS_ADD, fd, have);
                } catch (SctpException again) {
                    e.addSuppressed(again);
                    table.setOwn(fd, 0);
                }
                throw e;
            }
        }
    }

    /** With the lock, once the pollset watches {@code fd} for {@code events}: the table says so. */
    private void keep(int fd, int events, int tok) {
        table.put(fd, events, tok);
        table.setOwn(fd, AixLayout.POLL.bits(events));
        changed();
    }

    /** With the lock, after a change of the table. */
    private void changed() {
        if (waiting) {
            wake.wakeup(); // the wait in progress does not see the change: it returns, the next one does
        }
    }

    @Override
    public void add(int fd, int events, int tok) throws SctpException {
        lock.lock();
        try {
            table.ensureOpen("pollset_ctl");
            table.checkNew(fd, "pollset_ctl(PS_ADD, ");
            change(fd, 0, AixLayout.POLL.bits(events)); // throws before anything is kept
            keep(fd, events, tok);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void modify(int fd, int events, int tok) throws SctpException {
        lock.lock();
        try {
            table.ensureOpen("pollset_ctl");
            table.checkWatched(fd, "pollset_ctl(");
            change(fd, table.own(fd), AixLayout.POLL.bits(events));
            keep(fd, events, tok);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void remove(int fd) throws SctpException {
        lock.lock();
        try {
            if (!table.watched(fd)) {
                return;
            }
            int had = table.own(fd);
            table.remove(fd); // from now on not reported
            table.setOwn(fd, 0);
            changed();
            if (had != 0 && !table.isClosed()) {
                ctl(AixAbi.PS_DELETE, fd, 0);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int wait(int[] tokens, int[] events, int timeoutMillis) throws SctpException {
        int max = Math.max(1, Math.min(tokens.length, events.length)) + 1; // + the wake-up pipe
        if (out.size() < (long) max * AixAbi.SIZEOF_POLLFD) {
            out = new Memory((long) max * AixAbi.SIZEOF_POLLFD);
        }
        lock.lock();
        try {
            table.ensureOpen("pollset_poll");
            waiting = true;
            waitFrom = table.lastStamp();
        } finally {
            lock.unlock();
        }
        int n = AixPollset.pollset_poll(ps, out, max, timeoutMillis < 0 ? -1 : timeoutMillis);
        int errno = n < 0 ? AixLibc.errno() : 0;
        int k = 0;
        lock.lock();
        try {
            waiting = false;
            if (n < 0) {
                if (errno == AixAbi.EINTR) {
                    return 0;
                }
                throw fail("pollset_poll(ps=" + ps + ", " + max + ", " + timeoutMillis + " ms)", errno);
            }
            for (int i = 0; i < n; i++) {
                long at = (long) i * AixAbi.SIZEOF_POLLFD;
                int fd = out.getInt(at + AixAbi.POLLFD_FD);
                int re = out.getShort(at + AixAbi.POLLFD_REVENTS) & 0xffff;
                if (fd == wake.readFd()) {
                    wake.drain();
                    continue;
                }
                long stamp = table.stamp(fd);
                if (stamp == 0 || stamp > waitFrom || (re & AixAbi.POLLNVAL) != 0 || k == tokens.length) {
                    continue; // removed, or changed after the wait began: the next wait decides
                }
                int ev = AixLayout.POLL.ready(re, table.interest(fd));
                if (ev != 0) {
                    tokens[k] = table.token(fd);
                    events[k++] = ev;
                }
            }
            return k;
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
            if (table.close()) {
                wake.close();
                AixPollset.pollset_destroy(ps);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "PollsetPoller[ps=" + ps + "]";
    }
}
