/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.jna;

import java.nio.ByteBuffer;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * The native memory every provider's socket calls need, owned by one thread and reused by every
 * call it makes: a {@code msghdr}, one {@code iovec}, a socket address, control messages, a socket
 * option value, an in/out length and a {@code pollfd}, plus any regions of the provider's own and
 * a bounce buffer. The sizes are the provider's OS's; the memory and its mechanics are
 * {@link NativeScratch}'s.
 *
 * <p>A provider extends it with its sizes and hands each thread its own instance (a
 * {@code ThreadLocal}); not thread-safe by design.
 */
public class SocketScratch {
    /** {@code struct msghdr}. */
    public final Pointer msghdr;
    /** One {@code struct iovec}. */
    public final Pointer iov;
    /** A socket address. */
    public final Pointer name;
    /** Ancillary data. */
    public final Pointer control;
    /** A socket option value. */
    public final Pointer optval;
    /** An in/out length ({@code socklen_t}, or wider where the OS needs it). */
    public final Pointer len;
    /** One {@code struct pollfd}. */
    public final Pointer pollfd;

    private static final int FIXED = 7;

    private final NativeScratch memory;

    /**
     * @param msghdrSize  bytes of the OS's {@code struct msghdr}
     * @param iovecSize   bytes of its {@code struct iovec}
     * @param nameSize    bytes for a socket address
     * @param controlSize bytes for ancillary data
     * @param optvalSize  bytes for a socket option value
     * @param lenSize     bytes for an in/out length
     * @param pollfdSize  bytes of its {@code struct pollfd}
     * @param extraSizes  the provider's own regions, read with {@link #extra(int)}
     * @throws IllegalArgumentException when a size is not positive
     */
    protected SocketScratch(long msghdrSize, long iovecSize, long nameSize, long controlSize, long optvalSize,
                            long lenSize, long pollfdSize, long... extraSizes) {
        long[] sizes = new long[FIXED + extraSizes.length];
        sizes[0] = msghdrSize;
        sizes[1] = iovecSize;
        sizes[2] = nameSize;
        sizes[3] = controlSize;
        sizes[4] = optvalSize;
        sizes[5] = lenSize;
        sizes[6] = pollfdSize;
        System.arraycopy(extraSizes, 0, sizes, FIXED, extraSizes.length);
        memory = new NativeScratch(sizes);
        msghdr = memory.region(0);
        iov = memory.region(1);
        name = memory.region(2);
        control = memory.region(3);
        optval = memory.region(4);
        len = memory.region(5);
        pollfd = memory.region(6);
    }

    /**
     * @param index the index among the constructor's {@code extraSizes}
     * @return that region
     */
    protected final Pointer extra(int index) {
        return memory.region(FIXED + index);
    }

    /**
     * @param size bytes needed
     * @return the bounce buffer, at least {@code size} bytes, reused while large enough
     */
    public final Memory bounce(long size) {
        return memory.bounce(size);
    }

    /**
     * @param buffer a direct buffer
     * @return the native address of its storage (index 0, not its position)
     */
    public final long addressOf(ByteBuffer buffer) {
        return memory.addressOf(buffer);
    }

    /**
     * The native memory holding {@code buf}'s bytes from its position: the buffer itself when direct,
     * else the bounce buffer (the caller copies in or out).
     *
     * @param buf  the buffer
     * @param size bytes needed
     * @return the address to pass to native code
     */
    public final Pointer memoryFor(ByteBuffer buf, long size) {
        return memory.memoryFor(buf, size);
    }
}
