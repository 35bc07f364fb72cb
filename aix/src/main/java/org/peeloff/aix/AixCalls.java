package org.peeloff.aix;

import com.sun.jna.Function;
import com.sun.jna.Pointer;

import org.peeloff.aix.AixAbi.Unknown;
import org.peeloff.jna.PosixCalls;

/**
 * {@link PosixCalls} over {@link AixLibc}'s direct-mapped natives. {@code sctp_bindx} is the function
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

    @Override
    public int socket(int domain, int type, int protocol) {
        return AixLibc.socket(domain, type, protocol);
    }

    @Override
    public int bind(int fd, Pointer addr, int len) {
        return AixLibc.bind(fd, addr, len);
    }

    @Override
    public int listen(int fd, int backlog) {
        return AixLibc.listen(fd, backlog);
    }

    @Override
    public int connect(int fd, Pointer addr, int len) {
        return AixLibc.connect(fd, addr, len);
    }

    @Override
    public long sendmsg(int fd, Pointer msg, int flags) {
        return AixLibc.sendmsg(fd, msg, flags);
    }

    @Override
    public long recvmsg(int fd, Pointer msg, int flags) {
        return AixLibc.recvmsg(fd, msg, flags);
    }

    @Override
    public int getsockopt(int fd, int level, int name, Pointer value, Pointer len) {
        return AixLibc.getsockopt(fd, level, name, value, len);
    }

    @Override
    public int setsockopt(int fd, int level, int name, Pointer value, int len) {
        return AixLibc.setsockopt(fd, level, name, value, len);
    }

    @Override
    public int fcntl(int fd, int cmd, int arg) {
        return AixLibc.fcntl(fd, cmd, arg);
    }

    @Override
    public int poll(Pointer fds, int nfds, int timeout) {
        return AixLibc.poll(fds, nfds, timeout);
    }

    @Override
    public int close(int fd) {
        return AixLibc.close(fd);
    }

    @Override
    public int getsockname(int fd, Pointer addr, Pointer len) {
        return AixLibc.getsockname(fd, addr, len);
    }

    @Override
    public int getpeername(int fd, Pointer addr, Pointer len) {
        return AixLibc.getpeername(fd, addr, len);
    }

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
