/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.aix;

import java.util.List;
import java.util.Map;

import org.peeloff.SctpEventType;
import org.peeloff.aix.AixAbi.Feature;
import org.peeloff.aix.AixAbi.Unknown;
import org.peeloff.jna.PosixScratch;
import org.peeloff.jna.SctpLayout;
import org.peeloff.spi.SocketOption;

/**
 * AIX's numbers and struct layouts as the shared POSIX layer takes them: the public ones are
 * {@link AixAbi} constants (each citing its {@code abi.tsv} row), the others come from
 * {@link AixAbiConfig}. A part whose values are not all known is left out (null, or the option
 * missing), and the calls needing it fail {@code UNSUPPORTED} naming the values
 * ({@link AixSockets#unsupported}); nothing is guessed.
 */
final class AixLayout {
    /** {@code struct pollfd} and the poll bits (also the bits pollset_poll reports). */
    static final SctpLayout.Poll POLL = new SctpLayout.Poll(AixAbi.SIZEOF_POLLFD, AixAbi.POLLFD_FD, AixAbi.POLLFD_EVENTS,
            AixAbi.POLLFD_REVENTS, AixAbi.POLLIN, AixAbi.POLLOUT, AixAbi.POLLERR, AixAbi.POLLHUP, AixAbi.POLLNVAL);

    private AixLayout() {
    }

    /**
     * @param c the values no public source gives
     * @return the layout
     * @throws IllegalArgumentException when configured values contradict each other (a field outside
     *                                  its struct, a struct too big for the control buffer)
     */
    static SctpLayout of(AixAbiConfig c) {
        int solSctp = c.get(Unknown.SOL_SCTP); // configured, or derived from RFC 6458: always there
        SctpLayout.Info sndrcv = c.supports(Feature.SEND_INFO) || c.supports(Feature.RECEIVE) ? sndrcv(c, solSctp) : null;
        return new SctpLayout(
                // no SOCK_CLOEXEC is known on AIX: close-on-exec is set with fcntl right after socket()
                new SctpLayout.Socket(AixAbi.AF_INET, AixAbi.AF_INET6, AixAbi.SOCK_STREAM, AixAbi.SOCK_SEQPACKET, 0,
                        AixAbi.IPPROTO_SCTP, AixAbi.SOL_SOCKET, solSctp, AixAbi.MSG_NONBLOCK, AixAbi.MSG_NOSIGNAL,
                        AixAbi.MSG_EOR, c.getOr(Unknown.MSG_NOTIFICATION, 0), false),
                new SctpLayout.Errors(AixAbi.EINTR, AixAbi.EAGAIN, AixAbi.EINVAL, AixAbi.EBADF, AixAbi.EMFILE,
                        AixAbi.ENOTCONN, AixAbi.EISCONN, AixAbi.EALREADY, AixAbi.EOPNOTSUPP, AixAbi.ENOPROTOOPT,
                        AixAbi.EPROTOTYPE, AixAbi::errnoName),
                new SctpLayout.Fcntl(AixAbi.F_GETFD, AixAbi.F_SETFD, AixAbi.F_GETFL, AixAbi.F_SETFL, AixAbi.F_DUPFD,
                        AixAbi.FD_CLOEXEC, AixAbi.O_NONBLOCK, 0),
                POLL,
                // msg_iovlen is a 4-byte int and msg_controllen a 4-byte socklen_t on AIX
                new SctpLayout.Msghdr(AixAbi.SIZEOF_MSGHDR, AixAbi.MSGHDR_NAME, AixAbi.MSGHDR_NAMELEN, AixAbi.MSGHDR_IOV,
                        AixAbi.MSGHDR_IOVLEN, 4, AixAbi.MSGHDR_CONTROL, AixAbi.MSGHDR_CONTROLLEN, 4, AixAbi.MSGHDR_FLAGS,
                        AixAbi.SIZEOF_IOVEC, AixAbi.IOV_BASE, AixAbi.IOV_LEN),
                new SctpLayout.Cmsg(4, AixAbi.CMSG_LEVEL, AixAbi.CMSG_TYPE, AixAbi.CMSG_DATA, AixAbi.CMSG_ALIGNMENT),
                new SctpLayout.Sockaddr(true, AixAbi.AF_INET, AixAbi.AF_INET6, AixAbi.SIZEOF_SOCKADDR_IN, AixAbi.SIN_PORT,
                        AixAbi.SIN_ADDR, AixAbi.SIZEOF_SOCKADDR_IN6, AixAbi.SIN_PORT, AixAbi.SIN6_ADDR,
                        AixAbi.SIN6_SCOPE_ID, AixAbi.SIZEOF_SOCKADDR_STORAGE, false),
                c.supports(Feature.SEND_INFO) ? sndrcv : null,
                c.supports(Feature.RECEIVE) ? List.of(sndrcv) : List.of(),
                events(c, solSctp),
                notifications(c),
                options(c, solSctp));
    }

