/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.solaris;

import java.util.List;
import java.util.Map;

import org.peeloff.PeerAddressChange;
import org.peeloff.SctpEventType;
import org.peeloff.SctpOptions;
import org.peeloff.jna.SctpLayout.Body;
import org.peeloff.jna.SctpLayout.Field;
import org.peeloff.jna.SctpLayout;
import org.peeloff.jna.SctpOptionLayout;
import org.peeloff.spi.SocketOption;

/**
 * illumos's numbers and struct layouts (LP64, amd64) as the shared POSIX layer takes them: every
 * value is a {@link SolarisAbi} constant, which cites its {@code abi.tsv} row. Left out where the
 * table has no row: {@code F_DUPFD} (the free-descriptor check is not used: illumos allocates the
 * new descriptor before it moves the association, so EMFILE leaves the association in place).
 */
final class SolarisLayout {
    /** {@code struct pollfd} and the poll bits (also the bits event ports report in {@code portev_events}). */
    static final SctpLayout.Poll POLL = new SctpLayout.Poll(SolarisAbi.SIZEOF_POLLFD, SolarisAbi.POLLFD_FD, SolarisAbi.POLLFD_EVENTS,
                    SolarisAbi.POLLFD_REVENTS, SolarisAbi.POLLIN, SolarisAbi.POLLOUT, SolarisAbi.POLLERR,
                    SolarisAbi.POLLHUP, SolarisAbi.POLLNVAL);

    private SolarisLayout() {
    }

    /**
     * SCTP_SNDRCV ({@code struct sctp_sndrcvinfo}) both ways: illumos has no RFC 6458
     * SCTP_SNDINFO/SCTP_RCVINFO (abi.tsv: n/a); {@code sctp_data_io_event} turns it on for receives.
     */
    static final SctpLayout.Info SNDRCV = new SctpLayout.Info("SCTP_SNDRCV", SolarisAbi.IPPROTO_SCTP,
            SolarisAbi.SCTP_SNDRCV, SolarisAbi.SIZEOF_SNDRCVINFO, SolarisAbi.SINFO_STREAM, SolarisAbi.SINFO_FLAGS,
            SolarisAbi.SINFO_PPID, SolarisAbi.SINFO_ASSOC_ID, SolarisAbi.MSG_UNORDERED);

    /**
     * Ending one association ({@code MSG_EOF}, {@code MSG_ABORT}) and a time-to-live ({@code MSG_PR_SCTP}
     * with {@code sinfo_timetolive}), all in the one SCTP_SNDRCV send information; cut messages on receive.
     */
    static final org.peeloff.jna.AssociationControl CONTROL = new org.peeloff.jna.AssociationControl(SolarisAbi.MSG_EOF,
            SolarisAbi.MSG_ABORT, SolarisAbi.MSG_PR_SCTP, SNDRCV, SolarisAbi.SINFO_TIMETOLIVE, SolarisAbi.MSG_TRUNC,
            SolarisAbi.MSG_CTRUNC);

