/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Small shared helpers: the loopback address, quiet closing. */
final class Loopback {
    private Loopback() {
    }

    /** @return 127.0.0.1, port 0 (ephemeral) */
    static InetSocketAddress any() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    /** @return 127.0.0.1 with the given port */
    static InetSocketAddress port(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** Closes, ignoring failures (tear-down is not measured). */
    static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            // tear-down only
        }
    }

    /** A close that may fail (for a method reference to a socket's or channel's close). */
    @FunctionalInterface
    interface Closer {
        void close() throws Exception;
    }
}
