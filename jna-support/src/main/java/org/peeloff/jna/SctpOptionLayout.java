/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.jna;

import java.util.Map;
import java.util.Objects;

import org.peeloff.SctpOptions;

/**
 * One OS's numbers and struct layouts for the typed options ({@link org.peeloff.SctpOptions}), as data:
 * what {@link PosixSctp} needs to read and write each option's struct. A provider builds one from its
 * {@code <Os>Abi} constants (each citing its {@code abi.tsv} row). An option missing from
 * {@link #numbers()} is refused with {@code UNSUPPORTED}, with the reason from {@link #unsupported()}.
 * A struct the OS lacks is null.
 *
 * @param numbers     the level and number of each struct or int option, by the option's name
 *                    ({@code "SCTP_INITMSG"}); the legacy int options (SO_SNDBUF, SO_RCVBUF, SCTP_NODELAY)
 *                    come from {@link SctpLayout#options()} and are not repeated here
 * @param unsupported why each option the OS lacks is missing, by name
 * @param shutWr      {@code SHUT_WR}
 * @param linger      {@code struct linger}
 * @param initmsg     {@code struct sctp_initmsg}
 * @param rtoinfo     {@code struct sctp_rtoinfo}
 * @param assocparams {@code struct sctp_assocparams}
 * @param paddrparams {@code struct sctp_paddrparams}
 * @param setprim     {@code struct sctp_setprim} (SCTP_PRIMARY_ADDR)
 * @param setpeerprim {@code struct sctp_setpeerprim} (SCTP_SET_PEER_PRIMARY_ADDR)
 * @param assocValue  {@code struct sctp_assoc_value} for SCTP_MAXSEG, or null where SCTP_MAXSEG takes an int
 * @param sndrcvinfo  {@code struct sctp_sndrcvinfo} (SCTP_DEFAULT_SEND_PARAM)
 * @param status      {@code struct sctp_status} with its {@code sstat_primary}
 */
