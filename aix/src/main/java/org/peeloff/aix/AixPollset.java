/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.aix;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The pollset calls of {@code libc.a} ({@code <sys/pollset.h>}; abi.tsv {@code fact:pollset_*}), JNA
 * direct mapping, bound the first time a pollset backend is opened, to the library {@link AixLibc}
 * bound (libc, or the AIX ABI personality). Every call returns what the C function returns (-1 with
 * errno, in AIX numbering, on failure; read with {@link AixLibc#errno()} right after the call).
 */
final class AixPollset {
    private static NativeLibrary bound;

    private AixPollset() {
    }

    /**
     * Binds the natives to {@code lib}, once for the class loader.
     *
     * @param lib the library AixLibc bound
     * @throws UnsatisfiedLinkError  when the library has no pollset calls
     * @throws IllegalStateException when they are bound to another library already
     */
    static synchronized void bind(NativeLibrary lib) {
        if (bound == null) {
            Native.register(AixPollset.class, lib);
            bound = lib;
        } else if (bound != lib) {
            throw new IllegalStateException("the pollset calls are bound to " + bound.getName() + " already");
        }
    }

    /** {@code pollset_t pollset_create(int maxfd)}: -1 for no limit; returns the pollset, or -1. */
    static native int pollset_create(int maxfd);

    /**
     * {@code int pollset_ctl(pollset_t ps, struct poll_ctl *pollctl_array, int array_length)}: applies
     * PS_ADD, PS_MOD (ORs events in) or PS_DELETE per element.
     */
    static native int pollset_ctl(int ps, Pointer array, int length);

    /**
     * {@code int pollset_poll(pollset_t ps, struct pollfd *polldata_array, int array_length, int timeout)}:
     * fills up to {@code array_length} ready descriptors with their revents; 0 on time-out.
     */
    static native int pollset_poll(int ps, Pointer out, int length, int timeout);

    /** {@code int pollset_destroy(pollset_t ps)}. */
    static native int pollset_destroy(int ps);
}
