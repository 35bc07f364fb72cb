/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.solaris;

import java.io.File;
import java.util.List;
import java.util.Map;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

import org.peeloff.jna.Libc;

/**
 * Loads the native side once: binds {@link SolarisLibSctp} and the shared POSIX calls ({@link Libc},
 * with libsocket's {@code __xnet_sendmsg}/{@code __xnet_recvmsg}) by direct mapping, either to the
 * system libraries ({@code libsctp.so.1}, {@code libsocket.so.1} and, through its dependencies,
 * {@code libc.so.1}) or, when the system property {@value #LIBRARY_PROPERTY}
 * names a file, to that one library for all three (the illumos ABI personality the tests build on
 * Linux). Nothing here runs before {@link SolarisSctpProvider#isAvailable()} asks; the outcome, good
 * or bad, is kept for the life of the JVM (JNA cannot register a class twice).
 */
final class SolarisNative {
    /** The system property naming a library that replaces libsctp.so.1, libsocket.so.1 and libc.so.1. */
    static final String LIBRARY_PROPERTY = "org.peeloff.solaris.library";

    /**
     * Where each binding was found.
     *
     * @param personality the personality library, or null when the system libraries are bound
     * @param sctp        what {@code libsctp.so.1} was loaded from
     * @param socket      what {@code libsocket.so.1} was loaded from
     * @param posix       the POSIX calls, bound to libsocket.so.1 (or the personality)
     */
    record Libraries(String personality, String sctp, String socket, Libc posix) {
    }

    /** libsocket's XPG4.2 entry points: the plain sendmsg/recvmsg take the pre-XPG4.2 msghdr. */
    private static final Map<String, String> XNET = Map.of("sendmsg", "__xnet_sendmsg", "recvmsg", "__xnet_recvmsg");

    private static Libraries loaded;
    private static Throwable failure;

    private SolarisNative() {
    }

    /**
     * Binds the three classes, the first time only.
     *
     * @return where they were bound
     * @throws IllegalStateException when loading failed (now or before), with the original cause
     */
    static synchronized Libraries load() {
        if (loaded != null) {
            return loaded;
        }
        if (failure == null) {
            try {
                loaded = bind(System.getProperty(LIBRARY_PROPERTY));
                return loaded;
            } catch (LinkageError | RuntimeException e) {
                failure = e;
            }
        }
        throw new IllegalStateException("the Solaris/illumos native libraries could not be bound: " + failure, failure);
    }

    private static Libraries bind(String personality) {
        if (personality != null && !personality.isBlank()) {
            File file = new File(personality.trim()).getAbsoluteFile();
            if (!file.isFile()) {
                throw new UnsatisfiedLinkError(LIBRARY_PROPERTY + "=" + personality + ": no such file");
            }
            checkDataModel();
            NativeLibrary lib = NativeLibrary.getInstance(file.getPath());
            Native.register(SolarisLibSctp.class, lib);
            return new Libraries(file.getPath(), file.getPath(), file.getPath(), Libc.bind(file.getPath(), XNET));
        }
        if (!"SunOS".equalsIgnoreCase(System.getProperty("os.name", ""))) {
            throw new UnsatisfiedLinkError("os.name is " + System.getProperty("os.name") + ", not SunOS: the system has no"
                    + " illumos libsctp.so.1/libsocket.so.1 (to run this provider here, set " + LIBRARY_PROPERTY
                    + " to an illumos ABI personality library)");
        }
        checkDataModel();
        NativeLibrary sctp = open(List.of("/usr/lib/64/libsctp.so.1", "/lib/64/libsctp.so.1"), "sctp");
        NativeLibrary socket = open(List.of("/usr/lib/64/libsocket.so.1", "/lib/64/libsocket.so.1"), "socket");
        Native.register(SolarisLibSctp.class, sctp);
        String socketPath = socket.getFile() == null ? socket.getName() : socket.getFile().getPath();
        // fcntl, poll and close are libc's: dlsym on libsocket's handle finds them among its dependencies
        return new Libraries(null, sctp.getFile() == null ? sctp.getName() : sctp.getFile().getPath(), socketPath,
                Libc.bind(socketPath, XNET));
    }

    /** Every layout in {@link SolarisAbi} is LP64 (amd64, sparcv9). */
    private static void checkDataModel() {
        if (Native.POINTER_SIZE != 8) {
            throw new UnsatisfiedLinkError("a " + (Native.POINTER_SIZE * 8)
                    + "-bit JVM: the Solaris/illumos provider knows the LP64 layouts only");
        }
    }

    /** The 64-bit library by its full name where it is there, else by JNA's search for the short name. */
    private static NativeLibrary open(List<String> paths, String shortName) {
        for (String path : paths) {
            if (new File(path).isFile()) {
                return NativeLibrary.getInstance(path);
            }
        }
        return NativeLibrary.getInstance(shortName);
    }
}