    /**
     * SCTP_SNDRCV ({@code struct sctp_sndrcvinfo}) both ways; its flag for unordered delivery is 0 (none)
     * while SCTP_UNORDERED is unknown.
     */
    private static SctpLayout.Info sndrcv(AixAbiConfig c, int solSctp) {
        int size = c.get(Unknown.SNDRCVINFO_SIZE);
        if (AixAbi.CMSG_DATA + size > PosixScratch.CONTROL_SIZE) {
            throw new IllegalArgumentException("a configured sizeof(struct sctp_sndrcvinfo) of " + size
                    + " does not fit the provider's control buffer (" + PosixScratch.CONTROL_SIZE + " bytes)");
        }
        return new SctpLayout.Info("SCTP_SNDRCV", solSctp, c.get(Unknown.SCTP_SNDRCV), size, c.get(Unknown.SINFO_STREAM),
                c.get(Unknown.SINFO_FLAGS), c.get(Unknown.SINFO_PPID), c.get(Unknown.SINFO_ASSOC_ID),
                c.getOr(Unknown.SCTP_UNORDERED, 0));
    }

    private static SctpLayout.Events events(AixAbiConfig c, int solSctp) {
        if (!c.supports(Feature.EVENTS)) {
            return null;
        }
        int size = c.get(Unknown.EVENT_SUBSCRIBE_SIZE);
        for (Unknown field : List.of(Unknown.EV_DATA_IO, Unknown.EV_ASSOCIATION, Unknown.EV_SHUTDOWN)) {
            if (c.get(field) < 0 || c.get(field) >= size) {
                throw new IllegalArgumentException("a struct sctp_event_subscribe field offset (" + field.key() + "="
                        + c.get(field) + ") lies outside its configured size " + size);
            }
        }
        return new SctpLayout.Events(c.get(Unknown.SCTP_EVENTS), size, false, c.get(Unknown.EV_DATA_IO),
                Map.of(SctpEventType.ASSOCIATION_CHANGE, c.get(Unknown.EV_ASSOCIATION),
                        SctpEventType.SHUTDOWN, c.get(Unknown.EV_SHUTDOWN)));
    }

    /** Association changes and shutdown events; the other kinds stay untyped, their association id unknown. */
    private static SctpLayout.Notifications notifications(AixAbiConfig c) {
        if (!c.supports(Feature.NOTIFICATIONS)) {
            return null;
        }
        return new SctpLayout.Notifications(c.get(Unknown.SAC_TYPE), c.get(Unknown.SAC_LENGTH),
                c.get(Unknown.SCTP_ASSOC_CHANGE), c.get(Unknown.ASSOC_CHANGE_SIZE), c.get(Unknown.SAC_STATE),
                c.get(Unknown.SAC_ERROR), c.get(Unknown.SAC_OUTBOUND_STREAMS), c.get(Unknown.SAC_INBOUND_STREAMS),
                c.get(Unknown.SAC_ASSOC_ID), c.get(Unknown.SCTP_COMM_UP), c.get(Unknown.SCTP_COMM_LOST),
                c.get(Unknown.SCTP_RESTART), c.get(Unknown.SCTP_SHUTDOWN_COMP), c.get(Unknown.SCTP_CANT_STR_ASSOC),
                c.get(Unknown.SCTP_SHUTDOWN_EVENT), c.get(Unknown.SSE_ASSOC_ID) + AixAbi.SIZEOF_SCTP_ASSOC_T,
                c.get(Unknown.SSE_ASSOC_ID), List.of(), Map.of(), 0, 0, Map.of());
    }

    private static Map<SocketOption, SctpLayout.OptionNumber> options(AixAbiConfig c, int solSctp) {
        SctpLayout.OptionNumber sndbuf = new SctpLayout.OptionNumber(AixAbi.SOL_SOCKET, AixAbi.SO_SNDBUF,
                "SOL_SOCKET, SO_SNDBUF");
        SctpLayout.OptionNumber rcvbuf = new SctpLayout.OptionNumber(AixAbi.SOL_SOCKET, AixAbi.SO_RCVBUF,
                "SOL_SOCKET, SO_RCVBUF");
        if (!c.supports(Feature.NODELAY)) {
            return Map.of(SocketOption.SEND_BUFFER, sndbuf, SocketOption.RECEIVE_BUFFER, rcvbuf);
        }
        return Map.of(SocketOption.SEND_BUFFER, sndbuf, SocketOption.RECEIVE_BUFFER, rcvbuf, SocketOption.NODELAY,
                new SctpLayout.OptionNumber(solSctp, c.get(Unknown.SCTP_NODELAY),
                        "SOL_SCTP=" + solSctp + ", SCTP_NODELAY=" + c.get(Unknown.SCTP_NODELAY)));
    }
}
