package org.peeloff.linux;

/**
 * Every native number the Linux provider uses: errno values, flags, option numbers, struct sizes
 * and field offsets, for the LP64 Linux ABI (x86_64; the generic layout aarch64 and the other
 * 64-bit asm-generic architectures share). Each constant cites its row of {@code abi.tsv}
 * ({@code os=linux}); {@code LinuxAbiTest} holds every one of them against that table, so a wrong
 * number fails the build on any machine. Nothing here is read from the table at run time.
 */
final class LinuxAbi {
    private LinuxAbi() {
    }

    // ---- errno (asm-generic/errno-base.h, asm-generic/errno.h) ----

    /** abi.tsv linux EPERM */
    static final int EPERM = 1;
    /** abi.tsv linux ENOENT */
    static final int ENOENT = 2;
    /** abi.tsv linux EINTR */
    static final int EINTR = 4;
    /** abi.tsv linux EBADF */
    static final int EBADF = 9;
    /** abi.tsv linux EAGAIN (EWOULDBLOCK is the same number) */
    static final int EAGAIN = 11;
    /** abi.tsv linux ENOMEM */
    static final int ENOMEM = 12;
    /** abi.tsv linux EACCES */
    static final int EACCES = 13;
    /** abi.tsv linux EFAULT */
    static final int EFAULT = 14;
    /** abi.tsv linux EBUSY */
    static final int EBUSY = 16;
    /** abi.tsv linux EINVAL */
    static final int EINVAL = 22;
    /** abi.tsv linux ENFILE */
    static final int ENFILE = 23;
    /** abi.tsv linux EMFILE */
    static final int EMFILE = 24;
    /** abi.tsv linux EPIPE */
    static final int EPIPE = 32;
    /** abi.tsv linux ENOSYS */
    static final int ENOSYS = 38;
    /** abi.tsv linux ENOTSOCK */
    static final int ENOTSOCK = 88;
    /** abi.tsv linux EMSGSIZE */
    static final int EMSGSIZE = 90;
    /** abi.tsv linux EPROTOTYPE */
    static final int EPROTOTYPE = 91;
    /** abi.tsv linux ENOPROTOOPT */
    static final int ENOPROTOOPT = 92;
    /** abi.tsv linux EPROTONOSUPPORT */
    static final int EPROTONOSUPPORT = 93;
    /** abi.tsv linux ESOCKTNOSUPPORT */
    static final int ESOCKTNOSUPPORT = 94;
    /** abi.tsv linux EOPNOTSUPP (ENOTSUP is the same number on Linux) */
    static final int EOPNOTSUPP = 95;
    /** abi.tsv linux EAFNOSUPPORT */
    static final int EAFNOSUPPORT = 97;
    /** abi.tsv linux EADDRINUSE */
    static final int EADDRINUSE = 98;
    /** abi.tsv linux EADDRNOTAVAIL */
    static final int EADDRNOTAVAIL = 99;
    /** abi.tsv linux ENETUNREACH */
    static final int ENETUNREACH = 101;
    /** abi.tsv linux ECONNABORTED */
    static final int ECONNABORTED = 103;
    /** abi.tsv linux ECONNRESET */
    static final int ECONNRESET = 104;
    /** abi.tsv linux ENOBUFS */
    static final int ENOBUFS = 105;
    /** abi.tsv linux EISCONN */
    static final int EISCONN = 106;
    /** abi.tsv linux ENOTCONN */
    static final int ENOTCONN = 107;
    /** abi.tsv linux ESHUTDOWN */
    static final int ESHUTDOWN = 108;
    /** abi.tsv linux ETIMEDOUT */
    static final int ETIMEDOUT = 110;
    /** abi.tsv linux ECONNREFUSED */
    static final int ECONNREFUSED = 111;
    /** abi.tsv linux EHOSTUNREACH */
    static final int EHOSTUNREACH = 113;
    /** abi.tsv linux EALREADY */
    static final int EALREADY = 114;
    /** abi.tsv linux EINPROGRESS */
    static final int EINPROGRESS = 115;

    // ---- sockets (bits/socket.h, bits/socket_type.h, asm-generic/socket.h, netinet/in.h) ----

