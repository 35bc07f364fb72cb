/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.aix;

import java.util.Map;
import java.util.Objects;

import com.sun.jna.Function;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

import org.peeloff.jna.Libc;

/**
 * The AIX C library binding of the provider, with JNA direct mapping ({@link Native#register}): the
 * calls of the shared POSIX layer are jna-support's {@link Libc}, bound here together with
 * {@code sctp_peeloff}; library {@code libc.a} (IBM: "Standard C Library (libc.a)" for {@code sctp_peeloff} and
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
 * <p>Signatures are AIX's 64-bit ones: {@code ssize_t} is {@code long}, {@code socklen_t} is 32-bit;
 * {@code nfds_t} is 32-bit on AIX, which the shared binding passes as a 64-bit {@code long} holding
 * the same small value (the 64-bit PowerPC and x86-64 conventions pass both in one register);
 * {@code sctp_assoc_t} is a 32-bit unsigned int.
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
    private static volatile Libc posix;
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
     * @return the POSIX calls, bound to the same library
     * @throws UnsatisfiedLinkError  when the library or a symbol cannot be found
     * @throws IllegalStateException when JNA's native part cannot be loaded, or another library is
     *                               already bound
     */
    static synchronized Libc register(String path) {
        if (library == null) {
            Map<String, ?> options = path == null ? Map.of() : Map.of(Library.OPTION_OPEN_FLAGS, RTLD_LAZY);
            String name = path == null ? Platform.C_LIBRARY_NAME : path;
            NativeLibrary lib = NativeLibrary.getInstance(name, options);
            Native.register(AixLibc.class, lib);
            posix = Libc.bind(name, Map.of(), options);
            library = lib;
            libraryPath = path;
        } else if (!Objects.equals(path, libraryPath)) {
            throw new IllegalStateException("the AIX entry points are already bound to "
                    + (libraryPath == null ? "libc" : libraryPath) + " in this class loader; cannot bind "
                    + (path == null ? "libc" : path) + " as well");
        }
        return posix;
    }

    /** @return the library {@link #register} bound (libc or the personality), or null before */
    static NativeLibrary library() {
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
