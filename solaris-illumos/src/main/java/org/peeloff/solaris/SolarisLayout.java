/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.solaris;

import java.util.List;
import java.util.Map;

import org.peeloff.PeerAddressChange;
import org.peeloff.SctpEventType;
import org.peeloff.jna.SctpLayout;
import org.peeloff.jna.SctpLayout.Body;
import org.peeloff.jna.SctpLayout.Field;
import org.peeloff.spi.SocketOption;

/**
 * illumos's numbers and struct layouts (LP64, amd64) as the shared POSIX layer takes them: every
 * value is a {@link SolarisAbi} constant, which cites its {@code abi.tsv} row. Left out where the
 * table has no row: {@code F_DUPFD} (the free-descriptor check is not used: illumos allocates the
 * new descriptor before it moves the association, so EMFILE leaves the association in place).
 */
final class SolarisLayout {
    private SolarisLayout() {
    }

    /**
     * SCTP_SNDRCV ({@code struct sctp_sndrcvinfo}) both ways: illumos has no RFC 6458
     * SCTP_SNDINFO/SCTP_RCVINFO (abi.tsv: n/a); {@code sctp_data_io_event} turns it on for receives.
     */
    static final SctpLayout.Info SNDRCV = new SctpLayout.Info("SCTP_SNDRCV", SolarisAbi.IPPROTO_SCTP,
            SolarisAbi.SCTP_SNDRCV, SolarisAbi.SIZEOF_SNDRCVINFO, SolarisAbi.SINFO_STREAM, SolarisAbi.SINFO_FLAGS,
            SolarisAbi.SINFO_PPID, SolarisAbi.SINFO_ASSOC_ID, SolarisAbi.MSG_UNORDERED);

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
            new SctpLayout.Poll(SolarisAbi.SIZEOF_POLLFD, SolarisAbi.POLLFD_FD, SolarisAbi.POLLFD_EVENTS,
                    SolarisAbi.POLLFD_REVENTS, SolarisAbi.POLLIN, SolarisAbi.POLLOUT, SolarisAbi.POLLERR,
                    SolarisAbi.POLLHUP, SolarisAbi.POLLNVAL),
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
}
