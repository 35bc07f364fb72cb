package org.peeloff.solaris;

import com.sun.jna.Pointer;

/**
 * {@code libsocket.so.1} of Solaris/illumos ({@code <sys/socket.h>}, link with {@code -lsocket}),
 * bound by JNA direct mapping when {@link SolarisNative#load} runs. On failure each function
 * returns -1 and sets {@code errno}, which the shared layer reads once, right after the call.
 *
 * <p>Sending and receiving go through {@code __xnet_sendmsg}/{@code __xnet_recvmsg}: the plain
 * {@code sendmsg}/{@code recvmsg} of illumos take the pre-XPG4.2 {@code msghdr}, whose bytes 32..47
 * are access rights, not control data, and which has no {@code msg_flags} (abi.tsv fact:sendmsg/recvmsg
 * symbol to use with msg_control/msg_flags). SCTP needs both.
 */
final class SolarisLibSocket {
    private SolarisLibSocket() {
    }

    /**
     * {@code int socket(int domain, int type, int protocol)}.
     *
     * @param domain   {@code AF_INET} (2) or {@code AF_INET6} (26)
     * @param type     {@code SOCK_SEQPACKET} (6) or {@code SOCK_STREAM} (2), optionally {@code | SOCK_CLOEXEC}
     * @param protocol {@code IPPROTO_SCTP}
     * @return the descriptor, or -1
     */
    static native int socket(int domain, int type, int protocol);

    /**
     * {@code int bind(int s, const struct sockaddr *name, socklen_t namelen)}.
     *
     * @param s       the socket
     * @param name    the address
     * @param namelen its length (16 or 32)
     * @return 0, or -1
     */
    static native int bind(int s, Pointer name, int namelen);

    /**
     * {@code int listen(int s, int backlog)}.
     *
     * @param s       the socket
     * @param backlog the backlog
     * @return 0, or -1
     */
    static native int listen(int s, int backlog);

    /**
     * {@code int connect(int s, const struct sockaddr *name, socklen_t namelen)}.
     *
     * @param s       the socket
     * @param name    the peer
     * @param namelen its length
     * @return 0, or -1 (EINPROGRESS on a non-blocking socket)
     */
    static native int connect(int s, Pointer name, int namelen);

    /**
     * {@code ssize_t __xnet_sendmsg(int s, const struct msghdr *msg, int flags)}: sendmsg with the
     * XPG4.2 {@code msghdr} (48 bytes; control data at 32/40).
     *
     * @param s     the socket
     * @param msg   the message header
     * @param flags {@code MSG_DONTWAIT}, ...
     * @return the bytes sent, or -1
     */
    static native long __xnet_sendmsg(int s, Pointer msg, int flags);

    /**
     * {@code ssize_t __xnet_recvmsg(int s, struct msghdr *msg, int flags)}: recvmsg with the XPG4.2
     * {@code msghdr}; {@code msg_flags} (offset 44) carries {@code MSG_NOTIFICATION} and {@code MSG_EOR}.
     *
     * @param s     the socket
     * @param msg   the message header
     * @param flags {@code MSG_DONTWAIT}, ...
     * @return the bytes received, 0 at the end of a one-to-one association, or -1
     */
    static native long __xnet_recvmsg(int s, Pointer msg, int flags);

    /**
     * {@code int getsockopt(int s, int level, int optname, void *optval, socklen_t *optlen)}.
     *
     * @param s       the socket
     * @param level   {@code SOL_SOCKET} (0xffff) or {@code IPPROTO_SCTP}
     * @param optname the option
     * @param optval  the value buffer
     * @param optlen  in/out length
     * @return 0, or -1
     */
    static native int getsockopt(int s, int level, int optname, Pointer optval, Pointer optlen);

    /**
     * {@code int setsockopt(int s, int level, int optname, const void *optval, socklen_t optlen)}.
     *
     * @param s       the socket
     * @param level   {@code SOL_SOCKET} (0xffff) or {@code IPPROTO_SCTP}
     * @param optname the option
     * @param optval  the value
     * @param optlen  its length
     * @return 0, or -1
     */
    static native int setsockopt(int s, int level, int optname, Pointer optval, int optlen);

    /**
     * {@code int getsockname(int s, struct sockaddr *name, socklen_t *namelen)}.
     *
     * @param s       the socket
     * @param name    where the address goes
     * @param namelen in: the room; out: the address length
     * @return 0, or -1
     */
    static native int getsockname(int s, Pointer name, Pointer namelen);

    /**
     * {@code int getpeername(int s, struct sockaddr *name, socklen_t *namelen)}.
     *
     * @param s       the socket
     * @param name    where the peer's address goes
     * @param namelen in: the room; out: the address length
     * @return 0, or -1 (ENOTCONN when there is no peer)
     */
    static native int getpeername(int s, Pointer name, Pointer namelen);
}
