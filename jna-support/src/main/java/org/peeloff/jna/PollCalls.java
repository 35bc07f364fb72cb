/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.jna;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The few POSIX calls a readiness backend makes besides its own: {@code poll}, {@code pipe} with
 * {@code read}/{@code write} for wake-ups, {@code fcntl} and {@code close}. {@link PosixCalls} has
 * them all; a provider with a binding of its own adapts it in a few lines. Every method returns what
 * the C function returns (-1 on failure, {@link #errno()} telling why).
 */
public interface PollCalls {
    /** @return {@code poll(fds, nfds, timeout)} */
    int poll(Pointer fds, long nfds, int timeout);

    /** @return {@code pipe(fds)}: two ints, the read end first */
    int pipe(Pointer fds);

    /** @return {@code read(fd, buf, count)} */
    long read(int fd, Pointer buf, long count);

    /** @return {@code write(fd, buf, count)} */
    long write(int fd, Pointer buf, long count);

    /** @return {@code fcntl(fd, cmd, arg)} with one int argument */
    int fcntl(int fd, int cmd, int arg);

    /** @return {@code close(fd)} */
    int close(int fd);

    /** @return the errno JNA saved as the last call of this thread returned */
    default int errno() {
        return Native.getLastError();
    }
}
