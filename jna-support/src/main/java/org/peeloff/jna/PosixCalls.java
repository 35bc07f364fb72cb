package org.peeloff.jna;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The C calls the shared POSIX layer makes, as one OS's libraries offer them. A provider implements
 * it with a small class whose methods call its JNA direct-mapped natives (a monomorphic call the JIT
 * inlines), so {@link PosixSctp} is written once for every OS. Every method returns what the C
 * function returns: -1 (or a negative count) on failure, with {@link #errno()} telling why.
 */
public interface PosixCalls {
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
    int fcntl(int fd, int cmd, int arg);

    /** @return {@code poll(fds, nfds, timeout)} */
    int poll(Pointer fds, int nfds, int timeout);

    /** @return {@code close(fd)} */
    int close(int fd);

    /** @return {@code getsockname(fd, addr, len)} */
    int getsockname(int fd, Pointer addr, Pointer len);

    /** @return {@code getpeername(fd, addr, len)} */
    int getpeername(int fd, Pointer addr, Pointer len);

    /**
     * {@code sctp_bindx}, however the OS offers it (a libsctp function, or a socket option on Linux).
     *
     * @param fd    the socket
     * @param addrs the packed socket addresses
     * @param count how many
     * @param bytes their total length
     * @param add   true to add, false to remove
     * @return 0, or -1
     * @throws UnsatisfiedLinkError when the OS's library has no such function
     */
    int sctpBindx(int fd, Pointer addrs, int count, int bytes, boolean add);

    /**
     * The errno of the last call this thread made through JNA, which JNA saves as the call returns
     * (nothing in between can overwrite it).
     *
     * @return errno
     */
    default int errno() {
        return Native.getLastError();
    }
}
