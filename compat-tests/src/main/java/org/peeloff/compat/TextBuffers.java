/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.compat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Text in and out of the direct buffers SCTP messages are sent from and received into (UTF-8). */
public final class TextBuffers {
    private TextBuffers() {
    }

    /**
     * @param text text
     * @return the text as a direct buffer ready to send
     */
    public static ByteBuffer text(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocateDirect(b.length).put(b).flip();
    }

    /**
     * @param buf received bytes between position and limit (consumed)
     * @return them as text
     */
    public static String text(ByteBuffer buf) {
        byte[] b = new byte[buf.remaining()];
        buf.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
