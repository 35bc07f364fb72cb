/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * The typed SCTP socket options every provider knows by name, like the JDK's
 * {@code SctpStandardSocketOptions}. A provider whose OS lacks one refuses it with
 * {@link SctpError#UNSUPPORTED} naming it, and lists it in {@link Capabilities#unsupported()}.
 *
 * <p>Values that are structs in C are records here; their constructors check the ranges the C fields
 * can hold ({@link IllegalArgumentException}). Times are in milliseconds, as the socket API has them.
 * Where the API gives a field the meaning "0 = leave unchanged" (INITMSG, RTOINFO, ASSOCINFO,
 * PEER_ADDR_PARAMS), a 0 given to {@code setOption} keeps the current value.
 */
public final class SctpOptions {
    private SctpOptions() {
    }

    /** {@code SO_SNDBUF}: the send buffer in bytes (the OS may round it). */
    public static final SctpOption<Integer> SO_SNDBUF = new SctpOption<>("SO_SNDBUF", Integer.class, false, true, true);
    /** {@code SO_RCVBUF}: the receive buffer in bytes (the OS may round it). */
    public static final SctpOption<Integer> SO_RCVBUF = new SctpOption<>("SO_RCVBUF", Integer.class, false, true, true);
    /** {@code SCTP_NODELAY}: true turns off the bundling delay. */
    public static final SctpOption<Boolean> SCTP_NODELAY = new SctpOption<>("SCTP_NODELAY", Boolean.class, false, true, true);
    /**
     * {@code SO_LINGER}: seconds {@code close} waits for queued data to be sent, or -1 for off (the
     * {@link java.net.StandardSocketOptions#SO_LINGER} convention). 0 makes {@code close} abort the
     * association (the peer sees ABORT).
     */
    public static final SctpOption<Integer> SO_LINGER = new SctpOption<>("SO_LINGER", Integer.class, false, true, true);
    /** {@code SCTP_INITMSG}: what INIT offers for associations set up later on this socket. */
    public static final SctpOption<InitMsg> SCTP_INITMSG = new SctpOption<>("SCTP_INITMSG", InitMsg.class, false, true, true);
    /** {@code SCTP_RTOINFO}: the retransmission time-out bounds. */
    public static final SctpOption<RtoInfo> SCTP_RTOINFO = new SctpOption<>("SCTP_RTOINFO", RtoInfo.class, true, true, true);
    /** {@code SCTP_ASSOCINFO}: association parameters (retransmissions, cookie life; windows read only). */
    public static final SctpOption<AssocInfo> SCTP_ASSOCINFO = new SctpOption<>("SCTP_ASSOCINFO", AssocInfo.class, true,
            true, true);
    /** {@code SCTP_PEER_ADDR_PARAMS}: heartbeat interval and path retransmissions, of one peer address or all. */
    public static final SctpOption<PeerAddressParams> SCTP_PEER_ADDR_PARAMS = new SctpOption<>("SCTP_PEER_ADDR_PARAMS",
            PeerAddressParams.class, true, true, true);
    /** {@code SCTP_PRIMARY_ADDR}: the peer address this end sends to by default (one of the peer's addresses). */
    public static final SctpOption<InetSocketAddress> SCTP_PRIMARY_ADDR = new SctpOption<>("SCTP_PRIMARY_ADDR",
            InetSocketAddress.class, true, true, true);
    /**
     * {@code SCTP_SET_PEER_PRIMARY_ADDR}: asks the peer to make one of this end's addresses its primary
     * (needs ASCONF on both ends). Set only.
     */
    public static final SctpOption<InetSocketAddress> SCTP_SET_PEER_PRIMARY_ADDR = new SctpOption<>(
            "SCTP_SET_PEER_PRIMARY_ADDR", InetSocketAddress.class, true, false, true);
    /** {@code SCTP_DISABLE_FRAGMENTS}: true refuses to fragment; a message above the path MTU then fails. */
    public static final SctpOption<Boolean> SCTP_DISABLE_FRAGMENTS = new SctpOption<>("SCTP_DISABLE_FRAGMENTS",
            Boolean.class, false, true, true);
    /** {@code SCTP_FRAGMENT_INTERLEAVE}: the interleave level of partial deliveries, 0, 1 or 2. */
    public static final SctpOption<Integer> SCTP_FRAGMENT_INTERLEAVE = new SctpOption<>("SCTP_FRAGMENT_INTERLEAVE",
            Integer.class, false, true, true);
    /** {@code SCTP_PARTIAL_DELIVERY_POINT}: bytes of a message after which partial delivery starts. */
    public static final SctpOption<Integer> SCTP_PARTIAL_DELIVERY_POINT = new SctpOption<>("SCTP_PARTIAL_DELIVERY_POINT",
            Integer.class, false, true, true);
    /** {@code SCTP_MAXSEG}: the largest DATA chunk in bytes (0: the path MTU decides). */
    public static final SctpOption<Integer> SCTP_MAXSEG = new SctpOption<>("SCTP_MAXSEG", Integer.class, true, true, true);
    /** {@code SCTP_DEFAULT_SEND_PARAM}: what a send without explicit values uses. */
    public static final SctpOption<SendParams> SCTP_DEFAULT_SEND_PARAM = new SctpOption<>("SCTP_DEFAULT_SEND_PARAM",
            SendParams.class, true, true, true);
    /** {@code SCTP_STATUS}: the association's state. Read only. */
    public static final SctpOption<Status> SCTP_STATUS = new SctpOption<>("SCTP_STATUS", Status.class, true, true, false);

    /** @return every option, in the order above */
    public static List<SctpOption<?>> all() {
        return List.of(SO_SNDBUF, SO_RCVBUF, SCTP_NODELAY, SO_LINGER, SCTP_INITMSG, SCTP_RTOINFO, SCTP_ASSOCINFO,
                SCTP_PEER_ADDR_PARAMS, SCTP_PRIMARY_ADDR, SCTP_SET_PEER_PRIMARY_ADDR, SCTP_DISABLE_FRAGMENTS,
                SCTP_FRAGMENT_INTERLEAVE, SCTP_PARTIAL_DELIVERY_POINT, SCTP_MAXSEG, SCTP_DEFAULT_SEND_PARAM, SCTP_STATUS);
    }

    static int u16(int v, String what) {
        if (v < 0 || v > 0xffff) {
            throw new IllegalArgumentException(what + " must be 0..65535: " + v);
        }
        return v;
    }

    static long u32(long v, String what) {
        if (v < 0 || v > 0xffff_ffffL) {
            throw new IllegalArgumentException(what + " must be 0..4294967295: " + v);
        }
        return v;
    }

    /**
     * {@code struct sctp_initmsg}.
     *
     * @param outStreams          streams this end asks to send on ({@code sinit_num_ostreams}), 0..65535
     * @param maxInStreams        streams this end accepts ({@code sinit_max_instreams}), 0..65535
     * @param maxAttempts         INIT retransmissions ({@code sinit_max_attempts}), 0..65535
     * @param maxInitTimeoutMillis the largest INIT time-out ({@code sinit_max_init_timeo}), 0..65535
     */
    public record InitMsg(int outStreams, int maxInStreams, int maxAttempts, int maxInitTimeoutMillis) {
        /** Checks the ranges. */
        public InitMsg {
            u16(outStreams, "outStreams");
            u16(maxInStreams, "maxInStreams");
            u16(maxAttempts, "maxAttempts");
            u16(maxInitTimeoutMillis, "maxInitTimeoutMillis");
        }
    }

    /**
     * {@code struct sctp_rtoinfo}, in milliseconds.
     *
     * @param initialMillis {@code srto_initial}
     * @param maxMillis     {@code srto_max}
     * @param minMillis     {@code srto_min}
     */
    public record RtoInfo(long initialMillis, long maxMillis, long minMillis) {
        /** Checks the ranges, and min &lt;= max when both are given. */
        public RtoInfo {
            u32(initialMillis, "initialMillis");
            u32(maxMillis, "maxMillis");
            u32(minMillis, "minMillis");
            if (minMillis != 0 && maxMillis != 0 && minMillis > maxMillis) {
                throw new IllegalArgumentException("minMillis " + minMillis + " > maxMillis " + maxMillis);
            }
        }
    }

    /**
     * {@code struct sctp_assocparams}. Only {@code maxRetransmissions} and {@code cookieLifeMillis} are
     * set; the other fields are what the kernel reports.
     *
     * @param maxRetransmissions    {@code sasoc_asocmaxrxt}, 0..65535
     * @param peerDestinations      {@code sasoc_number_peer_destinations} (read only), 0..65535
     * @param peerReceiveWindow     {@code sasoc_peer_rwnd} (read only)
     * @param localReceiveWindow    {@code sasoc_local_rwnd} (read only)
     * @param cookieLifeMillis      {@code sasoc_cookie_life}
     */
    public record AssocInfo(int maxRetransmissions, int peerDestinations, long peerReceiveWindow,
                            long localReceiveWindow, long cookieLifeMillis) {
        /** Checks the ranges. */
        public AssocInfo {
            u16(maxRetransmissions, "maxRetransmissions");
            u16(peerDestinations, "peerDestinations");
            u32(peerReceiveWindow, "peerReceiveWindow");
            u32(localReceiveWindow, "localReceiveWindow");
            u32(cookieLifeMillis, "cookieLifeMillis");
        }

        /**
         * @param maxRetransmissions the association's maximum retransmissions (0: unchanged)
         * @param cookieLifeMillis   the cookie life (0: unchanged)
         * @return a value to set
         */
        public static AssocInfo of(int maxRetransmissions, long cookieLifeMillis) {
            return new AssocInfo(maxRetransmissions, 0, 0, 0, cookieLifeMillis);
        }
    }

    /**
     * {@code struct sctp_paddrparams}: the parameters of one peer address, or of all of them and the
     * default for new ones when {@code address} is null.
     *
     * @param address                  the peer address, or null for all
     * @param heartbeatIntervalMillis  {@code spp_hbinterval}
     * @param pathMaxRetransmissions   {@code spp_pathmaxrxt}, 0..65535
     */
    public record PeerAddressParams(InetSocketAddress address, long heartbeatIntervalMillis,
                                    int pathMaxRetransmissions) {
        /** Checks the ranges and that the address is resolved. */
        public PeerAddressParams {
            if (address != null && address.isUnresolved()) {
                throw new IllegalArgumentException("unresolved address: " + address);
            }
            u32(heartbeatIntervalMillis, "heartbeatIntervalMillis");
            u16(pathMaxRetransmissions, "pathMaxRetransmissions");
        }
    }

    /**
     * {@code struct sctp_sndrcvinfo} as SCTP_DEFAULT_SEND_PARAM takes it.
     *
     * @param stream            {@code sinfo_stream}, 0..65535
     * @param payloadProtocolId {@code sinfo_ppid}, the IANA number (carried in network byte order)
     * @param unordered         the unordered flag of {@code sinfo_flags}
     * @param timeToLiveMillis  {@code sinfo_timetolive} (0: reliable)
     * @param context           {@code sinfo_context}
     */
    public record SendParams(int stream, int payloadProtocolId, boolean unordered, long timeToLiveMillis, int context) {
        /** Checks the ranges. */
        public SendParams {
            u16(stream, "stream");
            u32(timeToLiveMillis, "timeToLiveMillis");
        }
    }

    /** The portable association states of {@code sstat_state}. */
    public enum State {
        /** Closed (Linux SCTP_CLOSED/SCTP_EMPTY, illumos SCTPS_IDLE/BOUND/LISTEN). */
        CLOSED,
        /** INIT sent. */
        COOKIE_WAIT,
        /** COOKIE ECHO sent. */
        COOKIE_ECHOED,
        /** Up. */
        ESTABLISHED,
        /** Shutdown asked, data still queued. */
        SHUTDOWN_PENDING,
        /** SHUTDOWN sent. */
        SHUTDOWN_SENT,
        /** SHUTDOWN received. */
        SHUTDOWN_RECEIVED,
        /** SHUTDOWN ACK sent. */
        SHUTDOWN_ACK_SENT,
        /** A number the provider does not know. */
        UNKNOWN
    }

    /**
     * {@code struct sctp_status} (read only).
     *
     * @param state              {@code sstat_state}, portable
     * @param nativeState        {@code sstat_state} as the OS gave it
     * @param receiveWindow      {@code sstat_rwnd}, the peer's
     * @param unacked            {@code sstat_unackdata}
     * @param pending            {@code sstat_penddata}
     * @param inStreams          {@code sstat_instrms}: streams the peer may send on
     * @param outStreams         {@code sstat_outstrms}: streams this end may send on
     * @param fragmentationPoint {@code sstat_fragmentation_point}
     * @param primary            the primary path's address ({@code sstat_primary.spinfo_address}), or null
     * @param primaryRtoMillis   {@code sstat_primary.spinfo_rto}
     */
    public record Status(State state, int nativeState, long receiveWindow, int unacked, int pending, int inStreams,
                         int outStreams, long fragmentationPoint, InetSocketAddress primary, long primaryRtoMillis) {
        /** Checks that the state is given. */
        public Status {
            Objects.requireNonNull(state, "state");
        }
    }
}
