package org.peeloff.solaris;

import org.peeloff.jna.SocketScratch;

/**
 * Native memory owned by one thread and reused by every call that thread makes, so the data path
 * allocates nothing: an illumos {@code msghdr} (48 bytes), an {@code iovec}, a
 * {@code sockaddr_storage} (256 bytes), room for control messages, a socket option value, a
 * {@code socklen_t} and a {@code pollfd}, plus a bounce buffer for heap buffers and address lists.
 *
 * <p>The layout is this OS's; the mechanics (aligned regions, the bounce buffer, the direct-buffer
 * address cache) are {@link SocketScratch}'s, shared by every provider. Not thread-safe by design:
 * {@link #get()} hands every thread its own instance, and a call is done with it before it calls
 * anything that uses it again.
 */
final class SolarisScratch extends SocketScratch {
    /** Room for received control data: one SCTP_SNDRCV message is 44 bytes. */
    static final int CONTROL_SIZE = 128;
    /** Room for a socket option value. */
    static final int OPTVAL_SIZE = 64;

    private static final ThreadLocal<SolarisScratch> SCRATCH = ThreadLocal.withInitial(SolarisScratch::new);

    private SolarisScratch() {
        super(SolarisAbi.SIZEOF_MSGHDR, SolarisAbi.SIZEOF_IOVEC, SolarisAbi.SIZEOF_SOCKADDR_STORAGE, CONTROL_SIZE, OPTVAL_SIZE, 8,
                SolarisAbi.SIZEOF_POLLFD);
    }

    /** @return this thread's scratch memory */
    static SolarisScratch get() {
        return SCRATCH.get();
    }
}
