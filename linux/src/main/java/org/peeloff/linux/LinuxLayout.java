/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.linux;

import java.util.List;
import java.util.Map;

import org.peeloff.AuthenticationEvent;
import org.peeloff.PeerAddressChange;
import org.peeloff.SctpEventType;
import org.peeloff.SctpOptions;
import org.peeloff.jna.SctpLayout.Body;
import org.peeloff.jna.SctpLayout.Field;
import org.peeloff.jna.SctpLayout;
import org.peeloff.jna.SctpOptionLayout;
import org.peeloff.spi.SocketOption;

/**
 * Linux's numbers and struct layouts as the shared POSIX layer takes them: every value is a
 * {@link LinuxAbi} constant, which cites its {@code abi.tsv} row.
 */
final class LinuxLayout {
    private LinuxLayout() {
    }

    /** SCTP_SNDINFO ({@code struct sctp_sndinfo}, RFC 6458 5.3.4): what sends carry since Linux 3.17. */
    static final SctpLayout.Info SNDINFO = new SctpLayout.Info("SCTP_SNDINFO", LinuxAbi.IPPROTO_SCTP,
            LinuxAbi.SCTP_SNDINFO, LinuxAbi.SIZEOF_SCTP_SNDINFO, LinuxAbi.SNDINFO_SID, LinuxAbi.SNDINFO_FLAGS,
            LinuxAbi.SNDINFO_PPID, LinuxAbi.SNDINFO_ASSOC_ID, LinuxAbi.SCTP_UNORDERED);

    /** SCTP_RCVINFO ({@code struct sctp_rcvinfo}, RFC 6458 5.3.5), with SCTP_RECVRCVINFO on. */
    static final SctpLayout.Info RCVINFO = new SctpLayout.Info("SCTP_RCVINFO", LinuxAbi.IPPROTO_SCTP,
            LinuxAbi.SCTP_RCVINFO, LinuxAbi.SIZEOF_SCTP_RCVINFO, LinuxAbi.RCVINFO_SID, LinuxAbi.RCVINFO_FLAGS,
            LinuxAbi.RCVINFO_PPID, LinuxAbi.RCVINFO_ASSOC_ID, LinuxAbi.SCTP_UNORDERED);

    /** SCTP_SNDRCV ({@code struct sctp_sndrcvinfo}): both ways on kernels before 3.17. */
    static final SctpLayout.Info SNDRCV = new SctpLayout.Info("SCTP_SNDRCV", LinuxAbi.IPPROTO_SCTP,
            LinuxAbi.SCTP_SNDRCV, LinuxAbi.SIZEOF_SCTP_SNDRCVINFO, LinuxAbi.SNDRCVINFO_STREAM,
            LinuxAbi.SNDRCVINFO_FLAGS, LinuxAbi.SNDRCVINFO_PPID, LinuxAbi.SNDRCVINFO_ASSOC_ID, LinuxAbi.SCTP_UNORDERED);

    /**
     * Ending one association and a time-to-live on send (a time-to-live goes in SCTP_SNDRCV, whose
     * {@code sinfo_timetolive} SCTP_SNDINFO lacks), cut messages on receive.
     */
    static final org.peeloff.jna.AssociationControl CONTROL = new org.peeloff.jna.AssociationControl(LinuxAbi.SCTP_EOF,
            LinuxAbi.SCTP_ABORT, LinuxAbi.SCTP_PR_SCTP_TTL, SNDRCV, LinuxAbi.SNDRCVINFO_TIMETOLIVE, LinuxAbi.MSG_TRUNC,
            LinuxAbi.MSG_CTRUNC);

