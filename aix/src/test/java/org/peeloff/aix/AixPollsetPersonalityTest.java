/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.aix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peeloff.compat.PollerPipeCases;
import org.peeloff.spi.Poller;

/**
 * The pollset backend's mechanics over pipes, through the AIX ABI personality on the Linux kernel:
 * level-triggered reports and a removed descriptor never reported (the cases every backend shares,
 * {@link PollerPipeCases}), a narrowing change (PS_MOD only ORs, so it must be PS_DELETE + PS_ADD), a
 * change from another thread during a wait (which pollset_poll does not see: the backend must wake
 * the wait), and the wake-up pipe. Proves the backend and the personality's model of pollset, not AIX.
 * Tagged {@code kernel}: it needs the personality, which harness/kernel-tests provides
 * ({@code -Dorg.peeloff.aix.library}).
 */
@Tag("kernel")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AixPollsetPersonalityTest extends PollerPipeCases {
    AixPollsetPersonalityTest() {
        super(AixSctpProvider::new, AixSockets.POLLSET, () -> AixLibc.register(System.getProperty(AixLibc.LIBRARY_PROPERTY)));
    }

    @Test
    void narrowing_the_interest_stops_the_reports_although_PS_MOD_only_ORs() throws Exception {
        // the write end of an empty pipe is writable at once
        poller.add(pipe[1], Poller.WRITE, 1);
        assertEquals(1, poller.wait(tokens, events, 2000));
        assertEquals(Poller.WRITE, events[0]);
        poller.modify(pipe[1], Poller.READ | Poller.WRITE, 2); // widening: PS_MOD
        assertEquals(1, poller.wait(tokens, events, 2000));
        assertEquals(2, tokens[0]);
        poller.modify(pipe[1], Poller.READ, 3); // narrowing: with PS_MOD the pollset would keep POLLOUT
        long t0 = System.nanoTime();
        assertEquals(0, poller.wait(tokens, events, 300), "a write end is never readable: nothing reported");
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(ms >= 250, "the wait lasted its time-out (" + ms + " ms): the pollset no longer holds POLLOUT,"
                + " which would end every wait at once");
    }

    @Test
    void a_change_from_another_thread_wakes_the_wait_in_progress() throws Exception {
        write();
        poller.add(pipe[0], 0, 5);
        long t0 = System.nanoTime();
        Thread t = later(150, () -> poller.modify(pipe[0], Poller.READ, 6));
        int n = poller.wait(tokens, events, 10_000);
        if (n == 0) {
            n = poller.wait(tokens, events, 2000); // the woken wait returns; the next one sees the change
        }
        t.join();
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "not left waiting for the 10 s time-out");
        assertEquals(1, n);
        assertEquals(6, tokens[0]);
    }

    @Test
    void wakeup_ends_a_wait() throws Exception {
        poller.add(pipe[0], Poller.READ, 1);
        long t0 = System.nanoTime();
        Thread t = later(100, poller::wakeup);
        assertEquals(0, poller.wait(tokens, events, 10_000));
        t.join();
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));
    }
}
