package org.peeloff.solaris;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Every native number the Solaris/illumos provider uses: errno values, flags, option numbers,
 * struct sizes and field offsets, for the LP64 illumos ABI (amd64; Solaris 11 shares the user
 * API). Each constant carries its citation: {@link Row} names its row of {@code abi.tsv}
 * ({@code os=illumos}), and {@code SolarisAbiTest} holds every one against the project's copy of
 * that table, so a wrong number fails the build on any machine. The few values the table does not
 * have yet carry {@link NotInTable} with the illumos header they were read from. Nothing here is
 * read from the table at run time.
 *
 * <p>Where illumos differs from Linux, and it does almost everywhere the provider looks, the constant
 * says so in one line.
 */
final class SolarisAbi {
    private SolarisAbi() {
    }

    /** The {@code abi.tsv} row ({@code os=illumos}, this {@code name}) a constant is held against. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    @interface Row {
        /** @return the {@code name} column of the row */
        String value();
    }

    /**
     * A value {@code abi.tsv} has no row for yet, with the public source it was read from. If the
     * table gains the row, {@code SolarisAbiTest} holds the constant against it.
     */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    @interface NotInTable {
        /** @return the row name it would have */
        String row();

        /** @return {@code repo@commit:path} of the header it was read from */
        String source();
    }

    private static final String ERRNO_H = "illumos/illumos-gate@7c478bd9:usr/src/uts/common/sys/errno.h";
    private static final String POLL_H = "illumos/illumos-gate@0ceaf383:usr/src/uts/common/sys/poll.h";
    private static final String UIO_H = "illumos/illumos-gate:usr/src/uts/common/sys/uio.h (LP64: caddr_t iov_base; size_t iov_len)";

    // ---- errno (sys/errno.h): the BSD socket errors sit at 95..150, not where Linux has them ----

    @Row("EPERM") static final int EPERM = 1;
    @Row("ENOENT") static final int ENOENT = 2;
    @Row("EINTR") static final int EINTR = 4;
    @Row("EBADF") static final int EBADF = 9;
    /** EWOULDBLOCK is the same number. */
    @Row("EAGAIN") static final int EAGAIN = 11;
    @Row("EWOULDBLOCK") static final int EWOULDBLOCK = 11;
    @Row("ENOMEM") static final int ENOMEM = 12;
    @Row("EACCES") static final int EACCES = 13;
    @Row("EFAULT") static final int EFAULT = 14;
    @NotInTable(row = "EBUSY", source = ERRNO_H) static final int EBUSY = 16;
    @Row("EINVAL") static final int EINVAL = 22;
    @Row("ENFILE") static final int ENFILE = 23;
    @Row("EMFILE") static final int EMFILE = 24;
    /** What an ioctl such as SIOCSCTPPEELOFF answers on most non-socket files (zfs, ufs). */
    @NotInTable(row = "ENOTTY", source = ERRNO_H) static final int ENOTTY = 25;
    @Row("EPIPE") static final int EPIPE = 32;
    /** illumos ENOTSUP (48) and EOPNOTSUPP (122) are different numbers. */
    @Row("ENOTSUP") static final int ENOTSUP = 48;
    @NotInTable(row = "ENOSR", source = ERRNO_H) static final int ENOSR = 63;
    @Row("ENOSYS") static final int ENOSYS = 89;
    @Row("ENOTSOCK") static final int ENOTSOCK = 95;
    @Row("EMSGSIZE") static final int EMSGSIZE = 97;
    @Row("EPROTOTYPE") static final int EPROTOTYPE = 98;
    @Row("ENOPROTOOPT") static final int ENOPROTOOPT = 99;
    @Row("EPROTONOSUPPORT") static final int EPROTONOSUPPORT = 120;
    @Row("ESOCKTNOSUPPORT") static final int ESOCKTNOSUPPORT = 121;
    /** sctp_peeloff(3SOCKET): "The sock argument is not a one-to-many style SCTP socket." */
    @Row("EOPNOTSUPP") static final int EOPNOTSUPP = 122;
    @Row("EAFNOSUPPORT") static final int EAFNOSUPPORT = 124;
    @Row("EADDRINUSE") static final int EADDRINUSE = 125;
    @Row("EADDRNOTAVAIL") static final int EADDRNOTAVAIL = 126;
    @Row("ENETUNREACH") static final int ENETUNREACH = 128;
    @Row("ECONNABORTED") static final int ECONNABORTED = 130;
    @Row("ECONNRESET") static final int ECONNRESET = 131;
    @Row("ENOBUFS") static final int ENOBUFS = 132;
    @Row("EISCONN") static final int EISCONN = 133;
    @Row("ENOTCONN") static final int ENOTCONN = 134;
    @NotInTable(row = "ESHUTDOWN", source = ERRNO_H) static final int ESHUTDOWN = 143;
    @Row("ETIMEDOUT") static final int ETIMEDOUT = 145;
    @Row("ECONNREFUSED") static final int ECONNREFUSED = 146;
    @Row("EHOSTUNREACH") static final int EHOSTUNREACH = 148;
    @Row("EALREADY") static final int EALREADY = 149;
    @Row("EINPROGRESS") static final int EINPROGRESS = 150;

    // ---- fcntl (sys/fcntl.h) ----

    @Row("F_GETFD") static final int F_GETFD = 1;
    @Row("F_SETFD") static final int F_SETFD = 2;
    @Row("F_GETFL") static final int F_GETFL = 3;
    @Row("F_SETFL") static final int F_SETFL = 4;
    @Row("FD_CLOEXEC") static final int FD_CLOEXEC = 1;
    /** 0x80, not Linux's 0x800. */
    @Row("O_NONBLOCK") static final int O_NONBLOCK = 128;
    /** The System V no-delay bit (a read answers 0, not EAGAIN): cleared too when making a socket blocking. */
    @Row("O_NDELAY") static final int O_NDELAY = 4;

    // ---- sockets (sys/socket.h, netinet/in.h) ----

    @Row("AF_INET") static final int AF_INET = 2;
    /** 26, not Linux's 10. */
    @Row("AF_INET6") static final int AF_INET6 = 26;
    /** 2 (NC_TPI_COTS), not Linux's 1. */
    @Row("SOCK_STREAM") static final int SOCK_STREAM = 2;
    /** 6, not Linux's 5. */
    @Row("SOCK_SEQPACKET") static final int SOCK_SEQPACKET = 6;
    @Row("SOCK_CLOEXEC") static final int SOCK_CLOEXEC = 524288;
    @Row("IPPROTO_SCTP") static final int IPPROTO_SCTP = 132;
    /** 0xffff, not Linux's 1. */
    @Row("SOL_SOCKET") static final int SOL_SOCKET = 65535;
    @Row("SO_SNDBUF") static final int SO_SNDBUF = 4097;
    @Row("SO_RCVBUF") static final int SO_RCVBUF = 4098;
    @Row("MSG_EOR") static final int MSG_EOR = 8;
    @Row("MSG_CTRUNC") static final int MSG_CTRUNC = 16;
    @Row("MSG_DONTWAIT") static final int MSG_DONTWAIT = 128;
    /** 0x200, not Linux's 0x4000: a send to a peer that has gone raises no SIGPIPE. */
    @Row("MSG_NOSIGNAL") static final int MSG_NOSIGNAL = 512;
    /** 0x100, not Linux's 0x8000 (which is illumos's private MSG_XPG4_2). */
    @Row("MSG_NOTIFICATION") static final int MSG_NOTIFICATION = 256;

    // ---- SCTP (netinet/sctp.h): options at level IPPROTO_SCTP, illumos numbering ----

    /** illumos has no SOL_SCTP: SCTP options use level IPPROTO_SCTP. */
    @Row("SCTP option level used by setsockopt/getsockopt") static final int SCTP_OPTION_LEVEL = 132;
    /** 4, not Linux's 3. */
    @Row("SCTP_NODELAY") static final int SCTP_NODELAY = 4;
    /** 12, not Linux's 11. */
    @Row("SCTP_EVENTS") static final int SCTP_EVENTS = 12;
    @Row("SCTP_GET_NLADDRS") static final int SCTP_GET_NLADDRS = 17;
    @Row("SCTP_GET_LADDRS") static final int SCTP_GET_LADDRS = 18;
    @Row("SCTP_GET_NPADDRS") static final int SCTP_GET_NPADDRS = 19;
    @Row("SCTP_GET_PADDRS") static final int SCTP_GET_PADDRS = 20;
    /** cmsg_type of the per-message sctp_sndrcvinfo: 256, not Linux's 1. */
    @Row("SCTP_SNDRCV") static final int SCTP_SNDRCV = 256;
    @Row("SCTP_BINDX_ADD_ADDR") static final int SCTP_BINDX_ADD_ADDR = 1;
    @Row("SCTP_BINDX_REM_ADDR") static final int SCTP_BINDX_REM_ADDR = 2;
    /** sinfo_flags bit; the same value as Linux's SCTP_UNORDERED. */
    @Row("MSG_UNORDERED") static final int MSG_UNORDERED = 1;

    // notification types: 1..7, where Linux has 0x8001.. (and SEND_FAILED / REMOTE_ERROR swapped)
    @Row("SCTP_ASSOC_CHANGE") static final int SCTP_ASSOC_CHANGE = 1;
    @Row("SCTP_PEER_ADDR_CHANGE") static final int SCTP_PEER_ADDR_CHANGE = 2;
    @Row("SCTP_REMOTE_ERROR") static final int SCTP_REMOTE_ERROR = 3;
    @Row("SCTP_SEND_FAILED") static final int SCTP_SEND_FAILED = 4;
    @Row("SCTP_SHUTDOWN_EVENT") static final int SCTP_SHUTDOWN_EVENT = 5;
    @Row("SCTP_ADAPTATION_INDICATION") static final int SCTP_ADAPTATION_INDICATION = 6;
    @Row("SCTP_PARTIAL_DELIVERY_EVENT") static final int SCTP_PARTIAL_DELIVERY_EVENT = 7;

    // sac_state values
    @Row("SCTP_COMM_UP") static final int SCTP_COMM_UP = 0;
    @Row("SCTP_COMM_LOST") static final int SCTP_COMM_LOST = 1;
    @Row("SCTP_RESTART") static final int SCTP_RESTART = 2;
    @Row("SCTP_SHUTDOWN_COMP") static final int SCTP_SHUTDOWN_COMP = 3;
    @Row("SCTP_CANT_STR_ASSOC") static final int SCTP_CANT_STR_ASSOC = 4;

    // ---- poll (sys/poll.h) ----

    @NotInTable(row = "POLLIN", source = POLL_H) static final short POLLIN = 1;
    @NotInTable(row = "POLLOUT", source = POLL_H) static final short POLLOUT = 4;
    @NotInTable(row = "POLLERR", source = POLL_H) static final short POLLERR = 8;
    @NotInTable(row = "POLLHUP", source = POLL_H) static final short POLLHUP = 16;
    @NotInTable(row = "POLLNVAL", source = POLL_H) static final short POLLNVAL = 32;
    @NotInTable(row = "sizeof(struct pollfd)", source = POLL_H) static final int SIZEOF_POLLFD = 8;
    @NotInTable(row = "offsetof(struct pollfd,fd)", source = POLL_H) static final int POLLFD_FD = 0;
    @NotInTable(row = "offsetof(struct pollfd,events)", source = POLL_H) static final int POLLFD_EVENTS = 4;
    @NotInTable(row = "offsetof(struct pollfd,revents)", source = POLL_H) static final int POLLFD_REVENTS = 6;

    // ---- scalar sizes ----

    @Row("sizeof(socklen_t)") static final int SIZEOF_SOCKLEN_T = 4;
    @Row("sizeof(sctp_assoc_t)") static final int SIZEOF_SCTP_ASSOC_T = 4;

    // ---- struct sockaddr, sockaddr_in, sockaddr_in6 (no sin_len byte; sa_family_t is 16 bits) ----

    @Row("offsetof(struct sockaddr,sa_family)") static final int SOCKADDR_FAMILY = 0;
    @Row("sizeof(struct sockaddr.sa_family)") static final int SIZEOF_SA_FAMILY = 2;
    @Row("sizeof(struct sockaddr_storage)") static final int SIZEOF_SOCKADDR_STORAGE = 256;
    @Row("sizeof(struct sockaddr_in)") static final int SIZEOF_SOCKADDR_IN = 16;
    @Row("offsetof(struct sockaddr_in,sin_port)") static final int SOCKADDR_IN_PORT = 2;
    @Row("offsetof(struct sockaddr_in,sin_addr)") static final int SOCKADDR_IN_ADDR = 4;
    /** 32, not Linux's 28: illumos appends __sin6_src_id. */
    @Row("sizeof(struct sockaddr_in6)") static final int SIZEOF_SOCKADDR_IN6 = 32;
    @Row("offsetof(struct sockaddr_in6,sin6_port)") static final int SOCKADDR_IN6_PORT = 2;
    @Row("offsetof(struct sockaddr_in6,sin6_flowinfo)") static final int SOCKADDR_IN6_FLOWINFO = 4;
    @Row("offsetof(struct sockaddr_in6,sin6_addr)") static final int SOCKADDR_IN6_ADDR = 8;
    @Row("offsetof(struct sockaddr_in6,sin6_scope_id)") static final int SOCKADDR_IN6_SCOPE_ID = 24;

    // ---- struct msghdr (XPG4.2 layout, the one __xnet_sendmsg/__xnet_recvmsg take) ----

    /** 48, not Linux's 56: msg_iovlen and msg_controllen are 4 bytes. */
    @Row("sizeof(struct msghdr)") static final int SIZEOF_MSGHDR = 48;
    @Row("offsetof(struct msghdr,msg_name)") static final int MSGHDR_NAME = 0;
    @Row("offsetof(struct msghdr,msg_namelen)") static final int MSGHDR_NAMELEN = 8;
    @Row("offsetof(struct msghdr,msg_iov)") static final int MSGHDR_IOV = 16;
    @Row("offsetof(struct msghdr,msg_iovlen)") static final int MSGHDR_IOVLEN = 24;
    @Row("sizeof(struct msghdr.msg_iovlen)") static final int SIZEOF_MSGHDR_IOVLEN = 4;
    @Row("offsetof(struct msghdr,msg_control)") static final int MSGHDR_CONTROL = 32;
    @Row("offsetof(struct msghdr,msg_controllen)") static final int MSGHDR_CONTROLLEN = 40;
    @Row("sizeof(struct msghdr.msg_controllen)") static final int SIZEOF_MSGHDR_CONTROLLEN = 4;
    @Row("offsetof(struct msghdr,msg_flags)") static final int MSGHDR_FLAGS = 44;

    // ---- struct iovec ----

    @Row("sizeof(struct iovec)") static final int SIZEOF_IOVEC = 16;
    @NotInTable(row = "offsetof(struct iovec,iov_base)", source = UIO_H) static final int IOVEC_BASE = 0;
    @NotInTable(row = "offsetof(struct iovec,iov_len)", source = UIO_H) static final int IOVEC_LEN = 8;

    // ---- struct cmsghdr: a 4-byte cmsg_len and 4-byte alignment, so the data starts at 12, not 16 ----

    @Row("sizeof(struct cmsghdr)") static final int SIZEOF_CMSGHDR = 12;
    @Row("offsetof(struct cmsghdr,cmsg_len)") static final int CMSGHDR_LEN = 0;
    @Row("sizeof(struct cmsghdr.cmsg_len)") static final int SIZEOF_CMSGHDR_LEN = 4;
    @Row("offsetof(struct cmsghdr,cmsg_level)") static final int CMSGHDR_LEVEL = 4;
    @Row("offsetof(struct cmsghdr,cmsg_type)") static final int CMSGHDR_TYPE = 8;
    @Row("offset of CMSG_DATA from cmsghdr start") static final int CMSG_DATA_OFFSET = 12;
    @Row("CMSG_LEN(0)") static final int CMSG_LEN_0 = 12;
    @Row("CMSG_SPACE(sizeof(struct sctp_sndrcvinfo))") static final int CMSG_SPACE_SNDRCVINFO = 44;
    /** amd64; SPARC aligns cmsg headers to 8. */
    @Row("_CMSG_HDR_ALIGNMENT (x86/amd64)") static final int CMSG_HDR_ALIGNMENT = 4;

    // ---- struct sctp_sndrcvinfo ----

    @Row("sizeof(struct sctp_sndrcvinfo)") static final int SIZEOF_SNDRCVINFO = 32;
    @Row("offsetof(struct sctp_sndrcvinfo,sinfo_stream)") static final int SINFO_STREAM = 0;
    @Row("offsetof(struct sctp_sndrcvinfo,sinfo_flags)") static final int SINFO_FLAGS = 4;
    @Row("offsetof(struct sctp_sndrcvinfo,sinfo_ppid)") static final int SINFO_PPID = 8;
    @Row("offsetof(struct sctp_sndrcvinfo,sinfo_assoc_id)") static final int SINFO_ASSOC_ID = 28;

    // ---- notifications: every one starts with a 16-bit type, 16-bit flags, 32-bit length ----

    @Row("offsetof(struct sctp_assoc_change,sac_type)") static final int SN_TYPE = 0;
    @Row("sizeof(struct sctp_assoc_change.sac_type)") static final int SIZEOF_SN_TYPE = 2;
    @Row("offsetof(struct sctp_assoc_change,sac_length)") static final int SN_LENGTH = 4;
    @Row("sizeof(union sctp_notification)") static final int SIZEOF_NOTIFICATION = 276;

    @Row("sizeof(struct sctp_assoc_change)") static final int SIZEOF_ASSOC_CHANGE = 20;
    @Row("offsetof(struct sctp_assoc_change,sac_state)") static final int SAC_STATE = 8;
    @Row("offsetof(struct sctp_assoc_change,sac_error)") static final int SAC_ERROR = 10;
    @Row("offsetof(struct sctp_assoc_change,sac_outbound_streams)") static final int SAC_OUTBOUND_STREAMS = 12;
    @Row("offsetof(struct sctp_assoc_change,sac_inbound_streams)") static final int SAC_INBOUND_STREAMS = 14;
    @Row("offsetof(struct sctp_assoc_change,sac_assoc_id)") static final int SAC_ASSOC_ID = 16;

    @Row("sizeof(struct sctp_shutdown_event)") static final int SIZEOF_SHUTDOWN_EVENT = 12;
    @Row("offsetof(struct sctp_shutdown_event,sse_assoc_id)") static final int SSE_ASSOC_ID = 8;

    /** 276, not Linux's 148: spc_aaddr is illumos's 256-byte sockaddr_storage. */
    @Row("sizeof(struct sctp_paddr_change)") static final int SIZEOF_PADDR_CHANGE = 276;
    @Row("offsetof(struct sctp_paddr_change,spc_assoc_id)") static final int SPC_ASSOC_ID = 272;

    @Row("sizeof(struct sctp_send_failed)") static final int SIZEOF_SEND_FAILED = 48;
    @Row("offsetof(struct sctp_send_failed,ssf_assoc_id)") static final int SSF_ASSOC_ID = 44;

    // ---- struct sctp_event_subscribe: eight one-byte switches ----

    @Row("sizeof(struct sctp_event_subscribe)") static final int SIZEOF_EVENT_SUBSCRIBE = 8;
    @Row("offsetof(struct sctp_event_subscribe,sctp_data_io_event)") static final int EV_DATA_IO = 0;
    @Row("offsetof(struct sctp_event_subscribe,sctp_association_event)") static final int EV_ASSOCIATION = 1;
    @Row("offsetof(struct sctp_event_subscribe,sctp_shutdown_event)") static final int EV_SHUTDOWN = 5;

    /**
     * The symbolic name of an illumos errno, for {@link org.peeloff.spi.PortableErrors}.
     *
     * @param errno the number
     * @return its name, or null for a number this table does not know
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
            case ENOTTY: return "ENOTTY";
            case EPIPE: return "EPIPE";
            case ENOTSUP: return "ENOTSUP";
            case ENOSR: return "ENOSR";
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
