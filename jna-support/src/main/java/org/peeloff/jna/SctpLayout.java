/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.jna;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;

import org.peeloff.spi.SocketOption;

/**
 * One OS's numbers and struct layouts, as data: everything {@link PosixSctp} needs to speak that
 * OS's socket and SCTP ABI. A provider builds one from its {@code <Os>Abi} constants (each citing its
 * {@code abi.tsv} row); nothing here is a number of its own. A part the OS does not have, or whose
 * values are unknown (AIX), is null and the calls that need it fail {@code UNSUPPORTED} through
 * {@link PosixSctp#supports} and {@link PosixSctp#unsupported}.
 *
 * @param socket        socket creation, message flags and levels
 * @param errors        the errno numbers the layer tells apart, and the OS's errno names
 * @param fcntl         descriptor and file status flags
 * @param poll          {@code struct pollfd} and its events
 * @param msghdr        {@code struct msghdr} and {@code struct iovec}
 * @param cmsg          {@code struct cmsghdr}
 * @param sockaddr      {@code sockaddr_in} and {@code sockaddr_in6}
 * @param sendInfo      the control message {@code send} writes (SCTP_SNDINFO or SCTP_SNDRCV), or null
 * @param receiveInfos  the control messages {@code receive} reads, in order of preference (may be empty)
 * @param events        {@code struct sctp_event_subscribe} for SCTP_EVENTS, or null
 * @param notifications {@code union sctp_notification}, or null (every notification then stays untyped)
 * @param options       the integer socket options, by portable name (an option missing is unsupported)
 */
