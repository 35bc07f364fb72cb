/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.solaris;

import java.lang.invoke.MethodHandles;

import org.peeloff.jna.AbiRow;
import org.peeloff.jna.ErrnoNames;

/**
 * Every native number the Solaris/illumos provider uses: errno values, flags, option numbers,
 * struct sizes and field offsets, for the LP64 illumos ABI (amd64; Solaris 11 shares the user
 * API). Each constant names its row of {@code abi.tsv} ({@code os=illumos}) with {@link AbiRow};
 * the shared test {@code AbiConformance} holds every one against the project's copy of that table,
 * so a wrong number fails the build on any machine. Nothing here is read from the table at run time.
 *
 * <p>Where illumos differs from Linux, and it does almost everywhere the provider looks, the constant
 * says so in one line.
 */
@AbiRow.Table("illumos")
final class SolarisAbi {
    private SolarisAbi() {
    }

    // ---- errno (sys/errno.h): the BSD socket errors sit at 95..150, not where Linux has them ----

    @AbiRow("EPERM") static final int EPERM = 1;
    @AbiRow("ENOENT") static final int ENOENT = 2;
    @AbiRow("EINTR") static final int EINTR = 4;
    @AbiRow("EBADF") static final int EBADF = 9;
    /** EWOULDBLOCK is the same number. */
    @AbiRow("EAGAIN") static final int EAGAIN = 11;
    @AbiRow("EWOULDBLOCK") static final int EWOULDBLOCK = 11;
    @AbiRow("ENOMEM") static final int ENOMEM = 12;
    @AbiRow("EACCES") static final int EACCES = 13;
    @AbiRow("EFAULT") static final int EFAULT = 14;
    @AbiRow("EBUSY") static final int EBUSY = 16;
    @AbiRow("EINVAL") static final int EINVAL = 22;
    @AbiRow("ENFILE") static final int ENFILE = 23;
    @AbiRow("EMFILE") static final int EMFILE = 24;
    /** What an ioctl such as SIOCSCTPPEELOFF answers on most non-socket files (zfs, ufs). */
    @AbiRow("ENOTTY") static final int ENOTTY = 25;
    @AbiRow("EPIPE") static final int EPIPE = 32;
    /** illumos ENOTSUP (48) and EOPNOTSUPP (122) are different numbers. */
    @AbiRow("ENOTSUP") static final int ENOTSUP = 48;
    @AbiRow("ENOSR") static final int ENOSR = 63;
    @AbiRow("ENOSYS") static final int ENOSYS = 89;
    @AbiRow("ENOTSOCK") static final int ENOTSOCK = 95;
    @AbiRow("EMSGSIZE") static final int EMSGSIZE = 97;
    @AbiRow("EPROTOTYPE") static final int EPROTOTYPE = 98;
    @AbiRow("ENOPROTOOPT") static final int ENOPROTOOPT = 99;
    @AbiRow("EPROTONOSUPPORT") static final int EPROTONOSUPPORT = 120;
    @AbiRow("ESOCKTNOSUPPORT") static final int ESOCKTNOSUPPORT = 121;
    /** sctp_peeloff(3SOCKET): "The sock argument is not a one-to-many style SCTP socket." */
    @AbiRow("EOPNOTSUPP") static final int EOPNOTSUPP = 122;
    @AbiRow("EAFNOSUPPORT") static final int EAFNOSUPPORT = 124;
    @AbiRow("EADDRINUSE") static final int EADDRINUSE = 125;
    @AbiRow("EADDRNOTAVAIL") static final int EADDRNOTAVAIL = 126;
    @AbiRow("ENETUNREACH") static final int ENETUNREACH = 128;
    @AbiRow("ECONNABORTED") static final int ECONNABORTED = 130;
    @AbiRow("ECONNRESET") static final int ECONNRESET = 131;
    @AbiRow("ENOBUFS") static final int ENOBUFS = 132;
    @AbiRow("EISCONN") static final int EISCONN = 133;
    @AbiRow("ENOTCONN") static final int ENOTCONN = 134;
    @AbiRow("ESHUTDOWN") static final int ESHUTDOWN = 143;
    @AbiRow("ETIMEDOUT") static final int ETIMEDOUT = 145;
    @AbiRow("ECONNREFUSED") static final int ECONNREFUSED = 146;
    @AbiRow("EHOSTUNREACH") static final int EHOSTUNREACH = 148;
    @AbiRow("EALREADY") static final int EALREADY = 149;
    @AbiRow("EINPROGRESS") static final int EINPROGRESS = 150;

