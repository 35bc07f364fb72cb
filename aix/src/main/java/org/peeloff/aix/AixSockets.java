/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.aix;

import java.net.InetSocketAddress;
import java.util.Set;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

import org.peeloff.PeeloffOption;
import org.peeloff.SctpError;
import org.peeloff.SctpException;
import org.peeloff.aix.AixAbi.Feature;
import org.peeloff.aix.AixAbi.Unknown;
import org.peeloff.jna.Libc;
import org.peeloff.jna.PosixCalls;
import org.peeloff.jna.PosixScratch;
import org.peeloff.jna.PosixSctp;
import org.peeloff.spi.NativeCall;
import org.peeloff.spi.Poller;
import org.peeloff.spi.SocketOption;

/**
 * What AIX does differently from the shared POSIX layer ({@link PosixSctp}), and nothing else:
 * {@code sctp_peeloff(int, sctp_assoc_t *)} with the association id by pointer, its options applied
 * with {@code fcntl} after a free-descriptor check, EINVAL told apart with {@code getpeername}; the
 * association list from {@code sctp_opt_info(SCTP_GET_ASSOC_ID_LIST)} when that option's number is
 * known, else tracked from events; peer addresses learnt from {@code recvmsg}; and the refusals,
 * naming the properties to set, of what needs values no public source gives ({@link AixAbiConfig}).
 * Every refusal comes before any native call. Kept apart from {@link AixSctpProvider} so that the
 * public provider class links without JNA.
 */
final class AixSockets extends PosixSctp {
    private static final int ASSOC_LIST_BYTES = 64 * 1024;

    private final AixAbiConfig config;
    private final NativeLibrary lib;

    /**
     * @param config the values no public source gives
     * @param os     the OS as errors name it
     * @param calls  the C calls ({@link Libc} bound to the AIX library, or a test's)
     * @param lib    the library the calls are bound to, where the pollset calls are too; null for a
     *               test's calls (then only the poll(2) backend)
     */
    AixSockets(AixAbiConfig config, String os, PosixCalls calls, NativeLibrary lib) {
        super(AixSctpProvider.ID, os, AixLayout.of(config), calls, AixAbi.class, AixAbi.Feature.class,
                AixAbi.Unknown.class, AixAbiConfig.class, AixLayout.class, Libc.class, AixLibc.class);
        this.config = config;
        this.lib = lib;
    }

    /** The name of the AIX readiness backend. */
    static final String POLLSET = "pollset";

    /** {@inheritDoc} pollset ({@link PollsetPoller}) where the calls come from a library. */
    @Override
    protected String nativeBackend() {
        return lib != null ? POLLSET : null;
    }

    @Override
    protected Poller openNativePoller() throws SctpException {
        return new PollsetPoller(lib, calls, layout.fcntl(), this::errnoNameOf, os());
    }

    private String errnoNameOf(int errno) {
        return errnoName(errno);
    }

    /**
     * {@code sctp_bindx}, looked up in libc, then in the library {@code -Dorg.peeloff.aix.libsctp} names,
     * with the configured flag values.
     */
    @Override
    protected int sctpBindx(int fd, Pointer addrs, int count, int bytes, boolean add) {
        Function f;
        try {
            f = AixLibc.bindx();
        } catch (UnsatisfiedLinkError e) {
            UnsatisfiedLinkError x = new UnsatisfiedLinkError("not in libc nor in -D" + AixLibc.LIBSCTP_PROPERTY + " ("
                    + System.getProperty(AixLibc.LIBSCTP_PROPERTY, AixLibc.DEFAULT_LIBSCTP) + "): " + e.getMessage());
            x.initCause(e);
            throw x;
        }
        int flag = config.get(add ? Unknown.SCTP_BINDX_ADD_ADDR : Unknown.SCTP_BINDX_REM_ADDR);
        return f.invokeInt(new Object[] {fd, addrs, count, flag});
    }

    /** @return false when a feature's values are not all known */
    @Override
    protected boolean supports(Need need) {
        if (need == Need.ASSOCIATIONS) {
            return config.supports(Feature.NATIVE_ASSOCIATION_LIST)
                    || config.supports(Feature.RECEIVE) && config.supports(Feature.NOTIFICATIONS); // tracked
        }
        Feature feature = feature(need);
        return feature == null || config.supports(feature);
    }

    /** The feature whose values a need takes (the one to name when they are missing), or null. */
    private Feature feature(Need need) {
        switch (need) {
            case SEND_INFO: return Feature.SEND_INFO;
            case SEND_UNORDERED: return config.supports(Feature.SEND_INFO) ? Feature.SEND_UNORDERED : Feature.SEND_INFO;
            case RECEIVE: return Feature.RECEIVE;
            case EVENTS: return Feature.EVENTS;
            case BINDX: return Feature.BINDX;
            case ASSOCIATIONS: return Feature.NATIVE_ASSOCIATION_LIST;
            default: return null;
        }
    }