    /** abi.tsv linux AF_INET */
    static final int AF_INET = 2;
    /** abi.tsv linux AF_INET6 */
    static final int AF_INET6 = 10;
    /** abi.tsv linux SOCK_STREAM */
    static final int SOCK_STREAM = 1;
    /** abi.tsv linux SOCK_SEQPACKET */
    static final int SOCK_SEQPACKET = 5;
    /** abi.tsv linux SOCK_NONBLOCK */
    static final int SOCK_NONBLOCK = 2048;
    /** abi.tsv linux SOCK_CLOEXEC */
    static final int SOCK_CLOEXEC = 524288;
    /** abi.tsv linux IPPROTO_SCTP */
    static final int IPPROTO_SCTP = 132;
    /** abi.tsv linux SOL_SOCKET */
    static final int SOL_SOCKET = 1;
    /** abi.tsv linux SO_TYPE */
    static final int SO_TYPE = 3;
    /** abi.tsv linux SO_SNDBUF */
    static final int SO_SNDBUF = 7;
    /** abi.tsv linux SO_RCVBUF */
    static final int SO_RCVBUF = 8;
    /** abi.tsv linux SO_ACCEPTCONN */
    static final int SO_ACCEPTCONN = 30;
    /** abi.tsv linux SO_PROTOCOL */
    static final int SO_PROTOCOL = 38;
    /** abi.tsv linux MSG_CTRUNC */
    static final int MSG_CTRUNC = 8;
    /** abi.tsv linux MSG_DONTWAIT */
    static final int MSG_DONTWAIT = 64;
    /** abi.tsv linux MSG_EOR */
    static final int MSG_EOR = 128;
    /** abi.tsv linux MSG_NOSIGNAL */
    static final int MSG_NOSIGNAL = 16384;
    /** abi.tsv linux MSG_NOTIFICATION (reported in recvmsg msg_flags; the same bit as MSG_MORE) */
    static final int MSG_NOTIFICATION = 32768;

    // ---- fcntl (bits/fcntl-linux.h) ----

    /** abi.tsv linux F_GETFD */
    static final int F_GETFD = 1;
    /** abi.tsv linux F_SETFD */
    static final int F_SETFD = 2;
    /** abi.tsv linux F_GETFL */
    static final int F_GETFL = 3;
    /** abi.tsv linux F_SETFL */
    static final int F_SETFL = 4;
    /** abi.tsv linux F_DUPFD_CLOEXEC */
    static final int F_DUPFD_CLOEXEC = 1030;
    /** abi.tsv linux FD_CLOEXEC */
    static final int FD_CLOEXEC = 1;
    /** abi.tsv linux O_NONBLOCK */
    static final int O_NONBLOCK = 2048;

    // ---- poll (sys/poll.h) ----

    /** abi.tsv linux POLLIN */
    static final short POLLIN = 1;
    /** abi.tsv linux POLLOUT */
    static final short POLLOUT = 4;
    /** abi.tsv linux POLLERR */
    static final short POLLERR = 8;
    /** abi.tsv linux POLLHUP */
    static final short POLLHUP = 16;
    /** abi.tsv linux POLLNVAL */
    static final short POLLNVAL = 32;
    /** abi.tsv linux sizeof(struct pollfd) */
    static final int SIZEOF_POLLFD = 8;
    /** abi.tsv linux offsetof(struct pollfd,fd) */
    static final int POLLFD_FD = 0;
    /** abi.tsv linux offsetof(struct pollfd,events) */
    static final int POLLFD_EVENTS = 4;
    /** abi.tsv linux offsetof(struct pollfd,revents) */
    static final int POLLFD_REVENTS = 6;

    // ---- SCTP socket options (linux/sctp.h), all at level SOL_SCTP ----

