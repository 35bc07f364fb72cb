package org.peeloff.solaris;

import com.sun.jna.Pointer;

import org.peeloff.jna.PosixCalls;

/**
 * {@link PosixCalls} over the direct-mapped natives of {@link SolarisLibSocket}, {@link SolarisLibc}
 * and {@link SolarisLibSctp}. Messages go through {@code __xnet_sendmsg}/{@code __xnet_recvmsg} (the
 * XPG4.2 {@code msghdr} with control data and {@code msg_flags}); {@code sctp_bindx} is libsctp's.
 */
final class SolarisCalls implements PosixCalls {
    static final SolarisCalls INSTANCE = new SolarisCalls();

    private SolarisCalls() {
    }

    @Override
    public int socket(int domain, int type, int protocol) {
        return SolarisLibSocket.socket(domain, type, protocol);
    }

    @Override
    public int bind(int fd, Pointer addr, int len) {
        return SolarisLibSocket.bind(fd, addr, len);
    }

    @Override
    public int listen(int fd, int backlog) {
        return SolarisLibSocket.listen(fd, backlog);
    }

    @Override
    public int connect(int fd, Pointer addr, int len) {
        return SolarisLibSocket.connect(fd, addr, len);
    }

    @Override
    public long sendmsg(int fd, Pointer msg, int flags) {
        return SolarisLibSocket.__xnet_sendmsg(fd, msg, flags);
    }

    @Override
    public long recvmsg(int fd, Pointer msg, int flags) {
        return SolarisLibSocket.__xnet_recvmsg(fd, msg, flags);
    }

    @Override
    public int getsockopt(int fd, int level, int name, Pointer value, Pointer len) {
        return SolarisLibSocket.getsockopt(fd, level, name, value, len);
    }

    @Override
    public int setsockopt(int fd, int level, int name, Pointer value, int len) {
        return SolarisLibSocket.setsockopt(fd, level, name, value, len);
    }

    @Override
    public int fcntl(int fd, int cmd, int arg) {
        return SolarisLibc.fcntl(fd, cmd, arg);
    }

    @Override
    public int poll(Pointer fds, int nfds, int timeout) {
        return SolarisLibc.poll(fds, nfds, timeout);
    }

    @Override
    public int close(int fd) {
        return SolarisLibc.close(fd);
    }

    @Override
    public int getsockname(int fd, Pointer addr, Pointer len) {
        return SolarisLibSocket.getsockname(fd, addr, len);
    }

    @Override
    public int getpeername(int fd, Pointer addr, Pointer len) {
        return SolarisLibSocket.getpeername(fd, addr, len);
    }

    @Override
    public int sctpBindx(int fd, Pointer addrs, int count, int bytes, boolean add) {
        return SolarisLibSctp.sctp_bindx(fd, addrs, count,
                add ? SolarisAbi.SCTP_BINDX_ADD_ADDR : SolarisAbi.SCTP_BINDX_REM_ADDR);
    }
}
