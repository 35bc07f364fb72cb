package org.peeloff.linux;

import com.sun.jna.Pointer;

import org.peeloff.jna.PosixCalls;

/**
 * {@link PosixCalls} over {@link LinuxLibc}'s direct-mapped natives. {@code sctp_bindx} is the
 * socket option libsctp's own {@code sctp_bindx} sets ({@code SCTP_SOCKOPT_BINDX_ADD}/{@code _REM}).
 */
final class LinuxCalls implements PosixCalls {
    static final LinuxCalls INSTANCE = new LinuxCalls();

    private LinuxCalls() {
    }

    @Override
    public int socket(int domain, int type, int protocol) {
        return LinuxLibc.socket(domain, type, protocol);
    }

    @Override
    public int bind(int fd, Pointer addr, int len) {
        return LinuxLibc.bind(fd, addr, len);
    }

    @Override
    public int listen(int fd, int backlog) {
        return LinuxLibc.listen(fd, backlog);
    }

    @Override
    public int connect(int fd, Pointer addr, int len) {
        return LinuxLibc.connect(fd, addr, len);
    }

    @Override
    public long sendmsg(int fd, Pointer msg, int flags) {
        return LinuxLibc.sendmsg(fd, msg, flags);
    }

    @Override
    public long recvmsg(int fd, Pointer msg, int flags) {
        return LinuxLibc.recvmsg(fd, msg, flags);
    }

    @Override
    public int getsockopt(int fd, int level, int name, Pointer value, Pointer len) {
        return LinuxLibc.getsockopt(fd, level, name, value, len);
    }

    @Override
    public int setsockopt(int fd, int level, int name, Pointer value, int len) {
        return LinuxLibc.setsockopt(fd, level, name, value, len);
    }

    @Override
    public int fcntl(int fd, int cmd, int arg) {
        return LinuxLibc.fcntl(fd, cmd, arg);
    }

    @Override
    public int poll(Pointer fds, int nfds, int timeout) {
        return LinuxLibc.poll(fds, nfds, timeout);
    }

    @Override
    public int close(int fd) {
        return LinuxLibc.close(fd);
    }

    @Override
    public int getsockname(int fd, Pointer addr, Pointer len) {
        return LinuxLibc.getsockname(fd, addr, len);
    }

    @Override
    public int getpeername(int fd, Pointer addr, Pointer len) {
        return LinuxLibc.getpeername(fd, addr, len);
    }

    @Override
    public int sctpBindx(int fd, Pointer addrs, int count, int bytes, boolean add) {
        return LinuxLibc.setsockopt(fd, LinuxAbi.SOL_SCTP,
                add ? LinuxAbi.SCTP_SOCKOPT_BINDX_ADD : LinuxAbi.SCTP_SOCKOPT_BINDX_REM, addrs, bytes);
    }

    @Override
    public int errno() {
        return LinuxLibc.errno();
    }
}
