/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.solaris;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import org.junit.jupiter.api.Test;
import org.peeloff.SctpError;
import org.peeloff.SctpException;
import org.peeloff.spi.NativeCall;

/** The errno mapping with fake errno values: no native call, runs anywhere. */
class SolarisErrorsTest {
    private static final String OS = "illumos";
    private static final IntSupplier NEVER = () -> {
        throw new AssertionError("the descriptor must not be probed for an errno the man page lists");
    };

    private static SctpException peeloff(int errno, IntSupplier probe) {
        return SolarisErrors.peeloff("sctp_peeloff(fd=7, assoc=3)", errno, OS, probe);
    }

    @Test
    void peeloff_EOPNOTSUPP_is_NOT_ONE_TO_MANY() {
        SctpException e = peeloff(122, NEVER);
        assertEquals(SctpError.NOT_ONE_TO_MANY, e.error());
        assertEquals("EOPNOTSUPP", e.errnoName());
        assertEquals(122, e.errno());
    }

    @Test
    void peeloff_EINVAL_is_NO_SUCH_ASSOCIATION() {
        assertEquals(SctpError.NO_SUCH_ASSOCIATION, peeloff(22, NEVER).error());
    }

    @Test
    void peeloff_EMFILE_and_ENFILE_are_TOO_MANY_OPEN_FILES() {
        assertEquals(SctpError.TOO_MANY_OPEN_FILES, peeloff(24, NEVER).error());
        assertEquals(SctpError.TOO_MANY_OPEN_FILES, peeloff(23, NEVER).error());
    }

    @Test
    void peeloff_EBADF_and_ENOTSOCK_say_what_they_are() {
        assertEquals(SctpError.BAD_DESCRIPTOR, peeloff(9, NEVER).error());
        assertEquals(SctpError.NOT_A_SOCKET, peeloff(95, NEVER).error());
    }

    @Test
    void peeloff_ioctl_error_on_a_file_is_NOT_A_SOCKET_when_the_descriptor_is_no_socket() {
        AtomicInteger probes = new AtomicInteger();
        SctpException e = peeloff(25 /* ENOTTY */, () -> {
            probes.incrementAndGet();
            return 95; // ENOTSOCK
        });
        assertEquals(1, probes.get());
        assertEquals(SctpError.NOT_A_SOCKET, e.error());
        assertEquals(25, e.errno(), "the exception keeps the errno sctp_peeloff left");
        assertEquals("ENOTTY", e.errnoName());
        assertTrue(e.getMessage().contains("ENOTSOCK"), e.getMessage());
        assertEquals(OS, e.os());
    }

    @Test
    void peeloff_unlisted_error_on_a_socket_keeps_its_own_mapping() {
        SctpException e = peeloff(89 /* ENOSYS */, () -> 0);
        assertEquals(SctpError.UNSUPPORTED, e.error());
    }

    @Test
    void errno_numbers_are_the_illumos_ones_not_linux() {
        // Linux's EOPNOTSUPP is 95, which on illumos is ENOTSOCK
        assertEquals(SctpError.NOT_A_SOCKET, SolarisErrors.exception(NativeCall.PEELOFF, "x", 95, OS).error());
        assertEquals(SctpError.NOT_ONE_TO_MANY, SolarisErrors.exception(NativeCall.PEELOFF, "x", 122, OS).error());
        assertEquals(SctpError.UNSUPPORTED, SolarisErrors.exception(NativeCall.SETSOCKOPT, "x", 122, OS).error());
        assertEquals(SctpError.ADDRESS_IN_USE, SolarisErrors.exception(NativeCall.BIND, "x", 125, OS).error());
        assertEquals(SctpError.CONNECTION_REFUSED, SolarisErrors.exception(NativeCall.CONNECT, "x", 146, OS).error());
        assertEquals(SctpError.WOULD_BLOCK, SolarisErrors.exception(NativeCall.CONNECT, "x", 150, OS).error());
        assertEquals(SctpError.WOULD_BLOCK, SolarisErrors.exception(NativeCall.SEND, "x", 11, OS).error());
        assertEquals(SctpError.NOT_CONNECTED, SolarisErrors.exception(NativeCall.SEND, "x", 134, OS).error());
        assertEquals(SctpError.NOT_CONNECTED, SolarisErrors.exception(NativeCall.SEND, "x", 143, OS).error());
        assertEquals(SctpError.UNSUPPORTED_SOCKET, SolarisErrors.exception(NativeCall.SOCKET, "x", 120, OS).error());
        assertEquals(SctpError.BUSY, SolarisErrors.exception(NativeCall.PEELOFF, "x", 16, OS).error());
        assertEquals(SctpError.NO_BUFFERS, SolarisErrors.exception(NativeCall.SEND, "x", 132, OS).error());
        assertEquals(SctpError.ASSOCIATION_ABORTED, SolarisErrors.exception(NativeCall.RECEIVE, "x", 131, OS).error());
        assertEquals(SctpError.OTHER, SolarisErrors.exception(NativeCall.RECEIVE, "x", 9999, OS).error());
    }
}
