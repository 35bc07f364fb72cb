/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.linux;

import java.lang.invoke.MethodHandles;

import org.peeloff.jna.AbiRow;
import org.peeloff.jna.ErrnoNames;

/**
 * Every native number the Linux provider uses: errno values, flags, option numbers, struct sizes
 * and field offsets, for the LP64 Linux ABI (x86_64; the generic layout aarch64 and the other
 * 64-bit asm-generic architectures share). Each constant names its row of {@code abi.tsv}
 * ({@code os=linux}) with {@link AbiRow}; the shared test {@code AbiConformance} holds every one of
 * them against that table, so a wrong number fails the build on any machine. Nothing here is read
 * from the table at run time.
 */
@AbiRow.Table("linux")
final class LinuxAbi {
    private LinuxAbi() {
    }

    // ---- errno (asm-generic/errno-base.h, asm-generic/errno.h) ----

    @AbiRow("EPERM")
    static final int EPERM = 1;
    @AbiRow("ENOENT")
    static final int ENOENT = 2;
    @AbiRow("EINTR")
    static final int EINTR = 4;
    @AbiRow("EBADF")
    static final int EBADF = 9;
    /** EWOULDBLOCK is the same number */
    @AbiRow("EAGAIN")
    static final int EAGAIN = 11;
    @AbiRow("ENOMEM")
    static final int ENOMEM = 12;
    @AbiRow("EACCES")
    static final int EACCES = 13;
    @AbiRow("EFAULT")
    static final int EFAULT = 14;
    @AbiRow("EBUSY")
    static final int EBUSY = 16;
    @AbiRow("EINVAL")
    static final int EINVAL = 22;
    @AbiRow("ENFILE")
    static final int ENFILE = 23;
    @AbiRow("EMFILE")
    static final int EMFILE = 24;
    @AbiRow("EPIPE")
    static final int EPIPE = 32;
    @AbiRow("ENOSYS")
    static final int ENOSYS = 38;
    @AbiRow("ENOTSOCK")
    static final int ENOTSOCK = 88;
    @AbiRow("EMSGSIZE")
    static final int EMSGSIZE = 90;
    @AbiRow("EPROTOTYPE")
    static final int EPROTOTYPE = 91;
    @AbiRow("ENOPROTOOPT")
    static final int ENOPROTOOPT = 92;
    @AbiRow("EPROTONOSUPPORT")
    static final int EPROTONOSUPPORT = 93;
    @AbiRow("ESOCKTNOSUPPORT")
    static final int ESOCKTNOSUPPORT = 94;
    /** ENOTSUP is the same number on Linux */
    @AbiRow("EOPNOTSUPP")
    static final int EOPNOTSUPP = 95;
    @AbiRow("EAFNOSUPPORT")
    static final int EAFNOSUPPORT = 97;
    @AbiRow("EADDRINUSE")
    static final int EADDRINUSE = 98;
    @AbiRow("EADDRNOTAVAIL")
    static final int EADDRNOTAVAIL = 99;
    @AbiRow("ENETUNREACH")
    static final int ENETUNREACH = 101;
    @AbiRow("ECONNABORTED")
    static final int ECONNABORTED = 103;
    @AbiRow("ECONNRESET")
    static final int ECONNRESET = 104;
    @AbiRow("ENOBUFS")
    static final int ENOBUFS = 105;
    @AbiRow("EISCONN")
    static final int EISCONN = 106;
    @AbiRow("ENOTCONN")
    static final int ENOTCONN = 107;
    @AbiRow("ESHUTDOWN")
    static final int ESHUTDOWN = 108;
    @AbiRow("ETIMEDOUT")
    static final int ETIMEDOUT = 110;
    @AbiRow("ECONNREFUSED")
    static final int ECONNREFUSED = 111;
    @AbiRow("EHOSTUNREACH")
    static final int EHOSTUNREACH = 113;
    @AbiRow("EALREADY")
    static final int EALREADY = 114;
    @AbiRow("EINPROGRESS")
    static final int EINPROGRESS = 115;

    // ---- sockets (bits/socket.h, bits/socket_type.h, asm-generic/socket.h, netinet/in.h) ----

    @AbiRow("AF_INET")
    static final int AF_INET = 2;
    @AbiRow("AF_INET6")
    static final int AF_INET6 = 10;
    @AbiRow("SOCK_STREAM")
    static final int SOCK_STREAM = 1;
    @AbiRow("SOCK_SEQPACKET")
    static final int SOCK_SEQPACKET = 5;
    @AbiRow("SOCK_NONBLOCK")
    static final int SOCK_NONBLOCK = 2048;
    @AbiRow("SOCK_CLOEXEC")
    static final int SOCK_CLOEXEC = 524288;
    @AbiRow("IPPROTO_SCTP")
    static final int IPPROTO_SCTP = 132;
    @AbiRow("SOL_SOCKET")
    static final int SOL_SOCKET = 1;
    @AbiRow("SO_TYPE")
    static final int SO_TYPE = 3;
    @AbiRow("SO_SNDBUF")
    static final int SO_SNDBUF = 7;
    @AbiRow("SO_RCVBUF")
    static final int SO_RCVBUF = 8;
    @AbiRow("SO_ACCEPTCONN")
    static final int SO_ACCEPTCONN = 30;
    @AbiRow("SO_PROTOCOL")
    static final int SO_PROTOCOL = 38;
    @AbiRow("MSG_CTRUNC")
    static final int MSG_CTRUNC = 8;
    @AbiRow("MSG_DONTWAIT")
    static final int MSG_DONTWAIT = 64;
    @AbiRow("MSG_EOR")
    static final int MSG_EOR = 128;
    @AbiRow("MSG_NOSIGNAL")
    static final int MSG_NOSIGNAL = 16384;
    /** reported in recvmsg msg_flags; the same bit as MSG_MORE */
    @AbiRow("MSG_NOTIFICATION")
    static final int MSG_NOTIFICATION = 32768;

    // ---- fcntl (bits/fcntl-linux.h) ----

    @AbiRow("F_GETFD")
    static final int F_GETFD = 1;
    @AbiRow("F_SETFD")
    static final int F_SETFD = 2;
    @AbiRow("F_GETFL")
    static final int F_GETFL = 3;
    @AbiRow("F_SETFL")
    static final int F_SETFL = 4;
    @AbiRow("F_DUPFD_CLOEXEC")
    static final int F_DUPFD_CLOEXEC = 1030;
    @AbiRow("FD_CLOEXEC")
    static final int FD_CLOEXEC = 1;
    @AbiRow("O_NONBLOCK")
    static final int O_NONBLOCK = 2048;

