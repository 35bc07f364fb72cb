/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.jna;

import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * Native memory one thread reuses from call to call, so the data path allocates nothing: a fixed
 * block cut into 8-aligned regions (each provider lays out its own {@code msghdr}, {@code iovec},
 * socket address, control data, option value, length and {@code pollfd} there, with its OS's
 * sizes); a bounce buffer, grown as needed, through which heap {@link ByteBuffer}s are copied and
 * address or association lists are read; and the address of the last direct buffer used, so a
 * direct buffer reused message after message costs no lookup.
 *
 * <p>For the providers' own use (every provider keeps one per thread in a {@link ThreadLocal}); not
 * thread-safe by design. A call must be done with the scratch before it calls anything that uses
 * it again.
 */
public final class NativeScratch {
    /** The smallest bounce buffer, in bytes. */
    public static final long MIN_BOUNCE = 64 * 1024;

    private final Memory block;
    private final Pointer[] regions;
    private Memory bounce;
    private WeakReference<ByteBuffer> lastDirect = new WeakReference<>(null);
    private long lastDirectAddress;

    /**
     * @param regionSizes the size in bytes of each region, in order; each starts 8-aligned
     */
    public NativeScratch(long... regionSizes) {
        long[] at = new long[regionSizes.length];
        long total = 0;
        for (int i = 0; i < regionSizes.length; i++) {
            if (regionSizes[i] <= 0) {
                throw new IllegalArgumentException("region " + i + " has size " + regionSizes[i]);
            }
            at[i] = total;
            total = align(total + regionSizes[i]);
        }
        block = new Memory(Math.max(total, 8));
        block.clear();
        regions = new Pointer[regionSizes.length];
        for (int i = 0; i < regionSizes.length; i++) {
            regions[i] = block.share(at[i], regionSizes[i]);
        }
    }

    private static long align(long offset) {
        return (offset + 7) & ~7L;
    }

    /**
     * @param index the region's index in the constructor's list
     * @return the region, as big as asked and 8-aligned
     */
    public Pointer region(int index) {
        return regions[index];
    }

    /**
     * The bounce buffer, grown (to a power of two, at least {@link #MIN_BOUNCE}) when smaller than asked.
     *
     * @param size bytes needed
     * @return memory of at least {@code size} bytes, owned by this scratch
     */
    public Memory bounce(long size) {
        Memory b = bounce;
        if (b == null || b.size() < size) {
            long n = MIN_BOUNCE;
            while (n < size) {
                n <<= 1;
            }
            b = new Memory(n);
            bounce = b;
        }
        return b;
    }

    /**
     * The native address of a direct buffer's storage (index 0, not its position).
     *
     * @param buffer a direct buffer
     * @return its base address
     */
    public long addressOf(ByteBuffer buffer) {
        if (lastDirect.get() != buffer) {
            lastDirectAddress = Pointer.nativeValue(Native.getDirectBufferPointer(buffer));
            lastDirect = new WeakReference<>(buffer);
        }
        return lastDirectAddress;
    }

    /**
     * The native memory for {@code size} bytes of {@code buf} from its position: the buffer's own
     * storage when it is direct, else the bounce buffer (the caller copies in or out).
     *
     * @param buf  the buffer
     * @param size bytes needed
     * @return where native code may read or write them
     */
    public Pointer memoryFor(ByteBuffer buf, long size) {
        if (buf.isDirect()) {
            return new Pointer(addressOf(buf) + buf.position());
        }
        return bounce(Math.max(size, 1));
    }
}