    /** @return {@code UNSUPPORTED} naming the missing values and the properties that set them */
    @Override
    protected SctpException unsupported(Need need, String text) {
        Feature feature = feature(need);
        return feature == null ? super.unsupported(need, text) : config.unsupported(feature, text);
    }

    @Override
    protected SctpException unsupportedOption(SocketOption option, String text) {
        return option == SocketOption.NODELAY ? config.unsupported(Feature.NODELAY, text)
                : super.unsupportedOption(option, text);
    }

    /**
     * {@code SCTP_EOF}/{@code SCTP_ABORT} from the configured values (0 while unknown: refused), no
     * time-to-live (SCTP_PR_SCTP_TTL unknown), and the public MSG_TRUNC/MSG_CTRUNC.
     */
    @Override
    protected org.peeloff.jna.AssociationControl associationControl() {
        return new org.peeloff.jna.AssociationControl(config.getOr(Unknown.SCTP_EOF, 0), config.getOr(Unknown.SCTP_ABORT, 0),
                0, null, 0, AixAbi.MSG_TRUNC, AixAbi.MSG_CTRUNC);
    }

    /**
     * {@inheritDoc} AIX documents neither {@code sctp_connectx} nor {@code sctp_getpaddrs}: the association
     * list ({@code sctp_opt_info(SCTP_GET_ASSOC_ID_LIST)}) is read before and after {@code connect()}, and
     * the one new id is the association's. While that option's values are unknown the association is set
     * up all the same and 0 returned (the id then comes with COMMUNICATION_UP; capabilities say so); an
     * association that arrives on a listening socket meanwhile makes the id ambiguous, which fails
     * {@code OTHER} (the association stays up).
     */
    @Override
    protected int connectOne(int fd, InetSocketAddress remote) throws SctpException {
        String text = "connect(fd=" + fd + ", " + remote + ")";
        if (!config.supports(Feature.NATIVE_ASSOCIATION_LIST)) {
            connect(fd, remote);
            return 0;
        }
        java.util.Set<Integer> before = new java.util.HashSet<>();
        for (int id : nativeAssociations(fd)) {
            before.add(id);
        }
        SctpException inProgress = null;
        try {
            connect(fd, remote);
        } catch (SctpException e) {
            if (e.error() != SctpError.WOULD_BLOCK) {
                throw e;
            }
            inProgress = e;
        }
        int found = 0;
        int count = 0;
        for (int id : nativeAssociations(fd)) {
            if (!before.contains(id)) {
                found = id;
                count++;
            }
        }
        if (count == 1) {
            return found;
        }
        if (count == 0 && inProgress != null) {
            throw inProgress;
        }
        throw SctpException.rejected(SctpError.OTHER, text, count == 0
                ? "connected, but no new association is listed: its id is not known (it comes with COMMUNICATION_UP)"
                : count + " associations appeared during connect(): which one is this peer's is not known (AIX has no"
                + " sctp_getpaddrs; the id comes with COMMUNICATION_UP)");
    }

    /** @return true: AIX documents no {@code sctp_getpaddrs}, so peers are learnt from {@code recvmsg} */
    @Override
    protected boolean recordsPeers() {
        return true;
    }

    @Override
    protected String noOneToOneSockets() {
        return "AIX documents only one-to-many (UDP-style, SOCK_SEQPACKET) SCTP sockets (IBM, \"SCTP socket APIs\": "
                + "\"only support for UDP-style socket syntax is provided\"); a one-to-one socket is made by peeling an "
                + "association off";
    }

    /**
     * {@code sctp_peeloff(fd, &id)} with the id in this thread's native memory, after a free-descriptor
     * check (whether AIX's own EMFILE keeps the association is not documented); the options are then
     * set with {@code fcntl}, and {@code STRICT} refuses that before any native call. EINVAL means "no
     * such association" unless the socket has a peer ({@code getpeername} succeeds): a peeled-off
     * one-to-one socket, {@code NOT_ONE_TO_MANY}.
     */
    @Override
    protected int peelOff(int fd, int assocId, Set<PeeloffOption> options) throws SctpException {
        checkStrict(fd, assocId, options);
        checkFreeDescriptor(fd, assocId, options);
        Pointer id = scratch().word;
        int newFd;
        int errno = 0;
        do {
            id.setInt(0, assocId);
        } while ((newFd = AixLibc.sctp_peeloff(fd, id)) < 0 && (errno = calls.errno()) == AixAbi.EINTR);
        if (newFd < 0) {
            if (errno == AixAbi.EINVAL && hasPeer(fd)) {
                throw fail(SctpError.NOT_ONE_TO_MANY, peeloffText(fd, assocId, options), errno,
                        "the socket has a peer (getpeername succeeds): it is a one-to-one socket, nothing can be "
                                + "peeled off it");
            }
            throw fail(NativeCall.PEELOFF, peeloffText(fd, assocId, options), errno);
        }
        return emulateFlags(newFd, options);
    }