    // ---- poll (sys/poll.h) ----

    @AbiRow("POLLIN")
    static final short POLLIN = 1;
    @AbiRow("POLLOUT")
    static final short POLLOUT = 4;
    @AbiRow("POLLERR")
    static final short POLLERR = 8;
    @AbiRow("POLLHUP")
    static final short POLLHUP = 16;
    @AbiRow("POLLNVAL")
    static final short POLLNVAL = 32;
    @AbiRow("sizeof(struct pollfd)")
    static final int SIZEOF_POLLFD = 8;
    @AbiRow("offsetof(struct pollfd,fd)")
    static final int POLLFD_FD = 0;
    @AbiRow("offsetof(struct pollfd,events)")
    static final int POLLFD_EVENTS = 4;
    @AbiRow("offsetof(struct pollfd,revents)")
    static final int POLLFD_REVENTS = 6;

    // ---- epoll (sys/epoll.h, bits/epoll.h) ----

    @AbiRow("EPOLLIN")
    static final int EPOLLIN = 1;
    @AbiRow("EPOLLOUT")
    static final int EPOLLOUT = 4;
    @AbiRow("EPOLLERR")
    static final int EPOLLERR = 8;
    @AbiRow("EPOLLHUP")
    static final int EPOLLHUP = 16;
    @AbiRow("EPOLL_CTL_ADD")
    static final int EPOLL_CTL_ADD = 1;
    @AbiRow("EPOLL_CTL_DEL")
    static final int EPOLL_CTL_DEL = 2;
    @AbiRow("EPOLL_CTL_MOD")
    static final int EPOLL_CTL_MOD = 3;
    @AbiRow("EPOLL_CLOEXEC")
    static final int EPOLL_CLOEXEC = 524288;
    /** packed on x86_64 (__EPOLL_PACKED): events at 0, the 8-byte data at 4 */
    @AbiRow("sizeof(struct epoll_event)")
    static final int SIZEOF_EPOLL_EVENT = 12;
    @AbiRow("offsetof(struct epoll_event,events)")
    static final int EPOLL_EVENT_EVENTS = 0;
    @AbiRow("offsetof(struct epoll_event,data)")
    static final int EPOLL_EVENT_DATA = 4;
    /** not packed on the other 64-bit architectures (uapi eventpoll.h packs it for x86_64 only): data at 8 */
    @AbiRow("sizeof(struct epoll_event) on 64-bit architectures other than x86_64")
    static final int SIZEOF_EPOLL_EVENT_ALIGNED = 16;
    @AbiRow("offsetof(struct epoll_event,events) on 64-bit architectures other than x86_64")
    static final int EPOLL_EVENT_EVENTS_ALIGNED = 0;
    @AbiRow("offsetof(struct epoll_event,data) on 64-bit architectures other than x86_64")
    static final int EPOLL_EVENT_DATA_ALIGNED = 8;

    // ---- SCTP socket options (linux/sctp.h), all at level SOL_SCTP ----

    /** the same number as IPPROTO_SCTP */
    @AbiRow("SOL_SCTP")
    static final int SOL_SCTP = 132;
    @AbiRow("SCTP_NODELAY")
    static final int SCTP_NODELAY = 3;
    @AbiRow("SCTP_EVENTS")
    static final int SCTP_EVENTS = 11;
    @AbiRow("SCTP_CONTEXT")
    static final int SCTP_CONTEXT = 17;
    @AbiRow("SCTP_GET_ASSOC_NUMBER")
    static final int SCTP_GET_ASSOC_NUMBER = 28;
    @AbiRow("SCTP_GET_ASSOC_ID_LIST")
    static final int SCTP_GET_ASSOC_ID_LIST = 29;
    @AbiRow("SCTP_RECVRCVINFO")
    static final int SCTP_RECVRCVINFO = 32;
    @AbiRow("SCTP_SOCKOPT_BINDX_ADD")
    static final int SCTP_SOCKOPT_BINDX_ADD = 100;
    @AbiRow("SCTP_SOCKOPT_BINDX_REM")
    static final int SCTP_SOCKOPT_BINDX_REM = 101;
    @AbiRow("SCTP_SOCKOPT_PEELOFF")
    static final int SCTP_SOCKOPT_PEELOFF = 102;
    @AbiRow("SCTP_GET_PEER_ADDRS")
    static final int SCTP_GET_PEER_ADDRS = 108;
    @AbiRow("SCTP_GET_LOCAL_ADDRS")
    static final int SCTP_GET_LOCAL_ADDRS = 109;
    @AbiRow("SCTP_SOCKOPT_PEELOFF_FLAGS")
    static final int SCTP_SOCKOPT_PEELOFF_FLAGS = 122;

    // ---- SCTP control messages, flags, notifications (linux/sctp.h) ----

    /** cmsg type of struct sctp_sndrcvinfo */
    @AbiRow("SCTP_SNDRCV")
    static final int SCTP_SNDRCV = 1;
    /** cmsg type of struct sctp_sndinfo */
    @AbiRow("SCTP_SNDINFO")
    static final int SCTP_SNDINFO = 2;
    /** cmsg type of struct sctp_rcvinfo */
    @AbiRow("SCTP_RCVINFO")
    static final int SCTP_RCVINFO = 3;
    @AbiRow("SCTP_UNORDERED")
    static final int SCTP_UNORDERED = 1;
    @AbiRow("SCTP_ASSOC_CHANGE")
    static final int SCTP_ASSOC_CHANGE = 32769;
    @AbiRow("SCTP_PEER_ADDR_CHANGE")
    static final int SCTP_PEER_ADDR_CHANGE = 32770;
    @AbiRow("SCTP_SEND_FAILED")
    static final int SCTP_SEND_FAILED = 32771;
    @AbiRow("SCTP_SHUTDOWN_EVENT")
    static final int SCTP_SHUTDOWN_EVENT = 32773;
    @AbiRow("SCTP_COMM_UP")
    static final int SCTP_COMM_UP = 0;
    @AbiRow("SCTP_COMM_LOST")
    static final int SCTP_COMM_LOST = 1;
    @AbiRow("SCTP_RESTART")
    static final int SCTP_RESTART = 2;
    @AbiRow("SCTP_SHUTDOWN_COMP")
    static final int SCTP_SHUTDOWN_COMP = 3;
    @AbiRow("SCTP_CANT_STR_ASSOC")
    static final int SCTP_CANT_STR_ASSOC = 4;

