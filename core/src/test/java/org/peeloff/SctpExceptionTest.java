/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.peeloff.spi.NativeCall;
import org.peeloff.spi.PortableErrors;

/** How a failed call reads: the message names the call, the errno, the OS and the portable error. */
class SctpExceptionTest {
    private static final String OS_NAME = System.getProperty("os.name");

    @Test
    void a_native_failure_reads_call_errno_name_number_os_and_portable_error() {
        SctpException e = new SctpException(SctpError.NOT_ONE_TO_MANY, "sctp_peeloff(fd=12, assoc=4)", 122,
                "EOPNOTSUPP", "SunOS", null);

        assertEquals("sctp_peeloff(fd=12, assoc=4) failed: EOPNOTSUPP (122) on SunOS -> NOT_ONE_TO_MANY", e.getMessage());
    }

    @Test
    void the_accessors_return_what_the_exception_was_built_with() {
        SctpException e = new SctpException(SctpError.NOT_ONE_TO_MANY, "sctp_peeloff(fd=12, assoc=4)", 122,
                "EOPNOTSUPP", "SunOS", null);

        assertEquals(SctpError.NOT_ONE_TO_MANY, e.error());
        assertEquals(122, e.errno());
        assertEquals("EOPNOTSUPP", e.errnoName());
        assertEquals("SunOS", e.os());
        assertEquals("sctp_peeloff(fd=12, assoc=4)", e.call());
        assertNull(e.getCause());
        assertInstanceOf(IOException.class, e);
    }

    @Test
    void a_detail_is_appended_after_a_colon() {
        SctpException e = new SctpException(SctpError.TOO_MANY_OPEN_FILES, "sctp_peeloff(fd=3, assoc=1)", 24,
                "EMFILE", "Linux", "the association stays on the original socket");

        assertEquals("sctp_peeloff(fd=3, assoc=1) failed: EMFILE (24) on Linux -> TOO_MANY_OPEN_FILES: "
                + "the association stays on the original socket", e.getMessage());
    }

    @Test
    void an_empty_detail_adds_nothing() {
        SctpException e = new SctpException(SctpError.BAD_DESCRIPTOR, "close(fd=9)", 9, "EBADF", "Linux", "");

        assertEquals("close(fd=9) failed: EBADF (9) on Linux -> BAD_DESCRIPTOR", e.getMessage());
    }

    @Test
    void an_unknown_errno_name_is_shown_by_number() {
        SctpException e = new SctpException(SctpError.OTHER, "sendmsg(fd=5)", 4711, null, "AIX", null);

        assertEquals("sendmsg(fd=5) failed: errno4711 (4711) on AIX -> OTHER", e.getMessage());
        assertEquals("errno4711", e.errnoName());
    }

    @Test
    void a_missing_os_is_left_out_of_the_message_and_reads_as_empty() {
        SctpException e = new SctpException(SctpError.BUSY, "sctp_peeloff(fd=3, assoc=2)", 16, "EBUSY", null, null);

        assertEquals("sctp_peeloff(fd=3, assoc=2) failed: EBUSY (16) -> BUSY", e.getMessage());
        assertEquals("", e.os());
    }

    @Test
    void the_error_and_the_call_are_required() {
        assertThrows(NullPointerException.class, () -> new SctpException(null, "close(fd=1)", 9, "EBADF", "Linux", null));
        assertThrows(NullPointerException.class, () -> new SctpException(SctpError.OTHER, null, 9, "EBADF", "Linux", null));
    }

    @Test
    void a_rejected_call_says_rejected_before_any_native_call_and_has_errno_zero() {
        SctpException e = SctpException.rejected(SctpError.NO_SUCH_ASSOCIATION, "peelOff(fd=7, assoc=0)",
                "association ids are positive");

        assertEquals("peelOff(fd=7, assoc=0) rejected before any native call on " + OS_NAME
                + " -> NO_SUCH_ASSOCIATION: association ids are positive", e.getMessage());
        assertEquals(SctpError.NO_SUCH_ASSOCIATION, e.error());
        assertEquals(0, e.errno());
        assertEquals("", e.errnoName());
        assertEquals(OS_NAME, e.os());
        assertEquals("peelOff(fd=7, assoc=0)", e.call());
    }

    @Test
    void a_closed_socket_error_is_CLOSED_with_errno_zero() {
        SctpClosedException e = new SctpClosedException("receive(fd=7)");

        assertEquals(SctpError.CLOSED, e.error());
        assertEquals(0, e.errno());
        assertEquals("receive(fd=7)", e.call());
        assertEquals("receive(fd=7) refused: the socket is closed -> CLOSED",
                e.getMessage());
    }

    @Test
    void the_portable_errors_factory_formats_like_the_constructor() {
        SctpException e = PortableErrors.exception(NativeCall.PEELOFF, "sctp_peeloff(fd=12, assoc=4)", 122,
                "EOPNOTSUPP", "SunOS");

        assertEquals("sctp_peeloff(fd=12, assoc=4) failed: EOPNOTSUPP (122) on SunOS -> NOT_ONE_TO_MANY", e.getMessage());
        assertEquals(122, e.errno());
        assertEquals("EOPNOTSUPP", e.errnoName());
    }

    private static final Set<SctpError> RETRYABLE =
            EnumSet.of(SctpError.BUSY, SctpError.WOULD_BLOCK, SctpError.INTERRUPTED, SctpError.NO_BUFFERS);

    @ParameterizedTest
    @EnumSource(SctpError.class)
    void only_BUSY_WOULD_BLOCK_INTERRUPTED_and_NO_BUFFERS_are_retryable(SctpError error) {
        assertEquals(RETRYABLE.contains(error), error.isRetryable());
    }
}
