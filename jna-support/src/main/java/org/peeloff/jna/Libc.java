/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.jna;

import java.util.Map;
import java.util.Objects;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The POSIX calls of every provider, bound once with JNA direct mapping (member natives, so the class
 * itself is the {@link PosixCalls} the shared layer calls: a plain native call on the data path). A
 * provider binds it to its OS's library with {@link #bind}, naming the symbols that differ from the
 * POSIX names (illumos: {@code __xnet_sendmsg}, {@code __xnet_recvmsg}); a symbol the library does not
 * define itself is looked up, as {@code dlsym} does with a handle, in the library's dependencies.
 *
 * <p>The signatures are LP64's: {@code ssize_t}, {@code size_t} and {@code nfds_t} are Java {@code long},
 * {@code socklen_t} is {@code int}; {@code fcntl} is variadic in C and bound with one {@code int}
 * argument, which the LP64 calling conventions pass as the variadic call would. Every call returns
 * what the C function returns (-1 on failure); {@link #errno()} is the errno JNA saved as it returned.
 *
 * <p>JNA binds a class once per class loader: one library per process, the running OS's (or the ABI
 * personality a test names). A second {@link #bind} to another library fails.
 */
public final class Libc implements PosixCalls {
    private static Libc bound;
    private static String boundTo;

    private Libc() {
    }

    /**
     * Binds the natives to {@code library}, the first time; later calls with the same library return
     * the same instance.
     *
     * @param library the library's name or path, as {@link NativeLibrary#getInstance(String, Map)} takes it
     * @param symbols POSIX name to the library's symbol, where they differ (may be empty)
     * @return the bound calls
     * @throws UnsatisfiedLinkError  when the library or a symbol cannot be found
     * @throws IllegalStateException when the class is already bound to another library
     */
    public static Libc bind(String library, Map<String, String> symbols) {
        return bind(library, symbols, Map.of());
    }

    /**
     * {@link #bind(String, Map)} with more options for opening the library (e.g. JNA's
     * {@link Library#OPTION_OPEN_FLAGS}).
     *
     * @param library        the library's name or path
     * @param symbols        POSIX name to the library's symbol, where they differ (may be empty)
     * @param libraryOptions JNA library options (may be empty)
     * @return the bound calls
     * @throws UnsatisfiedLinkError  when the library or a symbol cannot be found
     * @throws IllegalStateException when the class is already bound to another library
     */
    public static synchronized Libc bind(String library, Map<String, String> symbols, Map<String, ?> libraryOptions) {
        Objects.requireNonNull(library, "library");
        String key = library + " " + new java.util.TreeMap<>(symbols) + " " + new java.util.TreeMap<>(libraryOptions);
        if (bound != null) {
            if (boundTo.equals(key)) {
                return bound;
            }
            throw new IllegalStateException("the POSIX calls are bound to " + boundTo + " already; one process binds"
                    + " one library (JNA registers a class once)");
        }
        Map<String, Object> options = new java.util.HashMap<>(libraryOptions);
        options.put(Library.OPTION_FUNCTION_MAPPER,
                (com.sun.jna.FunctionMapper) (lib, method) -> symbols.getOrDefault(method.getName(), method.getName()));
        Native.register(Libc.class, NativeLibrary.getInstance(library, options));
        bound = new Libc();
        boundTo = key;
        return bound;
    }

    /** @return the JNA version in use (the jar's, and its native part's) */
    public static String jnaVersion() {
        String jar = Native.class.getPackage().getImplementationVersion();
        return (jar != null ? jar : Native.VERSION) + " (native " + Native.VERSION_NATIVE + ")";
    }

    /** {@code int socket(int domain, int type, int protocol)} */
    @Override
    public native int socket(int domain, int type, int protocol);

    /** {@code int bind(int fd, const struct sockaddr *addr, socklen_t len)} */
    @Override
    public native int bind(int fd, Pointer addr, int len);

    /** {@code int listen(int fd, int backlog)} */
    @Override
    public native int listen(int fd, int backlog);

    /** {@code int connect(int fd, const struct sockaddr *addr, socklen_t len)} */
    @Override
    public native int connect(int fd, Pointer addr, int len);

    /** {@code ssize_t sendmsg(int fd, const struct msghdr *msg, int flags)} */
    @Override
    public native long sendmsg(int fd, Pointer msg, int flags);

    /** {@code ssize_t recvmsg(int fd, struct msghdr *msg, int flags)} */
    @Override
    public native long recvmsg(int fd, Pointer msg, int flags);

    /** {@code int getsockopt(int fd, int level, int name, void *value, socklen_t *len)} */
    @Override
    public native int getsockopt(int fd, int level, int name, Pointer value, Pointer len);

    /** {@code int setsockopt(int fd, int level, int name, const void *value, socklen_t len)} */
    @Override
    public native int setsockopt(int fd, int level, int name, Pointer value, int len);

    /** {@code int fcntl(int fd, int cmd, int arg)} */
    @Override
    public native int fcntl(int fd, int cmd, int arg);

    /** {@code int poll(struct pollfd *fds, nfds_t nfds, int timeout)} */
    @Override
    public native int poll(Pointer fds, long nfds, int timeout);

    /** {@code int pipe(int fds[2])} */
    @Override
    public native int pipe(Pointer fds);

    /** {@code ssize_t read(int fd, void *buf, size_t count)} */
    @Override
    public native long read(int fd, Pointer buf, long count);

    /** {@code ssize_t write(int fd, const void *buf, size_t count)} */
    @Override
    public native long write(int fd, Pointer buf, long count);

    /** {@code int close(int fd)} */
    @Override
    public native int close(int fd);

    /** {@code int shutdown(int, int)}. */
    @Override
    public native int shutdown(int fd, int how);

    /** {@code int getsockname(int fd, struct sockaddr *addr, socklen_t *len)} */
    @Override
    public native int getsockname(int fd, Pointer addr, Pointer len);

    /** {@code int getpeername(int fd, struct sockaddr *addr, socklen_t *len)} */
    @Override
    public native int getpeername(int fd, Pointer addr, Pointer len);

    /** @return {@link Native#getLastError()} */
    @Override
    public int errno() {
        return Native.getLastError();
    }
}
