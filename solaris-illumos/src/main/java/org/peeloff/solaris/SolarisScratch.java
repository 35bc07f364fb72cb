package org.peeloff.solaris;

import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * Native memory owned by one thread and reused by every call that thread makes, so the data path
 * allocates nothing: one block holding an illumos {@code msghdr} (48 bytes), an {@code iovec}, a
 * {@code sockaddr_storage} (256 bytes), room for control messages, a socket option value, a
 * {@code socklen_t} and a {@code pollfd}; a bounce buffer, grown as needed, through which heap
 * {@link ByteBuffer}s are copied and address lists are read; and the address of the last direct
 * buffer used.
 *
 * <p>Not thread-safe by design: {@link #get()} gives every thread its own. A call is done with the
 * scratch before it makes another call that uses it.
 */
final class SolarisScratch {
    /** Room for received control data: one SCTP_SNDRCV message is 44 bytes. */
    static final int CONTROL_SIZE = 128;
    /** Room for a socket option value. */
    static final int OPTVAL_SIZE = 64;

    private static final int MSGHDR_AT = 0;
    private static final int IOV_AT = align(MSGHDR_AT + SolarisAbi.SIZEOF_MSGHDR);
    private static final int NAME_AT = align(IOV_AT + SolarisAbi.SIZEOF_IOVEC);
    private static final int CONTROL_AT = align(NAME_AT + SolarisAbi.SIZEOF_SOCKADDR_STORAGE);
    private static final int OPTVAL_AT = align(CONTROL_AT + CONTROL_SIZE);
    private static final int LEN_AT = align(OPTVAL_AT + OPTVAL_SIZE);
    private static final int POLLFD_AT = align(LEN_AT + 8);
    private static final int TOTAL = align(POLLFD_AT + SolarisAbi.SIZEOF_POLLFD);
    private static final long MIN_BOUNCE = 64 * 1024;

    private static final ThreadLocal<SolarisScratch> SCRATCH = ThreadLocal.withInitial(SolarisScratch::new);

    private final Memory block = new Memory(TOTAL);
    /** {@code struct msghdr}, the XPG4.2 layout. */
    final Pointer msghdr = block.share(MSGHDR_AT, SolarisAbi.SIZEOF_MSGHDR);
    /** One {@code struct iovec}. */
    final Pointer iov = block.share(IOV_AT, SolarisAbi.SIZEOF_IOVEC);
    /** A {@code struct sockaddr_storage}. */
    final Pointer name = block.share(NAME_AT, SolarisAbi.SIZEOF_SOCKADDR_STORAGE);
    /** Control data, {@link #CONTROL_SIZE} bytes, 8-aligned. */
    final Pointer control = block.share(CONTROL_AT, CONTROL_SIZE);
    /** A socket option value, {@link #OPTVAL_SIZE} bytes. */
    final Pointer optval = block.share(OPTVAL_AT, OPTVAL_SIZE);
    /** A {@code socklen_t}. */
    final Pointer len = block.share(LEN_AT, 8);
    /** One {@code struct pollfd}. */
    final Pointer pollfd = block.share(POLLFD_AT, SolarisAbi.SIZEOF_POLLFD);

    private Memory bounce;
    private WeakReference<ByteBuffer> lastDirect = new WeakReference<>(null);
    private long lastDirectAddress;

    private SolarisScratch() {
        block.clear();
    }

    /** @return this thread's scratch memory */
    static SolarisScratch get() {
        return SCRATCH.get();
    }

    private static int align(int offset) {
        return (offset + 7) & ~7;
    }

    /**
     * The bounce buffer, grown to a power of two (at least 64 KiB) when smaller than asked.
     *
     * @param size bytes needed
     * @return memory of at least {@code size} bytes owned by this thread
     */
    Memory bounce(long size) {
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
     * The native address of a direct buffer's storage (index 0), looked up once per buffer.
     *
     * @param buffer a direct buffer
     * @return its base address
     */
    long addressOf(ByteBuffer buffer) {
        if (lastDirect.get() != buffer) {
            lastDirectAddress = Pointer.nativeValue(Native.getDirectBufferPointer(buffer));
            lastDirect = new WeakReference<>(buffer);
        }
        return lastDirectAddress;
    }
}
