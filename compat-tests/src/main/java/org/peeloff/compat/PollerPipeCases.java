/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;

import com.sun.jna.Memory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peeloff.jna.Libc;
import org.peeloff.spi.NativeSctpProvider;
import org.peeloff.spi.Poller;

/**
 * The mechanics of one readiness backend ({@link Poller}) over a pipe that every backend must show
 * alike: a ready descriptor is reported by every wait until it is read (level-triggered, also where
 * the OS's registration is one-shot), and a descriptor removed during a wait is never reported. A
 * provider's test class extends it for one backend, adds the cases of what that backend does
 * differently, and says what it proves: the backend over a real kernel, or the backend and an ABI
 * personality's model of the OS's calls over the Linux kernel (not the OS itself).
 *
 * <p>Before each case the backend is opened from a new provider, which must be available, and a fresh
 * pipe is made with the provider's C calls; both are closed after it.
 */
public abstract class PollerPipeCases {
    /** The C calls the pipe is made, written and read with. */
    protected Libc c;
    /** The backend under test, open for the case. */
    protected Poller poller;
    /** The pipe of the case: {@code pipe[0]} the read end, {@code pipe[1]} the write end. */
    protected final int[] pipe = new int[2];
    /** The tokens a wait reports. */
    protected final int[] tokens = new int[16];
    /** The events a wait reports, one for each token. */
    protected final int[] events = new int[16];

    private final Supplier<? extends NativeSctpProvider> provider;
    private final String backend;
    private final Supplier<Libc> libc;

    /**
     * @param provider makes a new instance of the provider whose backend is under test
     * @param backend  the backend's name, as {@link NativeSctpProvider#openPoller(String)} takes it
     * @param libc     the C calls of the provider's library (libc, or the ABI personality), for the pipe
     */
    protected PollerPipeCases(Supplier<? extends NativeSctpProvider> provider, String backend, Supplier<Libc> libc) {
        this.provider = provider;
        this.backend = backend;
        this.libc = libc;
    }

    @BeforeEach
    void openPollerAndPipe() throws Exception {
        NativeSctpProvider p = provider.get();
        assertTrue(p.isAvailable(), () -> "provider: " + p.unavailabilityCause());
        poller = p.openPoller(backend);
        c = libc.get();
        Memory fds = new Memory(8);
        assertEquals(0, c.pipe(fds));
        pipe[0] = fds.getInt(0);
        pipe[1] = fds.getInt(4);
    }

    @AfterEach
    void closePollerAndPipe() throws Exception {
        poller.close();
        c.close(pipe[0]);
        c.close(pipe[1]);
    }

    /** Writes one byte into the pipe: its read end becomes readable. */
    protected final void write() {
        Memory b = new Memory(1);
        b.setByte(0, (byte) 7);
        assertEquals(1, c.write(pipe[1], b, 1));
    }

    /** Reads the one byte {@link #write()} wrote: the read end is no longer readable. */
    protected final void read() {
        assertEquals(1, c.read(pipe[0], new Memory(1), 1));
    }

    /** What {@link #later} runs in its thread. */
    @FunctionalInterface
    protected interface Action {
        /**
         * @throws Exception a failure: the thread ends with an {@link AssertionError}
         */
        void run() throws Exception;
    }

    /**
     * Starts a thread that runs {@code action} after {@code millis}, while the case waits; the case
     * joins it.
     *
     * @param millis how long the thread sleeps first
     * @param action what it does then
     * @return the started thread
     */
    protected static Thread later(long millis, Action action) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(millis);
                action.run();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        t.start();
        return t;
    }

    @Test
    void a_ready_descriptor_is_reported_by_every_wait_until_read_level_triggered() throws Exception {
        poller.add(pipe[0], Poller.READ, 42);
        assertEquals(0, poller.wait(tokens, events, 0), "nothing written: nothing ready");
        write();
        for (int i = 0; i < 3; i++) {
            assertEquals(1, poller.wait(tokens, events, 2000), "wait " + i + " after the write (still watched)");
            assertEquals(42, tokens[0]);
            assertEquals(Poller.READ, events[0]);
        }
        read();
        assertEquals(0, poller.wait(tokens, events, 50), "read: no longer reported");
        write();
        assertEquals(1, poller.wait(tokens, events, 2000), "ready again: still watched, reported again");
    }

    @Test
    void a_descriptor_removed_during_a_wait_is_never_reported() throws Exception {
        poller.add(pipe[0], Poller.READ, 1);
        Thread t = later(100, () -> {
            poller.remove(pipe[0]);
            write();
            Thread.sleep(100);
            poller.wakeup(); // a backend whose remove() does not wake the wait returns now
        });
        assertEquals(0, poller.wait(tokens, events, 5000), "woken, with the removed descriptor not reported");
        t.join();
        assertEquals(0, poller.wait(tokens, events, 50), "still not reported");
    }
}
