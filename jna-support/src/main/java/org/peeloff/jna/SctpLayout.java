/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.jna;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntFunction;

import org.peeloff.AuthenticationEvent;
import org.peeloff.PeerAddressChange;
import org.peeloff.SctpEventType;
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
 * @param events        {@code struct sctp_event_subscribe} for SCTP_EVENTS, or null (no subscription)
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
        /**
         * What a backend reports for a descriptor the OS flagged: readable for {@code in}, writable for
         * {@code out}, and every interest on an error or hang-up (the next call then sees it), within
         * the interest.
         *
         * @param bits     the OS's {@code revents} (or event-port / pollset bits of the same values)
         * @param interest {@link org.peeloff.spi.Poller#READ} and/or {@link org.peeloff.spi.Poller#WRITE}
         * @return the ready events, 0 when none of interest
         */
        public int ready(int bits, int interest) {
            int ev = ((bits & in) != 0 ? org.peeloff.spi.Poller.READ : 0) | ((bits & out) != 0 ? org.peeloff.spi.Poller.WRITE : 0);
            if ((bits & (err | hup)) != 0) {
                ev |= interest;
            }
            return ev & interest;
        }

        /**
         * The OS's poll bits that watch for an interest: {@code in} for READ, {@code out} for WRITE.
         *
         * @param interest {@link org.peeloff.spi.Poller#READ} and/or {@link org.peeloff.spi.Poller#WRITE}
         * @return the bits for {@code events} (or for pollset_ctl and port_associate, of the same values)
         */
        public int bits(int interest) {
            return ((interest & org.peeloff.spi.Poller.READ) != 0 ? in : 0)
                    | ((interest & org.peeloff.spi.Poller.WRITE) != 0 ? out : 0);
        }
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
     * {@code struct sctp_event_subscribe} as passed to SCTP_EVENTS: one byte per event, at the offsets
     * the OS gives.
     *
     * @param option  {@code SCTP_EVENTS}
     * @param size    {@code sizeof(struct sctp_event_subscribe)}: what getsockopt reads, and what setsockopt
     *                passes unless {@code prefix}
     * @param prefix  true when the kernel takes a shorter struct (Linux: a prefix up to the last field
     *                set, so that a kernel older than the header still takes the events it knows)
     * @param dataIo  offset of {@code sctp_data_io_event}
     * @param fields  the offset of each notification kind's switch; a kind missing is not on this OS
     */
    public record Events(int option, int size, boolean prefix, int dataIo, Map<SctpEventType, Integer> fields) {
        /** Copies the map. */
        public Events {
            fields = Map.copyOf(fields);
        }
    }

    /** A field of a notification body, and how it is read. */
    public enum Field {
        /** A 4-byte error in host order ({@code spc_error}, {@code ssf_error}). */
        ERROR32,
        /** A 2-byte SCTP error cause code in network byte order ({@code sre_error} on Linux). */
        CAUSE16,
        /** A 2-byte SCTP error cause code in host byte order ({@code sre_error} on illumos, which converts it). */
        CAUSE16_HOST,
        /** A 4-byte state ({@code spc_state}). */
        STATE32,
        /** A {@code struct sockaddr_storage} ({@code spc_aaddr}). */
        ADDRESS,
        /** The header's 2-byte flags ({@code ssf_flags}, {@code strreset_flags}, ...). */
        FLAGS16,
        /** A 2-byte stream number ({@code sinfo_stream} of {@code ssf_info}, {@code snd_sid} of {@code ssfe_info}). */
        INFO_STREAM16,
        /** A 4-byte payload protocol id in network byte order ({@code sinfo_ppid}, {@code snd_ppid}). */
        INFO_PPID,
        /** Where the trailing bytes start (the unsent message, the error causes, the stream list). */
        DATA,
        /** A 4-byte indication ({@code pdapi_indication}, {@code sai_adaptation_ind}, {@code auth_indication}). */
        INDICATION32,
        /** A 4-byte stream number ({@code pdapi_stream}). */
        STREAM32,
        /** A 4-byte sequence number ({@code pdapi_seq}). */
        SEQUENCE32,
        /** A 2-byte key number ({@code auth_keynumber}). */
        KEY16,
        /** A 4-byte TSN ({@code assocreset_local_tsn}). */
        LOCAL_TSN32,
        /** A 4-byte TSN ({@code assocreset_remote_tsn}). */
        REMOTE_TSN32,
        /** A 2-byte stream count ({@code strchange_instrms}). */
        INBOUND16,
        /** A 2-byte stream count ({@code strchange_outstrms}). */
        OUTBOUND16
    }

    /**
     * One notification type's body beyond the header.
     *
     * @param type    its {@code sn_type}
     * @param kind    the kind it is delivered as
     * @param size    the struct's size without trailing data: a shorter notification stays untyped
     * @param assocId offset of its association id (4 bytes)
     * @param at      the offsets of the other fields it has
     */
    public record Body(int type, SctpEventType kind, int size, int assocId, Map<Field, Integer> at) {
        /** Copies the map. */
        public Body {
            at = Map.copyOf(at);
        }
    }

    /**
     * {@code union sctp_notification}: the header, the association change and the shutdown event, and
     * the bodies of the other kinds with the values their fields take.
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
     * @param bodies          the other notification types this OS documents (empty when unknown)
     * @param addressStates   {@code spc_state} values to their names
     * @param dataSent        the {@code ssf_flags} value {@code SCTP_DATA_SENT} (the other is {@code SCTP_DATA_UNSENT})
     * @param pdAborted       the {@code pdapi_indication} value {@code SCTP_PARTIAL_DELIVERY_ABORTED}
     * @param authIndications {@code auth_indication} values to their names (empty where there is no such event)
     */
    public record Notifications(int type, int length, int assocChange, int sacSize, int sacState, int sacError,
                                int sacOutbound, int sacInbound, int sacAssocId, int commUp, int commLost, int restart,
                                int shutdownComp, int cantStart, int shutdownEvent, int sseSize, int sseAssocId,
                                List<Body> bodies, Map<Integer, PeerAddressChange.State> addressStates, int dataSent,
                                int pdAborted, Map<Integer, AuthenticationEvent.Indication> authIndications) {
        /** Copies the collections. */
        public Notifications {
            bodies = List.copyOf(bodies);
            addressStates = Map.copyOf(addressStates);
            authIndications = Map.copyOf(authIndications);
        }

        /**
         * @param nativeType an {@code sn_type}
         * @return its body, or null when this OS does not document the type (or it is one of the two above)
         */
        public Body body(int nativeType) {
            for (Body b : bodies) {
                if (b.type() == nativeType) {
                    return b;
                }
            }
            return null;
        }

        /**
         * @return the kinds this layout parses into their records
         */
        public Set<SctpEventType> kinds() {
            EnumSet<SctpEventType> k = EnumSet.of(SctpEventType.ASSOCIATION_CHANGE, SctpEventType.SHUTDOWN);
            for (Body b : bodies) {
                k.add(b.kind());
            }
            return k;
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
