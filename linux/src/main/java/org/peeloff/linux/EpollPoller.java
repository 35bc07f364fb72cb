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
 * rebuilt and a wait costs what is ready, not what is watched. {@code struct epoll_event} is the
 * packed x86_64 layout of {@code abi.tsv} (12 bytes): other architectures use the {@code poll(2)}
 * backend until their rows exist.
 */
final class EpollPoller implements Poller {
    private static final int WAKE = -1;

    private final LinuxEpoll epoll;
    private final IntFunction<String> errnoNames;
    private final String os;
    private final int epfd;
    private final WakePipe wake;
    /** One event for epoll_ctl per calling thread. */
    private final ThreadLocal<Memory> ctl = ThreadLocal.withInitial(() -> new Memory(LinuxAbi.SIZEOF_EPOLL_EVENT));
    private Memory events = new Memory(64L * LinuxAbi.SIZEOF_EPOLL_EVENT);
    private volatile boolean closed;

    EpollPoller(PollCalls calls, SctpLayout.Fcntl fcntl, IntFunction<String> errnoNames, String os) throws SctpException {
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
        ev.setInt(LinuxAbi.EPOLL_EVENT_EVENTS, bits);
        ev.setLong(LinuxAbi.EPOLL_EVENT_DATA, token & 0xffffffffL);
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
        if (events.size() < (long) max * LinuxAbi.SIZEOF_EPOLL_EVENT) {
            events = new Memory((long) max * LinuxAbi.SIZEOF_EPOLL_EVENT);
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
            long at = (long) i * LinuxAbi.SIZEOF_EPOLL_EVENT;
            int bits = events.getInt(at + LinuxAbi.EPOLL_EVENT_EVENTS);
            int token = events.getInt(at + LinuxAbi.EPOLL_EVENT_DATA); // the low half of the data, little-endian
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
