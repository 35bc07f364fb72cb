/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Starts one named daemon thread per task, so a test that goes wrong cannot keep the JVM alive. */
final class Threads {
    private Threads() {
    }

    static <T> Future<T> start(String name, Callable<T> task) {
        FutureTask<T> future = new FutureTask<>(task);
        Thread t = new Thread(future, name);
        t.setDaemon(true);
        t.start();
        return future;
    }

    /** Waits up to 10 s for {@code t} to park (state WAITING), and fails the test if it does not. */
    static void awaitParked(Thread t) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (t.getState() != Thread.State.WAITING && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertEquals(Thread.State.WAITING, t.getState(), t.getName() + " parks");
    }
}