    // ---- struct layouts (LP64) ----

    @AbiRow("sizeof(struct sockaddr_storage)")
    static final int SIZEOF_SOCKADDR_STORAGE = 128;
    @AbiRow("sizeof(struct sockaddr_in)")
    static final int SIZEOF_SOCKADDR_IN = 16;
    /** a 2-byte sa_family_t; Linux has no sin_len */
    @AbiRow("offsetof(struct sockaddr_in,sin_family)")
    static final int SOCKADDR_IN_FAMILY = 0;
    /** network byte order */
    @AbiRow("offsetof(struct sockaddr_in,sin_port)")
    static final int SOCKADDR_IN_PORT = 2;
    @AbiRow("offsetof(struct sockaddr_in,sin_addr)")
    static final int SOCKADDR_IN_ADDR = 4;
    @AbiRow("sizeof(struct sockaddr_in6)")
    static final int SIZEOF_SOCKADDR_IN6 = 28;
    @AbiRow("offsetof(struct sockaddr_in6,sin6_family)")
    static final int SOCKADDR_IN6_FAMILY = 0;
    /** network byte order */
    @AbiRow("offsetof(struct sockaddr_in6,sin6_port)")
    static final int SOCKADDR_IN6_PORT = 2;
    @AbiRow("offsetof(struct sockaddr_in6,sin6_flowinfo)")
    static final int SOCKADDR_IN6_FLOWINFO = 4;
    @AbiRow("offsetof(struct sockaddr_in6,sin6_addr)")
    static final int SOCKADDR_IN6_ADDR = 8;
    @AbiRow("offsetof(struct sockaddr_in6,sin6_scope_id)")
    static final int SOCKADDR_IN6_SCOPE_ID = 24;

    @AbiRow("sizeof(struct msghdr)")
    static final int SIZEOF_MSGHDR = 56;
    @AbiRow("offsetof(struct msghdr,msg_name)")
    static final int MSGHDR_NAME = 0;
    /** a 4-byte socklen_t */
    @AbiRow("offsetof(struct msghdr,msg_namelen)")
    static final int MSGHDR_NAMELEN = 8;
    @AbiRow("offsetof(struct msghdr,msg_iov)")
    static final int MSGHDR_IOV = 16;
    /** an 8-byte size_t */
    @AbiRow("offsetof(struct msghdr,msg_iovlen)")
    static final int MSGHDR_IOVLEN = 24;
    @AbiRow("offsetof(struct msghdr,msg_control)")
    static final int MSGHDR_CONTROL = 32;
    /** an 8-byte size_t */
    @AbiRow("offsetof(struct msghdr,msg_controllen)")
    static final int MSGHDR_CONTROLLEN = 40;
    @AbiRow("offsetof(struct msghdr,msg_flags)")
    static final int MSGHDR_FLAGS = 48;
    @AbiRow("sizeof(struct msghdr.msg_iovlen)")
    static final int SIZEOF_MSGHDR_IOVLEN = 8;
    @AbiRow("sizeof(struct msghdr.msg_controllen)")
    static final int SIZEOF_MSGHDR_CONTROLLEN = 8;
    @AbiRow("sizeof(struct cmsghdr.cmsg_len)")
    static final int SIZEOF_CMSGHDR_LEN = 8;
    @AbiRow("sizeof(struct iovec)")
    static final int SIZEOF_IOVEC = 16;
    @AbiRow("offsetof(struct iovec,iov_base)")
    static final int IOVEC_BASE = 0;
    /** an 8-byte size_t */
    @AbiRow("offsetof(struct iovec,iov_len)")
    static final int IOVEC_LEN = 8;

    /** an 8-byte size_t */
    @AbiRow("offsetof(struct cmsghdr,cmsg_len)")
    static final int CMSGHDR_LEN = 0;
    @AbiRow("offsetof(struct cmsghdr,cmsg_level)")
    static final int CMSGHDR_LEVEL = 8;
    @AbiRow("offsetof(struct cmsghdr,cmsg_type)")
    static final int CMSGHDR_TYPE = 12;
    /** where CMSG_DATA starts */
    @AbiRow("CMSG_LEN(0)")
    static final int CMSG_DATA_OFFSET = 16;
    @AbiRow("CMSG_ALIGN (cmsg header/data alignment, bytes)")
    static final int CMSG_ALIGN = 8;
    @AbiRow("CMSG_LEN(sizeof(struct sctp_sndinfo))")
    static final int CMSG_LEN_SNDINFO = 32;
    @AbiRow("CMSG_SPACE(sizeof(struct sctp_sndinfo))")
    static final int CMSG_SPACE_SNDINFO = 32;
    @AbiRow("CMSG_LEN(sizeof(struct sctp_sndrcvinfo))")
    static final int CMSG_LEN_SNDRCVINFO = 48;
    @AbiRow("CMSG_SPACE(sizeof(struct sctp_sndrcvinfo))")
    static final int CMSG_SPACE_SNDRCVINFO = 48;
    @AbiRow("CMSG_SPACE(sizeof(struct sctp_rcvinfo))")
    static final int CMSG_SPACE_RCVINFO = 48;

    @AbiRow("sizeof(struct sctp_sndinfo)")
    static final int SIZEOF_SCTP_SNDINFO = 16;
    @AbiRow("offsetof(struct sctp_sndinfo,snd_sid)")
    static final int SNDINFO_SID = 0;
    @AbiRow("offsetof(struct sctp_sndinfo,snd_flags)")
    static final int SNDINFO_FLAGS = 2;
    @AbiRow("offsetof(struct sctp_sndinfo,snd_ppid)")
    static final int SNDINFO_PPID = 4;
    @AbiRow("offsetof(struct sctp_sndinfo,snd_context)")
    static final int SNDINFO_CONTEXT = 8;
    @AbiRow("offsetof(struct sctp_sndinfo,snd_assoc_id)")
    static final int SNDINFO_ASSOC_ID = 12;

