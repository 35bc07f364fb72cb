package org.peeloff.linux;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The libc calls of the Linux provider, bound with JNA direct mapping ({@link Native#register}) so
 * the data path costs a plain native call: library {@code libc.so.6} ("c"), headers
 * {@code <sys/socket.h>}, {@code <fcntl.h>}, {@code <poll.h>}, {@code <unistd.h>}. Nothing from
 * {@code libsctp.so.1}: its functions are thin wrappers over these calls and SCTP socket options.
 *
 * <p>Every call returns what libc returns: -1 on failure with errno set. errno is read by
 * {@link #errno()} and nowhere else, once, right after the call that failed (JNA saves it per
 * thread as the native call returns, so nothing in between can overwrite it).
 *
 * <p>The signatures are for LP64 Linux: {@code ssize_t} and {@code nfds_t} are Java {@code long},
 * {@code socklen_t} is {@code int}. {@code fcntl} is variadic in C; it is bound with one {@code int}
 * argument, which the LP64 calling conventions pass exactly as the variadic call would.
 *
 * <p>{@link #register()} must have succeeded before any other method is called.
 */
final class LinuxLibc {
    private LinuxLibc() {
    }

    /**
     * Binds the natives of this class to libc. Called once, by the provider's availability check.
     *
     * @throws UnsatisfiedLinkError  when libc or a symbol cannot be found
     * @throws IllegalStateException when JNA's native part cannot be loaded
     */
    static void register() {
        Native.register(LinuxLibc.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    /**
     * @return the JNA version in use (the jar's, and its native part's)
     */
    static String jnaVersion() {
        String jar = Native.class.getPackage().getImplementationVersion();
        return (jar != null ? jar : Native.VERSION) + " (native " + Native.VERSION_NATIVE + ")";
    }

    /**
     * The errno of the failed call made last on this thread. The provider's only way to read errno.
     *
     * @return the errno value
     */
    static int errno() {
        return Native.getLastError();
    }

    /**
     * {@code int socket(int domain, int type, int protocol)}.
     *
     * @param domain   {@code AF_INET} / {@code AF_INET6}
     * @param type     {@code SOCK_SEQPACKET} or {@code SOCK_STREAM}, or-ed with {@code SOCK_CLOEXEC}
     * @param protocol {@code IPPROTO_SCTP}
     * @return the new descriptor, or -1
     */
    static native int socket(int domain, int type, int protocol);

    /**
     * {@code int bind(int fd, const struct sockaddr *addr, socklen_t len)}.
     *
     * @param fd   the socket
     * @param addr the address
     * @param len  its length
     * @return 0, or -1
     */
    static native int bind(int fd, Pointer addr, int len);

    /**
     * {@code int listen(int fd, int backlog)}.
     *
     * @param fd      the socket
     * @param backlog the backlog
     * @return 0, or -1
     */
    static native int listen(int fd, int backlog);

    /**
     * {@code int connect(int fd, const struct sockaddr *addr, socklen_t len)}.
     *
     * @param fd   the socket
     * @param addr the peer
     * @param len  its length
     * @return 0, or -1
     */
    static native int connect(int fd, Pointer addr, int len);

    /**
     * {@code ssize_t sendmsg(int fd, const struct msghdr *msg, int flags)}.
     *
     * @param fd    the socket
     * @param msg   the message header
     * @param flags {@code MSG_*}
     * @return bytes sent, or -1
     */
    static native long sendmsg(int fd, Pointer msg, int flags);

    /**
     * {@code ssize_t recvmsg(int fd, struct msghdr *msg, int flags)}.
     *
     * @param fd    the socket
     * @param msg   the message header; {@code msg_flags} and {@code msg_controllen} are written back
     * @param flags {@code MSG_*}
     * @return bytes received, 0 at the end of a one-to-one association, or -1
     */
    static native long recvmsg(int fd, Pointer msg, int flags);

    /**
     * {@code int getsockopt(int fd, int level, int name, void *value, socklen_t *len)}.
     *
     * @param fd    the socket
     * @param level {@code SOL_SOCKET} or {@code SOL_SCTP}
     * @param name  the option
     * @param value in/out buffer
     * @param len   in/out length
     * @return 0, or -1
     */
    static native int getsockopt(int fd, int level, int name, Pointer value, Pointer len);

    /**
     * {@code int setsockopt(int fd, int level, int name, const void *value, socklen_t len)}.
     *
     * @param fd    the socket
     * @param level {@code SOL_SOCKET} or {@code SOL_SCTP}
     * @param name  the option
     * @param value the value
     * @param len   its length
     * @return 0, or -1
     */
    static native int setsockopt(int fd, int level, int name, Pointer value, int len);

    /**
     * {@code int fcntl(int fd, int cmd, int arg)}.
     *
     * @param fd  the descriptor
     * @param cmd {@code F_GETFL}, {@code F_SETFL}, {@code F_GETFD}, {@code F_SETFD}, {@code F_DUPFD_CLOEXEC}
     * @param arg the argument (ignored by the get commands)
     * @return the command's result, or -1
     */
    static native int fcntl(int fd, int cmd, int arg);

    /**
     * {@code int poll(struct pollfd *fds, nfds_t n, int timeout)}.
     *
     * @param fds     the descriptors
     * @param n       how many
     * @param timeout milliseconds, -1 for no limit
     * @return how many are ready, 0 on timeout, or -1
     */
    static native int poll(Pointer fds, long n, int timeout);

    /**
     * {@code int close(int fd)}.
     *
     * @param fd the descriptor
     * @return 0, or -1 (on Linux the descriptor is released even then, except on EBADF)
     */
    static native int close(int fd);

    /**
     * {@code int getsockname(int fd, struct sockaddr *addr, socklen_t *len)}.
     *
     * @param fd   the socket
     * @param addr out: the local address
     * @param len  in/out length
     * @return 0, or -1
     */
    static native int getsockname(int fd, Pointer addr, Pointer len);

    /**
     * {@code int getpeername(int fd, struct sockaddr *addr, socklen_t *len)}.
     *
     * @param fd   the socket
     * @param addr out: the peer address
     * @param len  in/out length
     * @return 0, or -1
     */
    static native int getpeername(int fd, Pointer addr, Pointer len);
}
