package org.peeloff.solaris;

import java.nio.ByteBuffer;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import org.peeloff.jna.NativeScratch;

/**
 * Native memory owned by one thread and reused by every call that thread makes, so the data path
 * allocates nothing: an illumos {@code msghdr} (48 bytes), an {@code iovec}, a
 * {@code sockaddr_storage} (256 bytes), room for control messages, a socket option value, a
 * {@code socklen_t} and a {@code pollfd}, plus a bounce buffer for heap buffers and address lists.
 *
 * <p>The layout is this OS's; the mechanics (aligned regions, the bounce buffer, the direct-buffer
 * address cache) are {@link NativeScratch}'s, shared by every provider. Not thread-safe by design:
 * {@link #get()} hands every thread its own instance, and a call is done with it before it calls
 * anything that uses it again.
 */
final class SolarisScratch {
    /** Room for received control data: one SCTP_SNDRCV message is 44 bytes. */
    static final int CONTROL_SIZE = 128;
    /** Room for a socket option value. */
    static final int OPTVAL_SIZE = 64;

    private static final ThreadLocal<SolarisScratch> SCRATCH = ThreadLocal.withInitial(SolarisScratch::new);

    private final NativeScratch native_ = new NativeScratch(
                SolarisAbi.SIZEOF_MSGHDR,
                SolarisAbi.SIZEOF_IOVEC,
                SolarisAbi.SIZEOF_SOCKADDR_STORAGE,
                CONTROL_SIZE,
                OPTVAL_SIZE,
                8,
                SolarisAbi.SIZEOF_POLLFD);
    /** {@code struct msghdr}, the XPG4.2 layout. */
    final Pointer msghdr = native_.region(0);
    /** One {@code struct iovec}. */
    final Pointer iov = native_.region(1);
    /** A {@code struct sockaddr_storage}. */
    final Pointer name = native_.region(2);
    /** Control data, {@link #CONTROL_SIZE} bytes, 8-aligned. */
    final Pointer control = native_.region(3);
    /** A socket option value, {@link #OPTVAL_SIZE} bytes. */
    final Pointer optval = native_.region(4);
    /** A {@code socklen_t}. */
    final Pointer len = native_.region(5);
    /** One {@code struct pollfd}. */
    final Pointer pollfd = native_.region(6);

    private SolarisScratch() {
    }

    /** @return this thread's scratch memory */
    static SolarisScratch get() {
        return SCRATCH.get();
    }

    /**
     * @param size bytes needed
     * @return the bounce buffer, at least {@code size} bytes, reused while large enough
     */
    Memory bounce(long size) {
        return native_.bounce(size);
    }

    /**
     * @param buffer a direct buffer
     * @return the native address of its storage (index 0, not its position)
     */
    long addressOf(ByteBuffer buffer) {
        return native_.addressOf(buffer);
    }
}