    @AbiRow("sizeof(struct sctp_rcvinfo)")
    static final int SIZEOF_SCTP_RCVINFO = 28;
    @AbiRow("offsetof(struct sctp_rcvinfo,rcv_sid)")
    static final int RCVINFO_SID = 0;
    @AbiRow("offsetof(struct sctp_rcvinfo,rcv_flags)")
    static final int RCVINFO_FLAGS = 4;
    @AbiRow("offsetof(struct sctp_rcvinfo,rcv_ppid)")
    static final int RCVINFO_PPID = 8;
    @AbiRow("offsetof(struct sctp_rcvinfo,rcv_assoc_id)")
    static final int RCVINFO_ASSOC_ID = 24;

    @AbiRow("sizeof(struct sctp_sndrcvinfo)")
    static final int SIZEOF_SCTP_SNDRCVINFO = 32;
    @AbiRow("offsetof(struct sctp_sndrcvinfo,sinfo_stream)")
    static final int SNDRCVINFO_STREAM = 0;
    @AbiRow("offsetof(struct sctp_sndrcvinfo,sinfo_flags)")
    static final int SNDRCVINFO_FLAGS = 4;
    @AbiRow("offsetof(struct sctp_sndrcvinfo,sinfo_ppid)")
    static final int SNDRCVINFO_PPID = 8;
    @AbiRow("offsetof(struct sctp_sndrcvinfo,sinfo_assoc_id)")
    static final int SNDRCVINFO_ASSOC_ID = 28;

    @AbiRow("offsetof(struct sctp_event_subscribe,sctp_data_io_event)")
    static final int EVENT_SUBSCRIBE_DATA_IO = 0;
    @AbiRow("offsetof(struct sctp_event_subscribe,sctp_association_event)")
    static final int EVENT_SUBSCRIBE_ASSOCIATION = 1;
    @AbiRow("offsetof(struct sctp_event_subscribe,sctp_shutdown_event)")
    static final int EVENT_SUBSCRIBE_SHUTDOWN = 5;

    @AbiRow("sizeof(sctp_peeloff_arg_t)")
    static final int SIZEOF_PEELOFF_ARG = 8;
    @AbiRow("offsetof(sctp_peeloff_arg_t,associd)")
    static final int PEELOFF_ARG_ASSOCID = 0;
    /** the kernel writes the new descriptor here */
    @AbiRow("offsetof(sctp_peeloff_arg_t,sd)")
    static final int PEELOFF_ARG_SD = 4;
    @AbiRow("sizeof(sctp_peeloff_flags_arg_t)")
    static final int SIZEOF_PEELOFF_FLAGS_ARG = 12;
    @AbiRow("offsetof(sctp_peeloff_flags_arg_t,flags)")
    static final int PEELOFF_FLAGS_ARG_FLAGS = 8;

    @AbiRow("sizeof(struct sctp_assoc_value)")
    static final int SIZEOF_SCTP_ASSOC_VALUE = 8;
    @AbiRow("offsetof(struct sctp_assoc_value,assoc_id)")
    static final int ASSOC_VALUE_ASSOC_ID = 0;
    @AbiRow("offsetof(struct sctp_assoc_ids,gaids_number_of_ids)")
    static final int ASSOC_IDS_NUMBER = 0;
    @AbiRow("offsetof(struct sctp_assoc_ids,gaids_assoc_id)")
    static final int ASSOC_IDS_IDS = 4;
    @AbiRow("sizeof(sctp_assoc_t)")
    static final int SIZEOF_SCTP_ASSOC_T = 4;
    @AbiRow("offsetof(struct sctp_getaddrs,assoc_id)")
    static final int GETADDRS_ASSOC_ID = 0;
    @AbiRow("offsetof(struct sctp_getaddrs,addr_num)")
    static final int GETADDRS_ADDR_NUM = 4;
    /** packed sockaddr_in / sockaddr_in6 follow */
    @AbiRow("offsetof(struct sctp_getaddrs,addrs)")
    static final int GETADDRS_ADDRS = 8;

    @AbiRow("offsetof(union sctp_notification,sn_header.sn_type)")
    static final int NOTIFICATION_TYPE = 0;
    @AbiRow("offsetof(union sctp_notification,sn_header.sn_length)")
    static final int NOTIFICATION_LENGTH = 4;
    @AbiRow("sizeof(struct sctp_assoc_change)")
    static final int SIZEOF_SCTP_ASSOC_CHANGE = 20;
    @AbiRow("offsetof(struct sctp_assoc_change,sac_state)")
    static final int ASSOC_CHANGE_STATE = 8;
    @AbiRow("offsetof(struct sctp_assoc_change,sac_error)")
    static final int ASSOC_CHANGE_ERROR = 10;
    @AbiRow("offsetof(struct sctp_assoc_change,sac_outbound_streams)")
    static final int ASSOC_CHANGE_OUTBOUND_STREAMS = 12;
    @AbiRow("offsetof(struct sctp_assoc_change,sac_inbound_streams)")
    static final int ASSOC_CHANGE_INBOUND_STREAMS = 14;
    @AbiRow("offsetof(struct sctp_assoc_change,sac_assoc_id)")
    static final int ASSOC_CHANGE_ASSOC_ID = 16;
    @AbiRow("sizeof(struct sctp_shutdown_event)")
    static final int SIZEOF_SCTP_SHUTDOWN_EVENT = 12;
    @AbiRow("offsetof(struct sctp_shutdown_event,sse_assoc_id)")
    static final int SHUTDOWN_EVENT_ASSOC_ID = 8;
    @AbiRow("offsetof(struct sctp_paddr_change,spc_assoc_id)")
    static final int PADDR_CHANGE_ASSOC_ID = 144;
    @AbiRow("offsetof(struct sctp_send_failed,ssf_assoc_id)")
    static final int SEND_FAILED_ASSOC_ID = 44;

    // ---- association control: connectx with the id back, ending one association, time-to-live, cut messages

