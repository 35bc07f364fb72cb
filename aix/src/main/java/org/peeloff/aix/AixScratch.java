package org.peeloff.aix;

import com.sun.jna.Pointer;
import org.peeloff.jna.SocketScratch;

/**
 * Native memory owned by one thread and reused by every call that thread makes, so the data path
 * allocates no native memory: the AIX {@code msghdr}, one {@code iovec}, a socket address, control
 * messages, socket option values, an in/out length (4-byte {@code socklen_t} or 8-byte
 * {@code size_t}), a {@code pollfd} and the {@code sctp_assoc_t} whose address {@code sctp_peeloff}
 * receives, plus a bounce buffer for heap buffers, address arrays and association lists.
 *
 * <p>The layout is this OS's; the mechanics (aligned regions, the bounce buffer, the direct-buffer
 * address cache) are {@link SocketScratch}'s, shared by every provider. Not thread-safe by design:
 * {@link #get()} hands every thread its own instance, and a call is done with it before it calls
 * anything that uses it again.
 */
final class AixScratch extends SocketScratch {
    /** Bytes for a socket address: an AIX sockaddr_in6 is 28; the kernel truncates to what we offer. */
    static final int NAME_SIZE = 128;
    /** Bytes for ancillary data: an SCTP_SNDRCV control message several times over. */
    static final int CONTROL_SIZE = 512;
    /** Bytes for a socket option value. */
    static final int OPTVAL_SIZE = 256;

    private static final ThreadLocal<AixScratch> SCRATCH = ThreadLocal.withInitial(AixScratch::new);

    /** The {@code sctp_assoc_t} whose address is passed to {@code sctp_peeloff}. */
    final Pointer assocId;

    private AixScratch() {
        super(AixAbi.SIZEOF_MSGHDR, AixAbi.SIZEOF_IOVEC, NAME_SIZE, CONTROL_SIZE, OPTVAL_SIZE, 8, AixAbi.SIZEOF_POLLFD,
                AixAbi.SIZEOF_SCTP_ASSOC_T);
        assocId = extra(0);
    }

    /** @return this thread's scratch memory */
    static AixScratch get() {
        return SCRATCH.get();
    }
}
