/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.aix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import com.sun.jna.Memory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peeloff.jna.Libc;
import org.peeloff.spi.Poller;

/**
 * The pollset backend's mechanics over pipes, through the AIX ABI personality on the Linux kernel:
 * level-triggered reports, a narrowing change (PS_MOD only ORs, so it must be PS_DELETE + PS_ADD), a
 * change from another thread during a wait (which pollset_poll does not see: the backend must wake
 * the wait), a removed descriptor never reported, and the wake-up pipe. Proves the backend and the
 * personality's model of pollset, not AIX. Tagged {@code kernel}: it needs the personality, which
 * harness/kernel-tests provides ({@code -Dorg.peeloff.aix.library}).
 */
@Tag("kernel")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AixPollsetPersonalityTest {
    private Libc c;
    private Poller poller;
    private final int[] pipe = new int[2];
    private final int[] tokens = new int[16];
    private final int[] events = new int[16];

    @BeforeEach
    void open() throws Exception {
        AixSctpProvider p = new AixSctpProvider();
        assertTrue(p.isAvailable(), () -> "provider: " + p.unavailabilityCause());
        c = AixLibc.register(System.getProperty(AixLibc.LIBRARY_PROPERTY));
        poller = p.openPoller(AixSockets.POLLSET);
        Memory fds = new Memory(8);
        assertEquals(0, c.pipe(fds));
        pipe[0] = fds.getInt(0);
        pipe[1] = fds.getInt(4);
    }

    @AfterEach
    void close() throws Exception {
        poller.close();
        c.close(pipe[0]);
        c.close(pipe[1]);
    }

    private void write(int fd) {
        Memory b = new Memory(1);
        b.setByte(0, (byte) 7);
        assertEquals(1, c.write(fd, b, 1));
    }

    @Test
    void a_ready_descriptor_is_reported_by_every_wait_until_read_level_triggered() throws Exception {
        poller.add(pipe[0], Poller.READ, 42);
        assertEquals(0, poller.wait(tokens, events, 0));
        write(pipe[1]);
        for (int i = 0; i < 3; i++) {
            assertEquals(1, poller.wait(tokens, events, 2000), "wait " + i);
            assertEquals(42, tokens[0]);
            assertEquals(Poller.READ, events[0]);
        }
        assertEquals(1, c.read(pipe[0], new Memory(1), 1));
        assertEquals(0, poller.wait(tokens, events, 50), "read: no longer reported");
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
        write(pipe[1]);
        poller.add(pipe[0], 0, 5);
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(150);
                poller.modify(pipe[0], Poller.READ, 6);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        long t0 = System.nanoTime();
        t.start();
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
    void a_descriptor_removed_during_a_wait_is_never_reported() throws Exception {
        poller.add(pipe[0], Poller.READ, 1);
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(100);
                poller.remove(pipe[0]);
                write(pipe[1]);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        t.start();
        assertEquals(0, poller.wait(tokens, events, 5000));
        t.join();
        assertEquals(0, poller.wait(tokens, events, 50));
    }

    @Test
    void wakeup_ends_a_wait() throws Exception {
        poller.add(pipe[0], Poller.READ, 1);
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            poller.wakeup();
        });
        long t0 = System.nanoTime();
        t.start();
        assertEquals(0, poller.wait(tokens, events, 10_000));
        t.join();
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));
    }
}
