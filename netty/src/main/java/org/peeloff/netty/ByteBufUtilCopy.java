/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.netty;

import io.netty.buffer.ByteBuf;

/** Copies of Netty buffers that have more than one NIO buffer (composites), for a one-piece send. */
final class ByteBufUtilCopy {
    private ByteBufUtilCopy() {
    }

    static byte[] bytes(ByteBuf b) {
        byte[] a = new byte[b.readableBytes()];
        b.getBytes(b.readerIndex(), a);
        return a;
    }
}
