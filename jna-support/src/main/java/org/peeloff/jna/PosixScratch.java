/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.jna;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * The native memory of one thread's calls through {@link PosixSctp}: the {@link SocketScratch}
 * regions sized by the OS's {@link SctpLayout}, one more word for arguments passed by pointer (AIX's
 * association id), and a buffer in which a notification is put together whole.
 */
public final class PosixScratch extends SocketScratch {
    /** Bytes for ancillary data: room for several SCTP control messages on every OS. */
    public static final int CONTROL_SIZE = 512;
    /** Bytes for a socket option value. */
    public static final int OPTVAL_SIZE = 256;
    private static final int NOTICE_INITIAL = 1024;

    /** Eight bytes for an argument passed by pointer. */
    public final Pointer word;
    private Memory notice;

    PosixScratch(SctpLayout layout) {
        super(layout.msghdr().size(), layout.msghdr().iovecSize(), Math.max(layout.sockaddr().storageSize(), 128),
                CONTROL_SIZE, OPTVAL_SIZE, 8, layout.poll().size(), 8);
        word = extra(0);
    }

    /**
     * @param size bytes needed
     * @return this thread's notification buffer, at least {@code size} bytes; grown (contents kept)
     *         when smaller
     */
    Memory notice(long size) {
        Memory m = notice;
        if (m == null || m.size() < size) {
            Memory bigger = new Memory(Math.max(size, NOTICE_INITIAL));
            if (m != null) {
                bigger.write(0, m.getByteArray(0, (int) m.size()), 0, (int) m.size());
            }
            notice = bigger;
            m = bigger;
        }
        return m;
    }
}