    /** abi.tsv linux SOL_SCTP (the same number as IPPROTO_SCTP) */
    static final int SOL_SCTP = 132;
    /** abi.tsv linux SCTP_NODELAY */
    static final int SCTP_NODELAY = 3;
    /** abi.tsv linux SCTP_EVENTS */
    static final int SCTP_EVENTS = 11;
    /** abi.tsv linux SCTP_CONTEXT */
    static final int SCTP_CONTEXT = 17;
    /** abi.tsv linux SCTP_GET_ASSOC_NUMBER */
    static final int SCTP_GET_ASSOC_NUMBER = 28;
    /** abi.tsv linux SCTP_GET_ASSOC_ID_LIST */
    static final int SCTP_GET_ASSOC_ID_LIST = 29;
    /** abi.tsv linux SCTP_RECVRCVINFO */
    static final int SCTP_RECVRCVINFO = 32;
    /** abi.tsv linux SCTP_SOCKOPT_BINDX_ADD */
    static final int SCTP_SOCKOPT_BINDX_ADD = 100;
    /** abi.tsv linux SCTP_SOCKOPT_BINDX_REM */
    static final int SCTP_SOCKOPT_BINDX_REM = 101;
    /** abi.tsv linux SCTP_SOCKOPT_PEELOFF */
    static final int SCTP_SOCKOPT_PEELOFF = 102;
    /** abi.tsv linux SCTP_GET_PEER_ADDRS */
    static final int SCTP_GET_PEER_ADDRS = 108;
    /** abi.tsv linux SCTP_GET_LOCAL_ADDRS */
    static final int SCTP_GET_LOCAL_ADDRS = 109;
    /** abi.tsv linux SCTP_SOCKOPT_PEELOFF_FLAGS */
    static final int SCTP_SOCKOPT_PEELOFF_FLAGS = 122;

    // ---- SCTP control messages, flags, notifications (linux/sctp.h) ----

    /** abi.tsv linux SCTP_SNDRCV (cmsg type of struct sctp_sndrcvinfo) */
    static final int SCTP_SNDRCV = 1;
    /** abi.tsv linux SCTP_SNDINFO (cmsg type of struct sctp_sndinfo) */
    static final int SCTP_SNDINFO = 2;
    /** abi.tsv linux SCTP_RCVINFO (cmsg type of struct sctp_rcvinfo) */
    static final int SCTP_RCVINFO = 3;
    /** abi.tsv linux SCTP_UNORDERED */
    static final int SCTP_UNORDERED = 1;
    /** abi.tsv linux SCTP_ASSOC_CHANGE */
    static final int SCTP_ASSOC_CHANGE = 32769;
    /** abi.tsv linux SCTP_PEER_ADDR_CHANGE */
    static final int SCTP_PEER_ADDR_CHANGE = 32770;
    /** abi.tsv linux SCTP_SEND_FAILED */
    static final int SCTP_SEND_FAILED = 32771;
    /** abi.tsv linux SCTP_SHUTDOWN_EVENT */
    static final int SCTP_SHUTDOWN_EVENT = 32773;
    /** abi.tsv linux SCTP_COMM_UP */
    static final int SCTP_COMM_UP = 0;
    /** abi.tsv linux SCTP_COMM_LOST */
    static final int SCTP_COMM_LOST = 1;
    /** abi.tsv linux SCTP_RESTART */
    static final int SCTP_RESTART = 2;
    /** abi.tsv linux SCTP_SHUTDOWN_COMP */
    static final int SCTP_SHUTDOWN_COMP = 3;
    /** abi.tsv linux SCTP_CANT_STR_ASSOC */
    static final int SCTP_CANT_STR_ASSOC = 4;

    // ---- struct layouts (LP64) ----

    /** abi.tsv linux sizeof(struct sockaddr_storage) */
    static final int SIZEOF_SOCKADDR_STORAGE = 128;
    /** abi.tsv linux sizeof(struct sockaddr_in) */
    static final int SIZEOF_SOCKADDR_IN = 16;
    /** abi.tsv linux offsetof(struct sockaddr_in,sin_family) (a 2-byte sa_family_t; Linux has no sin_len) */
    static final int SOCKADDR_IN_FAMILY = 0;
    /** abi.tsv linux offsetof(struct sockaddr_in,sin_port) (network byte order) */
    static final int SOCKADDR_IN_PORT = 2;
    /** abi.tsv linux offsetof(struct sockaddr_in,sin_addr) */
    static final int SOCKADDR_IN_ADDR = 4;
    /** abi.tsv linux sizeof(struct sockaddr_in6) */
    static final int SIZEOF_SOCKADDR_IN6 = 28;
    /** abi.tsv linux offsetof(struct sockaddr_in6,sin6_family) */
    static final int SOCKADDR_IN6_FAMILY = 0;
    /** abi.tsv linux offsetof(struct sockaddr_in6,sin6_port) (network byte order) */
    static final int SOCKADDR_IN6_PORT = 2;
    /** abi.tsv linux offsetof(struct sockaddr_in6,sin6_flowinfo) */
    static final int SOCKADDR_IN6_FLOWINFO = 4;
    /** abi.tsv linux offsetof(struct sockaddr_in6,sin6_addr) */
    static final int SOCKADDR_IN6_ADDR = 8;
    /** abi.tsv linux offsetof(struct sockaddr_in6,sin6_scope_id) */
    static final int SOCKADDR_IN6_SCOPE_ID = 24;