    // ---- fcntl (sys/fcntl.h) ----

    @AbiRow("F_GETFD") static final int F_GETFD = 1;
    @AbiRow("F_SETFD") static final int F_SETFD = 2;
    @AbiRow("F_GETFL") static final int F_GETFL = 3;
    @AbiRow("F_SETFL") static final int F_SETFL = 4;
    @AbiRow("FD_CLOEXEC") static final int FD_CLOEXEC = 1;
    /** 0x80, not Linux's 0x800. */
    @AbiRow("O_NONBLOCK") static final int O_NONBLOCK = 128;
    /** The System V no-delay bit (a read answers 0, not EAGAIN): cleared too when making a socket blocking. */
    @AbiRow("O_NDELAY") static final int O_NDELAY = 4;

    // ---- sockets (sys/socket.h, netinet/in.h) ----

    @AbiRow("AF_INET") static final int AF_INET = 2;
    /** 26, not Linux's 10. */
    @AbiRow("AF_INET6") static final int AF_INET6 = 26;
    /** 2 (NC_TPI_COTS), not Linux's 1. */
    @AbiRow("SOCK_STREAM") static final int SOCK_STREAM = 2;
    /** 6, not Linux's 5. */
    @AbiRow("SOCK_SEQPACKET") static final int SOCK_SEQPACKET = 6;
    @AbiRow("SOCK_CLOEXEC") static final int SOCK_CLOEXEC = 524288;
    @AbiRow("IPPROTO_SCTP") static final int IPPROTO_SCTP = 132;
    /** 0xffff, not Linux's 1. */
    @AbiRow("SOL_SOCKET") static final int SOL_SOCKET = 65535;
    @AbiRow("SO_SNDBUF") static final int SO_SNDBUF = 4097;
    @AbiRow("SO_RCVBUF") static final int SO_RCVBUF = 4098;
    @AbiRow("MSG_EOR") static final int MSG_EOR = 8;
    @AbiRow("MSG_CTRUNC") static final int MSG_CTRUNC = 16;
    @AbiRow("MSG_DONTWAIT") static final int MSG_DONTWAIT = 128;
    /** 0x200, not Linux's 0x4000: a send to a peer that has gone raises no SIGPIPE. */
    @AbiRow("MSG_NOSIGNAL") static final int MSG_NOSIGNAL = 512;
    /** 0x100, not Linux's 0x8000 (which is illumos's private MSG_XPG4_2). */
    @AbiRow("MSG_NOTIFICATION") static final int MSG_NOTIFICATION = 256;

    // ---- SCTP (netinet/sctp.h): options at level IPPROTO_SCTP, illumos numbering ----

    /** illumos has no SOL_SCTP: SCTP options use level IPPROTO_SCTP. */
    @AbiRow("SCTP option level used by setsockopt/getsockopt") static final int SCTP_OPTION_LEVEL = 132;
    /** 4, not Linux's 3. */
    @AbiRow("SCTP_NODELAY") static final int SCTP_NODELAY = 4;
    /** 12, not Linux's 11. */
    @AbiRow("SCTP_EVENTS") static final int SCTP_EVENTS = 12;
    @AbiRow("SCTP_GET_NLADDRS") static final int SCTP_GET_NLADDRS = 17;
    @AbiRow("SCTP_GET_LADDRS") static final int SCTP_GET_LADDRS = 18;
    @AbiRow("SCTP_GET_NPADDRS") static final int SCTP_GET_NPADDRS = 19;
    @AbiRow("SCTP_GET_PADDRS") static final int SCTP_GET_PADDRS = 20;
    /** cmsg_type of the per-message sctp_sndrcvinfo: 256, not Linux's 1. */
    @AbiRow("SCTP_SNDRCV") static final int SCTP_SNDRCV = 256;
    @AbiRow("SCTP_BINDX_ADD_ADDR") static final int SCTP_BINDX_ADD_ADDR = 1;
    @AbiRow("SCTP_BINDX_REM_ADDR") static final int SCTP_BINDX_REM_ADDR = 2;
    /** sinfo_flags bit; the same value as Linux's SCTP_UNORDERED. */
    @AbiRow("MSG_UNORDERED") static final int MSG_UNORDERED = 1;

