package org.peeloff.linux;

import java.nio.ByteBuffer;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import org.peeloff.jna.NativeScratch;

/**
 * Native memory owned by one thread and reused by every call that thread makes, so the data path
 * allocates nothing: {@code msghdr}, {@code iovec}, a {@code sockaddr_storage}, control messages,
 * socket option values and lengths and a {@code pollfd}, plus a bounce buffer for heap buffers and
 * address or association lists.
 *
 * <p>The layout is this OS's; the mechanics (aligned regions, the bounce buffer, the direct-buffer
 * address cache) are {@link NativeScratch}'s, shared by every provider. Not thread-safe by design:
 * {@link #get()} hands every thread its own instance, and a call is done with it before it calls
 * anything that uses it again.
 */
final class LinuxScratch {
    /** Bytes reserved for ancillary data: a received SCTP_RCVINFO plus an SCTP_SNDRCV fit several times. */
    static final int CONTROL_SIZE = 256;
    /** Bytes for a socket option value (peel-off arguments, event subscription, sctp_getaddrs header...). */
    static final int OPTVAL_SIZE = 64;

    private static final ThreadLocal<LinuxScratch> SCRATCH = ThreadLocal.withInitial(LinuxScratch::new);

    private final NativeScratch native_ = new NativeScratch(
                LinuxAbi.SIZEOF_MSGHDR,
                LinuxAbi.SIZEOF_IOVEC,
                LinuxAbi.SIZEOF_SOCKADDR_STORAGE,
                CONTROL_SIZE,
                OPTVAL_SIZE,
                8,
                LinuxAbi.SIZEOF_POLLFD);
    /** {@code struct msghdr}. */
    final Pointer msghdr = native_.region(0);
    /** One {@code struct iovec}. */
    final Pointer iov = native_.region(1);
    /** A {@code struct sockaddr_storage}. */
    final Pointer name = native_.region(2);
    /** Ancillary data, {@link #CONTROL_SIZE} bytes. */
    final Pointer control = native_.region(3);
    /** A socket option value, {@link #OPTVAL_SIZE} bytes. */
    final Pointer optval = native_.region(4);
    /** A {@code socklen_t} in/out length. */
    final Pointer len = native_.region(5);
    /** One {@code struct pollfd}. */
    final Pointer pollfd = native_.region(6);

    private LinuxScratch() {
    }

    /** @return this thread's scratch memory */
    static LinuxScratch get() {
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
