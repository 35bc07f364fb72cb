/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.linux;

import java.util.function.IntFunction;

import com.sun.jna.Memory;
import com.sun.jna.Native;

import org.peeloff.SctpError;
import org.peeloff.SctpException;
import org.peeloff.jna.PollCalls;
import org.peeloff.jna.SctpLayout;
import org.peeloff.jna.WakePipe;
import org.peeloff.spi.NativeCall;
import org.peeloff.spi.Poller;
import org.peeloff.spi.PortableErrors;

/**
 * The Linux readiness backend: epoll, level-triggered ({@code epoll_create1(EPOLL_CLOEXEC)},
 * {@code epoll_ctl}, {@code epoll_wait}), the token in the low four bytes of {@code epoll_data}, and a
 * {@link WakePipe} registered with token -1. epoll's set may change during a wait, so nothing is
 * rebuilt and a wait costs what is ready, not what is watched. {@code struct epoll_event} is packed
 * on x86_64 (12 bytes, data at 4) and has its natural layout on the other 64-bit architectures (16
 * bytes, data at 8): {@link Layout}, both from {@code abi.tsv}. The token is written and read as the
 * whole 64-bit data, so the byte order does not matter.
 */
final class EpollPoller implements Poller {
    /**
     * The layout of {@code struct epoll_event} on one architecture.
     *
     * @param size   its size
     * @param events the offset of {@code events}
     * @param data   the offset of {@code data}
     */
    record Layout(int size, int events, int data) {
        /** x86_64: packed. */
        static final Layout PACKED = new Layout(LinuxAbi.SIZEOF_EPOLL_EVENT, LinuxAbi.EPOLL_EVENT_EVENTS,
                LinuxAbi.EPOLL_EVENT_DATA);
        /** The other 64-bit architectures: natural alignment. */
        static final Layout ALIGNED = new Layout(LinuxAbi.SIZEOF_EPOLL_EVENT_ALIGNED, LinuxAbi.EPOLL_EVENT_EVENTS_ALIGNED,
                LinuxAbi.EPOLL_EVENT_DATA_ALIGNED);

        /**
         * @param arch   {@code os.arch}
         * @param bits64 whether the JVM is 64-bit
         * @return the layout there, or null where abi.tsv has none (32-bit)
         */
        static Layout of(String arch, boolean bits64) {
            if (!bits64) {
                return null;
            }
            return arch.equals("amd64") || arch.equals("x86_64") ? PACKED : ALIGNED;
        }
    }

    private static final int WAKE = -1;

    private final LinuxEpoll epoll;
    private final IntFunction<String> errnoNames;
    private final String os;
    private final int epfd;
    private final WakePipe wake;
    /** One event for epoll_ctl per calling thread. */
    private final Layout layout;
    private final ThreadLocal<Memory> ctl;
    private Memory events;
    private volatile boolean closed;

    EpollPoller(Layout layout, PollCalls calls, SctpLayout.Fcntl fcntl, IntFunction<String> errnoNames, String os)
            throws SctpException {
        this.layout = layout;
        this.ctl = ThreadLocal.withInitial(() -> new Memory(layout.size()));
        this.events = new Memory(64L * layout.size());
        this.epoll = LinuxEpoll.bind();
        this.errnoNames = errnoNames;
        this.os = os;
        int fd = epoll.epoll_create1(LinuxAbi.EPOLL_CLOEXEC);
        if (fd < 0) {
            throw fail("epoll_create1(EPOLL_CLOEXEC)", Native.getLastError());
        }
        epfd = fd;
        WakePipe w;
        try {
            w = new WakePipe(calls, fcntl, errnoNames, os);
        } catch (SctpException e) {
            calls.close(fd);
            throw e;
        }
        wake = w;
        try {
            ctl(LinuxAbi.EPOLL_CTL_ADD, wake.readFd(), READ, WAKE);
        } catch (SctpException e) {
            wake.close();
            calls.close(fd);
            throw e;
        }
        this.closeCalls = calls;
    }

    private final PollCalls closeCalls;

    private SctpException fail(String text, int errno) {
        return PortableErrors.exception(NativeCall.POLL, text, errno, errnoNames.apply(errno), os);
    }

    /** @return {@code epoll} */
    @Override
    public String name() {
        return "epoll";
    }

    private void ctl(int op, int fd, int interest, int token) throws SctpException {
        Memory ev = ctl.get();
        int bits = ((interest & READ) != 0 ? LinuxAbi.EPOLLIN : 0) | ((interest & WRITE) != 0 ? LinuxAbi.EPOLLOUT : 0);
        ev.setInt(layout.events(), bits);
        ev.setLong(layout.data(), token & 0xffffffffL);
        if (epoll.epoll_ctl(epfd, op, fd, ev) < 0) {
            int errno = Native.getLastError();
            String name = op == LinuxAbi.EPOLL_CTL_ADD ? "EPOLL_CTL_ADD" : op == LinuxAbi.EPOLL_CTL_MOD ? "EPOLL_CTL_MOD"
                    : "EPOLL_CTL_DEL";
            throw fail("epoll_ctl(epfd=" + epfd + ", " + name + ", fd=" + fd + ")", errno);
        }
    }

    @Override
    public void add(int fd, int events, int token) throws SctpException {
        ctl(LinuxAbi.EPOLL_CTL_ADD, fd, events, token);
    }

    @Override
    public void modify(int fd, int events, int token) throws SctpException {
        ctl(LinuxAbi.EPOLL_CTL_MOD, fd, events, token);
    }

    @Override
    public void remove(int fd) throws SctpException {
        ctl(LinuxAbi.EPOLL_CTL_DEL, fd, 0, 0);
    }

    @Override
    public int wait(int[] tokens, int[] out, int timeoutMillis) throws SctpException {
        if (closed) {
            throw SctpException.rejected(SctpError.CLOSED, "epoll_wait", "the backend is closed");
        }
        int max = Math.min(tokens.length, out.length);
        if (events.size() < (long) max * layout.size()) {
            events = new Memory((long) max * layout.size());
        }
        int n = epoll.epoll_wait(epfd, events, max, timeoutMillis < 0 ? -1 : timeoutMillis);
        if (n < 0) {
            int errno = Native.getLastError();
            if (errno == LinuxAbi.EINTR) {
                return 0;
            }
            throw fail("epoll_wait(epfd=" + epfd + ", " + max + ", " + timeoutMillis + " ms)", errno);
        }
        int k = 0;
        for (int i = 0; i < n; i++) {
            long at = (long) i * layout.size();
            int bits = events.getInt(at + layout.events());
            int token = (int) events.getLong(at + layout.data()); // written as a 64-bit value: any byte order
            if (token == WAKE) {
                wake.drain();
                continue;
            }
            int ev = ((bits & LinuxAbi.EPOLLIN) != 0 ? READ : 0) | ((bits & LinuxAbi.EPOLLOUT) != 0 ? WRITE : 0);
            if ((bits & (LinuxAbi.EPOLLERR | LinuxAbi.EPOLLHUP)) != 0) {
                ev |= READ | WRITE; // reported as what it is watched for: the caller masks with its interest
            }
            tokens[k] = token;
            out[k++] = ev;
        }
        return k;
    }

    @Override
    public void wakeup() {
        wake.wakeup();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            wake.close();
            closeCalls.close(epfd);
        }
    }
}
