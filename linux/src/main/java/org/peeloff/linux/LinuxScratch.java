package org.peeloff.linux;

import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * Native memory owned by one thread and reused by every call that thread makes, so the data path
 * allocates nothing: a fixed block for {@code msghdr}, {@code iovec}, a {@code sockaddr}, control
 * messages, socket option values and lengths and a {@code pollfd}; a bounce buffer, grown as needed,
 * through which heap {@link ByteBuffer}s are copied (and in which address and association lists are
 * read); and the address of the last direct buffer used, so a direct buffer reused message after
 * message costs no lookup.
 *
 * <p>Not thread-safe by design: {@link #get()} hands every thread its own instance. A call must be
 * done with the scratch before it calls anything that uses the scratch again.
 */
final class LinuxScratch {
    /** Bytes reserved for ancillary data: a received SCTP_RCVINFO plus an SCTP_SNDRCV fit several times. */
    static final int CONTROL_SIZE = 256;
    /** Bytes for a socket option value (peel-off arguments, event subscription, sctp_getaddrs header...). */
    static final int OPTVAL_SIZE = 64;

    private static final int MSGHDR_AT = 0;
    private static final int IOV_AT = align(MSGHDR_AT + LinuxAbi.SIZEOF_MSGHDR);
    private static final int NAME_AT = align(IOV_AT + LinuxAbi.SIZEOF_IOVEC);
    private static final int CONTROL_AT = align(NAME_AT + LinuxAbi.SIZEOF_SOCKADDR_STORAGE);
    private static final int OPTVAL_AT = align(CONTROL_AT + CONTROL_SIZE);
    private static final int LEN_AT = align(OPTVAL_AT + OPTVAL_SIZE);
    private static final int POLLFD_AT = align(LEN_AT + 8);
    private static final int TOTAL = align(POLLFD_AT + LinuxAbi.SIZEOF_POLLFD);
    private static final int MIN_BOUNCE = 64 * 1024;

    private static final ThreadLocal<LinuxScratch> SCRATCH = ThreadLocal.withInitial(LinuxScratch::new);

    private final Memory block = new Memory(TOTAL);
    /** {@code struct msghdr}. */
    final Pointer msghdr = block.share(MSGHDR_AT, LinuxAbi.SIZEOF_MSGHDR);
    /** One {@code struct iovec}. */
    final Pointer iov = block.share(IOV_AT, LinuxAbi.SIZEOF_IOVEC);
    /** A {@code struct sockaddr_storage}. */
    final Pointer name = block.share(NAME_AT, LinuxAbi.SIZEOF_SOCKADDR_STORAGE);
    /** Ancillary data, {@link #CONTROL_SIZE} bytes. */
    final Pointer control = block.share(CONTROL_AT, CONTROL_SIZE);
    /** A socket option value, {@link #OPTVAL_SIZE} bytes. */
    final Pointer optval = block.share(OPTVAL_AT, OPTVAL_SIZE);
    /** A {@code socklen_t} in/out length. */
    final Pointer len = block.share(LEN_AT, 8);
    /** One {@code struct pollfd}. */
    final Pointer pollfd = block.share(POLLFD_AT, LinuxAbi.SIZEOF_POLLFD);

    private Memory bounce;
    private WeakReference<ByteBuffer> lastDirect = new WeakReference<>(null);
    private long lastDirectAddress;

    private LinuxScratch() {
        block.clear();
    }

    /** @return this thread's scratch memory */
    static LinuxScratch get() {
        return SCRATCH.get();
    }

    private static int align(int offset) {
        return (offset + 7) & ~7;
    }

    /**
     * The bounce buffer, grown (to a power of two, at least 64 KiB) when smaller than asked.
     *
     * @param size bytes needed
     * @return memory of at least {@code size} bytes, owned by this thread
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
     * The native address of a direct buffer's storage (index 0, not its position).
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