    /** {@code sctp_connectx} of libsctp's default version is this getsockopt (abi.tsv fact:sctp_connectx.implementation). */
    @AbiRow("SCTP_SOCKOPT_CONNECTX3")
    static final int SCTP_SOCKOPT_CONNECTX3 = 111;
    /** Its argument, {@code struct sctp_getaddrs_old}. */
    @AbiRow("sizeof(struct sctp_getaddrs_old)")
    static final int SIZEOF_SCTP_GETADDRS_OLD = 16;
    /** Out: the new association's id. */
    @AbiRow("offsetof(struct sctp_getaddrs_old,assoc_id)")
    static final int GETADDRS_OLD_ASSOC_ID = 0;
    /** In: the bytes of the packed address list (not their number). */
    @AbiRow("offsetof(struct sctp_getaddrs_old,addr_num)")
    static final int GETADDRS_OLD_ADDR_NUM = 4;
    /** In: a pointer to the packed addresses. */
    @AbiRow("offsetof(struct sctp_getaddrs_old,addrs)")
    static final int GETADDRS_OLD_ADDRS = 8;
    /**
     * Graceful shutdown of one association ({@code snd_flags}/{@code sinfo_flags}; MSG_FIN); also how
     * {@code shutdown()} ends a peeled-off socket's association.
     */
    @AbiRow("SCTP_EOF")
    static final int SCTP_EOF = 512;
    /** Abort of one association; the message's bytes are the user's abort reason. */
    @AbiRow("SCTP_ABORT")
    static final int SCTP_ABORT = 4;
    /** The PR-SCTP policy "time to live" in {@code sinfo_flags} (inside SCTP_PR_SCTP_MASK; not FreeBSD's 1). */
    @AbiRow("SCTP_PR_SCTP_TTL")
    static final int SCTP_PR_SCTP_TTL = 16;
    @AbiRow("offsetof(struct sctp_sndrcvinfo,sinfo_timetolive)")
    static final int SNDRCVINFO_TIMETOLIVE = 16;
    @AbiRow("MSG_TRUNC")
    static final int MSG_TRUNC = 32;