    // notification types: 1..7, where Linux has 0x8001.. (and SEND_FAILED / REMOTE_ERROR swapped)
    @AbiRow("SCTP_ASSOC_CHANGE") static final int SCTP_ASSOC_CHANGE = 1;
    @AbiRow("SCTP_PEER_ADDR_CHANGE") static final int SCTP_PEER_ADDR_CHANGE = 2;
    @AbiRow("SCTP_REMOTE_ERROR") static final int SCTP_REMOTE_ERROR = 3;
    @AbiRow("SCTP_SEND_FAILED") static final int SCTP_SEND_FAILED = 4;
    @AbiRow("SCTP_SHUTDOWN_EVENT") static final int SCTP_SHUTDOWN_EVENT = 5;
    @AbiRow("SCTP_ADAPTATION_INDICATION") static final int SCTP_ADAPTATION_INDICATION = 6;
    @AbiRow("SCTP_PARTIAL_DELIVERY_EVENT") static final int SCTP_PARTIAL_DELIVERY_EVENT = 7;

    // sac_state values
    @AbiRow("SCTP_COMM_UP") static final int SCTP_COMM_UP = 0;
    @AbiRow("SCTP_COMM_LOST") static final int SCTP_COMM_LOST = 1;
    @AbiRow("SCTP_RESTART") static final int SCTP_RESTART = 2;
    @AbiRow("SCTP_SHUTDOWN_COMP") static final int SCTP_SHUTDOWN_COMP = 3;
    @AbiRow("SCTP_CANT_STR_ASSOC") static final int SCTP_CANT_STR_ASSOC = 4;

    // ---- poll (sys/poll.h) ----

    @AbiRow("POLLIN") static final short POLLIN = 1;
    @AbiRow("POLLOUT") static final short POLLOUT = 4;
    @AbiRow("POLLERR") static final short POLLERR = 8;
    @AbiRow("POLLHUP") static final short POLLHUP = 16;
    @AbiRow("POLLNVAL") static final short POLLNVAL = 32;
    @AbiRow("sizeof(struct pollfd)") static final int SIZEOF_POLLFD = 8;
    @AbiRow("offsetof(struct pollfd,fd)") static final int POLLFD_FD = 0;
    @AbiRow("offsetof(struct pollfd,events)") static final int POLLFD_EVENTS = 4;
    @AbiRow("offsetof(struct pollfd,revents)") static final int POLLFD_REVENTS = 6;

    // ---- scalar sizes ----

    @AbiRow("sizeof(socklen_t)") static final int SIZEOF_SOCKLEN_T = 4;
    @AbiRow("sizeof(sctp_assoc_t)") static final int SIZEOF_SCTP_ASSOC_T = 4;

    // ---- struct sockaddr, sockaddr_in, sockaddr_in6 (no sin_len byte; sa_family_t is 16 bits) ----

    @AbiRow("offsetof(struct sockaddr,sa_family)") static final int SOCKADDR_FAMILY = 0;
    @AbiRow("sizeof(struct sockaddr.sa_family)") static final int SIZEOF_SA_FAMILY = 2;
    @AbiRow("sizeof(struct sockaddr_storage)") static final int SIZEOF_SOCKADDR_STORAGE = 256;
    @AbiRow("sizeof(struct sockaddr_in)") static final int SIZEOF_SOCKADDR_IN = 16;
    @AbiRow("offsetof(struct sockaddr_in,sin_port)") static final int SOCKADDR_IN_PORT = 2;
    @AbiRow("offsetof(struct sockaddr_in,sin_addr)") static final int SOCKADDR_IN_ADDR = 4;
    /** 32, not Linux's 28: illumos appends __sin6_src_id. */
    @AbiRow("sizeof(struct sockaddr_in6)") static final int SIZEOF_SOCKADDR_IN6 = 32;
    @AbiRow("offsetof(struct sockaddr_in6,sin6_port)") static final int SOCKADDR_IN6_PORT = 2;
    @AbiRow("offsetof(struct sockaddr_in6,sin6_flowinfo)") static final int SOCKADDR_IN6_FLOWINFO = 4;
    @AbiRow("offsetof(struct sockaddr_in6,sin6_addr)") static final int SOCKADDR_IN6_ADDR = 8;
    @AbiRow("offsetof(struct sockaddr_in6,sin6_scope_id)") static final int SOCKADDR_IN6_SCOPE_ID = 24;

    // ---- struct msghdr (XPG4.2 layout, the one __xnet_sendmsg/__xnet_recvmsg take) ----