    /** abi.tsv linux sizeof(struct msghdr) */
    static final int SIZEOF_MSGHDR = 56;
    /** abi.tsv linux offsetof(struct msghdr,msg_name) */
    static final int MSGHDR_NAME = 0;
    /** abi.tsv linux offsetof(struct msghdr,msg_namelen) (a 4-byte socklen_t) */
    static final int MSGHDR_NAMELEN = 8;
    /** abi.tsv linux offsetof(struct msghdr,msg_iov) */
    static final int MSGHDR_IOV = 16;
    /** abi.tsv linux offsetof(struct msghdr,msg_iovlen) (an 8-byte size_t) */
    static final int MSGHDR_IOVLEN = 24;
    /** abi.tsv linux offsetof(struct msghdr,msg_control) */
    static final int MSGHDR_CONTROL = 32;
    /** abi.tsv linux offsetof(struct msghdr,msg_controllen) (an 8-byte size_t) */
    static final int MSGHDR_CONTROLLEN = 40;
    /** abi.tsv linux offsetof(struct msghdr,msg_flags) */
    static final int MSGHDR_FLAGS = 48;
    /** abi.tsv linux sizeof(struct iovec) */
    static final int SIZEOF_IOVEC = 16;
    /** abi.tsv linux offsetof(struct iovec,iov_base) */
    static final int IOVEC_BASE = 0;
    /** abi.tsv linux offsetof(struct iovec,iov_len) (an 8-byte size_t) */
    static final int IOVEC_LEN = 8;

    /** abi.tsv linux offsetof(struct cmsghdr,cmsg_len) (an 8-byte size_t) */
    static final int CMSGHDR_LEN = 0;
    /** abi.tsv linux offsetof(struct cmsghdr,cmsg_level) */
    static final int CMSGHDR_LEVEL = 8;
    /** abi.tsv linux offsetof(struct cmsghdr,cmsg_type) */
    static final int CMSGHDR_TYPE = 12;
    /** abi.tsv linux CMSG_LEN(0): where CMSG_DATA starts */
    static final int CMSG_DATA_OFFSET = 16;
    /** abi.tsv linux CMSG_ALIGN (cmsg header/data alignment, bytes) */
    static final int CMSG_ALIGN = 8;
    /** abi.tsv linux CMSG_LEN(sizeof(struct sctp_sndinfo)) */
    static final int CMSG_LEN_SNDINFO = 32;
    /** abi.tsv linux CMSG_SPACE(sizeof(struct sctp_sndinfo)) */
    static final int CMSG_SPACE_SNDINFO = 32;
    /** abi.tsv linux CMSG_LEN(sizeof(struct sctp_sndrcvinfo)) */
    static final int CMSG_LEN_SNDRCVINFO = 48;
    /** abi.tsv linux CMSG_SPACE(sizeof(struct sctp_sndrcvinfo)) */
    static final int CMSG_SPACE_SNDRCVINFO = 48;
    /** abi.tsv linux CMSG_SPACE(sizeof(struct sctp_rcvinfo)) */
    static final int CMSG_SPACE_RCVINFO = 48;

    /** abi.tsv linux sizeof(struct sctp_sndinfo) */
    static final int SIZEOF_SCTP_SNDINFO = 16;
    /** abi.tsv linux offsetof(struct sctp_sndinfo,snd_sid) */
    static final int SNDINFO_SID = 0;
    /** abi.tsv linux offsetof(struct sctp_sndinfo,snd_flags) */
    static final int SNDINFO_FLAGS = 2;
    /** abi.tsv linux offsetof(struct sctp_sndinfo,snd_ppid) */
    static final int SNDINFO_PPID = 4;
    /** abi.tsv linux offsetof(struct sctp_sndinfo,snd_context) */
    static final int SNDINFO_CONTEXT = 8;
    /** abi.tsv linux offsetof(struct sctp_sndinfo,snd_assoc_id) */
    static final int SNDINFO_ASSOC_ID = 12;

