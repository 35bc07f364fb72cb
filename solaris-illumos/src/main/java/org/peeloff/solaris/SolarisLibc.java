package org.peeloff.solaris;

import com.sun.jna.Pointer;

/**
 * {@code libc.so.1} of Solaris/illumos: descriptor flags, {@code poll} and {@code close}, bound by JNA
 * direct mapping when {@link SolarisNative#load} runs. On failure each function returns -1 and sets
 * {@code errno}, which the shared layer reads once, right after the call.
 */
final class SolarisLibc {
    private SolarisLibc() {
    }

    /**
     * {@code int fcntl(int fd, int cmd, ...)} with one {@code int} argument. illumos {@code O_NONBLOCK}
     * is 0x80 (Linux: 0x800).
     *
     * @param fd  the descriptor
     * @param cmd {@code F_GETFD}, {@code F_SETFD}, {@code F_GETFL} or {@code F_SETFL}
     * @param arg the argument (0 for the GET commands)
     * @return the flags for a GET, 0 for a SET, or -1
     */
    static native int fcntl(int fd, int cmd, int arg);

    /**
     * {@code int poll(struct pollfd *fds, nfds_t nfds, int timeout)}; {@code nfds_t} is
     * {@code unsigned long}.
     *
     * @param fds     the {@code pollfd} array
     * @param nfds    how many
     * @param timeout milliseconds, -1 to wait for ever
     * @return how many are ready, 0 on time-out, or -1
     */
    static native int poll(Pointer fds, long nfds, int timeout);

    /**
     * {@code int close(int fd)}.
     *
     * @param fd the descriptor
     * @return 0, or -1
     */
    static native int close(int fd);
}