    /** {@code struct sctp_event_subscribe}: one switch per kind (linux/sctp.h). */
    static final SctpLayout.Events EVENTS = new SctpLayout.Events(LinuxAbi.SCTP_EVENTS,
            LinuxAbi.SIZEOF_SCTP_EVENT_SUBSCRIBE, true, LinuxAbi.EVENT_SUBSCRIBE_DATA_IO, Map.ofEntries(
                    Map.entry(SctpEventType.ASSOCIATION_CHANGE, LinuxAbi.EVENT_SUBSCRIBE_ASSOCIATION),
                    Map.entry(SctpEventType.PEER_ADDRESS_CHANGE, LinuxAbi.EVENT_SUBSCRIBE_ADDRESS),
                    Map.entry(SctpEventType.SEND_FAILED, LinuxAbi.EVENT_SUBSCRIBE_SEND_FAILURE),
                    Map.entry(SctpEventType.REMOTE_ERROR, LinuxAbi.EVENT_SUBSCRIBE_PEER_ERROR),
                    Map.entry(SctpEventType.SHUTDOWN, LinuxAbi.EVENT_SUBSCRIBE_SHUTDOWN),
                    Map.entry(SctpEventType.PARTIAL_DELIVERY, LinuxAbi.EVENT_SUBSCRIBE_PARTIAL_DELIVERY),
                    Map.entry(SctpEventType.ADAPTATION_INDICATION, LinuxAbi.EVENT_SUBSCRIBE_ADAPTATION),
                    Map.entry(SctpEventType.AUTHENTICATION, LinuxAbi.EVENT_SUBSCRIBE_AUTHENTICATION),
                    Map.entry(SctpEventType.SENDER_DRY, LinuxAbi.EVENT_SUBSCRIBE_SENDER_DRY),
                    Map.entry(SctpEventType.STREAM_RESET, LinuxAbi.EVENT_SUBSCRIBE_STREAM_RESET),
                    Map.entry(SctpEventType.ASSOCIATION_RESET, LinuxAbi.EVENT_SUBSCRIBE_ASSOC_RESET),
                    Map.entry(SctpEventType.STREAM_CHANGE, LinuxAbi.EVENT_SUBSCRIBE_STREAM_CHANGE)));