public record SctpLayout(Socket socket, Errors errors, Fcntl fcntl, Poll poll, Msghdr msghdr, Cmsg cmsg,
                         Sockaddr sockaddr, Info sendInfo, List<Info> receiveInfos, Events events,
                         Notifications notifications, Map<SocketOption, OptionNumber> options) {
    /**
     * Checks the mandatory parts and copies the collections.
     */
    public SctpLayout {
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(errors, "errors");
        Objects.requireNonNull(fcntl, "fcntl");
        Objects.requireNonNull(poll, "poll");
        Objects.requireNonNull(msghdr, "msghdr");
        Objects.requireNonNull(cmsg, "cmsg");
        Objects.requireNonNull(sockaddr, "sockaddr");
        receiveInfos = List.copyOf(receiveInfos);
        options = Map.copyOf(options);
    }

    /**
     * @param afInet           {@code AF_INET}
     * @param afInet6          {@code AF_INET6}
     * @param sockStream       {@code SOCK_STREAM} (one-to-one)
     * @param sockSeqpacket    {@code SOCK_SEQPACKET} (one-to-many)
     * @param sockCloexec      {@code SOCK_CLOEXEC}, or 0 when the OS has none (then {@code fcntl} right after)
     * @param ipprotoSctp      {@code IPPROTO_SCTP}
     * @param solSocket        {@code SOL_SOCKET}
     * @param solSctp          the level of the SCTP options ({@code SOL_SCTP} or {@code IPPROTO_SCTP})
     * @param msgDontwait      the flag for a call that must not wait ({@code MSG_DONTWAIT}, AIX {@code MSG_NONBLOCK})
     * @param msgNosignal      {@code MSG_NOSIGNAL}, or 0 where the OS has none
     * @param msgEor           {@code MSG_EOR}
     * @param msgNotification  {@code MSG_NOTIFICATION}, or 0 when unknown
     * @param oneToOneSockets  false when the OS documents no one-to-one SCTP sockets (AIX)
     */
    public record Socket(int afInet, int afInet6, int sockStream, int sockSeqpacket, int sockCloexec, int ipprotoSctp,
                         int solSocket, int solSctp, int msgDontwait, int msgNosignal, int msgEor, int msgNotification,
                         boolean oneToOneSockets) {
    }

    /**
     * @param eintr       {@code EINTR}
     * @param eagain      {@code EAGAIN}
     * @param einval      {@code EINVAL}
     * @param ebadf       {@code EBADF}
     * @param emfile      {@code EMFILE}
     * @param enotconn    {@code ENOTCONN}
     * @param eisconn     {@code EISCONN}
     * @param ealready    {@code EALREADY}
     * @param eopnotsupp  {@code EOPNOTSUPP}
     * @param enoprotoopt {@code ENOPROTOOPT}
     * @param eprototype  {@code EPROTOTYPE}
     * @param names       the OS's errno name of a number ({@code "EMFILE"}), or null for one it does not know
     */
    public record Errors(int eintr, int eagain, int einval, int ebadf, int emfile, int enotconn, int eisconn,
                         int ealready, int eopnotsupp, int enoprotoopt, int eprototype, IntFunction<String> names) {
    }

    /**
     * @param getfd         {@code F_GETFD}
     * @param setfd         {@code F_SETFD}
     * @param getfl         {@code F_GETFL}
     * @param setfl         {@code F_SETFL}
     * @param dupfd         {@code F_DUPFD}, to check for a free descriptor
     * @param fdCloexec     {@code FD_CLOEXEC}
     * @param nonblock      {@code O_NONBLOCK}
     * @param alsoNonblock  other status bits that also make a descriptor non-blocking (System V
     *                      {@code O_NDELAY} on illumos), cleared with it; 0 where there are none
     */
    public record Fcntl(int getfd, int setfd, int getfl, int setfl, int dupfd, int fdCloexec, int nonblock,
                        int alsoNonblock) {
    }

    /**
     * @param size    {@code sizeof(struct pollfd)}
     * @param fd      offset of {@code fd}
     * @param events  offset of {@code events}
     * @param revents offset of {@code revents}
     * @param in      {@code POLLIN}
     * @param out     {@code POLLOUT}
     * @param err     {@code POLLERR}
     * @param hup     {@code POLLHUP}
     * @param nval    {@code POLLNVAL}
     */
    public record Poll(int size, int fd, int events, int revents, int in, int out, int err, int hup, int nval) {
    }

    /**
     * {@code struct msghdr} and {@code struct iovec}. Lengths are 4 or 8 bytes wide
     * ({@code socklen_t}, {@code int}, {@code size_t}).
     *
     * @param size             {@code sizeof(struct msghdr)}
     * @param name             offset of {@code msg_name}
     * @param namelen          offset of {@code msg_namelen} (a {@code socklen_t}, 4 bytes)
     * @param iov              offset of {@code msg_iov}
     * @param iovlen           offset of {@code msg_iovlen}
     * @param iovlenWidth      its width
     * @param control          offset of {@code msg_control}
     * @param controllen       offset of {@code msg_controllen}
     * @param controllenWidth  its width
     * @param flags            offset of {@code msg_flags} (4 bytes)
     * @param iovecSize        {@code sizeof(struct iovec)}
     * @param iovBase          offset of {@code iov_base}
     * @param iovLen           offset of {@code iov_len} (a {@code size_t}, 8 bytes)
     */
    public record Msghdr(int size, int name, int namelen, int iov, int iovlen, int iovlenWidth, int control,
                         int controllen, int controllenWidth, int flags, int iovecSize, int iovBase, int iovLen) {
    }

    /**
     * {@code struct cmsghdr}.
     *
     * @param lenWidth the width of {@code cmsg_len} at offset 0 (8 on Linux, 4 elsewhere)
     * @param level    offset of {@code cmsg_level}
     * @param type     offset of {@code cmsg_type}
     * @param data     offset of the data ({@code CMSG_DATA})
     * @param align    the alignment each message's length is rounded up to (1: no padding)
     */
    public record Cmsg(int lenWidth, int level, int type, int data, int align) {
        /**
         * @param dataSize bytes of data
         * @return {@code CMSG_LEN(dataSize)}
         */
        public int len(int dataSize) {
            return data + dataSize;
        }

        /**
         * @param dataSize bytes of data
         * @return {@code CMSG_SPACE(dataSize)}
         */
        public int space(int dataSize) {
            return (len(dataSize) + align - 1) / align * align;
        }
    }

    /**
     * {@code sockaddr_in} and {@code sockaddr_in6}; ports and addresses in network byte order.
     *
     * @param lenByte         true when the struct starts with a one-byte {@code sin_len} and a one-byte
     *                        family (AIX, BSD); false for a two-byte family at offset 0
     * @param afInet          {@code AF_INET}
     * @param afInet6         {@code AF_INET6}
     * @param inSize          {@code sizeof(struct sockaddr_in)}
     * @param inPort          offset of {@code sin_port}
     * @param inAddr          offset of {@code sin_addr}
     * @param in6Size         {@code sizeof(struct sockaddr_in6)}
     * @param in6Port         offset of {@code sin6_port}
     * @param in6Addr         offset of {@code sin6_addr}
     * @param in6ScopeId      offset of {@code sin6_scope_id}
     * @param storageSize     {@code sizeof(struct sockaddr_storage)}
     * @param mapIpv4OnInet6  true when an {@code AF_INET6} socket takes IPv4 addresses only as
     *                        {@code ::ffff:a.b.c.d} (illumos)
     */
    public record Sockaddr(boolean lenByte, int afInet, int afInet6, int inSize, int inPort, int inAddr, int in6Size,
                           int in6Port, int in6Addr, int in6ScopeId, int storageSize, boolean mapIpv4OnInet6) {
    }

    /**
     * One SCTP control message carrying per-message information ({@code struct sctp_sndinfo},
     * {@code struct sctp_rcvinfo} or {@code struct sctp_sndrcvinfo}).
     *
     * @param name      its name, for messages
     * @param level     {@code cmsg_level}
     * @param type      {@code cmsg_type}
     * @param size      the struct's size
     * @param stream    offset of the stream number (2 bytes)
     * @param flags     offset of the flags (2 bytes)
     * @param ppid      offset of the payload protocol id (4 bytes, network byte order)
     * @param assocId   offset of the association id (4 bytes)
     * @param unordered the flag for unordered delivery
     */
    public record Info(String name, int level, int type, int size, int stream, int flags, int ppid, int assocId,
                       int unordered) {
    }

    /**
     * {@code struct sctp_event_subscribe} as passed to SCTP_EVENTS: {@code size} bytes (a prefix of the
     * struct is enough where the kernel takes it), one byte per event.
     *
     * @param option      {@code SCTP_EVENTS}
     * @param size        bytes passed
     * @param dataIo      offset of {@code sctp_data_io_event}
     * @param association offset of {@code sctp_association_event}
     * @param shutdown    offset of {@code sctp_shutdown_event}
     */
    public record Events(int option, int size, int dataIo, int association, int shutdown) {
    }

    /**
     * {@code union sctp_notification}: the header, the association change and the shutdown event, and
     * where the other kinds keep their association id.
     *
     * @param type            offset of {@code sn_type} (2 bytes)
     * @param length          offset of {@code sn_length} (4 bytes)
     * @param assocChange     {@code SCTP_ASSOC_CHANGE}
     * @param sacSize         {@code sizeof(struct sctp_assoc_change)} without its trailing info
     * @param sacState        offset of {@code sac_state}
     * @param sacError        offset of {@code sac_error} (2 bytes, network byte order)
     * @param sacOutbound     offset of {@code sac_outbound_streams}
     * @param sacInbound      offset of {@code sac_inbound_streams}
     * @param sacAssocId      offset of {@code sac_assoc_id}
     * @param commUp          {@code SCTP_COMM_UP}
     * @param commLost        {@code SCTP_COMM_LOST}
     * @param restart         {@code SCTP_RESTART}
     * @param shutdownComp    {@code SCTP_SHUTDOWN_COMP}
     * @param cantStart       {@code SCTP_CANT_STR_ASSOC}
     * @param shutdownEvent   {@code SCTP_SHUTDOWN_EVENT}
     * @param sseSize         {@code sizeof(struct sctp_shutdown_event)}
     * @param sseAssocId      offset of {@code sse_assoc_id}
     * @param otherAssocIds   for other notification types: type to the offset of their association id
     */
    public record Notifications(int type, int length, int assocChange, int sacSize, int sacState, int sacError,
                                int sacOutbound, int sacInbound, int sacAssocId, int commUp, int commLost, int restart,
                                int shutdownComp, int cantStart, int shutdownEvent, int sseSize, int sseAssocId,
                                Map<Integer, Integer> otherAssocIds) {
        /** Copies the map. */
        public Notifications {
            otherAssocIds = Map.copyOf(otherAssocIds);
        }
    }

    /**
     * An integer socket option's numbers.
     *
     * @param level the level
     * @param name  the option
     * @param text  the call's words for messages, e.g. {@code "SOL_SOCKET, SO_SNDBUF"}
     */
    public record OptionNumber(int level, int name, String text) {
    }
}
