package org.peeloff.linux;

import org.peeloff.jna.SocketScratch;

/**
 * Native memory owned by one thread and reused by every call that thread makes, so the data path
 * allocates nothing: {@code msghdr}, {@code iovec}, a {@code sockaddr_storage}, control messages,
 * socket option values and lengths and a {@code pollfd}, plus a bounce buffer for heap buffers and
 * address or association lists.
 *
 * <p>The layout is this OS's; the mechanics (aligned regions, the bounce buffer, the direct-buffer
 * address cache) are {@link SocketScratch}'s, shared by every provider. Not thread-safe by design:
 * {@link #get()} hands every thread its own instance, and a call is done with it before it calls
 * anything that uses it again.
 */
final class LinuxScratch extends SocketScratch {
    /** Bytes reserved for ancillary data: a received SCTP_RCVINFO plus an SCTP_SNDRCV fit several times. */
    static final int CONTROL_SIZE = 256;
    /** Bytes for a socket option value (peel-off arguments, event subscription, sctp_getaddrs header...). */
    static final int OPTVAL_SIZE = 64;

    private static final ThreadLocal<LinuxScratch> SCRATCH = ThreadLocal.withInitial(LinuxScratch::new);

    private LinuxScratch() {
        super(LinuxAbi.SIZEOF_MSGHDR, LinuxAbi.SIZEOF_IOVEC, LinuxAbi.SIZEOF_SOCKADDR_STORAGE, CONTROL_SIZE, OPTVAL_SIZE, 8,
                LinuxAbi.SIZEOF_POLLFD);
    }

    /** @return this thread's scratch memory */
    static LinuxScratch get() {
        return SCRATCH.get();
    }
}
