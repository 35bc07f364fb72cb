/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.solaris;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import com.sun.jna.Memory;
import com.sun.jna.Native;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peeloff.compat.PollerPipeCases;
import org.peeloff.spi.Poller;

/**
 * The event-port backend's mechanics over pipes, through the illumos ABI personality on the Linux
 * kernel (or the system's libc.so.1 on a real illumos): one-shot associations made level-triggered by
 * re-association and a removed descriptor never reported (the cases every backend shares,
 * {@link PollerPipeCases}), changes from another thread during a wait, port_send wake-ups and
 * port_getn's ETIME with {@code *nget} updated. Proves the backend and the personality's model of event
 * ports, not illumos. Tagged {@code kernel}: it needs the personality, which harness/kernel-tests
 * provides.
 */
@Tag("kernel")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SolarisEventPortPersonalityTest extends PollerPipeCases {
    SolarisEventPortPersonalityTest() {
        super(SolarisSctpProvider::new, SolarisSockets.EVENT_PORTS, () -> SolarisNative.load().posix());
    }

    @Test
    void modify_from_another_thread_takes_effect_on_the_wait_in_progress() throws Exception {
        write();
        poller.add(pipe[0], 0, 5);
        assertEquals(0, poller.wait(tokens, events, 50), "interest 0: not reported although readable");
        Thread t = later(100, () -> poller.modify(pipe[0], Poller.READ, 6));
        assertEquals(1, poller.wait(tokens, events, 5000));
        assertEquals(6, tokens[0], "the new token");
        t.join();
        poller.modify(pipe[0], Poller.WRITE, 7);
        assertEquals(0, poller.wait(tokens, events, 50), "a read end is never writable: narrowed to WRITE, nothing");
    }

    @Test
    void wakeup_ends_a_wait_and_wakeups_before_it_count_as_one() throws Exception {
        poller.wakeup();
        poller.wakeup();
        long t0 = System.nanoTime();
        assertEquals(0, poller.wait(tokens, events, 5000));
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(2), "returned at once");
        assertEquals(0, poller.wait(tokens, events, 50), "the second wake-up was merged into the first");
    }

    @Test
    void port_getn_times_out_with_ETIME_and_still_reports_what_it_retrieved_in_nget() {
        int port = SolarisEventPorts.port_create();
        assertTrue(port >= 0);
        try {
            assertEquals(0, SolarisEventPorts.port_send(port, 0, 99));
            Memory list = new Memory(4L * SolarisAbi.SIZEOF_PORT_EVENT);
            Memory nget = new Memory(4);
            nget.setInt(0, 2);
            Memory ts = new Memory(SolarisAbi.SIZEOF_TIMESPEC);
            ts.setLong(SolarisAbi.TIMESPEC_SEC, 0);
            ts.setLong(SolarisAbi.TIMESPEC_NSEC, 50_000_000L);
            int rc = SolarisEventPorts.port_getn(port, list, 4, nget, ts);
            int errno = Native.getLastError();
            assertArrayEquals(new int[] {-1, SolarisAbi.ETIME, 1}, new int[] {rc, errno, nget.getInt(0)},
                    "rc, errno, *nget: two wanted, one there");
            assertEquals(SolarisAbi.PORT_SOURCE_USER, list.getShort(SolarisAbi.PORTEV_SOURCE));
            assertEquals(99, list.getLong(SolarisAbi.PORTEV_USER));
            // a delivered PORT_SOURCE_FD association is gone: dissociating it fails ENOENT
            write();
            assertEquals(0, SolarisEventPorts.port_associate(port, SolarisAbi.PORT_SOURCE_FD, pipe[0], SolarisAbi.POLLIN, 5));
            nget.setInt(0, 1);
            assertEquals(0, SolarisEventPorts.port_getn(port, list, 4, nget, ts));
            assertEquals(1, nget.getInt(0));
            assertEquals(pipe[0], list.getLong(SolarisAbi.PORTEV_OBJECT));
            assertEquals(-1, SolarisEventPorts.port_dissociate(port, SolarisAbi.PORT_SOURCE_FD, pipe[0]));
            assertEquals(SolarisAbi.ENOENT, Native.getLastError(), "one-shot: delivered means dissociated");
        } finally {
            c.close(port);
        }
    }
}