    /**
     * {@code union sctp_notification} (linux/sctp.h). Send failures come as SCTP_SEND_FAILED (with
     * {@code struct sctp_sndrcvinfo}) for the {@code sctp_send_failure_event} switch, or as
     * SCTP_SEND_FAILED_EVENT (with {@code struct sctp_sndinfo}) on a socket someone subscribed that way;
     * both are parsed. {@code sre_error} is the cause code as on the wire (network order).
     */
    static final SctpLayout.Notifications NOTIFICATIONS = new SctpLayout.Notifications(LinuxAbi.NOTIFICATION_TYPE,
            LinuxAbi.NOTIFICATION_LENGTH, LinuxAbi.SCTP_ASSOC_CHANGE, LinuxAbi.SIZEOF_SCTP_ASSOC_CHANGE,
            LinuxAbi.ASSOC_CHANGE_STATE, LinuxAbi.ASSOC_CHANGE_ERROR, LinuxAbi.ASSOC_CHANGE_OUTBOUND_STREAMS,
            LinuxAbi.ASSOC_CHANGE_INBOUND_STREAMS, LinuxAbi.ASSOC_CHANGE_ASSOC_ID, LinuxAbi.SCTP_COMM_UP,
            LinuxAbi.SCTP_COMM_LOST, LinuxAbi.SCTP_RESTART, LinuxAbi.SCTP_SHUTDOWN_COMP,
            LinuxAbi.SCTP_CANT_STR_ASSOC, LinuxAbi.SCTP_SHUTDOWN_EVENT, LinuxAbi.SIZEOF_SCTP_SHUTDOWN_EVENT,
            LinuxAbi.SHUTDOWN_EVENT_ASSOC_ID,
            List.of(new Body(LinuxAbi.SCTP_PEER_ADDR_CHANGE, SctpEventType.PEER_ADDRESS_CHANGE,
                            LinuxAbi.SIZEOF_SCTP_PADDR_CHANGE, LinuxAbi.PADDR_CHANGE_ASSOC_ID,
                            Map.of(Field.ADDRESS, LinuxAbi.PADDR_CHANGE_AADDR, Field.STATE32, LinuxAbi.PADDR_CHANGE_STATE,
                                    Field.ERROR32, LinuxAbi.PADDR_CHANGE_ERROR)),
                    new Body(LinuxAbi.SCTP_SEND_FAILED, SctpEventType.SEND_FAILED, LinuxAbi.SIZEOF_SCTP_SEND_FAILED,
                            LinuxAbi.SEND_FAILED_ASSOC_ID,
                            Map.of(Field.FLAGS16, LinuxAbi.SEND_FAILED_FLAGS, Field.ERROR32, LinuxAbi.SEND_FAILED_ERROR,
                                    Field.INFO_STREAM16, LinuxAbi.SEND_FAILED_INFO + LinuxAbi.SNDRCVINFO_STREAM,
                                    Field.INFO_PPID, LinuxAbi.SEND_FAILED_INFO + LinuxAbi.SNDRCVINFO_PPID,
                                    Field.DATA, LinuxAbi.SEND_FAILED_DATA)),
                    new Body(LinuxAbi.SCTP_SEND_FAILED_EVENT, SctpEventType.SEND_FAILED,
                            LinuxAbi.SIZEOF_SCTP_SEND_FAILED_EVENT, LinuxAbi.SEND_FAILED_EVENT_ASSOC_ID,
                            Map.of(Field.FLAGS16, LinuxAbi.SEND_FAILED_EVENT_FLAGS,
                                    Field.ERROR32, LinuxAbi.SEND_FAILED_EVENT_ERROR,
                                    Field.INFO_STREAM16, LinuxAbi.SEND_FAILED_EVENT_INFO + LinuxAbi.SNDINFO_SID,
                                    Field.INFO_PPID, LinuxAbi.SEND_FAILED_EVENT_INFO + LinuxAbi.SNDINFO_PPID,
                                    Field.DATA, LinuxAbi.SEND_FAILED_EVENT_DATA)),
                    new Body(LinuxAbi.SCTP_REMOTE_ERROR, SctpEventType.REMOTE_ERROR, LinuxAbi.SIZEOF_SCTP_REMOTE_ERROR,
                            LinuxAbi.REMOTE_ERROR_ASSOC_ID,
                            Map.of(Field.CAUSE16, LinuxAbi.REMOTE_ERROR_ERROR, Field.DATA, LinuxAbi.REMOTE_ERROR_DATA)),
                    new Body(LinuxAbi.SCTP_PARTIAL_DELIVERY_EVENT, SctpEventType.PARTIAL_DELIVERY,
                            LinuxAbi.SIZEOF_SCTP_PDAPI_EVENT, LinuxAbi.PDAPI_ASSOC_ID,
                            Map.of(Field.INDICATION32, LinuxAbi.PDAPI_INDICATION, Field.STREAM32, LinuxAbi.PDAPI_STREAM,
                                    Field.SEQUENCE32, LinuxAbi.PDAPI_SEQ)),
                    new Body(LinuxAbi.SCTP_ADAPTATION_INDICATION, SctpEventType.ADAPTATION_INDICATION,
                            LinuxAbi.SIZEOF_SCTP_ADAPTATION_EVENT, LinuxAbi.ADAPTATION_ASSOC_ID,
                            Map.of(Field.INDICATION32, LinuxAbi.ADAPTATION_IND)),
                    new Body(LinuxAbi.SCTP_AUTHENTICATION_EVENT, SctpEventType.AUTHENTICATION,
                            LinuxAbi.SIZEOF_SCTP_AUTHKEY_EVENT, LinuxAbi.AUTHKEY_ASSOC_ID,
                            Map.of(Field.KEY16, LinuxAbi.AUTHKEY_KEYNUMBER, Field.INDICATION32, LinuxAbi.AUTHKEY_INDICATION)),
                    new Body(LinuxAbi.SCTP_SENDER_DRY_EVENT, SctpEventType.SENDER_DRY,
                            LinuxAbi.SIZEOF_SCTP_SENDER_DRY_EVENT, LinuxAbi.SENDER_DRY_ASSOC_ID, Map.of()),
                    new Body(LinuxAbi.SCTP_STREAM_RESET_EVENT, SctpEventType.STREAM_RESET,
                            LinuxAbi.SIZEOF_SCTP_STREAM_RESET_EVENT, LinuxAbi.STREAM_RESET_ASSOC_ID,
                            Map.of(Field.FLAGS16, LinuxAbi.STREAM_RESET_FLAGS, Field.DATA, LinuxAbi.STREAM_RESET_LIST)),
                    new Body(LinuxAbi.SCTP_ASSOC_RESET_EVENT, SctpEventType.ASSOCIATION_RESET,
                            LinuxAbi.SIZEOF_SCTP_ASSOC_RESET_EVENT, LinuxAbi.ASSOC_RESET_ASSOC_ID,
                            Map.of(Field.FLAGS16, LinuxAbi.ASSOC_RESET_FLAGS, Field.LOCAL_TSN32, LinuxAbi.ASSOC_RESET_LOCAL_TSN,
                                    Field.REMOTE_TSN32, LinuxAbi.ASSOC_RESET_REMOTE_TSN)),
                    new Body(LinuxAbi.SCTP_STREAM_CHANGE_EVENT, SctpEventType.STREAM_CHANGE,
                            LinuxAbi.SIZEOF_SCTP_STREAM_CHANGE_EVENT, LinuxAbi.STREAM_CHANGE_ASSOC_ID,
                            Map.of(Field.FLAGS16, LinuxAbi.STREAM_CHANGE_FLAGS, Field.INBOUND16, LinuxAbi.STREAM_CHANGE_INSTRMS,
                                    Field.OUTBOUND16, LinuxAbi.STREAM_CHANGE_OUTSTRMS))),
            Map.of(LinuxAbi.SCTP_ADDR_AVAILABLE, PeerAddressChange.State.AVAILABLE,
                    LinuxAbi.SCTP_ADDR_UNREACHABLE, PeerAddressChange.State.UNREACHABLE,
                    LinuxAbi.SCTP_ADDR_REMOVED, PeerAddressChange.State.REMOVED,
                    LinuxAbi.SCTP_ADDR_ADDED, PeerAddressChange.State.ADDED,
                    LinuxAbi.SCTP_ADDR_MADE_PRIM, PeerAddressChange.State.MADE_PRIMARY,
                    LinuxAbi.SCTP_ADDR_CONFIRMED, PeerAddressChange.State.CONFIRMED,
                    LinuxAbi.SCTP_ADDR_POTENTIALLY_FAILED, PeerAddressChange.State.POTENTIALLY_FAILED),
            LinuxAbi.SCTP_DATA_SENT, LinuxAbi.SCTP_PARTIAL_DELIVERY_ABORTED,
            Map.of(LinuxAbi.SCTP_AUTH_NEW_KEY, AuthenticationEvent.Indication.NEW_KEY,
                    LinuxAbi.SCTP_AUTH_FREE_KEY, AuthenticationEvent.Indication.FREE_KEY,
                    LinuxAbi.SCTP_AUTH_NO_AUTH, AuthenticationEvent.Indication.NO_AUTH));

