/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.peeloff.SctpError;
import org.peeloff.SctpException;

/**
 * The portable semantics table of the design, row by row: the same situation gives the same
 * {@link SctpError} whichever errno the OS used.
 */
class PortableErrorsTest {

    @ParameterizedTest(name = "{0} from {1} -> {2}")
    @CsvSource({
            // id unknown, or 0 (all three OSes: EINVAL)
            "EINVAL,          PEELOFF, NO_SUCH_ASSOCIATION",
            // socket is one-to-one (illumos: EOPNOTSUPP; Linux's EINVAL is disambiguated by its provider)
            "EOPNOTSUPP,      PEELOFF, NOT_ONE_TO_MANY",
            // not a descriptor
            "EBADF,           PEELOFF, BAD_DESCRIPTOR",
            // a file, not a socket
            "ENOTSOCK,        PEELOFF, NOT_A_SOCKET",
            // descriptor table full
            "EMFILE,          PEELOFF, TOO_MANY_OPEN_FILES",
            "ENFILE,          PEELOFF, TOO_MANY_OPEN_FILES",
            // no buffers (AIX)
            "ENOBUFS,         PEELOFF, NO_BUFFERS",
            // peer aborted (AIX)
            "ECONNABORTED,    PEELOFF, ASSOCIATION_ABORTED",
            // a sender is blocked on it (Linux)
            "EBUSY,           PEELOFF, BUSY",
            // wrong family / type (AIX)
            "EAFNOSUPPORT,    PEELOFF, UNSUPPORTED_SOCKET",
            "ESOCKTNOSUPPORT, PEELOFF, UNSUPPORTED_SOCKET",
    })
    void every_row_of_the_portable_semantics_table_maps_to_its_portable_result(String errno, NativeCall call,
                                                                              SctpError expected) {
        assertEquals(expected, PortableErrors.map(call, errno));
    }

    @Test
    void EINVAL_from_peeloff_is_NO_SUCH_ASSOCIATION_but_from_bind_is_INVALID_ARGUMENT() {
        assertEquals(SctpError.NO_SUCH_ASSOCIATION, PortableErrors.map(NativeCall.PEELOFF, "EINVAL"));
        assertEquals(SctpError.INVALID_ARGUMENT, PortableErrors.map(NativeCall.BIND, "EINVAL"));
    }

    @ParameterizedTest
    @EnumSource(value = NativeCall.class, names = "PEELOFF", mode = EnumSource.Mode.EXCLUDE)
    void EINVAL_from_any_call_but_peeloff_is_INVALID_ARGUMENT(NativeCall call) {
        assertEquals(SctpError.INVALID_ARGUMENT, PortableErrors.map(call, "EINVAL"));
    }

    @ParameterizedTest
    @EnumSource(value = NativeCall.class, names = "PEELOFF", mode = EnumSource.Mode.EXCLUDE)
    void EOPNOTSUPP_from_any_call_but_peeloff_is_UNSUPPORTED(NativeCall call) {
        assertEquals(SctpError.UNSUPPORTED, PortableErrors.map(call, "EOPNOTSUPP"));
    }

    @ParameterizedTest(name = "{0} from any call -> {1}")
    @CsvSource({
            "EBADF,           BAD_DESCRIPTOR",
            "ENOTSOCK,        NOT_A_SOCKET",
            "EMFILE,          TOO_MANY_OPEN_FILES",
            "ENOBUFS,         NO_BUFFERS",
            "ENOMEM,          NO_BUFFERS",
            "ECONNABORTED,    ASSOCIATION_ABORTED",
            "ECONNRESET,      ASSOCIATION_ABORTED",
            "EBUSY,           BUSY",
            "EAFNOSUPPORT,    UNSUPPORTED_SOCKET",
            "ESOCKTNOSUPPORT, UNSUPPORTED_SOCKET",
            "EPROTONOSUPPORT, UNSUPPORTED_SOCKET",
            "ENOTSUP,         UNSUPPORTED",
            "ENOPROTOOPT,     UNSUPPORTED",
            "EAGAIN,          WOULD_BLOCK",
            "EWOULDBLOCK,     WOULD_BLOCK",
            "EINPROGRESS,     WOULD_BLOCK",
            "EINTR,           INTERRUPTED",
            "EADDRINUSE,      ADDRESS_IN_USE",
            "EADDRNOTAVAIL,   ADDRESS_NOT_AVAILABLE",
            "ECONNREFUSED,    CONNECTION_REFUSED",
            "ENOTCONN,        NOT_CONNECTED",
            "EPIPE,           NOT_CONNECTED",
            "EMSGSIZE,        MESSAGE_TOO_LARGE",
            "EHOSTUNREACH,    UNREACHABLE",
            "ETIMEDOUT,       TIMED_OUT",
            "EACCES,          PERMISSION_DENIED",
            "EPERM,           PERMISSION_DENIED",
    })
    void errnos_with_one_meaning_map_the_same_for_every_call(String errno, SctpError expected) {
        for (NativeCall call : NativeCall.values()) {
            assertEquals(expected, PortableErrors.map(call, errno), errno + " from " + call);
        }
    }

    @ParameterizedTest
    @EnumSource(NativeCall.class)
    void an_unknown_errno_name_is_OTHER(NativeCall call) {
        assertEquals(SctpError.OTHER, PortableErrors.map(call, "EWHATEVER"));
        assertEquals(SctpError.OTHER, PortableErrors.map(call, "einval"), "names are exact, upper case");
    }

    @ParameterizedTest
    @EnumSource(NativeCall.class)
    void a_null_errno_name_is_OTHER(NativeCall call) {
        assertEquals(SctpError.OTHER, PortableErrors.map(call, null));
    }

    @Test
    void the_exception_carries_the_mapped_error_and_every_native_fact() {
        SctpException e = PortableErrors.exception(NativeCall.PEELOFF, "sctp_peeloff(fd=3, assoc=9)", 22, "EINVAL", "Linux");

        assertEquals(SctpError.NO_SUCH_ASSOCIATION, e.error());
        assertEquals(22, e.errno());
        assertEquals("EINVAL", e.errnoName());
        assertEquals("Linux", e.os());
        assertEquals("sctp_peeloff(fd=3, assoc=9)", e.call());
        assertEquals("sctp_peeloff(fd=3, assoc=9) failed: EINVAL (22) on Linux -> NO_SUCH_ASSOCIATION", e.getMessage());
    }
}