    // ---- notifications beyond association change and shutdown, and the event subscription (issue 15) ----
    @AbiRow("SCTP_REMOTE_ERROR")
    static final int SCTP_REMOTE_ERROR = 32772;
    @AbiRow("SCTP_PARTIAL_DELIVERY_EVENT")
    static final int SCTP_PARTIAL_DELIVERY_EVENT = 32774;
    @AbiRow("SCTP_ADAPTATION_INDICATION")
    static final int SCTP_ADAPTATION_INDICATION = 32775;
    @AbiRow("SCTP_AUTHENTICATION_EVENT")
    static final int SCTP_AUTHENTICATION_EVENT = 32776;
    @AbiRow("SCTP_SENDER_DRY_EVENT")
    static final int SCTP_SENDER_DRY_EVENT = 32777;
    @AbiRow("SCTP_STREAM_RESET_EVENT")
    static final int SCTP_STREAM_RESET_EVENT = 32778;
    @AbiRow("SCTP_ASSOC_RESET_EVENT")
    static final int SCTP_ASSOC_RESET_EVENT = 32779;
    @AbiRow("SCTP_STREAM_CHANGE_EVENT")
    static final int SCTP_STREAM_CHANGE_EVENT = 32780;
    @AbiRow("SCTP_SEND_FAILED_EVENT")
    static final int SCTP_SEND_FAILED_EVENT = 32781;
    @AbiRow("SCTP_ADDR_AVAILABLE")
    static final int SCTP_ADDR_AVAILABLE = 0;
    @AbiRow("SCTP_ADDR_UNREACHABLE")
    static final int SCTP_ADDR_UNREACHABLE = 1;
    @AbiRow("SCTP_ADDR_REMOVED")
    static final int SCTP_ADDR_REMOVED = 2;
    @AbiRow("SCTP_ADDR_ADDED")
    static final int SCTP_ADDR_ADDED = 3;
    @AbiRow("SCTP_ADDR_MADE_PRIM")
    static final int SCTP_ADDR_MADE_PRIM = 4;
    @AbiRow("SCTP_ADDR_CONFIRMED")
    static final int SCTP_ADDR_CONFIRMED = 5;
    @AbiRow("SCTP_ADDR_POTENTIALLY_FAILED")
    static final int SCTP_ADDR_POTENTIALLY_FAILED = 6;
    @AbiRow("SCTP_DATA_SENT")
    static final int SCTP_DATA_SENT = 1;
    @AbiRow("SCTP_PARTIAL_DELIVERY_ABORTED")
    static final int SCTP_PARTIAL_DELIVERY_ABORTED = 0;
    @AbiRow("SCTP_AUTH_NEW_KEY")
    static final int SCTP_AUTH_NEW_KEY = 0;
    @AbiRow("SCTP_AUTH_FREE_KEY")
    static final int SCTP_AUTH_FREE_KEY = 1;
    @AbiRow("SCTP_AUTH_NO_AUTH")
    static final int SCTP_AUTH_NO_AUTH = 2;
    @AbiRow("sizeof(struct sctp_event_subscribe)")
    static final int SIZEOF_SCTP_EVENT_SUBSCRIBE = 14;
    @AbiRow("offsetof(struct sctp_event_subscribe,sctp_address_event)")
    static final int EVENT_SUBSCRIBE_ADDRESS = 2;
    @AbiRow("offsetof(struct sctp_event_subscribe,sctp_send_failure_event)")
    static final int EVENT_SUBSCRIBE_SEND_FAILURE = 3;
    @AbiRow("offsetof(struct sctp_event_subscribe,sctp_peer_error_event)")
    static final int EVENT_SUBSCRIBE_PEER_ERROR = 4;
    @AbiRow("offsetof(struct sctp_event_subscribe,sctp_partial_delivery_event)")
    static final int EVENT_SUBSCRIBE_PARTIAL_DELIVERY = 6;
    @AbiRow("offsetof(struct sctp_event_subscribe,sctp_adaptation_layer_event)")
    static final int EVENT_SUBSCRIBE_ADAPTATION = 7;
    @AbiRow("offsetof(struct sctp_event_subscribe,sctp_authentication_event)")
    static final int EVENT_SUBSCRIBE_AUTHENTICATION = 8;
    @AbiRow("offsetof(struct sctp_event_subscribe,sctp_sender_dry_event)")
    static final int EVENT_SUBSCRIBE_SENDER_DRY = 9;
    @AbiRow("offsetof(struct sctp_event_subscribe,sctp_stream_reset_event)")
    static final int EVENT_SUBSCRIBE_STREAM_RESET = 10;
    @AbiRow("offsetof(struct sctp_event_subscribe,sctp_assoc_reset_event)")
    static final int EVENT_SUBSCRIBE_ASSOC_RESET = 11;
    @AbiRow("offsetof(struct sctp_event_subscribe,sctp_stream_change_event)")
    static final int EVENT_SUBSCRIBE_STREAM_CHANGE = 12;
    @AbiRow("sizeof(struct sctp_paddr_change)")
    static final int SIZEOF_SCTP_PADDR_CHANGE = 148;
    @AbiRow("offsetof(struct sctp_paddr_change,spc_aaddr)")
    static final int PADDR_CHANGE_AADDR = 8;
    @AbiRow("offsetof(struct sctp_paddr_change,spc_state)")
    static final int PADDR_CHANGE_STATE = 136;
    @AbiRow("offsetof(struct sctp_paddr_change,spc_error)")
    static final int PADDR_CHANGE_ERROR = 140;
    @AbiRow("sizeof(struct sctp_send_failed)")
    static final int SIZEOF_SCTP_SEND_FAILED = 48;
    @AbiRow("offsetof(struct sctp_send_failed,ssf_flags)")
    static final int SEND_FAILED_FLAGS = 2;
    @AbiRow("offsetof(struct sctp_send_failed,ssf_error)")
    static final int SEND_FAILED_ERROR = 8;
    @AbiRow("offsetof(struct sctp_send_failed,ssf_info)")
    static final int SEND_FAILED_INFO = 12;
    @AbiRow("offsetof(struct sctp_send_failed,ssf_data)")
    static final int SEND_FAILED_DATA = 48;
    @AbiRow("sizeof(struct sctp_send_failed_event)")
    static final int SIZEOF_SCTP_SEND_FAILED_EVENT = 32;
    @AbiRow("offsetof(struct sctp_send_failed_event,ssf_flags)")
    static final int SEND_FAILED_EVENT_FLAGS = 2;
    @AbiRow("offsetof(struct sctp_send_failed_event,ssf_error)")
    static final int SEND_FAILED_EVENT_ERROR = 8;
    @AbiRow("offsetof(struct sctp_send_failed_event,ssfe_info)")
    static final int SEND_FAILED_EVENT_INFO = 12;
    @AbiRow("offsetof(struct sctp_send_failed_event,ssf_assoc_id)")
    static final int SEND_FAILED_EVENT_ASSOC_ID = 28;
    @AbiRow("offsetof(struct sctp_send_failed_event,ssf_data)")
    static final int SEND_FAILED_EVENT_DATA = 32;
    @AbiRow("sizeof(struct sctp_remote_error)")
    static final int SIZEOF_SCTP_REMOTE_ERROR = 16;
    @AbiRow("offsetof(struct sctp_remote_error,sre_error)")
    static final int REMOTE_ERROR_ERROR = 8;
    @AbiRow("offsetof(struct sctp_remote_error,sre_assoc_id)")
    static final int REMOTE_ERROR_ASSOC_ID = 12;
    @AbiRow("offsetof(struct sctp_remote_error,sre_data)")
    static final int REMOTE_ERROR_DATA = 16;
    @AbiRow("sizeof(struct sctp_pdapi_event)")
    static final int SIZEOF_SCTP_PDAPI_EVENT = 24;
    @AbiRow("offsetof(struct sctp_pdapi_event,pdapi_indication)")
    static final int PDAPI_INDICATION = 8;
    @AbiRow("offsetof(struct sctp_pdapi_event,pdapi_assoc_id)")
    static final int PDAPI_ASSOC_ID = 12;
    @AbiRow("offsetof(struct sctp_pdapi_event,pdapi_stream)")
    static final int PDAPI_STREAM = 16;
    @AbiRow("offsetof(struct sctp_pdapi_event,pdapi_seq)")
    static final int PDAPI_SEQ = 20;
    @AbiRow("sizeof(struct sctp_adaptation_event)")
    static final int SIZEOF_SCTP_ADAPTATION_EVENT = 16;
    @AbiRow("offsetof(struct sctp_adaptation_event,sai_adaptation_ind)")
    static final int ADAPTATION_IND = 8;
    @AbiRow("offsetof(struct sctp_adaptation_event,sai_assoc_id)")
    static final int ADAPTATION_ASSOC_ID = 12;
    @AbiRow("sizeof(struct sctp_sender_dry_event)")
    static final int SIZEOF_SCTP_SENDER_DRY_EVENT = 12;
    @AbiRow("offsetof(struct sctp_sender_dry_event,sender_dry_assoc_id)")
    static final int SENDER_DRY_ASSOC_ID = 8;
    @AbiRow("sizeof(struct sctp_authkey_event)")
    static final int SIZEOF_SCTP_AUTHKEY_EVENT = 20;
    @AbiRow("offsetof(struct sctp_authkey_event,auth_keynumber)")
    static final int AUTHKEY_KEYNUMBER = 8;
    @AbiRow("offsetof(struct sctp_authkey_event,auth_indication)")
    static final int AUTHKEY_INDICATION = 12;
    @AbiRow("offsetof(struct sctp_authkey_event,auth_assoc_id)")
    static final int AUTHKEY_ASSOC_ID = 16;
    @AbiRow("sizeof(struct sctp_stream_reset_event)")
    static final int SIZEOF_SCTP_STREAM_RESET_EVENT = 12;
    @AbiRow("offsetof(struct sctp_stream_reset_event,strreset_flags)")
    static final int STREAM_RESET_FLAGS = 2;
    @AbiRow("offsetof(struct sctp_stream_reset_event,strreset_assoc_id)")
    static final int STREAM_RESET_ASSOC_ID = 8;
    @AbiRow("offsetof(struct sctp_stream_reset_event,strreset_stream_list)")
    static final int STREAM_RESET_LIST = 12;
    @AbiRow("sizeof(struct sctp_assoc_reset_event)")
    static final int SIZEOF_SCTP_ASSOC_RESET_EVENT = 20;
    @AbiRow("offsetof(struct sctp_assoc_reset_event,assocreset_flags)")
    static final int ASSOC_RESET_FLAGS = 2;
    @AbiRow("offsetof(struct sctp_assoc_reset_event,assocreset_assoc_id)")
    static final int ASSOC_RESET_ASSOC_ID = 8;
    @AbiRow("offsetof(struct sctp_assoc_reset_event,assocreset_local_tsn)")
    static final int ASSOC_RESET_LOCAL_TSN = 12;
    @AbiRow("offsetof(struct sctp_assoc_reset_event,assocreset_remote_tsn)")
    static final int ASSOC_RESET_REMOTE_TSN = 16;
    @AbiRow("sizeof(struct sctp_stream_change_event)")
    static final int SIZEOF_SCTP_STREAM_CHANGE_EVENT = 16;
    @AbiRow("offsetof(struct sctp_stream_change_event,strchange_flags)")
    static final int STREAM_CHANGE_FLAGS = 2;
    @AbiRow("offsetof(struct sctp_stream_change_event,strchange_assoc_id)")
    static final int STREAM_CHANGE_ASSOC_ID = 8;
    @AbiRow("offsetof(struct sctp_stream_change_event,strchange_instrms)")
    static final int STREAM_CHANGE_INSTRMS = 12;
    @AbiRow("offsetof(struct sctp_stream_change_event,strchange_outstrms)")
    static final int STREAM_CHANGE_OUTSTRMS = 14;
    @AbiRow("SCTP_ADAPTATION_LAYER")
    static final int SCTP_ADAPTATION_LAYER = 7;