    /** 64-bit Linux, generic ABI. */
    static final SctpLayout LAYOUT = new SctpLayout(
            new SctpLayout.Socket(LinuxAbi.AF_INET, LinuxAbi.AF_INET6, LinuxAbi.SOCK_STREAM, LinuxAbi.SOCK_SEQPACKET,
                    LinuxAbi.SOCK_CLOEXEC, LinuxAbi.IPPROTO_SCTP, LinuxAbi.SOL_SOCKET, LinuxAbi.SOL_SCTP,
                    LinuxAbi.MSG_DONTWAIT, LinuxAbi.MSG_NOSIGNAL, LinuxAbi.MSG_EOR, LinuxAbi.MSG_NOTIFICATION, true),
            new SctpLayout.Errors(LinuxAbi.EINTR, LinuxAbi.EAGAIN, LinuxAbi.EINVAL, LinuxAbi.EBADF, LinuxAbi.EMFILE,
                    LinuxAbi.ENOTCONN, LinuxAbi.EISCONN, LinuxAbi.EALREADY, LinuxAbi.EOPNOTSUPP, LinuxAbi.ENOPROTOOPT,
                    LinuxAbi.EPROTOTYPE, LinuxAbi::errnoName),
            // F_DUPFD_CLOEXEC for the free-descriptor check: the spare is never inherited across exec
            new SctpLayout.Fcntl(LinuxAbi.F_GETFD, LinuxAbi.F_SETFD, LinuxAbi.F_GETFL, LinuxAbi.F_SETFL,
                    LinuxAbi.F_DUPFD_CLOEXEC, LinuxAbi.FD_CLOEXEC, LinuxAbi.O_NONBLOCK, 0),
            new SctpLayout.Poll(LinuxAbi.SIZEOF_POLLFD, LinuxAbi.POLLFD_FD, LinuxAbi.POLLFD_EVENTS,
                    LinuxAbi.POLLFD_REVENTS, LinuxAbi.POLLIN, LinuxAbi.POLLOUT, LinuxAbi.POLLERR, LinuxAbi.POLLHUP,
                    LinuxAbi.POLLNVAL),
            new SctpLayout.Msghdr(LinuxAbi.SIZEOF_MSGHDR, LinuxAbi.MSGHDR_NAME, LinuxAbi.MSGHDR_NAMELEN,
                    LinuxAbi.MSGHDR_IOV, LinuxAbi.MSGHDR_IOVLEN, LinuxAbi.SIZEOF_MSGHDR_IOVLEN, LinuxAbi.MSGHDR_CONTROL,
                    LinuxAbi.MSGHDR_CONTROLLEN, LinuxAbi.SIZEOF_MSGHDR_CONTROLLEN, LinuxAbi.MSGHDR_FLAGS, LinuxAbi.SIZEOF_IOVEC, LinuxAbi.IOVEC_BASE, LinuxAbi.IOVEC_LEN),
            new SctpLayout.Cmsg(LinuxAbi.SIZEOF_CMSGHDR_LEN, LinuxAbi.CMSGHDR_LEVEL, LinuxAbi.CMSGHDR_TYPE, LinuxAbi.CMSG_DATA_OFFSET,
                    LinuxAbi.CMSG_ALIGN),
            new SctpLayout.Sockaddr(false, LinuxAbi.AF_INET, LinuxAbi.AF_INET6, LinuxAbi.SIZEOF_SOCKADDR_IN,
                    LinuxAbi.SOCKADDR_IN_PORT, LinuxAbi.SOCKADDR_IN_ADDR, LinuxAbi.SIZEOF_SOCKADDR_IN6,
                    LinuxAbi.SOCKADDR_IN6_PORT, LinuxAbi.SOCKADDR_IN6_ADDR, LinuxAbi.SOCKADDR_IN6_SCOPE_ID,
                    LinuxAbi.SIZEOF_SOCKADDR_STORAGE, false),
            SNDINFO,
            List.of(RCVINFO, SNDRCV),
            // a prefix of the struct: the first six bytes (up to sctp_shutdown_event) by default, which every
            // kernel takes; as many as the kernel's own struct has when the subscription is changed
            EVENTS,
            NOTIFICATIONS,
            Map.of(SocketOption.SEND_BUFFER, new SctpLayout.OptionNumber(LinuxAbi.SOL_SOCKET, LinuxAbi.SO_SNDBUF,
                            "SOL_SOCKET, SO_SNDBUF"),
                    SocketOption.RECEIVE_BUFFER, new SctpLayout.OptionNumber(LinuxAbi.SOL_SOCKET, LinuxAbi.SO_RCVBUF,
                            "SOL_SOCKET, SO_RCVBUF"),
                    SocketOption.NODELAY, new SctpLayout.OptionNumber(LinuxAbi.SOL_SCTP, LinuxAbi.SCTP_NODELAY,
                            "SOL_SCTP, SCTP_NODELAY"),
                    SocketOption.ADAPTATION_LAYER, new SctpLayout.OptionNumber(LinuxAbi.SOL_SCTP,
                            LinuxAbi.SCTP_ADAPTATION_LAYER, "SOL_SCTP, SCTP_ADAPTATION_LAYER")));