    /** 48, not Linux's 56: msg_iovlen and msg_controllen are 4 bytes. */
    @AbiRow("sizeof(struct msghdr)") static final int SIZEOF_MSGHDR = 48;
    @AbiRow("offsetof(struct msghdr,msg_name)") static final int MSGHDR_NAME = 0;
    @AbiRow("offsetof(struct msghdr,msg_namelen)") static final int MSGHDR_NAMELEN = 8;
    @AbiRow("offsetof(struct msghdr,msg_iov)") static final int MSGHDR_IOV = 16;
    @AbiRow("offsetof(struct msghdr,msg_iovlen)") static final int MSGHDR_IOVLEN = 24;
    @AbiRow("sizeof(struct msghdr.msg_iovlen)") static final int SIZEOF_MSGHDR_IOVLEN = 4;
    @AbiRow("offsetof(struct msghdr,msg_control)") static final int MSGHDR_CONTROL = 32;
    @AbiRow("offsetof(struct msghdr,msg_controllen)") static final int MSGHDR_CONTROLLEN = 40;
    @AbiRow("sizeof(struct msghdr.msg_controllen)") static final int SIZEOF_MSGHDR_CONTROLLEN = 4;
    @AbiRow("offsetof(struct msghdr,msg_flags)") static final int MSGHDR_FLAGS = 44;

    // ---- struct iovec ----

    @AbiRow("sizeof(struct iovec)") static final int SIZEOF_IOVEC = 16;
    @AbiRow("offsetof(struct iovec,iov_base)") static final int IOVEC_BASE = 0;
    @AbiRow("offsetof(struct iovec,iov_len)") static final int IOVEC_LEN = 8;

    // ---- struct cmsghdr: a 4-byte cmsg_len and 4-byte alignment, so the data starts at 12, not 16 ----

    @AbiRow("sizeof(struct cmsghdr)") static final int SIZEOF_CMSGHDR = 12;
    @AbiRow("offsetof(struct cmsghdr,cmsg_len)") static final int CMSGHDR_LEN = 0;
    @AbiRow("sizeof(struct cmsghdr.cmsg_len)") static final int SIZEOF_CMSGHDR_LEN = 4;
    @AbiRow("offsetof(struct cmsghdr,cmsg_level)") static final int CMSGHDR_LEVEL = 4;
    @AbiRow("offsetof(struct cmsghdr,cmsg_type)") static final int CMSGHDR_TYPE = 8;
    @AbiRow("offset of CMSG_DATA from cmsghdr start") static final int CMSG_DATA_OFFSET = 12;
    @AbiRow("CMSG_LEN(0)") static final int CMSG_LEN_0 = 12;
    @AbiRow("CMSG_SPACE(sizeof(struct sctp_sndrcvinfo))") static final int CMSG_SPACE_SNDRCVINFO = 44;
    /** amd64; SPARC aligns cmsg headers to 8. */
    @AbiRow("_CMSG_HDR_ALIGNMENT (x86/amd64)") static final int CMSG_HDR_ALIGNMENT = 4;

    // ---- struct sctp_sndrcvinfo ----

    @AbiRow("sizeof(struct sctp_sndrcvinfo)") static final int SIZEOF_SNDRCVINFO = 32;
    @AbiRow("offsetof(struct sctp_sndrcvinfo,sinfo_stream)") static final int SINFO_STREAM = 0;
    @AbiRow("offsetof(struct sctp_sndrcvinfo,sinfo_flags)") static final int SINFO_FLAGS = 4;
    @AbiRow("offsetof(struct sctp_sndrcvinfo,sinfo_ppid)") static final int SINFO_PPID = 8;
    @AbiRow("offsetof(struct sctp_sndrcvinfo,sinfo_assoc_id)") static final int SINFO_ASSOC_ID = 28;

    // ---- notifications: every one starts with a 16-bit type, 16-bit flags, 32-bit length ----

    @AbiRow("offsetof(struct sctp_assoc_change,sac_type)") static final int SN_TYPE = 0;
    @AbiRow("sizeof(struct sctp_assoc_change.sac_type)") static final int SIZEOF_SN_TYPE = 2;
    @AbiRow("offsetof(struct sctp_assoc_change,sac_length)") static final int SN_LENGTH = 4;
    @AbiRow("sizeof(union sctp_notification)") static final int SIZEOF_NOTIFICATION = 276;

    @AbiRow("sizeof(struct sctp_assoc_change)") static final int SIZEOF_ASSOC_CHANGE = 20;
    @AbiRow("offsetof(struct sctp_assoc_change,sac_state)") static final int SAC_STATE = 8;
    @AbiRow("offsetof(struct sctp_assoc_change,sac_error)") static final int SAC_ERROR = 10;
    @AbiRow("offsetof(struct sctp_assoc_change,sac_outbound_streams)") static final int SAC_OUTBOUND_STREAMS = 12;
    @AbiRow("offsetof(struct sctp_assoc_change,sac_inbound_streams)") static final int SAC_INBOUND_STREAMS = 14;
    @AbiRow("offsetof(struct sctp_assoc_change,sac_assoc_id)") static final int SAC_ASSOC_ID = 16;

