/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.solaris;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;

import com.sun.jna.Memory;

import com.sun.jna.Pointer;

import org.peeloff.PeeloffOption;
import org.peeloff.SctpException;
import org.peeloff.jna.PosixScratch;
import org.peeloff.jna.Libc;
import org.peeloff.jna.PosixSctp;
import org.peeloff.spi.NativeCall;
import org.peeloff.spi.Poller;

/**
 * What illumos does differently from the shared POSIX layer ({@link PosixSctp}), and nothing else:
 * {@code sctp_peeloff(int, sctp_assoc_t)} without flags (emulated with {@code fcntl}) and its ioctl
 * errors, and the address lists of {@code sctp_opt_info}. The rest is data in {@link SolarisLayout}:
 * IPv4 mapped on {@code AF_INET6} sockets, {@code O_NDELAY} cleared with {@code O_NONBLOCK}, SCTP_SNDRCV
 * both ways. illumos has no {@code SCTP_GET_ASSOC_ID_LIST}, so the association list is the shared
 * layer's, tracked from the association changes {@code receive} returns. Kept apart from
 * {@link SolarisSctpProvider} so that the public provider class links without JNA on the class path.
 */
final class SolarisSockets extends PosixSctp {
    /**
     * How many association ids {@link #associationWithPeer} asks at most. illumos hands out the lowest free
     * slot, so a real socket's ids stay below its number of associations; over the ABI personality the ids
     * are Linux's (counted up across the whole system), hence the margin.
     */
    static final int MAX_ASSOCIATION_PROBES = 1 << 20;
    /** How many ids above the last one found {@link #associationWithPeer} asks before the others. */
    private static final int PROBE_WINDOW = 4096;

    /** The highest association id {@link #associationWithPeer} has found (a hint, for any socket). */
    private volatile int lastFound;

    private final SolarisNative.Libraries libraries;

    /**
     * @param libraries where the natives were bound (the personality, when one is in use, names the
     *                  OS in errors: {@link SolarisSctpProvider#PERSONALITY_OS})
     */
    SolarisSockets(SolarisNative.Libraries libraries) {
        super(SolarisSctpProvider.ID, libraries.personality() != null ? SolarisSctpProvider.PERSONALITY_OS
                : System.getProperty("os.name"), SolarisLayout.LAYOUT, libraries.posix(),
                SolarisAbi.class, SolarisLayout.class, SolarisErrors.class, SolarisLibSctp.class, Libc.class);
        this.libraries = libraries;
    }

    /** {@code sctp_bindx} of libsctp.so.1; illumos takes one address family per call, the socket's. */
    @Override
    protected int sctpBindx(int fd, Pointer addrs, int count, int bytes, boolean add) {
        return SolarisLibSctp.sctp_bindx(fd, addrs, count,
                add ? SolarisAbi.SCTP_BINDX_ADD_ADDR : SolarisAbi.SCTP_BINDX_REM_ADDR);
    }

    /** @return where the natives were bound */
    SolarisNative.Libraries libraries() {
        return libraries;
    }

    /** The name of the illumos readiness backend. */
    static final String EVENT_PORTS = "event ports";

    /** {@inheritDoc} Event ports ({@link EventPortPoller}). */
    @Override
    protected String nativeBackend() {
        return EVENT_PORTS;
    }

    @Override
    protected Poller openNativePoller() throws SctpException {
        return new EventPortPoller(calls, libraries.personality(), this::errnoNameOf, os());
    }

    private String errnoNameOf(int errno) {
        return errnoName(errno);
    }

    /**
     * {@code sctp_peeloff(fd, id)} (an ioctl, SIOCSCTPPEELOFF), then {@code fcntl} for the blocking
     * mode and close-on-exec; STRICT with NONBLOCK or CLOEXEC fails {@code UNSUPPORTED} before any
     * native call. No free-descriptor check: illumos allocates the descriptor before it moves the
     * association, so EMFILE leaves the association where it was.
     */
    @Override
    protected int peelOff(int fd, int assocId, Set<PeeloffOption> options) throws SctpException {
        checkStrict(fd, assocId, options);
        int newFd;
        int errno = 0;
        while ((newFd = SolarisLibSctp.sctp_peeloff(fd, assocId)) < 0
                && (errno = calls.errno()) == SolarisAbi.EINTR) {
            // retried: an interrupted peel-off moved nothing
        }
        if (newFd < 0) {
            throw SolarisErrors.peeloff(peeloffText(fd, assocId, options), errno, os(), () -> socketErrno(fd));
        }
        return emulateFlags(newFd, options);
    }

    /** @return 0 when {@code getsockopt(SOL_SOCKET, SO_SNDBUF)} works on {@code fd}, else its errno */
    private int socketErrno(int fd) {
        PosixScratch s = scratch();
        s.len.setInt(0, 4);
        return calls.getsockopt(fd, SolarisAbi.SOL_SOCKET, SolarisAbi.SO_SNDBUF, s.optval, s.len) < 0 ? calls.errno() : 0;
    }