    /** abi.tsv linux sizeof(struct sctp_rcvinfo) */
    static final int SIZEOF_SCTP_RCVINFO = 28;
    /** abi.tsv linux offsetof(struct sctp_rcvinfo,rcv_sid) */
    static final int RCVINFO_SID = 0;
    /** abi.tsv linux offsetof(struct sctp_rcvinfo,rcv_flags) */
    static final int RCVINFO_FLAGS = 4;
    /** abi.tsv linux offsetof(struct sctp_rcvinfo,rcv_ppid) */
    static final int RCVINFO_PPID = 8;
    /** abi.tsv linux offsetof(struct sctp_rcvinfo,rcv_assoc_id) */
    static final int RCVINFO_ASSOC_ID = 24;

    /** abi.tsv linux sizeof(struct sctp_sndrcvinfo) */
    static final int SIZEOF_SCTP_SNDRCVINFO = 32;
    /** abi.tsv linux offsetof(struct sctp_sndrcvinfo,sinfo_stream) */
    static final int SNDRCVINFO_STREAM = 0;
    /** abi.tsv linux offsetof(struct sctp_sndrcvinfo,sinfo_flags) */
    static final int SNDRCVINFO_FLAGS = 4;
    /** abi.tsv linux offsetof(struct sctp_sndrcvinfo,sinfo_ppid) */
    static final int SNDRCVINFO_PPID = 8;
    /** abi.tsv linux offsetof(struct sctp_sndrcvinfo,sinfo_assoc_id) */
    static final int SNDRCVINFO_ASSOC_ID = 28;

    /** abi.tsv linux offsetof(struct sctp_event_subscribe,sctp_data_io_event) */
    static final int EVENT_SUBSCRIBE_DATA_IO = 0;
    /** abi.tsv linux offsetof(struct sctp_event_subscribe,sctp_association_event) */
    static final int EVENT_SUBSCRIBE_ASSOCIATION = 1;
    /** abi.tsv linux offsetof(struct sctp_event_subscribe,sctp_shutdown_event) */
    static final int EVENT_SUBSCRIBE_SHUTDOWN = 5;

    /** abi.tsv linux sizeof(sctp_peeloff_arg_t) */
    static final int SIZEOF_PEELOFF_ARG = 8;
    /** abi.tsv linux offsetof(sctp_peeloff_arg_t,associd) */
    static final int PEELOFF_ARG_ASSOCID = 0;
    /** abi.tsv linux offsetof(sctp_peeloff_arg_t,sd) (the kernel writes the new descriptor here) */
    static final int PEELOFF_ARG_SD = 4;
    /** abi.tsv linux sizeof(sctp_peeloff_flags_arg_t) */
    static final int SIZEOF_PEELOFF_FLAGS_ARG = 12;
    /** abi.tsv linux offsetof(sctp_peeloff_flags_arg_t,flags) */
    static final int PEELOFF_FLAGS_ARG_FLAGS = 8;

    /** abi.tsv linux sizeof(struct sctp_assoc_value) */
    static final int SIZEOF_SCTP_ASSOC_VALUE = 8;
    /** abi.tsv linux offsetof(struct sctp_assoc_value,assoc_id) */
    static final int ASSOC_VALUE_ASSOC_ID = 0;
    /** abi.tsv linux offsetof(struct sctp_assoc_ids,gaids_number_of_ids) */
    static final int ASSOC_IDS_NUMBER = 0;
    /** abi.tsv linux offsetof(struct sctp_assoc_ids,gaids_assoc_id) */
    static final int ASSOC_IDS_IDS = 4;
    /** abi.tsv linux sizeof(sctp_assoc_t) */
    static final int SIZEOF_SCTP_ASSOC_T = 4;
    /** abi.tsv linux offsetof(struct sctp_getaddrs,assoc_id) */
    static final int GETADDRS_ASSOC_ID = 0;
    /** abi.tsv linux offsetof(struct sctp_getaddrs,addr_num) */
    static final int GETADDRS_ADDR_NUM = 4;
    /** abi.tsv linux offsetof(struct sctp_getaddrs,addrs) (packed sockaddr_in / sockaddr_in6 follow) */
    static final int GETADDRS_ADDRS = 8;