    @AbiRow("sizeof(struct sctp_shutdown_event)") static final int SIZEOF_SHUTDOWN_EVENT = 12;
    @AbiRow("offsetof(struct sctp_shutdown_event,sse_assoc_id)") static final int SSE_ASSOC_ID = 8;

    /** 276, not Linux's 148: spc_aaddr is illumos's 256-byte sockaddr_storage. */
    @AbiRow("sizeof(struct sctp_paddr_change)") static final int SIZEOF_PADDR_CHANGE = 276;
    @AbiRow("offsetof(struct sctp_paddr_change,spc_assoc_id)") static final int SPC_ASSOC_ID = 272;

    @AbiRow("sizeof(struct sctp_send_failed)") static final int SIZEOF_SEND_FAILED = 48;
    @AbiRow("offsetof(struct sctp_send_failed,ssf_assoc_id)") static final int SSF_ASSOC_ID = 44;

    // ---- struct sctp_event_subscribe: eight one-byte switches ----

    @AbiRow("sizeof(struct sctp_event_subscribe)") static final int SIZEOF_EVENT_SUBSCRIBE = 8;
    @AbiRow("offsetof(struct sctp_event_subscribe,sctp_data_io_event)") static final int EV_DATA_IO = 0;
    @AbiRow("offsetof(struct sctp_event_subscribe,sctp_association_event)") static final int EV_ASSOCIATION = 1;
    @AbiRow("offsetof(struct sctp_event_subscribe,sctp_shutdown_event)") static final int EV_SHUTDOWN = 5;

    // ---- event ports (sys/port.h, libc.so.1 SUNW_1.22): the readiness backend ----

    /** port_getn's time-out: -1 with errno ETIME (Linux has 62 too, but names ETIMEDOUT 110 for sockets) */
    @AbiRow("ETIME") static final int ETIME = 62;
    @AbiRow("PORT_SOURCE_USER") static final int PORT_SOURCE_USER = 3;
    @AbiRow("PORT_SOURCE_FD") static final int PORT_SOURCE_FD = 4;
    @AbiRow("sizeof(port_event_t)") static final int SIZEOF_PORT_EVENT = 24;
    @AbiRow("offsetof(port_event_t,portev_events)") static final int PORTEV_EVENTS = 0;
    @AbiRow("offsetof(port_event_t,portev_source)") static final int PORTEV_SOURCE = 4;
    @AbiRow("offsetof(port_event_t,portev_object)") static final int PORTEV_OBJECT = 8;
    @AbiRow("offsetof(port_event_t,portev_user)") static final int PORTEV_USER = 16;
    @AbiRow("sizeof(struct timespec)") static final int SIZEOF_TIMESPEC = 16;
    @AbiRow("offsetof(struct timespec,tv_sec)") static final int TIMESPEC_SEC = 0;
    @AbiRow("offsetof(struct timespec,tv_nsec)") static final int TIMESPEC_NSEC = 8;

    // ---- association control: illumos names its sinfo_flags MSG_* (no SCTP_EOF/SCTP_ABORT names; abi.tsv n/a)
    /** Graceful shutdown of one association (sinfo_flags; the message must be empty: EINVAL otherwise). */
    @AbiRow("MSG_EOF") static final int MSG_EOF = 4;
    /** Abort of one association (sinfo_flags). */
    @AbiRow("MSG_ABORT") static final int MSG_ABORT = 2;
    /** Timed reliability: {@code sinfo_timetolive} is a time-to-live (RFC 3758; illumos sctp.h). */
    @AbiRow("MSG_PR_SCTP") static final int MSG_PR_SCTP = 16;
    @AbiRow("offsetof(struct sctp_sndrcvinfo,sinfo_timetolive)") static final int SINFO_TIMETOLIVE = 16;
    @AbiRow("MSG_TRUNC") static final int MSG_TRUNC = 32;

    // ---- the other notifications and their switches (issue 15): illumos-gate netinet/sctp.h ----

