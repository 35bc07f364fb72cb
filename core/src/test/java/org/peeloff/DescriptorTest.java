/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peeloff.testing.FakeSctpProvider;

/**
 * {@link Descriptor}: the hold count that lets close() mark a descriptor closed at once while its
 * native close waits for the last call using it.
 */
class DescriptorTest {
    private final FakeSctpProvider fake = new FakeSctpProvider();
    private final int fd = fake.descriptorFromElsewhere(true, true);
    private final Descriptor descriptor = new Descriptor(fake, fd);

    @Test
    void close_with_no_holder_closes_natively_at_once() throws SctpException {
        descriptor.close();

        assertTrue(descriptor.isClosed());
        assertEquals(1, fake.closesOf(fd));
    }

    @Test
    void close_while_held_marks_it_closed_at_once_and_the_last_release_closes_natively() throws SctpException {
        assertEquals(fd, descriptor.acquire("a"));
        assertEquals(fd, descriptor.acquire("b"));

        descriptor.close();
        assertTrue(descriptor.isClosed());
        assertEquals(0, fake.closesOf(fd), "two holders still use it");

        descriptor.release();
        assertEquals(0, fake.closesOf(fd), "one holder still uses it");

        descriptor.release();
        assertEquals(1, fake.closesOf(fd), "the last holder closes it");
    }

    @Test
    void a_release_before_any_close_closes_nothing() throws SctpException {
        descriptor.acquire("a");
        descriptor.release();

        assertFalse(descriptor.isClosed());
        assertEquals(List.of(), fake.calls());
    }

    @Test
    void acquire_after_close_fails_CLOSED_naming_the_operation_and_the_descriptor() throws SctpException {
        descriptor.close();

        SctpClosedException e = assertThrows(SctpClosedException.class, () -> descriptor.acquire("peelOff"));

        assertEquals("peelOff(fd=" + fd + ")", e.call());
        assertEquals(SctpError.CLOSED, e.error());
    }

    @Test
    void acquire_after_a_deferred_close_fails_even_before_the_last_release() throws SctpException {
        descriptor.acquire("receive");
        descriptor.close();

        assertThrows(SctpClosedException.class, () -> descriptor.acquire("send"));
        descriptor.release();
        assertEquals(1, fake.closesOf(fd));
    }

    @Test
    void close_is_idempotent() throws SctpException {
        descriptor.close();
        descriptor.close();

        assertEquals(1, fake.closesOf(fd));
        assertEquals(List.of(), fake.violations());
    }

    @Test
    void a_failing_deferred_close_is_logged_and_not_thrown_at_the_releasing_caller() throws SctpException {
        Logger logger = Logger.getLogger(Descriptor.class.getName());
        List<LogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        boolean parents = logger.getUseParentHandlers();
        logger.addHandler(capture);
        logger.setUseParentHandlers(false);
        try {
            SctpException failure = fake.failNext("close", "EIO", 5);
            descriptor.acquire("receive");
            descriptor.close();

            assertDoesNotThrow(descriptor::release);

            assertEquals(1, records.size());
            assertEquals(Level.WARNING, records.get(0).getLevel());
            assertEquals("deferred close of fd " + fd + " failed", records.get(0).getMessage());
            assertSame(failure, records.get(0).getThrown());
        } finally {
            logger.removeHandler(capture);
            logger.setUseParentHandlers(parents);
        }
    }

    @Test
    @Timeout(60)
    void concurrent_closes_close_the_descriptor_natively_exactly_once() throws Exception {
        for (int i = 0; i < 200; i++) {
            FakeSctpProvider f = new FakeSctpProvider();
            int n = f.descriptorFromElsewhere(true, true);
            Descriptor d = new Descriptor(f, n);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Void>> closers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                closers.add(Threads.start("closer-" + t, () -> {
                    go.await();
                    d.close();
                    return null;
                }));
            }
            go.countDown();
            for (Future<Void> c : closers) {
                c.get(10, TimeUnit.SECONDS);
            }

            assertEquals(1, f.closesOf(n), "iteration " + i);
            assertEquals(List.of(), f.violations(), "iteration " + i);
        }
    }
}
