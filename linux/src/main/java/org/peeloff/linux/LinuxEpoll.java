/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.linux;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The three epoll calls of libc, JNA direct mapping (member natives, as jna-support's {@code Libc}):
 * {@code epoll_create1}, {@code epoll_ctl}, {@code epoll_wait}. Every call returns what the C
 * function returns; errno is JNA's saved last error. Bound once, the first time the epoll backend is
 * opened.
 */
final class LinuxEpoll {
    private static LinuxEpoll bound;

    private LinuxEpoll() {
    }

    /** @return the calls, bound to libc the first time */
    static synchronized LinuxEpoll bind() {
        if (bound == null) {
            Native.register(LinuxEpoll.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
            bound = new LinuxEpoll();
        }
        return bound;
    }

    /** {@code int epoll_create1(int flags)} */
    native int epoll_create1(int flags);

    /** {@code int epoll_ctl(int epfd, int op, int fd, struct epoll_event *event)} */
    native int epoll_ctl(int epfd, int op, int fd, Pointer event);

    /** {@code int epoll_wait(int epfd, struct epoll_event *events, int maxevents, int timeout)} */
    native int epoll_wait(int epfd, Pointer events, int maxevents, int timeout);
}