    @Override
    protected org.peeloff.jna.AssociationControl associationControl() {
        return SolarisLayout.CONTROL;
    }

    /**
     * {@inheritDoc} illumos has neither {@code sctp_connectx} nor an association list, and
     * {@code sctp_opt_info} with id 0 answers for the endpoint, not for an association found by address
     * (socksctp.c SIOCSCTPGOPT). Its association ids are slots of a per-socket table, each new
     * association taking the lowest free one (socksctpsubr.c {@code sosctp_aid_get}): ids are asked with
     * {@code sctp_opt_info(SCTP_GET_NPADDRS/SCTP_GET_PADDRS)} until the one whose peer has that address.
     * First the lowest ones, up to the associations this socket is known to have plus two (where illumos
     * puts it); then a window above the last id found (where a system that counts ids up, as the ABI
     * personality's Linux does, puts it); then the rest, up to {@link #MAX_ASSOCIATION_PROBES}.
     */
    @Override
    protected int associationWithPeer(int fd, InetSocketAddress remote) throws SctpException {
        int low = associations(fd).length + 2;
        int hint = lastFound;
        int windowEnd = (int) Math.min((long) hint + PROBE_WINDOW, MAX_ASSOCIATION_PROBES);
        int id = probe(fd, remote, 1, low, 0, 0);
        if (id == 0) {
            id = probe(fd, remote, hint + 1, windowEnd, 1, low);
        }
        if (id == 0) {
            id = probe(fd, remote, low + 1, hint, 0, 0);
        }
        if (id == 0) {
            id = probe(fd, remote, Math.max(windowEnd, low) + 1, MAX_ASSOCIATION_PROBES, 0, 0);
        }
        if (id > lastFound) {
            lastFound = id;
        }
        return id;
    }

    /** Asks ids {@code from..to}, skipping {@code skipFrom..skipTo}; the first whose peer is {@code remote}, or 0. */
    private int probe(int fd, InetSocketAddress remote, int from, int to, int skipFrom, int skipTo) throws SctpException {
        for (int id = Math.max(from, 1); id <= to && id > 0; id++) {
            if (id >= skipFrom && id <= skipTo) {
                continue;
            }
            List<InetSocketAddress> peers;
            try {
                peers = addresses(fd, id, true);
            } catch (SctpException e) {
                if (e.errno() == SolarisAbi.EINVAL || e.errno() == SolarisAbi.ESHUTDOWN) {
                    continue; // a free slot, or an association that has ended
                }
                throw e;
            }
            if (peers.contains(remote)) {
                return id;
            }
        }
        return 0;
    }

    /** {@inheritDoc} {@code SCTP_GET_NLADDRS}, then {@code SCTP_GET_LADDRS}, through {@code sctp_opt_info}. */
    @Override
    public List<InetSocketAddress> localAddresses(int fd) throws SctpException {
        return addresses(fd, 0, false);
    }

    /** {@inheritDoc} {@code SCTP_GET_NPADDRS}, then {@code SCTP_GET_PADDRS}, through {@code sctp_opt_info}. */
    @Override
    public List<InetSocketAddress> peerAddresses(int fd, int assocId) throws SctpException {
        return addresses(fd, assocId, true);
    }

    /** What libsctp's sctp_getladdrs/sctp_getpaddrs do, into this thread's memory instead of malloc. */
    private List<InetSocketAddress> addresses(int fd, int assocId, boolean peer) throws SctpException {
        PosixScratch s = scratch();
        s.optval.setInt(0, 0);
        s.len.setInt(0, 4);
        if (SolarisLibSctp.sctp_opt_info(fd, assocId, peer ? SolarisAbi.SCTP_GET_NPADDRS : SolarisAbi.SCTP_GET_NLADDRS,
                s.optval, s.len) < 0) {
            throw addressFailure(fd, assocId, peer, calls.errno());
        }
        int count = s.optval.getInt(0);
        if (count <= 0) {
            return List.of();
        }
        int room = count * SolarisAbi.SIZEOF_SOCKADDR_IN6;
        Memory buf = s.bounce(room);
        s.len.setInt(0, room);
        if (SolarisLibSctp.sctp_opt_info(fd, assocId, peer ? SolarisAbi.SCTP_GET_PADDRS : SolarisAbi.SCTP_GET_LADDRS,
                buf, s.len) < 0) {
            throw addressFailure(fd, assocId, peer, calls.errno());
        }
        return packedAddresses(buf, 0, Math.min(s.len.getInt(0), room), count);
    }

    private SctpException addressFailure(int fd, int assocId, boolean peer, int errno) {
        return fail(NativeCall.ADDRESSES, peer ? "sctp_getpaddrs(fd=" + fd + ", assoc=" + Integer.toUnsignedString(assocId)
                + ")" : "sctp_getladdrs(fd=" + fd + ")", errno);
    }

    /** {@inheritDoc} {@link SolarisLayout#OPTIONS}. */
    @Override
    protected org.peeloff.jna.SctpOptionLayout optionLayout() {
        return SolarisLayout.OPTIONS;
    }
}
