package org.peeloff.aix;

import com.sun.jna.Function;
import com.sun.jna.Pointer;

import org.peeloff.aix.AixAbi.Unknown;
import org.peeloff.jna.PosixCalls;

/**
 * {@link PosixCalls} as JNA direct-mapped instance natives, bound by {@link AixLibc#register} to the
 * same library as {@code sctp_peeloff} (direct mapping binds a class's native methods, static or not,
 * so nothing delegates). {@code sctp_bindx} is the function
 * {@link AixLibc#bindx()} looks up on first use, called with the configured flag values
 * ({@code SCTP_BINDX_ADD_ADDR} / {@code SCTP_BINDX_REM_ADDR}, which no public source gives; the
 * shared layer asks for them before it calls).
 */
final class AixCalls implements PosixCalls {
    private final AixAbiConfig config;

    /**
     * @param config the values no public source gives
     */
    AixCalls(AixAbiConfig config) {
        this.config = config;
    }

    /**
     * {@code int socket(int domain, int type, int protocol)}.
     *
     * @param domain   {@code AF_INET} (2) or {@code AF_INET6} (24)
     * @param type     {@code SOCK_SEQPACKET}
     * @param protocol {@code IPPROTO_SCTP}
     * @return the new descriptor, or -1
     */
    @Override
    public native int socket(int domain, int type, int protocol);

    /**
     * {@code int bind(int s, const struct sockaddr *name, socklen_t namelen)}.
     *
     * @param fd   the socket
     * @param addr an AIX sockaddr (sin_len, family, ...)
     * @param len  its length
     * @return 0, or -1
     */
    @Override
    public native int bind(int fd, Pointer addr, int len);

    /**
     * {@code int listen(int s, int backlog)}.
     *
     * @param fd      the socket
     * @param backlog the backlog
     * @return 0, or -1
     */
    @Override
    public native int listen(int fd, int backlog);

    /**
     * {@code int connect(int s, const struct sockaddr *name, socklen_t namelen)}.
     *
     * @param fd   the socket
     * @param addr the peer, an AIX sockaddr
     * @param len  its length
     * @return 0, or -1
     */
    @Override
    public native int connect(int fd, Pointer addr, int len);

    /**
     * {@code ssize_t sendmsg(int s, const struct msghdr *msg, int flags)}.
     *
     * @param fd    the socket
     * @param msg   an AIX msghdr (48 bytes)
     * @param flags {@code MSG_NOSIGNAL}, {@code MSG_NONBLOCK}
     * @return bytes sent, or -1
     */
    @Override
    public native long sendmsg(int fd, Pointer msg, int flags);

    /**
     * {@code ssize_t recvmsg(int s, struct msghdr *msg, int flags)}.
     *
     * @param fd    the socket
     * @param msg   an AIX msghdr (48 bytes)
     * @param flags {@code MSG_NONBLOCK}
     * @return bytes received, or -1
     */
    @Override
    public native long recvmsg(int fd, Pointer msg, int flags);

    /**
     * {@code int getsockopt(int s, int level, int optname, void *optval, socklen_t *optlen)}.
     *
     * @param fd    the socket
     * @param level the level
     * @param name  the option
     * @param value where the value goes
     * @param len   a 4-byte {@code socklen_t}, in and out
     * @return 0, or -1
     */
    @Override
    public native int getsockopt(int fd, int level, int name, Pointer value, Pointer len);

    /**
     * {@code int setsockopt(int s, int level, int optname, const void *optval, socklen_t optlen)}.
     *
     * @param fd    the socket
     * @param level the level
     * @param name  the option
     * @param value the value
     * @param len   its length
     * @return 0, or -1
     */
    @Override
    public native int setsockopt(int fd, int level, int name, Pointer value, int len);

    /**
     * {@code int fcntl(int fd, int cmd, ...)} with one int argument.
     *
     * @param fd  the descriptor
     * @param cmd {@code F_GETFD}, {@code F_SETFD}, {@code F_GETFL}, {@code F_SETFL}
     * @param arg the argument (0 for the getters)
     * @return the result, or -1
     */
    @Override
    public native int fcntl(int fd, int cmd, int arg);

    /**
     * {@code int poll(struct pollfd *fds, nfds_t nfds, int timeout)}; {@code nfds_t} is a 32-bit
     * unsigned int on AIX.
     *
     * @param fds     the pollfd array
     * @param nfds    its length
     * @param timeout milliseconds, -1 for ever
     * @return descriptors ready, 0 on timeout, or -1
     */
    @Override
    public native int poll(Pointer fds, int nfds, int timeout);

    /**
     * {@code int close(int fd)}.
     *
     * @param fd the descriptor
     * @return 0, or -1
     */
    @Override
    public native int close(int fd);

    /**
     * {@code int getsockname(int s, struct sockaddr *name, socklen_t *namelen)}.
     *
     * @param fd   the socket
     * @param addr where the address goes
     * @param len  a 4-byte length, in and out
     * @return 0, or -1
     */
    @Override
    public native int getsockname(int fd, Pointer addr, Pointer len);

    /**
     * {@code int getpeername(int s, struct sockaddr *name, socklen_t *namelen)}.
     *
     * @param fd   the socket
     * @param addr where the address goes
     * @param len  a 4-byte length, in and out
     * @return 0, or -1
     */
    @Override
    public native int getpeername(int fd, Pointer addr, Pointer len);

    /**
     * {@code int sctp_bindx(int sd, struct sockaddr *addrs, int addrcnt, int flags)}.
     *
     * @throws UnsatisfiedLinkError naming both libraries looked in, when neither has it
     */
    @Override
    public int sctpBindx(int fd, Pointer addrs, int count, int bytes, boolean add) {
        Function f;
        try {
            f = AixLibc.bindx();
        } catch (UnsatisfiedLinkError e) {
            UnsatisfiedLinkError x = new UnsatisfiedLinkError("not in libc nor in -D" + AixLibc.LIBSCTP_PROPERTY + " ("
                    + System.getProperty(AixLibc.LIBSCTP_PROPERTY, AixLibc.DEFAULT_LIBSCTP) + "): " + e.getMessage());
            x.initCause(e);
            throw x;
        }
        int flag = config.get(add ? Unknown.SCTP_BINDX_ADD_ADDR : Unknown.SCTP_BINDX_REM_ADDR);
        return f.invokeInt(new Object[] {fd, addrs, count, flag});
    }

    @Override
    public int errno() {
        return AixLibc.errno();
    }
}
