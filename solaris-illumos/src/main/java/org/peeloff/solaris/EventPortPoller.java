/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.solaris;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntFunction;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import org.peeloff.SctpError;
import org.peeloff.SctpException;
import org.peeloff.jna.FdTable;
import org.peeloff.jna.PollCalls;
import org.peeloff.spi.NativeCall;
import org.peeloff.spi.Poller;
import org.peeloff.spi.PortableErrors;

/**
 * The illumos readiness backend: an event port ({@code port_create}) with every watched descriptor
 * associated as {@code PORT_SOURCE_FD}, retrieved with {@code port_getn}. A wait costs what is ready,
 * not what is watched.
 *
 * <p>How the {@link Poller} contract is kept over event ports:
 * <ul>
 *   <li><b>Level-triggered.</b> An association is one-shot: the kernel ends it when it delivers the
 *       event. The waiting thread re-associates every delivered descriptor that is still watched, with
 *       its interest of now, before the wait returns; a descriptor still ready is delivered again by the
 *       next {@code port_getn}, as {@code poll(2)} would report it.</li>
 *   <li><b>Changes from any thread.</b> {@code port_associate} and {@code port_dissociate} act on the
 *       port at once, also during a {@code port_getn} in another thread. Each association carries a
 *       generation number as its {@code user} value, new at every {@link #add} and {@link #modify}; the
 *       waiting thread checks a delivered event's generation against the descriptor's, under the lock
 *       that changes take: an event of an association that was replaced or dissociated meanwhile is
 *       neither reported nor re-associated (the newer association is the live one). So a removed token is
 *       never reported, and an event of a descriptor number closed and reused meanwhile never reaches
 *       the new socket's token.</li>
 *   <li><b>Closing.</b> {@link #remove} dissociates before it returns, so a descriptor closed by
 *       {@code Descriptor.close()} has left the port before its number can be reused (illumos also
 *       dissociates a closed descriptor itself).</li>
 *   <li><b>Wake-up: {@code port_send}</b>, one {@code PORT_SOURCE_USER} event, sent only when none is
 *       pending. Not {@code port_alert}: alert mode is sticky (every {@code port_getn} returns at once
 *       until it is cleared), so the waiter would have to clear it, and a wake-up arriving between
 *       its return and the clearing would be lost; a sent event is consumed exactly once by the wait it
 *       wakes and needs no reset.</li>
 *   <li><b>Time-out.</b> {@code port_getn} asks for one event; on time-out it fails with ETIME but
 *       still updates {@code *nget} (abi.tsv {@code fact:port_getn.timeout}), so {@code *nget} is read
 *       first and its events are kept. Other failures (EINTR) retrieve nothing and leave it alone.</li>
 * </ul>
 */
final class EventPortPoller implements Poller {
    /** The user value of the wake-up event. */
    private static final long WAKE = 0;

    private final PollCalls calls;
    private final IntFunction<String> errnoNames;
    private final String os;
    private final int port;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicBoolean wakePending = new AtomicBoolean();
    /** By descriptor number, guarded by lock; a stamp is the generation of the descriptor's association. */
    private final FdTable table = new FdTable("the event port");
    // the waiting thread's
    private final Memory nget = new Memory(4);
    private final Memory timeout = new Memory(SolarisAbi.SIZEOF_TIMESPEC);
    private Memory list = new Memory(64L * SolarisAbi.SIZEOF_PORT_EVENT);

    /**
     * @param calls       the C calls (close)
     * @param personality the personality library, or null for the system's libc.so.1
     * @param errnoNames  errno to name
     * @param os          the OS, for errors
     * @throws SctpException when the port cannot be made
     */
    EventPortPoller(PollCalls calls, String personality, IntFunction<String> errnoNames, String os) throws SctpException {
        try {
            SolarisEventPorts.bind(personality);
        } catch (IllegalStateException e) {
            SctpException x = SctpException.rejected(SctpError.UNSUPPORTED, "port_create()", e.getMessage());
            x.initCause(e);
            throw x;
        }
        this.calls = calls;
        this.errnoNames = errnoNames;
        this.os = os;
        int p = SolarisEventPorts.port_create();
        if (p < 0) {
            throw fail("port_create()", Native.getLastError());
        }
        port = p;
    }

    private SctpException fail(String text, int errno) {
        return PortableErrors.exception(NativeCall.POLL, text, errno, errnoNames.apply(errno), os);
    }

    /** @return {@code event ports} */
    @Override
    public String name() {
        return SolarisSockets.EVENT_PORTS;
    }

    /** With the lock: associates (or re-associates) {@code fd} with generation {@code gen}. */
    private void associate(int fd, int events, long gen) throws SctpException {
        if (SolarisEventPorts.port_associate(port, SolarisAbi.PORT_SOURCE_FD, fd, SolarisLayout.POLL.bits(events), gen) < 0) {
            int errno = Native.getLastError();
            throw fail("port_associate(port=" + port + ", PORT_SOURCE_FD, fd=" + fd + ", events=0x"
                    + Integer.toHexString(SolarisLayout.POLL.bits(events)) + ")", errno);
        }
    }

