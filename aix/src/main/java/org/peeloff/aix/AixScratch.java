package org.peeloff.aix;

import java.nio.ByteBuffer;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * Native memory owned by one thread and reused by every call that thread makes, so the data path
 * allocates no native memory: a fixed block for the AIX {@code msghdr}, one {@code iovec}, a socket
 * address, control messages, socket option values, an in/out length (4-byte {@code socklen_t} or
 * 8-byte {@code size_t}), a {@code pollfd} and the {@code sctp_assoc_t} whose address
 * {@code sctp_peeloff} receives; and a bounce buffer, grown as needed, for heap {@link ByteBuffer}s,
 * address arrays and association lists.
 *
 * <p>Not thread-safe by design: {@link #get()} gives every thread its own instance, and a call is done
 * with it before it calls anything that uses it again.
 */
final class AixScratch {
    /** Bytes for a socket address: an AIX sockaddr_in6 is 28; the kernel truncates to what we offer. */
    static final int NAME_SIZE = 128;
    /** Bytes for ancillary data: an SCTP_SNDRCV control message several times over. */
    static final int CONTROL_SIZE = 512;
    /** Bytes for a socket option value. */
    static final int OPTVAL_SIZE = 256;

    private static final int MSGHDR_AT = 0;
    private static final int IOV_AT = MSGHDR_AT + AixAbi.SIZEOF_MSGHDR;
    private static final int NAME_AT = IOV_AT + AixAbi.SIZEOF_IOVEC;
    private static final int CONTROL_AT = NAME_AT + NAME_SIZE;
    private static final int OPTVAL_AT = CONTROL_AT + CONTROL_SIZE;
    private static final int LEN_AT = OPTVAL_AT + OPTVAL_SIZE;
    private static final int POLLFD_AT = LEN_AT + 8;
    private static final int ASSOC_AT = POLLFD_AT + AixAbi.SIZEOF_POLLFD;
    private static final int TOTAL = ASSOC_AT + 8;
    private static final int MIN_BOUNCE = 64 * 1024;

    private static final ThreadLocal<AixScratch> SCRATCH = ThreadLocal.withInitial(AixScratch::new);

    private final Memory block = new Memory(TOTAL);
    /** The AIX {@code struct msghdr} (48 bytes). */
    final Pointer msghdr = block.share(MSGHDR_AT, AixAbi.SIZEOF_MSGHDR);
    /** One {@code struct iovec}. */
    final Pointer iov = block.share(IOV_AT, AixAbi.SIZEOF_IOVEC);
    /** A socket address, {@link #NAME_SIZE} bytes. */
    final Pointer name = block.share(NAME_AT, NAME_SIZE);
    /** Ancillary data, {@link #CONTROL_SIZE} bytes. */
    final Pointer control = block.share(CONTROL_AT, CONTROL_SIZE);
    /** A socket option value, {@link #OPTVAL_SIZE} bytes. */
    final Pointer optval = block.share(OPTVAL_AT, OPTVAL_SIZE);
    /** An in/out length: a {@code socklen_t} (4 bytes) or a {@code size_t} (8 bytes). */
    final Pointer len = block.share(LEN_AT, 8);
    /** One {@code struct pollfd}. */
    final Pointer pollfd = block.share(POLLFD_AT, AixAbi.SIZEOF_POLLFD);
    /** The {@code sctp_assoc_t} whose address is passed to {@code sctp_peeloff}. */
    final Pointer assocId = block.share(ASSOC_AT, AixAbi.SIZEOF_SCTP_ASSOC_T);

    private Memory bounce;

    private AixScratch() {
        block.clear();
    }

    /** @return this thread's scratch */
    static AixScratch get() {
        return SCRATCH.get();
    }

    /**
     * @param size bytes needed
     * @return a buffer of at least {@code size} bytes, reused while it is large enough
     */
    Pointer bounce(long size) {
        if (bounce == null || bounce.size() < size) {
            bounce = new Memory(Math.max(size, MIN_BOUNCE));
        }
        return bounce;
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
        if (buf.isDirect()) {
            return Native.getDirectBufferPointer(buf).share(buf.position());
        }
        return bounce(Math.max(size, 1));
    }
}