    /** The errno names, read once from this class's E* constants. */
    private static final ErrnoNames NAMES = ErrnoNames.of(MethodHandles.lookup(), LinuxAbi.class);

    /**
     * The symbolic name of a Linux errno number, for {@link org.peeloff.spi.PortableErrors} and the
     * message; {@code null} for a number this provider does not name.
     *
     * @param errno the errno number
     * @return its name, or null
     */
    static String errnoName(int errno) {
        return NAMES.apply(errno);
    }

    // ---- typed options (SctpOptions): numbers, struct layouts, sstat_state values, SHUT_WR ----

    @AbiRow("SO_LINGER")
    static final int SO_LINGER = 13;
    @AbiRow("SHUT_WR")
    static final int SHUT_WR = 1;

    @AbiRow("sizeof(struct linger)")
    static final int SIZEOF_LINGER = 8;
    @AbiRow("offsetof(struct linger,l_onoff)")
    static final int LINGER_ONOFF = 0;
    @AbiRow("offsetof(struct linger,l_linger)")
    static final int LINGER_SECS = 4;
    // ---- the kernel-timed blocking wait (SO_RCVTIMEO/SO_SNDTIMEO with a struct timeval) ----

    @AbiRow("SO_RCVTIMEO")
    static final int SO_RCVTIMEO = 20;
    @AbiRow("SO_SNDTIMEO")
    static final int SO_SNDTIMEO = 21;
    @AbiRow("sizeof(struct timeval)")
    static final int SIZEOF_TIMEVAL = 16;
    @AbiRow("offsetof(struct timeval,tv_sec)")
    static final int TIMEVAL_SEC = 0;
    @AbiRow("offsetof(struct timeval,tv_usec)")
    static final int TIMEVAL_USEC = 8;
    @AbiRow("SCTP_RTOINFO")
    static final int SCTP_RTOINFO = 0;
    @AbiRow("SCTP_ASSOCINFO")
    static final int SCTP_ASSOCINFO = 1;
    @AbiRow("SCTP_INITMSG")
    static final int SCTP_INITMSG = 2;
    @AbiRow("SCTP_PEER_ADDR_PARAMS")
    static final int SCTP_PEER_ADDR_PARAMS = 9;
    @AbiRow("SCTP_PRIMARY_ADDR")
    static final int SCTP_PRIMARY_ADDR = 6;
    @AbiRow("SCTP_SET_PEER_PRIMARY_ADDR")
    static final int SCTP_SET_PEER_PRIMARY_ADDR = 5;
    @AbiRow("SCTP_DEFAULT_SEND_PARAM")
    static final int SCTP_DEFAULT_SEND_PARAM = 10;
    @AbiRow("SCTP_STATUS")
    static final int SCTP_STATUS = 14;
    @AbiRow("sizeof(struct sctp_initmsg)")
    static final int SIZEOF_INITMSG = 8;
    @AbiRow("offsetof(struct sctp_initmsg,sinit_num_ostreams)")
    static final int INITMSG_OSTREAMS = 0;
    @AbiRow("offsetof(struct sctp_initmsg,sinit_max_instreams)")
    static final int INITMSG_INSTREAMS = 2;
    @AbiRow("offsetof(struct sctp_initmsg,sinit_max_attempts)")
    static final int INITMSG_ATTEMPTS = 4;
    @AbiRow("offsetof(struct sctp_initmsg,sinit_max_init_timeo)")
    static final int INITMSG_TIMEO = 6;
    @AbiRow("sizeof(struct sctp_rtoinfo)")
    static final int SIZEOF_RTOINFO = 16;
    @AbiRow("offsetof(struct sctp_rtoinfo,srto_assoc_id)")
    static final int RTOINFO_ASSOC_ID = 0;
    @AbiRow("offsetof(struct sctp_rtoinfo,srto_initial)")
    static final int RTOINFO_INITIAL = 4;
    @AbiRow("offsetof(struct sctp_rtoinfo,srto_max)")
    static final int RTOINFO_MAX = 8;
    @AbiRow("offsetof(struct sctp_rtoinfo,srto_min)")
    static final int RTOINFO_MIN = 12;
    @AbiRow("sizeof(struct sctp_assocparams)")
    static final int SIZEOF_ASSOCPARAMS = 20;
    @AbiRow("offsetof(struct sctp_assocparams,sasoc_assoc_id)")
    static final int ASSOCPARAMS_ASSOC_ID = 0;
    @AbiRow("offsetof(struct sctp_assocparams,sasoc_asocmaxrxt)")
    static final int ASSOCPARAMS_MAXRXT = 4;
    @AbiRow("offsetof(struct sctp_assocparams,sasoc_number_peer_destinations)")
    static final int ASSOCPARAMS_PEER_DESTINATIONS = 6;
    @AbiRow("offsetof(struct sctp_assocparams,sasoc_peer_rwnd)")
    static final int ASSOCPARAMS_PEER_RWND = 8;
    @AbiRow("offsetof(struct sctp_assocparams,sasoc_local_rwnd)")
    static final int ASSOCPARAMS_LOCAL_RWND = 12;
    @AbiRow("offsetof(struct sctp_assocparams,sasoc_cookie_life)")
    static final int ASSOCPARAMS_COOKIE_LIFE = 16;
    @AbiRow("sizeof(struct sctp_paddrparams)")
    static final int SIZEOF_PADDRPARAMS = 156;
    @AbiRow("offsetof(struct sctp_paddrparams,spp_assoc_id)")
    static final int PADDRPARAMS_ASSOC_ID = 0;
    @AbiRow("offsetof(struct sctp_paddrparams,spp_address)")
    static final int PADDRPARAMS_ADDRESS = 4;
    @AbiRow("offsetof(struct sctp_paddrparams,spp_hbinterval)")
    static final int PADDRPARAMS_HBINTERVAL = 132;
    @AbiRow("offsetof(struct sctp_paddrparams,spp_pathmaxrxt)")
    static final int PADDRPARAMS_PATHMAXRXT = 136;
    @AbiRow("sizeof(struct sctp_setprim)")
    static final int SIZEOF_SETPRIM = 132;
    @AbiRow("offsetof(struct sctp_setprim,ssp_assoc_id)")
    static final int SETPRIM_ASSOC_ID = 0;
    @AbiRow("offsetof(struct sctp_setprim,ssp_addr)")
    static final int SETPRIM_ADDR = 4;
    @AbiRow("sizeof(struct sctp_setpeerprim)")
    static final int SIZEOF_SETPEERPRIM = 132;
    @AbiRow("offsetof(struct sctp_setpeerprim,sspp_assoc_id)")
    static final int SETPEERPRIM_ASSOC_ID = 0;
    @AbiRow("offsetof(struct sctp_setpeerprim,sspp_addr)")
    static final int SETPEERPRIM_ADDR = 4;
    @AbiRow("sizeof(struct sctp_sndrcvinfo)")
    static final int SIZEOF_SNDRCVINFO_OPT = 32;
    @AbiRow("offsetof(struct sctp_sndrcvinfo,sinfo_stream)")
    static final int SNDRCV_STREAM = 0;
    @AbiRow("offsetof(struct sctp_sndrcvinfo,sinfo_flags)")
    static final int SNDRCV_FLAGS = 4;
    @AbiRow("offsetof(struct sctp_sndrcvinfo,sinfo_ppid)")
    static final int SNDRCV_PPID = 8;
    @AbiRow("offsetof(struct sctp_sndrcvinfo,sinfo_context)")
    static final int SNDRCV_CONTEXT = 12;
    @AbiRow("offsetof(struct sctp_sndrcvinfo,sinfo_timetolive)")
    static final int SNDRCV_TTL = 16;
    @AbiRow("offsetof(struct sctp_sndrcvinfo,sinfo_assoc_id)")
    static final int SNDRCV_ASSOC_ID = 28;
    @AbiRow("sizeof(struct sctp_status)")
    static final int SIZEOF_STATUS = 176;
    @AbiRow("offsetof(struct sctp_status,sstat_assoc_id)")
    static final int STATUS_ASSOC_ID = 0;
    @AbiRow("offsetof(struct sctp_status,sstat_state)")
    static final int STATUS_STATE = 4;
    @AbiRow("offsetof(struct sctp_status,sstat_rwnd)")
    static final int STATUS_RWND = 8;
    @AbiRow("offsetof(struct sctp_status,sstat_unackdata)")
    static final int STATUS_UNACKED = 12;
    @AbiRow("offsetof(struct sctp_status,sstat_penddata)")
    static final int STATUS_PENDING = 14;
    @AbiRow("offsetof(struct sctp_status,sstat_instrms)")
    static final int STATUS_INSTRMS = 16;
    @AbiRow("offsetof(struct sctp_status,sstat_outstrms)")
    static final int STATUS_OUTSTRMS = 18;
    @AbiRow("offsetof(struct sctp_status,sstat_fragmentation_point)")
    static final int STATUS_FRAG_POINT = 20;
    @AbiRow("offsetof(struct sctp_status,sstat_primary)")
    static final int STATUS_PRIMARY = 24;
    @AbiRow("offsetof(struct sctp_paddrinfo,spinfo_address)")
    static final int PADDRINFO_ADDRESS = 4;
    @AbiRow("offsetof(struct sctp_paddrinfo,spinfo_rto)")
    static final int PADDRINFO_RTO = 144;
    @AbiRow("sizeof(struct sctp_paddrinfo.spinfo_address)")
    static final int SIZEOF_PADDRINFO_ADDRESS = 128;
    @AbiRow("SCTP_COOKIE_WAIT")
    static final int STATE_COOKIE_WAIT = 2;
    @AbiRow("SCTP_COOKIE_ECHOED")
    static final int STATE_COOKIE_ECHOED = 3;
    @AbiRow("SCTP_ESTABLISHED")
    static final int STATE_ESTABLISHED = 4;
    @AbiRow("SCTP_SHUTDOWN_PENDING")
    static final int STATE_SHUTDOWN_PENDING = 5;
    @AbiRow("SCTP_SHUTDOWN_SENT")
    static final int STATE_SHUTDOWN_SENT = 6;
    @AbiRow("SCTP_SHUTDOWN_RECEIVED")
    static final int STATE_SHUTDOWN_RECEIVED = 7;
    @AbiRow("SCTP_SHUTDOWN_ACK_SENT")
    static final int STATE_SHUTDOWN_ACK_SENT = 8;
    @AbiRow("SCTP_CLOSED")
    static final int STATE_CLOSED = 1;
    @AbiRow("SCTP_DISABLE_FRAGMENTS")
    static final int SCTP_DISABLE_FRAGMENTS = 8;
    @AbiRow("SCTP_MAXSEG")
    static final int SCTP_MAXSEG = 13;
    @AbiRow("SCTP_FRAGMENT_INTERLEAVE")
    static final int SCTP_FRAGMENT_INTERLEAVE = 18;
    @AbiRow("SCTP_PARTIAL_DELIVERY_POINT")
    static final int SCTP_PARTIAL_DELIVERY_POINT = 19;
    @AbiRow("offsetof(struct sctp_paddrparams,spp_flags)")
    static final int PADDRPARAMS_FLAGS = 146;
    @AbiRow("SPP_HB_ENABLE")
    static final int SPP_HB_ENABLE = 1;
    @AbiRow("offsetof(struct sctp_assoc_value,assoc_value)")
    static final int ASSOC_VALUE_VALUE = 4;
    @AbiRow("SCTP_EMPTY")
    static final int STATE_EMPTY = 0;
}