    @AbiRow("SCTP_ADDR_AVAILABLE") static final int SCTP_ADDR_AVAILABLE = 0;
    @AbiRow("SCTP_ADDR_UNREACHABLE") static final int SCTP_ADDR_UNREACHABLE = 1;
    @AbiRow("SCTP_ADDR_REMOVED") static final int SCTP_ADDR_REMOVED = 2;
    @AbiRow("SCTP_ADDR_ADDED") static final int SCTP_ADDR_ADDED = 3;
    @AbiRow("SCTP_ADDR_MADE_PRIM") static final int SCTP_ADDR_MADE_PRIM = 4;
    /** 2 (SCTP_DATA_UNSENT is 1), where Linux has 1 (and 0). */
    @AbiRow("SCTP_DATA_SENT") static final int SCTP_DATA_SENT = 2;
    /** 1, where Linux has 0. */
    @AbiRow("SCTP_PARTIAL_DELIVERY_ABORTED") static final int SCTP_PARTIAL_DELIVERY_ABORTED = 1;
    @AbiRow("SCTP_ADAPTATION_LAYER") static final int SCTP_ADAPTATION_LAYER = 8;
    @AbiRow("offsetof(struct sctp_event_subscribe,sctp_address_event)") static final int EV_ADDRESS = 2;
    @AbiRow("offsetof(struct sctp_event_subscribe,sctp_send_failure_event)") static final int EV_SEND_FAILURE = 3;
    @AbiRow("offsetof(struct sctp_event_subscribe,sctp_peer_error_event)") static final int EV_PEER_ERROR = 4;
    @AbiRow("offsetof(struct sctp_event_subscribe,sctp_partial_delivery_event)") static final int EV_PARTIAL_DELIVERY = 6;
    @AbiRow("offsetof(struct sctp_event_subscribe,sctp_adaptation_layer_event)") static final int EV_ADAPTATION = 7;
    @AbiRow("offsetof(struct sctp_paddr_change,spc_aaddr)") static final int SPC_AADDR = 8;
    @AbiRow("offsetof(struct sctp_paddr_change,spc_state)") static final int SPC_STATE = 264;
    @AbiRow("offsetof(struct sctp_paddr_change,spc_error)") static final int SPC_ERROR = 268;
    @AbiRow("offsetof(struct sctp_send_failed,ssf_flags)") static final int SSF_FLAGS = 2;
    @AbiRow("offsetof(struct sctp_send_failed,ssf_error)") static final int SSF_ERROR = 8;
    @AbiRow("offsetof(struct sctp_send_failed,ssf_info)") static final int SSF_INFO = 12;
    @AbiRow("offsetof(struct sctp_send_failed,ssf_data)") static final int SSF_DATA = 48;
    @AbiRow("sizeof(struct sctp_remote_error)") static final int SIZEOF_REMOTE_ERROR = 16;
    /** illumos converts the cause code to host order (sctp_notify.c ntohs), Linux leaves it as on the wire. */
    @AbiRow("offsetof(struct sctp_remote_error,sre_error)") static final int SRE_ERROR = 8;
    @AbiRow("offsetof(struct sctp_remote_error,sre_assoc_id)") static final int SRE_ASSOC_ID = 12;
    @AbiRow("offsetof(struct sctp_remote_error,sre_data)") static final int SRE_DATA = 16;
    @AbiRow("sizeof(struct sctp_pdapi_event)") static final int SIZEOF_PDAPI_EVENT = 16;
    @AbiRow("offsetof(struct sctp_pdapi_event,pdapi_indication)") static final int PDAPI_INDICATION = 8;
    @AbiRow("offsetof(struct sctp_pdapi_event,pdapi_assoc_id)") static final int PDAPI_ASSOC_ID = 12;
    @AbiRow("sizeof(struct sctp_adaptation_event)") static final int SIZEOF_ADAPTATION_EVENT = 16;
    @AbiRow("offsetof(struct sctp_adaptation_event,sai_adaptation_ind)") static final int SAI_ADAPTATION_IND = 8;
    @AbiRow("offsetof(struct sctp_adaptation_event,sai_assoc_id)") static final int SAI_ASSOC_ID = 12;

    /** The errno names, read once from this class's E* constants. */
    private static final ErrnoNames NAMES = ErrnoNames.of(MethodHandles.lookup(), SolarisAbi.class);

    /**
     * The symbolic name of an illumos errno, for {@link org.peeloff.spi.PortableErrors}.
     *
     * @param errno the number
     * @return its name, or null for a number this table does not know
     */
    static String errnoName(int errno) {
        return NAMES.apply(errno);
    }

    // ---- typed options (SctpOptions): numbers, struct layouts, sstat_state values, SHUT_WR ----

