/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.solaris;

import com.sun.jna.Pointer;

/**
 * {@code libsctp.so.1} of Solaris/illumos ({@code <netinet/sctp.h>}, link with {@code -lsctp}),
 * bound by JNA direct mapping ({@code Native.register}) when {@link SolarisNative#load} runs.
 * On failure each function returns -1 and sets {@code errno}, which the shared layer reads once,
 * right after the call.
 * No {@code sctp_connectx}, {@code sctp_sendv} or {@code sctp_recvv}: the libsctp.so.1 mapfile abi.tsv
 * cites (fact:sctp_peeloff.library) exports none of them.
 */
final class SolarisLibSctp {
    private SolarisLibSctp() {
    }

    /**
     * {@code int sctp_peeloff(int sock, sctp_assoc_t id)} — the association id by value (AIX takes a
     * pointer). Implemented by {@code ioctl(sock, SIOCSCTPPEELOFF, &fd)} (abi.tsv
     * fact:sctp_peeloff.implementation). Errors (sctp_peeloff(3SOCKET)): EOPNOTSUPP "not a
     * one-to-many style SCTP socket", EINVAL "the id is 0 or greater than the maximum number of
     * associations", EMFILE; and whatever the ioctl meets first (EBADF, or ENOTTY on a file).
     *
     * @param sock the one-to-many socket
     * @param id   the association
     * @return the new one-to-one socket, or -1
     */
    static native int sctp_peeloff(int sock, int id);

    /**
     * {@code int sctp_bindx(int sock, void *addrs, int addrcnt, int flags)}: adds or removes local
     * addresses; {@code addrs} is a packed array of sockaddrs of one family (the first entry's).
     *
     * @param sock    the socket
     * @param addrs   the addresses
     * @param addrcnt how many
     * @param flags   {@code SCTP_BINDX_ADD_ADDR} or {@code SCTP_BINDX_REM_ADDR}
     * @return 0, or -1
     */
    static native int sctp_bindx(int sock, Pointer addrs, int addrcnt, int flags);

    /**
     * {@code int sctp_opt_info(int sock, sctp_assoc_t id, int opt, void *arg, socklen_t *len)}: an
     * SCTP option of one association, through {@code ioctl(SIOCSCTPGOPT)}. The provider asks
     * {@code SCTP_GET_NLADDRS}/{@code SCTP_GET_LADDRS} and {@code SCTP_GET_NPADDRS}/{@code SCTP_GET_PADDRS}
     * (a count, then a packed array of sockaddrs), into memory it reuses.
     *
     * @param sock the socket
     * @param id   the association (0 for the endpoint, or on a one-to-one socket)
     * @param opt  the option
     * @param arg  the value buffer
     * @param len  in: the buffer size; out: the bytes written ({@code socklen_t}, 4 bytes)
     * @return 0, or -1
     */
    static native int sctp_opt_info(int sock, int id, int opt, Pointer arg, Pointer len);
}