    /** illumos amd64; the XPG4.2 {@code msghdr} of {@code __xnet_sendmsg}/{@code __xnet_recvmsg}. */
    static final SctpLayout LAYOUT = new SctpLayout(
            new SctpLayout.Socket(SolarisAbi.AF_INET, SolarisAbi.AF_INET6, SolarisAbi.SOCK_STREAM,
                    SolarisAbi.SOCK_SEQPACKET, SolarisAbi.SOCK_CLOEXEC, SolarisAbi.IPPROTO_SCTP, SolarisAbi.SOL_SOCKET,
                    SolarisAbi.SCTP_OPTION_LEVEL, SolarisAbi.MSG_DONTWAIT, SolarisAbi.MSG_NOSIGNAL, SolarisAbi.MSG_EOR,
                    SolarisAbi.MSG_NOTIFICATION, true),
            new SctpLayout.Errors(SolarisAbi.EINTR, SolarisAbi.EAGAIN, SolarisAbi.EINVAL, SolarisAbi.EBADF,
                    SolarisAbi.EMFILE, SolarisAbi.ENOTCONN, SolarisAbi.EISCONN, SolarisAbi.EALREADY,
                    SolarisAbi.EOPNOTSUPP, SolarisAbi.ENOPROTOOPT, SolarisAbi.EPROTOTYPE, SolarisAbi::errnoName),
            // dupfd 0: abi.tsv has no illumos F_DUPFD row and checkFreeDescriptor is not used (see above);
            // O_NDELAY, the System V no-delay bit, is cleared with O_NONBLOCK
            new SctpLayout.Fcntl(SolarisAbi.F_GETFD, SolarisAbi.F_SETFD, SolarisAbi.F_GETFL, SolarisAbi.F_SETFL, 0,
                    SolarisAbi.FD_CLOEXEC, SolarisAbi.O_NONBLOCK, SolarisAbi.O_NDELAY),
            POLL,
            new SctpLayout.Msghdr(SolarisAbi.SIZEOF_MSGHDR, SolarisAbi.MSGHDR_NAME, SolarisAbi.MSGHDR_NAMELEN,
                    SolarisAbi.MSGHDR_IOV, SolarisAbi.MSGHDR_IOVLEN, SolarisAbi.SIZEOF_MSGHDR_IOVLEN,
                    SolarisAbi.MSGHDR_CONTROL, SolarisAbi.MSGHDR_CONTROLLEN, SolarisAbi.SIZEOF_MSGHDR_CONTROLLEN,
                    SolarisAbi.MSGHDR_FLAGS, SolarisAbi.SIZEOF_IOVEC, SolarisAbi.IOVEC_BASE, SolarisAbi.IOVEC_LEN),
            new SctpLayout.Cmsg(SolarisAbi.SIZEOF_CMSGHDR_LEN, SolarisAbi.CMSGHDR_LEVEL, SolarisAbi.CMSGHDR_TYPE,
                    SolarisAbi.CMSG_DATA_OFFSET, SolarisAbi.CMSG_HDR_ALIGNMENT),
            // IPv4 on an AF_INET6 socket only as ::ffff:a.b.c.d
            new SctpLayout.Sockaddr(false, SolarisAbi.AF_INET, SolarisAbi.AF_INET6, SolarisAbi.SIZEOF_SOCKADDR_IN,
                    SolarisAbi.SOCKADDR_IN_PORT, SolarisAbi.SOCKADDR_IN_ADDR, SolarisAbi.SIZEOF_SOCKADDR_IN6,
                    SolarisAbi.SOCKADDR_IN6_PORT, SolarisAbi.SOCKADDR_IN6_ADDR, SolarisAbi.SOCKADDR_IN6_SCOPE_ID,
                    SolarisAbi.SIZEOF_SOCKADDR_STORAGE, true),
            SNDRCV,
            List.of(SNDRCV),
            // illumos takes its whole 8-byte struct only
            new SctpLayout.Events(SolarisAbi.SCTP_EVENTS, SolarisAbi.SIZEOF_EVENT_SUBSCRIBE, false,
                    SolarisAbi.EV_DATA_IO, Map.of(SctpEventType.ASSOCIATION_CHANGE, SolarisAbi.EV_ASSOCIATION,
                            SctpEventType.PEER_ADDRESS_CHANGE, SolarisAbi.EV_ADDRESS,
                            SctpEventType.SEND_FAILED, SolarisAbi.EV_SEND_FAILURE,
                            SctpEventType.REMOTE_ERROR, SolarisAbi.EV_PEER_ERROR,
                            SctpEventType.SHUTDOWN, SolarisAbi.EV_SHUTDOWN,
                            SctpEventType.PARTIAL_DELIVERY, SolarisAbi.EV_PARTIAL_DELIVERY,
                            SctpEventType.ADAPTATION_INDICATION, SolarisAbi.EV_ADAPTATION)),
            new SctpLayout.Notifications(SolarisAbi.SN_TYPE, SolarisAbi.SN_LENGTH, SolarisAbi.SCTP_ASSOC_CHANGE,
                    SolarisAbi.SIZEOF_ASSOC_CHANGE, SolarisAbi.SAC_STATE, SolarisAbi.SAC_ERROR,
                    SolarisAbi.SAC_OUTBOUND_STREAMS, SolarisAbi.SAC_INBOUND_STREAMS, SolarisAbi.SAC_ASSOC_ID,
                    SolarisAbi.SCTP_COMM_UP, SolarisAbi.SCTP_COMM_LOST, SolarisAbi.SCTP_RESTART,
                    SolarisAbi.SCTP_SHUTDOWN_COMP, SolarisAbi.SCTP_CANT_STR_ASSOC, SolarisAbi.SCTP_SHUTDOWN_EVENT,
                    SolarisAbi.SIZEOF_SHUTDOWN_EVENT, SolarisAbi.SSE_ASSOC_ID,
                    // illumos's own layouts: a 256-byte sockaddr_storage in sctp_paddr_change, a 16-byte
                    // sctp_pdapi_event without stream and sequence, sre_error in host order
                    List.of(new Body(SolarisAbi.SCTP_PEER_ADDR_CHANGE, SctpEventType.PEER_ADDRESS_CHANGE,
                                    SolarisAbi.SIZEOF_PADDR_CHANGE, SolarisAbi.SPC_ASSOC_ID,
                                    Map.of(Field.ADDRESS, SolarisAbi.SPC_AADDR, Field.STATE32, SolarisAbi.SPC_STATE,
                                            Field.ERROR32, SolarisAbi.SPC_ERROR)),
                            new Body(SolarisAbi.SCTP_SEND_FAILED, SctpEventType.SEND_FAILED, SolarisAbi.SIZEOF_SEND_FAILED,
                                    SolarisAbi.SSF_ASSOC_ID,
                                    Map.of(Field.FLAGS16, SolarisAbi.SSF_FLAGS, Field.ERROR32, SolarisAbi.SSF_ERROR,
                                            Field.INFO_STREAM16, SolarisAbi.SSF_INFO + SolarisAbi.SINFO_STREAM,
                                            Field.INFO_PPID, SolarisAbi.SSF_INFO + SolarisAbi.SINFO_PPID,
                                            Field.DATA, SolarisAbi.SSF_DATA)),
                            new Body(SolarisAbi.SCTP_REMOTE_ERROR, SctpEventType.REMOTE_ERROR,
                                    SolarisAbi.SIZEOF_REMOTE_ERROR, SolarisAbi.SRE_ASSOC_ID,
                                    Map.of(Field.CAUSE16_HOST, SolarisAbi.SRE_ERROR, Field.DATA, SolarisAbi.SRE_DATA)),
                            new Body(SolarisAbi.SCTP_PARTIAL_DELIVERY_EVENT, SctpEventType.PARTIAL_DELIVERY,
                                    SolarisAbi.SIZEOF_PDAPI_EVENT, SolarisAbi.PDAPI_ASSOC_ID,
                                    Map.of(Field.INDICATION32, SolarisAbi.PDAPI_INDICATION)),
                            new Body(SolarisAbi.SCTP_ADAPTATION_INDICATION, SctpEventType.ADAPTATION_INDICATION,
                                    SolarisAbi.SIZEOF_ADAPTATION_EVENT, SolarisAbi.SAI_ASSOC_ID,
                                    Map.of(Field.INDICATION32, SolarisAbi.SAI_ADAPTATION_IND))),
                    Map.of(SolarisAbi.SCTP_ADDR_AVAILABLE, PeerAddressChange.State.AVAILABLE,
                            SolarisAbi.SCTP_ADDR_UNREACHABLE, PeerAddressChange.State.UNREACHABLE,
                            SolarisAbi.SCTP_ADDR_REMOVED, PeerAddressChange.State.REMOVED,
                            SolarisAbi.SCTP_ADDR_ADDED, PeerAddressChange.State.ADDED,
                            SolarisAbi.SCTP_ADDR_MADE_PRIM, PeerAddressChange.State.MADE_PRIMARY),
                    SolarisAbi.SCTP_DATA_SENT, SolarisAbi.SCTP_PARTIAL_DELIVERY_ABORTED, Map.of()),
            Map.of(SocketOption.SEND_BUFFER, new SctpLayout.OptionNumber(SolarisAbi.SOL_SOCKET, SolarisAbi.SO_SNDBUF,
                            "SOL_SOCKET, SO_SNDBUF"),
                    SocketOption.RECEIVE_BUFFER, new SctpLayout.OptionNumber(SolarisAbi.SOL_SOCKET,
                            SolarisAbi.SO_RCVBUF, "SOL_SOCKET, SO_RCVBUF"),
                    SocketOption.NODELAY, new SctpLayout.OptionNumber(SolarisAbi.SCTP_OPTION_LEVEL,
                            SolarisAbi.SCTP_NODELAY, "IPPROTO_SCTP, SCTP_NODELAY"),
                    SocketOption.ADAPTATION_LAYER, new SctpLayout.OptionNumber(SolarisAbi.SCTP_OPTION_LEVEL,
                            SolarisAbi.SCTP_ADAPTATION_LAYER, "IPPROTO_SCTP, SCTP_ADAPTATION_LAYER")));

