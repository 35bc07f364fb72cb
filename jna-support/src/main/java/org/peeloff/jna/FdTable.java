/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.jna;

import java.util.Arrays;

import org.peeloff.SctpError;
import org.peeloff.SctpException;

/**
 * The registration bookkeeping a readiness backend keeps per descriptor: arrays indexed by the
 * descriptor number (interest, token, a stamp, and one int of the backend's own) that grow by copy,
 * the checks {@code add} and {@code modify} make before any native call, and the backend's closed state.
 * Shared by {@link PollPoller}, the AIX pollset and the illumos event-port backends; for the providers'
 * own use.
 *
 * <p>A descriptor is watched while its stamp is not 0. Every {@link #put} gives it a stamp newer than
 * all before, so a backend can tell a registration made after a wait began (AIX) or an event of a
 * replaced registration (illumos). The lookups ({@link #stamp}, {@link #watched}, {@link #interest},
 * {@link #token}) are array reads that allocate nothing: they are on the per-event path.
 *
 * <p>Not thread-safe: the backend guards it with the lock its changes take; only {@link #isClosed()}
 * may be read without it.
 */
public final class FdTable {
    private static final int INITIAL = 64;

    private final String backend;
    private final String watchedAlready;
    private final String notWatched;
    /** 0: not watched. */
    private long[] stamp = new long[INITIAL];
    private int[] interest = new int[INITIAL];
    private int[] token = new int[INITIAL];
    private int[] own = new int[INITIAL];
    private long lastStamp;
    private volatile boolean closed;

    /**
     * @param backend the backend as errors name it when it is closed: {@code "the pollset"} gives
     *                {@code "the pollset is closed"}
     */
    public FdTable(String backend) {
        this(backend, "the descriptor is watched already", "the descriptor is not watched");
    }

    FdTable(String backend, String watchedAlready, String notWatched) {
        this.backend = backend;
        this.watchedAlready = watchedAlready;
        this.notWatched = notWatched;
    }

    /**
     * Checks that {@code fd} may be added, and makes room for it.
     *
     * @param fd   the descriptor
     * @param call the call as errors name it, up to the descriptor: {@code "port_associate("} names
     *             {@code port_associate(fd=7)}
     * @throws SctpException {@link SctpError#BAD_DESCRIPTOR} when {@code fd} is negative,
     *                       {@link SctpError#INVALID_ARGUMENT} when it is watched already
     */
    public void checkNew(int fd, String call) throws SctpException {
        if (fd < 0) {
            throw SctpException.rejected(SctpError.BAD_DESCRIPTOR, call + "fd=" + fd + ")", "not a descriptor");
        }
        if (fd >= stamp.length) {
            int n = Math.max(fd + 1, stamp.length * 2);
            stamp = Arrays.copyOf(stamp, n);
            interest = Arrays.copyOf(interest, n);
            token = Arrays.copyOf(token, n);
            own = Arrays.copyOf(own, n);
        }
        if (stamp[fd] != 0) {
            throw SctpException.rejected(SctpError.INVALID_ARGUMENT, call + "fd=" + fd + ")", watchedAlready);
        }
    }

    /**
     * Checks that {@code fd} is watched (before a modify).
     *
     * @param fd   the descriptor
     * @param call the call as errors name it, up to the descriptor (see {@link #checkNew})
     * @throws SctpException {@link SctpError#INVALID_ARGUMENT} when it is not watched
     */
    public void checkWatched(int fd, String call) throws SctpException {
        if (!watched(fd)) {
            throw SctpException.rejected(SctpError.INVALID_ARGUMENT, call + "fd=" + fd + ")", notWatched);
        }
    }

    /**
     * @param call the call as the error names it
     * @throws SctpException {@link SctpError#CLOSED} once {@link #close()} was called
     */
    public void ensureOpen(String call) throws SctpException {
        if (closed) {
            throw SctpException.rejected(SctpError.CLOSED, call, backend + " is closed");
        }
    }

    /** @return a stamp newer than every one given before (never 0) */
    public long newStamp() {
        return ++lastStamp;
    }

    /** @return the newest stamp given so far (0 before the first) */
    public long lastStamp() {
        return lastStamp;
    }

    /**
     * Watches {@code fd} (after {@link #checkNew} or {@link #checkWatched}) with a new stamp.
     *
     * @param fd     the descriptor
     * @param events its interest ({@code Poller.READ}, {@code Poller.WRITE})
     * @param tok    its token
     * @return the stamp it now has
     */
    public long put(int fd, int events, int tok) {
        long s = newStamp();
        put(fd, s, events, tok);
        return s;
    }

    /**
     * Watches {@code fd} (after {@link #checkNew} or {@link #checkWatched}) with the given stamp.
     *
     * @param fd     the descriptor
     * @param s      its stamp, from {@link #newStamp()}
     * @param events its interest
     * @param tok    its token
     */
    public void put(int fd, long s, int events, int tok) {
        stamp[fd] = s;
        interest[fd] = events;
        token[fd] = tok;
    }

    /**
     * Stops watching {@code fd}: from now on it is not reported. Its own int is left for the caller.
     *
     * @param fd the descriptor, watched
     */
    public void remove(int fd) {
        stamp[fd] = 0;
        interest[fd] = 0;
    }

    /**
     * @param fd any number
     * @return whether it is watched
     */
    public boolean watched(int fd) {
        return stamp(fd) != 0;
    }

    /**
     * @param fd any number
     * @return its stamp, 0 when it is not watched
     */
    public long stamp(int fd) {
        return fd >= 0 && fd < stamp.length ? stamp[fd] : 0;
    }

    /**
     * @param fd a watched descriptor
     * @return its interest
     */
    public int interest(int fd) {
        return interest[fd];
    }

    /**
     * @param fd a watched descriptor
     * @return its token
     */
    public int token(int fd) {
        return token[fd];
    }

    /**
     * @param fd a watched descriptor
     * @return the int the backend keeps for it (0 until set)
     */
    public int own(int fd) {
        return own[fd];
    }

    /**
     * @param fd    a watched descriptor
     * @param value the int the backend keeps for it (AIX: its bits in the pollset; poll(2): its slot)
     */
    public void setOwn(int fd, int value) {
        own[fd] = value;
    }

    /** @return whether {@link #close()} was called; may be read without the backend's lock */
    public boolean isClosed() {
        return closed;
    }

    /** @return true the first time, when the caller is to release the backend's native resources */
    public boolean close() {
        if (closed) {
            return false;
        }
        closed = true;
        return true;
    }
}
