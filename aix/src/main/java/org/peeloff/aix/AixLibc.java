package org.peeloff.aix;

import java.util.Map;
import java.util.Objects;

import com.sun.jna.Function;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The AIX C library calls of the provider, bound with JNA direct mapping ({@link Native#register}):
 * library {@code libc.a} (IBM: "Standard C Library (libc.a)" for {@code sctp_peeloff} and
 * {@code sctp_opt_info}), headers {@code <sys/socket.h>}, {@code <netinet/sctp.h>}, {@code <fcntl.h>},
 * {@code <sys/poll.h>}, {@code <unistd.h>}. On AIX JNA resolves {@code "c"} to the running process,
 * where libc is loaded. {@code -Dorg.peeloff.aix.library=<path>} loads the same entry points from
 * another library instead (the AIX ABI personality the tests use on Linux); it is opened
 * {@code RTLD_LOCAL} so its symbols never stand in for the process's own.
 *
 * <p>Every call returns what libc returns: -1 on failure with errno set, in AIX numbering. errno is
 * read by {@link #errno()} and nowhere else, once, right after the call that failed (JNA saves it per
 * thread as the native call returns).
 *
 * <p>Signatures are AIX's 64-bit ones: {@code ssize_t} is {@code long}, {@code socklen_t} and
 * {@code nfds_t} are 32-bit ({@code int}), {@code sctp_assoc_t} is a 32-bit unsigned int.
 * {@code sctp_peeloff} takes the association id <b>by pointer</b> ({@code sctp_assoc_t *}): it is bound
 * with a {@link Pointer} to native memory the provider owns, never with the id itself.
 * {@code fcntl} is variadic in C and bound with one {@code int}, which the ppc64 and x86_64 calling
 * conventions pass as the variadic call would.
 *
 * <p>{@code sctp_opt_info} and {@code sctp_bindx} are looked up when first needed ({@link #optInfo},
 * {@link #bindx}), not at registration: {@code sctp_bindx} lives in {@code libsctp.a} on current AIX
 * (IBM's {@code sctp_bindx} page), and a missing symbol must not make the whole provider unavailable.
 */
final class AixLibc {
    /** The system property naming a library to bind instead of libc. */
    static final String LIBRARY_PROPERTY = "org.peeloff.aix.library";
    /** The system property naming the library {@code sctp_bindx} is looked up in when libc lacks it. */
    static final String LIBSCTP_PROPERTY = "org.peeloff.aix.libsctp";
    /** Where {@code sctp_bindx} is looked for when libc lacks it (the archive member name is unverified). */
    static final String DEFAULT_LIBSCTP = "libsctp.a(shr_64.o)";
    /** {@code RTLD_LAZY}: resolve on first call. */
    private static final int RTLD_LAZY = 1;

    private static volatile NativeLibrary library;
    private static volatile String libraryPath;
    private static volatile Function optInfo;
    private static volatile Function bindx;

    private AixLibc() {
    }

    /**
     * Binds the natives of this class, once per class loader: direct mapping binds a class, not an
     * instance, so every provider in this class loader uses the same library.
     *
     * @param path a library path, or null for libc
     * @return the library bound
     * @throws UnsatisfiedLinkError  when the library or a symbol cannot be found
     * @throws IllegalStateException when JNA's native part cannot be loaded, or another library is
     *                               already bound
     */
    static synchronized NativeLibrary register(String path) {
        if (library == null) {
            NativeLibrary lib = path == null ? NativeLibrary.getInstance(Platform.C_LIBRARY_NAME)
                    : NativeLibrary.getInstance(path, Map.of(Library.OPTION_OPEN_FLAGS, RTLD_LAZY));
            Native.register(AixLibc.class, lib);
            library = lib;
            libraryPath = path;
        } else if (!Objects.equals(path, libraryPath)) {
            throw new IllegalStateException("the AIX entry points are already bound to "
                    + (libraryPath == null ? "libc" : libraryPath) + " in this class loader; cannot bind "
                    + (path == null ? "libc" : path) + " as well");
        }
        return library;
    }

    /**
     * The errno of the failed call made last on this thread. The provider's only way to read errno.
     *
     * @return the errno value (AIX numbering)
     */
    static int errno() {
        return Native.getLastError();
    }

    /**
     * {@code int sctp_opt_info(int sd, sctp_assoc_t id, int opt, void *arg, size_t *size)}: note the
     * {@code size_t *}, 8 bytes, where Linux has a {@code socklen_t *}.
     *
     * @return the function
     * @throws UnsatisfiedLinkError when libc has no such symbol
     */
    static Function optInfo() {
        Function f = optInfo;
        if (f == null) {
            f = library.getFunction("sctp_opt_info");
            optInfo = f;
        }
        return f;
    }

    /**
     * {@code int sctp_bindx(int sd, struct sockaddr *addrs, int addrcnt, int flags)}, from libc or else
     * from {@code -Dorg.peeloff.aix.libsctp} (default {@value #DEFAULT_LIBSCTP}).
     *
     * @return the function
     * @throws UnsatisfiedLinkError when neither library has it
     */
    static Function bindx() {
        Function f = bindx;
        if (f == null) {
            try {
                f = library.getFunction("sctp_bindx");
            } catch (UnsatisfiedLinkError notInLibc) {
                try {
                    f = NativeLibrary.getInstance(System.getProperty(LIBSCTP_PROPERTY, DEFAULT_LIBSCTP))
                            .getFunction("sctp_bindx");
                } catch (UnsatisfiedLinkError notInLibsctp) {
                    notInLibsctp.addSuppressed(notInLibc);
                    throw notInLibsctp;
                }
            }
            bindx = f;
        }
        return f;
    }

    /**
     * {@code int socket(int domain, int type, int protocol)}.
     *
     * @param domain   {@code AF_INET} (2) or {@code AF_INET6} (24)
     * @param type     {@code SOCK_SEQPACKET}
     * @param protocol {@code IPPROTO_SCTP}
     * @return the new descriptor, or -1
     */
    static native int socket(int domain, int type, int protocol);

    /**
     * {@code int bind(int s, const struct sockaddr *name, socklen_t namelen)}.
     *
     * @param fd   the socket
     * @param addr an AIX sockaddr (sin_len, family, ...)
     * @param len  its length
     * @return 0, or -1
     */
    static native int bind(int fd, Pointer addr, int len);

    /**
     * {@code int listen(int s, int backlog)}.
     *
     * @param fd      the socket
     * @param backlog the backlog
     * @return 0, or -1
     */
    static native int listen(int fd, int backlog);

    /**
     * {@code int connect(int s, const struct sockaddr *name, socklen_t namelen)}.
     *
     * @param fd   the socket
     * @param addr the peer, an AIX sockaddr
     * @param len  its length
     * @return 0, or -1
     */
    static native int connect(int fd, Pointer addr, int len);

    /**
     * {@code ssize_t sendmsg(int s, const struct msghdr *msg, int flags)}.
     *
     * @param fd    the socket
     * @param msg   an AIX msghdr (48 bytes)
     * @param flags {@code MSG_NOSIGNAL}, {@code MSG_NONBLOCK}
     * @return bytes sent, or -1
     */
    static native long sendmsg(int fd, Pointer msg, int flags);

    /**
     * {@code ssize_t recvmsg(int s, struct msghdr *msg, int flags)}.
     *
     * @param fd    the socket
     * @param msg   an AIX msghdr (48 bytes)
     * @param flags {@code MSG_NONBLOCK}
     * @return bytes received, or -1
     */
    static native long recvmsg(int fd, Pointer msg, int flags);

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
    static native int getsockopt(int fd, int level, int name, Pointer value, Pointer len);

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
    static native int setsockopt(int fd, int level, int name, Pointer value, int len);

    /**
     * {@code int fcntl(int fd, int cmd, ...)} with one int argument.
     *
     * @param fd  the descriptor
     * @param cmd {@code F_GETFD}, {@code F_SETFD}, {@code F_GETFL}, {@code F_SETFL}
     * @param arg the argument (0 for the getters)
     * @return the result, or -1
     */
    static native int fcntl(int fd, int cmd, int arg);

    /**
     * {@code int poll(struct pollfd *fds, nfds_t nfds, int timeout)}; {@code nfds_t} is a 32-bit
     * unsigned int on AIX.
     *
     * @param fds     the pollfd array
     * @param nfds    its length
     * @param timeout milliseconds, -1 for ever
     * @return descriptors ready, 0 on timeout, or -1
     */
    static native int poll(Pointer fds, int nfds, int timeout);

    /**
     * {@code int pipe(int fds[2])}, for the readiness backend's wake-up.
     *
     * @param fds two ints
     * @return 0, or -1
     */
    static native int pipe(Pointer fds);

    /**
     * {@code ssize_t read(int fd, void *buf, size_t count)}.
     *
     * @param fd    the descriptor
     * @param buf   the buffer
     * @param count its size
     * @return bytes read, or -1
     */
    static native long read(int fd, Pointer buf, long count);

    /**
     * {@code ssize_t write(int fd, const void *buf, size_t count)}.
     *
     * @param fd    the descriptor
     * @param buf   the bytes
     * @param count how many
     * @return bytes written, or -1
     */
    static native long write(int fd, Pointer buf, long count);

    /**
     * {@code int close(int fd)}.
     *
     * @param fd the descriptor
     * @return 0, or -1
     */
    static native int close(int fd);

    /**
     * {@code int getsockname(int s, struct sockaddr *name, socklen_t *namelen)}.
     *
     * @param fd   the socket
     * @param addr where the address goes
     * @param len  a 4-byte length, in and out
     * @return 0, or -1
     */
    static native int getsockname(int fd, Pointer addr, Pointer len);

    /**
     * {@code int getpeername(int s, struct sockaddr *name, socklen_t *namelen)}.
     *
     * @param fd   the socket
     * @param addr where the address goes
     * @param len  a 4-byte length, in and out
     * @return 0, or -1
     */
    static native int getpeername(int fd, Pointer addr, Pointer len);

    /**
     * {@code int sctp_peeloff(int sd, sctp_assoc_t *assoc_id)} (AIX man page: "Branches off an
     * association into a separate socket"; libc.a). The id is read through the pointer.
     *
     * @param sd      the one-to-many socket
     * @param assocId a pointer to a 4-byte {@code sctp_assoc_t} holding the association id
     * @return the new socket descriptor, or -1 with errno EINVAL, EBADF, EAFNOSUPPORT, ESOCKTNOSUPPORT,
     *         EMFILE, ENOBUFS or ECONNABORTED
     */
    static native int sctp_peeloff(int sd, Pointer assocId);
}
