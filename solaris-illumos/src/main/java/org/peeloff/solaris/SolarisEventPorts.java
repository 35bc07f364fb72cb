/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.solaris;

import java.io.File;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The event-port calls of {@code libc.so.1} ({@code <port.h>}; symbol version SUNW_1.22, abi.tsv
 * {@code fact:port_create.library}), JNA direct mapping, bound the first time an event-port backend is
 * opened: to the illumos ABI personality when {@code org.peeloff.solaris.library} names one, else to
 * the system's 64-bit {@code libc.so.1}. Every call returns what the C function returns (-1 with errno
 * on failure, read with {@link Native#getLastError()} right after the call). {@code uintptr_t} and
 * {@code void *} arguments are passed as Java {@code long}: the provider runs on LP64 only.
 */
final class SolarisEventPorts {
    private static boolean bound;
    private static Throwable failure;

    private SolarisEventPorts() {
    }

    /**
     * Binds the natives, once for the JVM.
     *
     * @param personality the personality library, or null for the system's libc.so.1
     * @throws IllegalStateException when binding failed (now or before), with the cause
     */
    static synchronized void bind(String personality) {
        if (bound) {
            return;
        }
        if (failure == null) {
            try {
                NativeLibrary lib;
                if (personality != null) {
                    lib = NativeLibrary.getInstance(personality);
                } else {
                    String path = null;
                    for (String p : new String[] {"/usr/lib/64/libc.so.1", "/lib/64/libc.so.1"}) {
                        if (path == null && new File(p).isFile()) {
                            path = p;
                        }
                    }
                    lib = NativeLibrary.getInstance(path != null ? path : "c");
                }
                Native.register(SolarisEventPorts.class, lib);
                bound = true;
                return;
            } catch (LinkageError | RuntimeException e) {
                failure = e;
            }
        }
        throw new IllegalStateException("the event-port calls of libc.so.1 could not be bound: " + failure, failure);
    }

    /** {@code int port_create(void)}: a new port, a descriptor; -1 with EAGAIN/EMFILE. */
    static native int port_create();

    /**
     * {@code int port_associate(int port, int source, uintptr_t object, int events, void *user)}: with
     * PORT_SOURCE_FD, watches descriptor {@code object} for the poll(2) {@code events}, once: the
     * association ends when its event is retrieved. On an object already associated it replaces events
     * and user.
     */
    static native int port_associate(int port, int source, long object, int events, long user);

    /** {@code int port_dissociate(int port, int source, uintptr_t object)}: -1 with ENOENT when not associated. */
    static native int port_dissociate(int port, int source, long object);

    /**
     * {@code int port_getn(int port, port_event_t list[], uint_t max, uint_t *nget, struct timespec *timeout)}:
     * waits for at least {@code *nget} events, retrieves up to {@code max}; on time-out returns -1 with
     * ETIME but {@code *nget} still says how many were retrieved (abi.tsv fact:port_getn.timeout).
     */
    static native int port_getn(int port, Pointer list, int max, Pointer nget, Pointer timeout);

    /** {@code int port_send(int port, int events, void *user)}: queues one PORT_SOURCE_USER event. */
    static native int port_send(int port, int events, long user);
}