    /** With the lock: ends the association of {@code fd}; one already ended (delivered, or closed) is no failure. */
    private void dissociate(int fd) throws SctpException {
        if (SolarisEventPorts.port_dissociate(port, SolarisAbi.PORT_SOURCE_FD, fd) < 0) {
            int errno = Native.getLastError();
            if (errno != SolarisAbi.ENOENT && errno != SolarisAbi.EBADF) {
                throw fail("port_dissociate(port=" + port + ", PORT_SOURCE_FD, fd=" + fd + ")", errno);
            }
        }
    }

    @Override
    public void add(int fd, int events, int tok) throws SctpException {
        lock.lock();
        try {
            table.ensureOpen("port_associate");
            table.checkNew(fd, "port_associate(");
            long gen = table.newStamp();
            if (events != 0) {
                associate(fd, events, gen); // throws before anything is kept
            }
            table.put(fd, gen, events, tok);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void modify(int fd, int events, int tok) throws SctpException {
        lock.lock();
        try {
            table.ensureOpen("port_associate");
            table.checkWatched(fd, "port_associate(");
            long gen = table.newStamp();
            if (events != 0) {
                associate(fd, events, gen); // replaces the association, or makes a new one if it was delivered
            } else {
                dissociate(fd);
            }
            table.put(fd, gen, events, tok);
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
            table.remove(fd); // from now on no event of it is reported
            if (!table.isClosed()) {
                dissociate(fd);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int wait(int[] tokens, int[] out, int timeoutMillis) throws SctpException {
        table.ensureOpen("port_getn");
        int max = Math.max(1, Math.min(tokens.length, out.length));
        if (list.size() < (long) max * SolarisAbi.SIZEOF_PORT_EVENT) {
            list = new Memory((long) max * SolarisAbi.SIZEOF_PORT_EVENT);
        }
        Pointer ts = null;
        if (timeoutMillis >= 0) {
            timeout.setLong(SolarisAbi.TIMESPEC_SEC, timeoutMillis / 1000);
            timeout.setLong(SolarisAbi.TIMESPEC_NSEC, (timeoutMillis % 1000) * 1_000_000L);
            ts = timeout;
        }
        nget.setInt(0, 1);
        int rc = SolarisEventPorts.port_getn(port, list, max, nget, ts);
        int got;
        if (rc < 0) {
            int errno = Native.getLastError();
            if (errno == SolarisAbi.ETIME) {
                got = nget.getInt(0); // the time-out may still have retrieved events: keep them
            } else if (errno == SolarisAbi.EINTR) {
                return 0;
            } else {
                throw fail("port_getn(port=" + port + ", max=" + max + ", " + timeoutMillis + " ms)", errno);
            }
        } else {
            got = nget.getInt(0);
        }
        int k = 0;
        lock.lock();
        try {
            for (int i = 0; i < got; i++) {
                long at = (long) i * SolarisAbi.SIZEOF_PORT_EVENT;
                int source = list.getShort(at + SolarisAbi.PORTEV_SOURCE);
                if (source == SolarisAbi.PORT_SOURCE_USER) {
                    wakePending.set(false);
                    continue;
                }
                if (source != SolarisAbi.PORT_SOURCE_FD) {
                    continue;
                }
                long object = list.getLong(at + SolarisAbi.PORTEV_OBJECT);
                long gen = list.getLong(at + SolarisAbi.PORTEV_USER);
                int fd = (int) object;
                if (fd != object || gen == 0 || table.stamp(fd) != gen) {
                    continue; // removed, replaced or reused meanwhile: the live association (if any) is newer
                }
                int bits = list.getInt(at + SolarisAbi.PORTEV_EVENTS);
                if ((bits & SolarisAbi.POLLNVAL) != 0) {
                    continue; // closed without remove(): nothing to re-associate
                }
                int interest = table.interest(fd);
                int ev = SolarisLayout.POLL.ready(bits, interest);
                if (interest != 0) {
                    try {
                        associate(fd, interest, gen); // one-shot: watch it again, level-triggered
                    } catch (SctpException e) {
                        // only a descriptor closed without remove() (a broken contract) gets here: drop it
                        table.remove(fd);
                        continue;
                    }
                }
                if (ev != 0 && k < tokens.length) {
                    tokens[k] = table.token(fd);
                    out[k++] = ev;
                }
            }
        } finally {
            lock.unlock();
        }
        return k;
    }

    @Override
    public void wakeup() {
        if (!table.isClosed() && wakePending.compareAndSet(false, true)
                && SolarisEventPorts.port_send(port, 0, WAKE) < 0) {
            wakePending.set(false); // not queued (EAGAIN: the port is full, so a wait returns anyway)
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (table.close()) {
                calls.close(port);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "EventPortPoller[port=" + port + "]";
    }
}
