/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.peeloff.SctpError;
import org.peeloff.SctpException;

class ObservedTest {

    private static SctpException einval(SctpError error) {
        return new SctpException(error, "sctp_peeloff(fd=5, assoc=9)", 22, "EINVAL", "Linux", null);
    }

    @Test
    void equal_failures_are_counted_once() {
        Observed o = new Observed();
        for (int i = 0; i < 3; i++) {
            o.error(einval(SctpError.NO_SUCH_ASSOCIATION));
        }
        o.error(einval(SctpError.NOT_ONE_TO_MANY));

        assertEquals(2, o.observations().size());
        assertEquals(3, o.observations().get(0).count());
        assertEquals("EINVAL (22) -> NO_SUCH_ASSOCIATION x3", o.observations().get(0).summary());
    }

    @Test
    void the_primary_observation_is_the_first_that_reached_the_os() {
        Observed o = new Observed();
        o.error(SctpException.rejected(SctpError.NO_SUCH_ASSOCIATION, "peelOff(0)", "ids are positive"));
        o.error(einval(SctpError.NO_SUCH_ASSOCIATION));

        assertEquals(22, o.primary().orElseThrow().errno());
    }

    @Test
    void expect_records_and_returns_the_failure() {
        Observed o = new Observed();
        SctpException e = einval(SctpError.NO_SUCH_ASSOCIATION);

        assertSame(e, o.expect(SctpError.NO_SUCH_ASSOCIATION, "peel", () -> {
            throw e;
        }));
        assertEquals(1, o.observations().size());
    }

    @Test
    void a_wrong_error_fails_the_case() {
        Observed o = new Observed();
        AssertionFailedError f = assertThrows(AssertionFailedError.class,
                () -> o.expect(SctpError.NOT_ONE_TO_MANY, "peel", () -> {
                    throw einval(SctpError.NO_SUCH_ASSOCIATION);
                }));
        assertTrue(f.getMessage().contains("expected NOT_ONE_TO_MANY but got NO_SUCH_ASSOCIATION"), f.getMessage());
    }

    @Test
    void a_call_that_succeeds_fails_the_case_and_its_result_is_closed() {
        Observed o = new Observed();
        AtomicBoolean closed = new AtomicBoolean();
        AutoCloseable result = () -> closed.set(true);

        assertThrows(AssertionFailedError.class, () -> o.failure("peel", () -> result));
        assertTrue(closed.get(), "what the wrongly successful call returned is closed");
    }

    @Test
    void an_untyped_exception_fails_the_case() {
        Observed o = new Observed();
        assertThrows(AssertionFailedError.class, () -> o.failure("peel", () -> {
            throw new IllegalStateException("not typed");
        }));
    }
}
