/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.jna;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The POSIX calls the shared layer makes. {@link Libc} implements them once, for every OS, bound to
 * the OS's library; tests implement them with a scripted stand-in. Every method returns what the C
 * function returns: -1 (or a negative count) on failure, with {@link #errno()} telling why.
 */
public interface PosixCalls extends PollCalls {
    /** @return {@code socket(domain, type, protocol)} */
    int socket(int domain, int type, int protocol);

    /** @return {@code bind(fd, addr, len)} */
    int bind(int fd, Pointer addr, int len);

    /** @return {@code listen(fd, backlog)} */
    int listen(int fd, int backlog);

    /** @return {@code connect(fd, addr, len)} */
    int connect(int fd, Pointer addr, int len);

    /** @return {@code sendmsg(fd, msg, flags)} (the XPG4.2 entry point where the OS has two) */
    long sendmsg(int fd, Pointer msg, int flags);

    /** @return {@code recvmsg(fd, msg, flags)} (the XPG4.2 entry point where the OS has two) */
    long recvmsg(int fd, Pointer msg, int flags);

    /** @return {@code getsockopt(fd, level, name, value, len)} ({@code len} a {@code socklen_t}) */
    int getsockopt(int fd, int level, int name, Pointer value, Pointer len);

    /** @return {@code setsockopt(fd, level, name, value, len)} */
    int setsockopt(int fd, int level, int name, Pointer value, int len);

    /** @return {@code fcntl(fd, cmd, arg)} with one int argument */
    @Override
    int fcntl(int fd, int cmd, int arg);

    /** @return {@code poll(fds, nfds, timeout)} */
    @Override
    int poll(Pointer fds, long nfds, int timeout);

    /**
     * {@inheritDoc} For the readiness backend's wake-up pipe; a stand-in that never opens a backend
     * need not have it.
     */
    @Override
    default int pipe(Pointer fds) {
        throw new UnsupportedOperationException("pipe");
    }

    /** {@inheritDoc} For the wake-up pipe. */
    @Override
    default long read(int fd, Pointer buf, long count) {
        throw new UnsupportedOperationException("read");
    }

    /** {@inheritDoc} For the wake-up pipe. */
    @Override
    default long write(int fd, Pointer buf, long count) {
        throw new UnsupportedOperationException("write");
    }

    /** @return {@code close(fd)} */
    @Override
    int close(int fd);

    /**
     * @param fd  the socket
     * @param how {@code SHUT_RD}, {@code SHUT_WR} or {@code SHUT_RDWR} (the OS's numbers)
     * @return {@code shutdown(fd, how)}
     * @throws UnsatisfiedLinkError by default, for an implementation without it (reported {@code UNSUPPORTED})
     */
    default int shutdown(int fd, int how) {
        throw new UnsatisfiedLinkError("shutdown");
    }

    /** @return {@code getsockname(fd, addr, len)} */
    int getsockname(int fd, Pointer addr, Pointer len);

    /** @return {@code getpeername(fd, addr, len)} */
    int getpeername(int fd, Pointer addr, Pointer len);

    /**
     * The errno of the last call this thread made through JNA, which JNA saves as the call returns
     * (nothing in between can overwrite it).
     *
     * @return errno
     */
    @Override
    default int errno() {
        return Native.getLastError();
    }
}