    @AbiRow("SO_LINGER") static final int SO_LINGER = 128;
    @AbiRow("SHUT_WR") static final int SHUT_WR = 1;
    @AbiRow("sizeof(struct linger)") static final int SIZEOF_LINGER = 8;
    @AbiRow("offsetof(struct linger,l_onoff)") static final int LINGER_ONOFF = 0;
    @AbiRow("offsetof(struct linger,l_linger)") static final int LINGER_SECS = 4;
    @AbiRow("SCTP_RTOINFO") static final int SCTP_RTOINFO = 1;
    @AbiRow("SCTP_ASSOCINFO") static final int SCTP_ASSOCINFO = 2;
    @AbiRow("SCTP_INITMSG") static final int SCTP_INITMSG = 3;
    @AbiRow("SCTP_PEER_ADDR_PARAMS") static final int SCTP_PEER_ADDR_PARAMS = 10;
    @AbiRow("SCTP_PRIMARY_ADDR") static final int SCTP_PRIMARY_ADDR = 7;
    @AbiRow("SCTP_SET_PEER_PRIMARY_ADDR") static final int SCTP_SET_PEER_PRIMARY_ADDR = 6;
    @AbiRow("SCTP_DEFAULT_SEND_PARAM") static final int SCTP_DEFAULT_SEND_PARAM = 11;
    @AbiRow("SCTP_STATUS") static final int SCTP_STATUS = 15;
    @AbiRow("sizeof(struct sctp_initmsg)") static final int SIZEOF_INITMSG = 8;
    @AbiRow("offsetof(struct sctp_initmsg,sinit_num_ostreams)") static final int INITMSG_OSTREAMS = 0;
    @AbiRow("offsetof(struct sctp_initmsg,sinit_max_instreams)") static final int INITMSG_INSTREAMS = 2;
    @AbiRow("offsetof(struct sctp_initmsg,sinit_max_attempts)") static final int INITMSG_ATTEMPTS = 4;
    @AbiRow("offsetof(struct sctp_initmsg,sinit_max_init_timeo)") static final int INITMSG_TIMEO = 6;
    @AbiRow("sizeof(struct sctp_rtoinfo)") static final int SIZEOF_RTOINFO = 16;
    @AbiRow("offsetof(struct sctp_rtoinfo,srto_assoc_id)") static final int RTOINFO_ASSOC_ID = 0;
    @AbiRow("offsetof(struct sctp_rtoinfo,srto_initial)") static final int RTOINFO_INITIAL = 4;
    @AbiRow("offsetof(struct sctp_rtoinfo,srto_max)") static final int RTOINFO_MAX = 8;
    @AbiRow("offsetof(struct sctp_rtoinfo,srto_min)") static final int RTOINFO_MIN = 12;
    @AbiRow("sizeof(struct sctp_assocparams)") static final int SIZEOF_ASSOCPARAMS = 20;
    @AbiRow("offsetof(struct sctp_assocparams,sasoc_assoc_id)") static final int ASSOCPARAMS_ASSOC_ID = 0;
    @AbiRow("offsetof(struct sctp_assocparams,sasoc_asocmaxrxt)") static final int ASSOCPARAMS_MAXRXT = 4;
    @AbiRow("offsetof(struct sctp_assocparams,sasoc_number_peer_destinations)") static final int ASSOCPARAMS_PEER_DESTINATIONS = 6;
    @AbiRow("offsetof(struct sctp_assocparams,sasoc_peer_rwnd)") static final int ASSOCPARAMS_PEER_RWND = 8;
    @AbiRow("offsetof(struct sctp_assocparams,sasoc_local_rwnd)") static final int ASSOCPARAMS_LOCAL_RWND = 12;
    @AbiRow("offsetof(struct sctp_assocparams,sasoc_cookie_life)") static final int ASSOCPARAMS_COOKIE_LIFE = 16;
    @AbiRow("sizeof(struct sctp_paddrparams)") static final int SIZEOF_PADDRPARAMS = 268;
    @AbiRow("offsetof(struct sctp_paddrparams,spp_assoc_id)") static final int PADDRPARAMS_ASSOC_ID = 0;
    @AbiRow("offsetof(struct sctp_paddrparams,spp_address)") static final int PADDRPARAMS_ADDRESS = 4;
    @AbiRow("offsetof(struct sctp_paddrparams,spp_hbinterval)") static final int PADDRPARAMS_HBINTERVAL = 260;
    @AbiRow("offsetof(struct sctp_paddrparams,spp_pathmaxrxt)") static final int PADDRPARAMS_PATHMAXRXT = 264;
    @AbiRow("sizeof(struct sctp_setprim)") static final int SIZEOF_SETPRIM = 260;
    @AbiRow("offsetof(struct sctp_setprim,ssp_assoc_id)") static final int SETPRIM_ASSOC_ID = 0;
    @AbiRow("offsetof(struct sctp_setprim,ssp_addr)") static final int SETPRIM_ADDR = 4;
    @AbiRow("sizeof(struct sctp_setpeerprim)") static final int SIZEOF_SETPEERPRIM = 260;
    @AbiRow("offsetof(struct sctp_setpeerprim,sspp_assoc_id)") static final int SETPEERPRIM_ASSOC_ID = 0;
    @AbiRow("offsetof(struct sctp_setpeerprim,sspp_addr)") static final int SETPEERPRIM_ADDR = 4;
    @AbiRow("sizeof(struct sctp_sndrcvinfo)") static final int SIZEOF_SNDRCVINFO_OPT = 32;
    @AbiRow("offsetof(struct sctp_sndrcvinfo,sinfo_stream)") static final int SNDRCV_STREAM = 0;
    @AbiRow("offsetof(struct sctp_sndrcvinfo,sinfo_flags)") static final int SNDRCV_FLAGS = 4;
    @AbiRow("offsetof(struct sctp_sndrcvinfo,sinfo_ppid)") static final int SNDRCV_PPID = 8;
    @AbiRow("offsetof(struct sctp_sndrcvinfo,sinfo_context)") static final int SNDRCV_CONTEXT = 12;
    @AbiRow("offsetof(struct sctp_sndrcvinfo,sinfo_timetolive)") static final int SNDRCV_TTL = 16;
    @AbiRow("offsetof(struct sctp_sndrcvinfo,sinfo_assoc_id)") static final int SNDRCV_ASSOC_ID = 28;
    @AbiRow("sizeof(struct sctp_status)") static final int SIZEOF_STATUS = 304;
    @AbiRow("offsetof(struct sctp_status,sstat_assoc_id)") static final int STATUS_ASSOC_ID = 0;
    @AbiRow("offsetof(struct sctp_status,sstat_state)") static final int STATUS_STATE = 4;
    @AbiRow("offsetof(struct sctp_status,sstat_rwnd)") static final int STATUS_RWND = 8;
    @AbiRow("offsetof(struct sctp_status,sstat_unackdata)") static final int STATUS_UNACKED = 12;
    @AbiRow("offsetof(struct sctp_status,sstat_penddata)") static final int STATUS_PENDING = 14;
    @AbiRow("offsetof(struct sctp_status,sstat_instrms)") static final int STATUS_INSTRMS = 16;
    @AbiRow("offsetof(struct sctp_status,sstat_outstrms)") static final int STATUS_OUTSTRMS = 18;
    @AbiRow("offsetof(struct sctp_status,sstat_fragmentation_point)") static final int STATUS_FRAG_POINT = 20;
    @AbiRow("offsetof(struct sctp_status,sstat_primary)") static final int STATUS_PRIMARY = 24;
    @AbiRow("offsetof(struct sctp_paddrinfo,spinfo_address)") static final int PADDRINFO_ADDRESS = 4;
    @AbiRow("offsetof(struct sctp_paddrinfo,spinfo_rto)") static final int PADDRINFO_RTO = 272;
    @AbiRow("sizeof(struct sctp_paddrinfo.spinfo_address)") static final int SIZEOF_PADDRINFO_ADDRESS = 256;
    @AbiRow("SCTP_COOKIE_WAIT") static final int STATE_COOKIE_WAIT = -2;
    @AbiRow("SCTP_COOKIE_ECHOED") static final int STATE_COOKIE_ECHOED = -1;
    @AbiRow("SCTP_ESTABLISHED") static final int STATE_ESTABLISHED = 0;
    @AbiRow("SCTP_SHUTDOWN_PENDING") static final int STATE_SHUTDOWN_PENDING = 1;
    @AbiRow("SCTP_SHUTDOWN_SENT") static final int STATE_SHUTDOWN_SENT = 2;
    @AbiRow("SCTP_SHUTDOWN_RECEIVED") static final int STATE_SHUTDOWN_RECEIVED = 3;
    @AbiRow("SCTP_SHUTDOWN_ACK_SENT") static final int STATE_SHUTDOWN_ACK_SENT = 4;
    @AbiRow("SCTP_CLOSED") static final int STATE_CLOSED = -5;
    @AbiRow("SCTP_BOUND") static final int STATE_BOUND = -4;
    @AbiRow("SCTP_LISTEN") static final int STATE_LISTEN = -3;
}