    /** abi.tsv linux offsetof(union sctp_notification,sn_header.sn_type) */
    static final int NOTIFICATION_TYPE = 0;
    /** abi.tsv linux offsetof(union sctp_notification,sn_header.sn_length) */
    static final int NOTIFICATION_LENGTH = 4;
    /** abi.tsv linux sizeof(struct sctp_assoc_change) */
    static final int SIZEOF_SCTP_ASSOC_CHANGE = 20;
    /** abi.tsv linux offsetof(struct sctp_assoc_change,sac_state) */
    static final int ASSOC_CHANGE_STATE = 8;
    /** abi.tsv linux offsetof(struct sctp_assoc_change,sac_error) */
    static final int ASSOC_CHANGE_ERROR = 10;
    /** abi.tsv linux offsetof(struct sctp_assoc_change,sac_outbound_streams) */
    static final int ASSOC_CHANGE_OUTBOUND_STREAMS = 12;
    /** abi.tsv linux offsetof(struct sctp_assoc_change,sac_inbound_streams) */
    static final int ASSOC_CHANGE_INBOUND_STREAMS = 14;
    /** abi.tsv linux offsetof(struct sctp_assoc_change,sac_assoc_id) */
    static final int ASSOC_CHANGE_ASSOC_ID = 16;
    /** abi.tsv linux sizeof(struct sctp_shutdown_event) */
    static final int SIZEOF_SCTP_SHUTDOWN_EVENT = 12;
    /** abi.tsv linux offsetof(struct sctp_shutdown_event,sse_assoc_id) */
    static final int SHUTDOWN_EVENT_ASSOC_ID = 8;
    /** abi.tsv linux offsetof(struct sctp_paddr_change,spc_assoc_id) */
    static final int PADDR_CHANGE_ASSOC_ID = 144;
    /** abi.tsv linux offsetof(struct sctp_send_failed,ssf_assoc_id) */
    static final int SEND_FAILED_ASSOC_ID = 44;

    /**
     * The symbolic name of a Linux errno number, for {@link org.peeloff.spi.PortableErrors} and the
     * message; {@code null} for a number this provider does not name.
     *
     * @param errno the errno number
     * @return its name, or null
     */
    static String errnoName(int errno) {
        switch (errno) {
            case EPERM: return "EPERM";
            case ENOENT: return "ENOENT";
            case EINTR: return "EINTR";
            case EBADF: return "EBADF";
            case EAGAIN: return "EAGAIN";
            case ENOMEM: return "ENOMEM";
            case EACCES: return "EACCES";
            case EFAULT: return "EFAULT";
            case EBUSY: return "EBUSY";
            case EINVAL: return "EINVAL";
            case ENFILE: return "ENFILE";
            case EMFILE: return "EMFILE";
            case EPIPE: return "EPIPE";
            case ENOSYS: return "ENOSYS";
            case ENOTSOCK: return "ENOTSOCK";
            case EMSGSIZE: return "EMSGSIZE";
            case EPROTOTYPE: return "EPROTOTYPE";
            case ENOPROTOOPT: return "ENOPROTOOPT";
            case EPROTONOSUPPORT: return "EPROTONOSUPPORT";
            case ESOCKTNOSUPPORT: return "ESOCKTNOSUPPORT";
            case EOPNOTSUPP: return "EOPNOTSUPP";
            case EAFNOSUPPORT: return "EAFNOSUPPORT";
            case EADDRINUSE: return "EADDRINUSE";
            case EADDRNOTAVAIL: return "EADDRNOTAVAIL";
            case ENETUNREACH: return "ENETUNREACH";
            case ECONNABORTED: return "ECONNABORTED";
            case ECONNRESET: return "ECONNRESET";
            case ENOBUFS: return "ENOBUFS";
            case EISCONN: return "EISCONN";
            case ENOTCONN: return "ENOTCONN";
            case ESHUTDOWN: return "ESHUTDOWN";
            case ETIMEDOUT: return "ETIMEDOUT";
            case ECONNREFUSED: return "ECONNREFUSED";
            case EHOSTUNREACH: return "EHOSTUNREACH";
            case EALREADY: return "EALREADY";
            case EINPROGRESS: return "EINPROGRESS";
            default: return null;
        }
    }
}