    private boolean hasPeer(int fd) {
        PosixScratch s = scratch();
        s.len.setInt(0, AixAbi.SIZEOF_SOCKADDR_STORAGE);
        return calls.getpeername(fd, s.name, s.len) == 0;
    }

    /**
     * {@code sctp_opt_info(fd, 0, SCTP_GET_ASSOC_ID_LIST, buf, &size)} (a {@code size_t *} length) when
     * that option's number is known; else null, and the associations are those tracked from events.
     */
    @Override
    protected int[] nativeAssociations(int fd) throws SctpException {
        if (!config.supports(Feature.NATIVE_ASSOCIATION_LIST)) {
            return null;
        }
        int option = config.get(Unknown.SCTP_GET_ASSOC_ID_LIST);
        Function f;
        try {
            f = AixLibc.optInfo();
        } catch (UnsatisfiedLinkError e) {
            throw SctpException.rejected(SctpError.UNSUPPORTED, optInfoText(fd, option),
                    "no sctp_opt_info in the library: " + e.getMessage());
        }
        PosixScratch s = scratch();
        Memory buf = s.bounce(ASSOC_LIST_BYTES);
        int errno = 0;
        while (true) {
            buf.setMemory(0, ASSOC_LIST_BYTES, (byte) 0);
            s.len.setLong(0, ASSOC_LIST_BYTES); // size_t, 8 bytes
            if (f.invokeInt(new Object[] {fd, 0, option, buf, s.len}) == 0) {
                break;
            }
            errno = calls.errno();
            if (errno != AixAbi.EINTR) {
                throw fail(NativeCall.GETSOCKOPT, optInfoText(fd, option), errno);
            }
        }
        long got = s.len.getLong(0);
        int first = config.get(Unknown.GAIDS_ASSOC_ID);
        int count = buf.getInt(0);
        long fits = (Math.min(got, ASSOC_LIST_BYTES) - first) / AixAbi.SIZEOF_SCTP_ASSOC_T;
        if (count < 0 || count > fits) {
            throw SctpException.rejected(SctpError.OTHER, optInfoText(fd, option), "the kernel reported " + count
                    + " associations in " + got + " bytes");
        }
        int[] ids = new int[count];
        for (int i = 0; i < count; i++) {
            ids[i] = buf.getInt(first + (long) i * AixAbi.SIZEOF_SCTP_ASSOC_T);
        }
        return ids;
    }

    private static String optInfoText(int fd, int option) {
        return "sctp_opt_info(fd=" + fd + ", 0, SCTP_GET_ASSOC_ID_LIST=" + option + ")";
    }

    /**
     * {@inheritDoc} SO_LINGER and SHUT_WR only: abi.tsv has every AIX SCTP option number and struct
     * layout as {@code ?} (no public AIX {@code <netinet/sctp.h>}), so the SCTP-level typed options are
     * refused with {@code UNSUPPORTED}, naming the missing row.
     */
    @Override
    protected org.peeloff.jna.SctpOptionLayout optionLayout() {
        return OPTIONS;
    }

    private static final org.peeloff.jna.SctpOptionLayout OPTIONS = aixOptions();

    private static org.peeloff.jna.SctpOptionLayout aixOptions() {
        java.util.Map<String, String> why = new java.util.HashMap<>();
        for (org.peeloff.SctpOption<?> o : org.peeloff.SctpOptions.all()) {
            if (o.name().startsWith("SCTP_") && o != org.peeloff.SctpOptions.SCTP_NODELAY) {
                why.put(o.name(), "abi.tsv aix " + o.name() + " (and its struct) is '?': no public AIX netinet/sctp.h;"
                        + " not configurable from properties yet");
            }
        }
        return new org.peeloff.jna.SctpOptionLayout(
                java.util.Map.of("SO_LINGER", new org.peeloff.jna.SctpLayout.OptionNumber(AixAbi.SOL_SOCKET,
                        AixAbi.SO_LINGER, "SOL_SOCKET, SO_LINGER")),
                why, AixAbi.SHUT_WR,
                new org.peeloff.jna.SctpOptionLayout.Linger(AixAbi.SIZEOF_LINGER, AixAbi.LINGER_ONOFF, AixAbi.LINGER_SECS),
                null, null, null, null, null, null, null, null, null);
    }
}