    /** The typed options: numbers, struct layouts and {@code sstat_state} values, all from {@link SolarisAbi}. */
    static final SctpOptionLayout OPTIONS = new SctpOptionLayout(
            Map.ofEntries(
                    Map.entry("SO_LINGER", new SctpLayout.OptionNumber(SolarisAbi.SOL_SOCKET, SolarisAbi.SO_LINGER, "SOL_SOCKET, SO_LINGER")),
                    Map.entry("SCTP_INITMSG", sctp(SolarisAbi.SCTP_INITMSG, "SCTP_INITMSG")),
                    Map.entry("SCTP_RTOINFO", sctp(SolarisAbi.SCTP_RTOINFO, "SCTP_RTOINFO")),
                    Map.entry("SCTP_ASSOCINFO", sctp(SolarisAbi.SCTP_ASSOCINFO, "SCTP_ASSOCINFO")),
                    Map.entry("SCTP_PEER_ADDR_PARAMS", sctp(SolarisAbi.SCTP_PEER_ADDR_PARAMS, "SCTP_PEER_ADDR_PARAMS")),
                    Map.entry("SCTP_PRIMARY_ADDR", sctp(SolarisAbi.SCTP_PRIMARY_ADDR, "SCTP_PRIMARY_ADDR")),
                    Map.entry("SCTP_SET_PEER_PRIMARY_ADDR", sctp(SolarisAbi.SCTP_SET_PEER_PRIMARY_ADDR,
                            "SCTP_SET_PEER_PRIMARY_ADDR")),
                    Map.entry("SCTP_DEFAULT_SEND_PARAM", sctp(SolarisAbi.SCTP_DEFAULT_SEND_PARAM, "SCTP_DEFAULT_SEND_PARAM")),
                    Map.entry("SCTP_STATUS", sctp(SolarisAbi.SCTP_STATUS, "SCTP_STATUS"))),
            Map.of("SCTP_MAXSEG", "illumos's kernel answers ENOPROTOOPT (\"Not yet supported\"; abi.tsv illumos"
                            + " fact:SCTP_MAXSEG.supported)",
                    "SCTP_DISABLE_FRAGMENTS", "illumos's kernel answers ENOPROTOOPT (\"Not yet supported\"; abi.tsv"
                            + " illumos fact:SCTP_DISABLE_FRAGMENTS.supported)",
                    "SCTP_FRAGMENT_INTERLEAVE", "not in illumos's netinet/sctp.h (abi.tsv illumos SCTP_FRAGMENT_INTERLEAVE n/a)",
                    "SCTP_PARTIAL_DELIVERY_POINT", "not in illumos's netinet/sctp.h (abi.tsv illumos"
                            + " SCTP_PARTIAL_DELIVERY_POINT n/a)"),
            SolarisAbi.SHUT_WR,
            new SctpOptionLayout.Linger(SolarisAbi.SIZEOF_LINGER, SolarisAbi.LINGER_ONOFF, SolarisAbi.LINGER_SECS),
            new SctpOptionLayout.InitMsg(SolarisAbi.SIZEOF_INITMSG, SolarisAbi.INITMSG_OSTREAMS, SolarisAbi.INITMSG_INSTREAMS,
                    SolarisAbi.INITMSG_ATTEMPTS, SolarisAbi.INITMSG_TIMEO),
            new SctpOptionLayout.RtoInfo(SolarisAbi.SIZEOF_RTOINFO, SolarisAbi.RTOINFO_ASSOC_ID, SolarisAbi.RTOINFO_INITIAL,
                    SolarisAbi.RTOINFO_MAX, SolarisAbi.RTOINFO_MIN),
            new SctpOptionLayout.AssocParams(SolarisAbi.SIZEOF_ASSOCPARAMS, SolarisAbi.ASSOCPARAMS_ASSOC_ID,
                    SolarisAbi.ASSOCPARAMS_MAXRXT, SolarisAbi.ASSOCPARAMS_PEER_DESTINATIONS, SolarisAbi.ASSOCPARAMS_PEER_RWND,
                    SolarisAbi.ASSOCPARAMS_LOCAL_RWND, SolarisAbi.ASSOCPARAMS_COOKIE_LIFE),
            new SctpOptionLayout.PaddrParams(SolarisAbi.SIZEOF_PADDRPARAMS, SolarisAbi.PADDRPARAMS_ASSOC_ID,
                    SolarisAbi.PADDRPARAMS_ADDRESS, SolarisAbi.PADDRPARAMS_HBINTERVAL, SolarisAbi.PADDRPARAMS_PATHMAXRXT,
                    -1, 0),
            new SctpOptionLayout.SetPrim(SolarisAbi.SIZEOF_SETPRIM, SolarisAbi.SETPRIM_ASSOC_ID, SolarisAbi.SETPRIM_ADDR),
            new SctpOptionLayout.SetPrim(SolarisAbi.SIZEOF_SETPEERPRIM, SolarisAbi.SETPEERPRIM_ASSOC_ID, SolarisAbi.SETPEERPRIM_ADDR),
            null,
            new SctpOptionLayout.Sndrcv(SolarisAbi.SIZEOF_SNDRCVINFO_OPT, SolarisAbi.SNDRCV_STREAM, SolarisAbi.SNDRCV_FLAGS,
                    SolarisAbi.SNDRCV_PPID, SolarisAbi.SNDRCV_CONTEXT, SolarisAbi.SNDRCV_TTL, SolarisAbi.SNDRCV_ASSOC_ID, SolarisAbi.MSG_UNORDERED),
            new SctpOptionLayout.Status(SolarisAbi.SIZEOF_STATUS, SolarisAbi.STATUS_ASSOC_ID, SolarisAbi.STATUS_STATE,
                    SolarisAbi.STATUS_RWND, SolarisAbi.STATUS_UNACKED, SolarisAbi.STATUS_PENDING, SolarisAbi.STATUS_INSTRMS,
                    SolarisAbi.STATUS_OUTSTRMS, SolarisAbi.STATUS_FRAG_POINT, SolarisAbi.STATUS_PRIMARY, SolarisAbi.PADDRINFO_ADDRESS,
                    SolarisAbi.PADDRINFO_RTO, SolarisAbi.SIZEOF_PADDRINFO_ADDRESS, Map.ofEntries(
                            Map.entry(SolarisAbi.STATE_BOUND, SctpOptions.State.CLOSED),
                            Map.entry(SolarisAbi.STATE_LISTEN, SctpOptions.State.CLOSED),
                            Map.entry(SolarisAbi.STATE_CLOSED, SctpOptions.State.CLOSED),
                            Map.entry(SolarisAbi.STATE_COOKIE_WAIT, SctpOptions.State.COOKIE_WAIT),
                            Map.entry(SolarisAbi.STATE_COOKIE_ECHOED, SctpOptions.State.COOKIE_ECHOED),
                            Map.entry(SolarisAbi.STATE_ESTABLISHED, SctpOptions.State.ESTABLISHED),
                            Map.entry(SolarisAbi.STATE_SHUTDOWN_PENDING, SctpOptions.State.SHUTDOWN_PENDING),
                            Map.entry(SolarisAbi.STATE_SHUTDOWN_SENT, SctpOptions.State.SHUTDOWN_SENT),
                            Map.entry(SolarisAbi.STATE_SHUTDOWN_RECEIVED, SctpOptions.State.SHUTDOWN_RECEIVED),
                            Map.entry(SolarisAbi.STATE_SHUTDOWN_ACK_SENT, SctpOptions.State.SHUTDOWN_ACK_SENT))));

    private static SctpLayout.OptionNumber sctp(int name, String text) {
        return new SctpLayout.OptionNumber(SolarisAbi.SCTP_OPTION_LEVEL, name, "IPPROTO_SCTP, " + text);
    }
}
