package org.peeloff.aix;

import java.nio.ByteBuffer;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import org.peeloff.jna.NativeScratch;

/**
 * Native memory owned by one thread and reused by every call that thread makes, so the data path
 * allocates no native memory: the AIX {@code msghdr}, one {@code iovec}, a socket address, control
 * messages, socket option values, an in/out length (4-byte {@code socklen_t} or 8-byte
 * {@code size_t}), a {@code pollfd} and the {@code sctp_assoc_t} whose address {@code sctp_peeloff}
 * receives, plus a bounce buffer for heap buffers, address arrays and association lists.
 *
 * <p>The layout is this OS's; the mechanics (aligned regions, the bounce buffer, the direct-buffer
 * address cache) are {@link NativeScratch}'s, shared by every provider. Not thread-safe by design:
 * {@link #get()} hands every thread its own instance, and a call is done with it before it calls
 * anything that uses it again.
 */
final class AixScratch {
    /** Bytes for a socket address: an AIX sockaddr_in6 is 28; the kernel truncates to what we offer. */
    static final int NAME_SIZE = 128;
    /** Bytes for ancillary data: an SCTP_SNDRCV control message several times over. */
    static final int CONTROL_SIZE = 512;
    /** Bytes for a socket option value. */
    static final int OPTVAL_SIZE = 256;

    private static final ThreadLocal<AixScratch> SCRATCH = ThreadLocal.withInitial(AixScratch::new);

    private final NativeScratch native_ = new NativeScratch(
                AixAbi.SIZEOF_MSGHDR,
                AixAbi.SIZEOF_IOVEC,
                NAME_SIZE,
                CONTROL_SIZE,
                OPTVAL_SIZE,
                8,
                AixAbi.SIZEOF_POLLFD,
                AixAbi.SIZEOF_SCTP_ASSOC_T);
    /** The AIX {@code struct msghdr} (48 bytes). */
    final Pointer msghdr = native_.region(0);
    /** One {@code struct iovec}. */
    final Pointer iov = native_.region(1);
    /** A socket address, {@link #NAME_SIZE} bytes. */
    final Pointer name = native_.region(2);
    /** Ancillary data, {@link #CONTROL_SIZE} bytes. */
    final Pointer control = native_.region(3);
    /** A socket option value, {@link #OPTVAL_SIZE} bytes. */
    final Pointer optval = native_.region(4);
    /** An in/out length: a {@code socklen_t} (4 bytes) or a {@code size_t} (8 bytes). */
    final Pointer len = native_.region(5);
    /** One {@code struct pollfd}. */
    final Pointer pollfd = native_.region(6);
    /** The {@code sctp_assoc_t} whose address is passed to {@code sctp_peeloff}. */
    final Pointer assocId = native_.region(7);

    private AixScratch() {
    }

    /** @return this thread's scratch memory */
    static AixScratch get() {
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

    /**
     * The native memory holding {@code buf}'s bytes from its position: the buffer itself when direct,
     * else the bounce buffer (the caller copies in or out).
     *
     * @param buf  the buffer
     * @param size bytes needed
     * @return the address to pass to native code
     */
    Pointer memoryFor(ByteBuffer buf, int size) {
        return native_.memoryFor(buf, size);
    }
}