public record SctpOptionLayout(Map<String, SctpLayout.OptionNumber> numbers, Map<String, String> unsupported, int shutWr,
                               Linger linger, InitMsg initmsg, RtoInfo rtoinfo, AssocParams assocparams,
                               PaddrParams paddrparams, SetPrim setprim, SetPrim setpeerprim, AssocValue assocValue,
                               Sndrcv sndrcvinfo, Status status) {
    /** Copies the maps. */
    public SctpOptionLayout {
        numbers = Map.copyOf(numbers);
        unsupported = Map.copyOf(unsupported);
    }

    /**
     * @param size  its size
     * @param onoff offset of {@code l_onoff} (4 bytes)
     * @param secs  offset of {@code l_linger} (4 bytes)
     */
    public record Linger(int size, int onoff, int secs) {
    }

    /**
     * Four 2-byte fields.
     *
     * @param size       its size
     * @param ostreams   offset of {@code sinit_num_ostreams}
     * @param instreams  offset of {@code sinit_max_instreams}
     * @param attempts   offset of {@code sinit_max_attempts}
     * @param initTimeo  offset of {@code sinit_max_init_timeo}
     */
    public record InitMsg(int size, int ostreams, int instreams, int attempts, int initTimeo) {
    }

    /**
     * @param size    its size
     * @param assocId offset of {@code srto_assoc_id}
     * @param initial offset of {@code srto_initial} (4 bytes)
     * @param max     offset of {@code srto_max} (4 bytes)
     * @param min     offset of {@code srto_min} (4 bytes)
     */
    public record RtoInfo(int size, int assocId, int initial, int max, int min) {
    }

    /**
     * @param size             its size
     * @param assocId          offset of {@code sasoc_assoc_id}
     * @param maxrxt           offset of {@code sasoc_asocmaxrxt} (2 bytes)
     * @param peerDestinations offset of {@code sasoc_number_peer_destinations} (2 bytes)
     * @param peerRwnd         offset of {@code sasoc_peer_rwnd} (4 bytes)
     * @param localRwnd        offset of {@code sasoc_local_rwnd} (4 bytes)
     * @param cookieLife       offset of {@code sasoc_cookie_life} (4 bytes)
     */
    public record AssocParams(int size, int assocId, int maxrxt, int peerDestinations, int peerRwnd, int localRwnd,
                              int cookieLife) {
    }

    /**
     * @param size         its size
     * @param assocId      offset of {@code spp_assoc_id}
     * @param address      offset of {@code spp_address} (a {@code sockaddr_storage})
     * @param hbinterval   offset of {@code spp_hbinterval} (4 bytes)
     * @param pathmaxrxt   offset of {@code spp_pathmaxrxt} (2 bytes)
     * @param flags        offset of {@code spp_flags} (4 bytes), or -1 where the struct has none (illumos)
     * @param hbEnable     {@code SPP_HB_ENABLE}, set with a new heartbeat interval where {@code flags} exists
     *                     (Linux applies the interval only with it)
     */
    public record PaddrParams(int size, int assocId, int address, int hbinterval, int pathmaxrxt, int flags,
                              int hbEnable) {
    }

    /**
     * {@code struct sctp_setprim} or {@code struct sctp_setpeerprim}.
     *
     * @param size    its size
     * @param assocId offset of the association id
     * @param address offset of the address (a {@code sockaddr_storage})
     */
    public record SetPrim(int size, int assocId, int address) {
    }

    /**
     * @param size    its size
     * @param assocId offset of {@code assoc_id}
     * @param value   offset of {@code assoc_value} (4 bytes)
     */
    public record AssocValue(int size, int assocId, int value) {
    }

    /**
     * @param size      its size
     * @param stream    offset of {@code sinfo_stream} (2 bytes)
     * @param flags     offset of {@code sinfo_flags} (2 bytes)
     * @param ppid      offset of {@code sinfo_ppid} (4 bytes, network byte order)
     * @param context   offset of {@code sinfo_context} (4 bytes)
     * @param ttl       offset of {@code sinfo_timetolive} (4 bytes)
     * @param assocId   offset of {@code sinfo_assoc_id}
     * @param unordered the unordered flag of {@code sinfo_flags}
     */
    public record Sndrcv(int size, int stream, int flags, int ppid, int context, int ttl, int assocId, int unordered) {
    }

    /**
     * @param size          its size
     * @param assocId       offset of {@code sstat_assoc_id}
     * @param state         offset of {@code sstat_state} (4 bytes, signed)
     * @param rwnd          offset of {@code sstat_rwnd} (4 bytes)
     * @param unacked       offset of {@code sstat_unackdata} (2 bytes)
     * @param pending       offset of {@code sstat_penddata} (2 bytes)
     * @param instrms       offset of {@code sstat_instrms} (2 bytes)
     * @param outstrms      offset of {@code sstat_outstrms} (2 bytes)
     * @param fragPoint     offset of {@code sstat_fragmentation_point} (4 bytes)
     * @param primary       offset of {@code sstat_primary}
     * @param primaryAddress offset of {@code spinfo_address} in {@code struct sctp_paddrinfo}
     * @param primaryRto    offset of {@code spinfo_rto} in {@code struct sctp_paddrinfo} (4 bytes)
     * @param addressSize   the size of the {@code sockaddr_storage} fields
     * @param states        the OS's {@code sstat_state} numbers, portable
     */
    public record Status(int size, int assocId, int state, int rwnd, int unacked, int pending, int instrms,
                         int outstrms, int fragPoint, int primary, int primaryAddress, int primaryRto, int addressSize,
                         Map<Integer, SctpOptions.State> states) {
        /** Copies the map. */
        public Status {
            states = Map.copyOf(Objects.requireNonNull(states, "states"));
        }
    }
}