    /** The typed options: numbers, struct layouts and {@code sstat_state} values, all from {@link LinuxAbi}. */
    static final SctpOptionLayout OPTIONS = new SctpOptionLayout(
            Map.ofEntries(
                    Map.entry("SO_LINGER", new SctpLayout.OptionNumber(LinuxAbi.SOL_SOCKET, LinuxAbi.SO_LINGER, "SOL_SOCKET, SO_LINGER")),
                    Map.entry("SCTP_INITMSG", sctp(LinuxAbi.SCTP_INITMSG, "SCTP_INITMSG")),
                    Map.entry("SCTP_RTOINFO", sctp(LinuxAbi.SCTP_RTOINFO, "SCTP_RTOINFO")),
                    Map.entry("SCTP_ASSOCINFO", sctp(LinuxAbi.SCTP_ASSOCINFO, "SCTP_ASSOCINFO")),
                    Map.entry("SCTP_PEER_ADDR_PARAMS", sctp(LinuxAbi.SCTP_PEER_ADDR_PARAMS, "SCTP_PEER_ADDR_PARAMS")),
                    Map.entry("SCTP_PRIMARY_ADDR", sctp(LinuxAbi.SCTP_PRIMARY_ADDR, "SCTP_PRIMARY_ADDR")),
                    Map.entry("SCTP_SET_PEER_PRIMARY_ADDR", sctp(LinuxAbi.SCTP_SET_PEER_PRIMARY_ADDR,
                            "SCTP_SET_PEER_PRIMARY_ADDR")),
                    Map.entry("SCTP_DEFAULT_SEND_PARAM", sctp(LinuxAbi.SCTP_DEFAULT_SEND_PARAM, "SCTP_DEFAULT_SEND_PARAM")),
                    Map.entry("SCTP_STATUS", sctp(LinuxAbi.SCTP_STATUS, "SCTP_STATUS")),
                    Map.entry("SCTP_DISABLE_FRAGMENTS", sctp(LinuxAbi.SCTP_DISABLE_FRAGMENTS, "SCTP_DISABLE_FRAGMENTS")),
                    Map.entry("SCTP_FRAGMENT_INTERLEAVE", sctp(LinuxAbi.SCTP_FRAGMENT_INTERLEAVE,
                            "SCTP_FRAGMENT_INTERLEAVE")),
                    Map.entry("SCTP_PARTIAL_DELIVERY_POINT", sctp(LinuxAbi.SCTP_PARTIAL_DELIVERY_POINT,
                            "SCTP_PARTIAL_DELIVERY_POINT")),
                    Map.entry("SCTP_MAXSEG", sctp(LinuxAbi.SCTP_MAXSEG, "SCTP_MAXSEG"))),
            Map.of(),
            LinuxAbi.SHUT_WR,
            new SctpOptionLayout.Linger(LinuxAbi.SIZEOF_LINGER, LinuxAbi.LINGER_ONOFF, LinuxAbi.LINGER_SECS),
            new SctpOptionLayout.InitMsg(LinuxAbi.SIZEOF_INITMSG, LinuxAbi.INITMSG_OSTREAMS, LinuxAbi.INITMSG_INSTREAMS,
                    LinuxAbi.INITMSG_ATTEMPTS, LinuxAbi.INITMSG_TIMEO),
            new SctpOptionLayout.RtoInfo(LinuxAbi.SIZEOF_RTOINFO, LinuxAbi.RTOINFO_ASSOC_ID, LinuxAbi.RTOINFO_INITIAL,
                    LinuxAbi.RTOINFO_MAX, LinuxAbi.RTOINFO_MIN),
            new SctpOptionLayout.AssocParams(LinuxAbi.SIZEOF_ASSOCPARAMS, LinuxAbi.ASSOCPARAMS_ASSOC_ID,
                    LinuxAbi.ASSOCPARAMS_MAXRXT, LinuxAbi.ASSOCPARAMS_PEER_DESTINATIONS, LinuxAbi.ASSOCPARAMS_PEER_RWND,
                    LinuxAbi.ASSOCPARAMS_LOCAL_RWND, LinuxAbi.ASSOCPARAMS_COOKIE_LIFE),
            new SctpOptionLayout.PaddrParams(LinuxAbi.SIZEOF_PADDRPARAMS, LinuxAbi.PADDRPARAMS_ASSOC_ID,
                    LinuxAbi.PADDRPARAMS_ADDRESS, LinuxAbi.PADDRPARAMS_HBINTERVAL, LinuxAbi.PADDRPARAMS_PATHMAXRXT,
                    LinuxAbi.PADDRPARAMS_FLAGS, LinuxAbi.SPP_HB_ENABLE),
            new SctpOptionLayout.SetPrim(LinuxAbi.SIZEOF_SETPRIM, LinuxAbi.SETPRIM_ASSOC_ID, LinuxAbi.SETPRIM_ADDR),
            new SctpOptionLayout.SetPrim(LinuxAbi.SIZEOF_SETPEERPRIM, LinuxAbi.SETPEERPRIM_ASSOC_ID, LinuxAbi.SETPEERPRIM_ADDR),
            new SctpOptionLayout.AssocValue(LinuxAbi.SIZEOF_SCTP_ASSOC_VALUE, LinuxAbi.ASSOC_VALUE_ASSOC_ID,
                    LinuxAbi.ASSOC_VALUE_VALUE),
            new SctpOptionLayout.Sndrcv(LinuxAbi.SIZEOF_SNDRCVINFO_OPT, LinuxAbi.SNDRCV_STREAM, LinuxAbi.SNDRCV_FLAGS,
                    LinuxAbi.SNDRCV_PPID, LinuxAbi.SNDRCV_CONTEXT, LinuxAbi.SNDRCV_TTL, LinuxAbi.SNDRCV_ASSOC_ID, LinuxAbi.SCTP_UNORDERED),
            new SctpOptionLayout.Status(LinuxAbi.SIZEOF_STATUS, LinuxAbi.STATUS_ASSOC_ID, LinuxAbi.STATUS_STATE,
                    LinuxAbi.STATUS_RWND, LinuxAbi.STATUS_UNACKED, LinuxAbi.STATUS_PENDING, LinuxAbi.STATUS_INSTRMS,
                    LinuxAbi.STATUS_OUTSTRMS, LinuxAbi.STATUS_FRAG_POINT, LinuxAbi.STATUS_PRIMARY, LinuxAbi.PADDRINFO_ADDRESS,
                    LinuxAbi.PADDRINFO_RTO, LinuxAbi.SIZEOF_PADDRINFO_ADDRESS, Map.ofEntries(
                            Map.entry(LinuxAbi.STATE_EMPTY, SctpOptions.State.CLOSED),
                            Map.entry(LinuxAbi.STATE_CLOSED, SctpOptions.State.CLOSED),
                            Map.entry(LinuxAbi.STATE_COOKIE_WAIT, SctpOptions.State.COOKIE_WAIT),
                            Map.entry(LinuxAbi.STATE_COOKIE_ECHOED, SctpOptions.State.COOKIE_ECHOED),
                            Map.entry(LinuxAbi.STATE_ESTABLISHED, SctpOptions.State.ESTABLISHED),
                            Map.entry(LinuxAbi.STATE_SHUTDOWN_PENDING, SctpOptions.State.SHUTDOWN_PENDING),
                            Map.entry(LinuxAbi.STATE_SHUTDOWN_SENT, SctpOptions.State.SHUTDOWN_SENT),
                            Map.entry(LinuxAbi.STATE_SHUTDOWN_RECEIVED, SctpOptions.State.SHUTDOWN_RECEIVED),
                            Map.entry(LinuxAbi.STATE_SHUTDOWN_ACK_SENT, SctpOptions.State.SHUTDOWN_ACK_SENT))));

    private static SctpLayout.OptionNumber sctp(int name, String text) {
        return new SctpLayout.OptionNumber(LinuxAbi.SOL_SCTP, name, "SOL_SCTP, " + text);
    }
}
