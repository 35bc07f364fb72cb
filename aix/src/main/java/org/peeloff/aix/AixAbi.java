/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.aix;

import java.lang.invoke.MethodHandles;
import java.util.EnumSet;
import java.util.Set;

import org.peeloff.jna.AbiRow;
import org.peeloff.jna.ErrnoNames;

/**
 * AIX (64-bit, ppc64) numbers and layouts the provider uses.
 *
 * <p><b>Known values</b> are constants here, each with the {@code abi.tsv} row it comes from (the
 * {@code aix} rows cite golang/sys {@code unix/zerrors_aix_ppc64.go} and {@code ztypes_aix_ppc64.go},
 * rust-lang/libc {@code src/unix/aix}, and IBM's documentation), named with {@link AbiRow}; the shared
 * test {@code AbiConformance} holds every one of them against the project's copy of the table.
 *
 * <p><b>Unknown values</b> ({@code ?} in abi.tsv: there is no public AIX {@code <netinet/sctp.h>}) are
 * the constants of {@link Unknown}. None is guessed silently: each is read at run time from
 * {@code -Dorg.peeloff.aix.abi.<KEY>} or from the file named by {@code -Dorg.peeloff.aix.abi}
 * ({@link AixAbiConfig}), or, for the struct layouts RFC 6458 fixes, derived from the RFC and reported
 * as such. A feature whose values are missing fails with {@code UNSUPPORTED} naming them.
 *
 * <p><b>Byte order</b> follows the platform: struct fields are written and read with JNA's
 * {@code Pointer.setInt/getShort/...}, which use the native order. That is big-endian on AIX
 * (abi.tsv: "byte order: big-endian (ppc64 AIX)"), and little-endian where the ABI personality runs
 * (x86_64 Linux), which is right there too. Only network-order fields (ports and addresses in
 * socket addresses) are written byte by byte, explicitly.
 */
@AbiRow.Table("aix")
final class AixAbi {
    private AixAbi() {
    }

    // ---- errno: abi.tsv aix rows E* ----------------------------------------------------------

    /** abi.tsv aix EPERM. */
    @AbiRow("EPERM")
    static final int EPERM = 1;
    /** abi.tsv aix ENOENT. */
    @AbiRow("ENOENT")
    static final int ENOENT = 2;
    /** abi.tsv aix EINTR. */
    @AbiRow("EINTR")
    static final int EINTR = 4;
    /** rust-lang/libc@2eda1e52 src/unix/aix/mod.rs (sys/errno.h). */
    @AbiRow("EIO")
    static final int EIO = 5;
    /** abi.tsv aix EBADF. */
    @AbiRow("EBADF")
    static final int EBADF = 9;
    /** abi.tsv aix EAGAIN (EWOULDBLOCK is the same number). */
    @AbiRow("EAGAIN")
    static final int EAGAIN = 11;
    /** abi.tsv aix ENOMEM. */
    @AbiRow("ENOMEM")
    static final int ENOMEM = 12;
    /** abi.tsv aix EACCES. */
    @AbiRow("EACCES")
    static final int EACCES = 13;
    /** abi.tsv aix EFAULT. */
    @AbiRow("EFAULT")
    static final int EFAULT = 14;
    /** rust-lang/libc@2eda1e52 src/unix/aix/mod.rs (sys/errno.h). */
    @AbiRow("EBUSY")
    static final int EBUSY = 16;
    /** abi.tsv aix EINVAL. */
    @AbiRow("EINVAL")
    static final int EINVAL = 22;
    /** abi.tsv aix ENFILE. */
    @AbiRow("ENFILE")
    static final int ENFILE = 23;
    /** abi.tsv aix EMFILE. */
    @AbiRow("EMFILE")
    static final int EMFILE = 24;
    /** abi.tsv aix EPIPE. */
    @AbiRow("EPIPE")
    static final int EPIPE = 32;
    /** abi.tsv aix EINPROGRESS (Linux 115). */
    @AbiRow("EINPROGRESS")
    static final int EINPROGRESS = 55;
    /** abi.tsv aix EALREADY. */
    @AbiRow("EALREADY")
    static final int EALREADY = 56;
    /** abi.tsv aix ENOTSOCK (Linux 88). */
    @AbiRow("ENOTSOCK")
    static final int ENOTSOCK = 57;
    /** abi.tsv aix EMSGSIZE. */
    @AbiRow("EMSGSIZE")
    static final int EMSGSIZE = 59;
    /** abi.tsv aix EPROTOTYPE. */
    @AbiRow("EPROTOTYPE")
    static final int EPROTOTYPE = 60;
    /** abi.tsv aix ENOPROTOOPT. */
    @AbiRow("ENOPROTOOPT")
    static final int ENOPROTOOPT = 61;
    /** abi.tsv aix EPROTONOSUPPORT. */
    @AbiRow("EPROTONOSUPPORT")
    static final int EPROTONOSUPPORT = 62;
    /** abi.tsv aix ESOCKTNOSUPPORT. */
    @AbiRow("ESOCKTNOSUPPORT")
    static final int ESOCKTNOSUPPORT = 63;
    /** abi.tsv aix EOPNOTSUPP: 64 on AIX, not the same number as ENOTSUP (Linux has 95 for both). */
    @AbiRow("EOPNOTSUPP")
    static final int EOPNOTSUPP = 64;
    /** abi.tsv aix EAFNOSUPPORT. */
    @AbiRow("EAFNOSUPPORT")
    static final int EAFNOSUPPORT = 66;
    /** abi.tsv aix EADDRINUSE. */
    @AbiRow("EADDRINUSE")
    static final int EADDRINUSE = 67;
    /** abi.tsv aix EADDRNOTAVAIL. */
    @AbiRow("EADDRNOTAVAIL")
    static final int EADDRNOTAVAIL = 68;
    /** abi.tsv aix ENETUNREACH. */
    @AbiRow("ENETUNREACH")
    static final int ENETUNREACH = 70;
    /** abi.tsv aix ECONNABORTED. */
    @AbiRow("ECONNABORTED")
    static final int ECONNABORTED = 72;
    /** abi.tsv aix ECONNRESET. */
    @AbiRow("ECONNRESET")
    static final int ECONNRESET = 73;
    /** abi.tsv aix ENOBUFS. */
    @AbiRow("ENOBUFS")
    static final int ENOBUFS = 74;
    /** abi.tsv aix EISCONN. */
    @AbiRow("EISCONN")
    static final int EISCONN = 75;
    /** abi.tsv aix ENOTCONN. */
    @AbiRow("ENOTCONN")
    static final int ENOTCONN = 76;
    /** abi.tsv aix ETIMEDOUT. */
    @AbiRow("ETIMEDOUT")
    static final int ETIMEDOUT = 78;
    /** abi.tsv aix ECONNREFUSED. */
    @AbiRow("ECONNREFUSED")
    static final int ECONNREFUSED = 79;
    /** abi.tsv aix EHOSTUNREACH. */
    @AbiRow("EHOSTUNREACH")
    static final int EHOSTUNREACH = 81;
    /** abi.tsv aix ENOSYS. */
    @AbiRow("ENOSYS")
    static final int ENOSYS = 109;
    /** timer expired (what pollset_poll and event waits may report) */
    @AbiRow("ETIME")
    static final int ETIME = 119;
    /** abi.tsv aix ENOTSUP: 124, a different number from EOPNOTSUPP on AIX. */
    @AbiRow("ENOTSUP")
    static final int ENOTSUP = 124;

    /** The errno names, read once from this class's E* constants. */
    private static final ErrnoNames NAMES = ErrnoNames.of(MethodHandles.lookup(), AixAbi.class);

    /**
     * The symbolic name of an AIX errno, for {@link org.peeloff.spi.PortableErrors}.
     *
     * @param errno an AIX errno number
     * @return its name, or null when this table does not know it
     */
    static String errnoName(int errno) {
        return NAMES.apply(errno);
    }

    // ---- sockets ------------------------------------------------------------------------------

    /** abi.tsv aix AF_INET. */
    @AbiRow("AF_INET")
    static final int AF_INET = 2;
    /** abi.tsv aix AF_INET6: 24 on AIX (Linux 10). */
    @AbiRow("AF_INET6")
    static final int AF_INET6 = 24;
    /** abi.tsv aix SOCK_STREAM (named in messages only: AIX documents no one-to-one SCTP sockets). */
    @AbiRow("SOCK_STREAM")
    static final int SOCK_STREAM = 1;
    /** abi.tsv aix SOCK_SEQPACKET: the one-to-many ("UDP-style") socket type. */
    @AbiRow("SOCK_SEQPACKET")
    static final int SOCK_SEQPACKET = 5;
    /** abi.tsv aix IPPROTO_SCTP. */
    @AbiRow("IPPROTO_SCTP")
    static final int IPPROTO_SCTP = 132;
    /** abi.tsv aix SOL_SOCKET (0xffff, like the BSDs; Linux 1). */
    @AbiRow("SOL_SOCKET")
    static final int SOL_SOCKET = 65535;
    /** abi.tsv aix SO_SNDBUF (0x1001). */
    @AbiRow("SO_SNDBUF")
    static final int SO_SNDBUF = 4097;
    /** abi.tsv aix SO_RCVBUF (0x1002). */
    @AbiRow("SO_RCVBUF")
    static final int SO_RCVBUF = 4098;
    /** abi.tsv aix SO_LINGER (0x80). */
    @AbiRow("SO_LINGER")
    static final int SO_LINGER = 128;
    /** abi.tsv aix SHUT_WR. */
    @AbiRow("SHUT_WR")
    static final int SHUT_WR = 1;
    /** abi.tsv aix sizeof(struct linger). */
    @AbiRow("sizeof(struct linger)")
    static final int SIZEOF_LINGER = 8;
    /** abi.tsv aix offsetof(struct linger,l_onoff). */
    @AbiRow("offsetof(struct linger,l_onoff)")
    static final int LINGER_ONOFF = 0;
    /** abi.tsv aix offsetof(struct linger,l_linger). */
    @AbiRow("offsetof(struct linger,l_linger)")
    static final int LINGER_SECS = 4;

    // ---- fcntl --------------------------------------------------------------------------------

    /** 0 as on every Unix since V7; rust-lang/libc@2eda1e52 src/unix/aix/mod.rs F_DUPFD. */
    @AbiRow("F_DUPFD")
    static final int F_DUPFD = 0;
    /** abi.tsv aix F_GETFD. */
    @AbiRow("F_GETFD")
    static final int F_GETFD = 1;
    /** abi.tsv aix F_SETFD. */
    @AbiRow("F_SETFD")
    static final int F_SETFD = 2;
    /** abi.tsv aix F_GETFL. */
    @AbiRow("F_GETFL")
    static final int F_GETFL = 3;
    /** abi.tsv aix F_SETFL. */
    @AbiRow("F_SETFL")
    static final int F_SETFL = 4;
    /** abi.tsv aix FD_CLOEXEC. */
    @AbiRow("FD_CLOEXEC")
    static final int FD_CLOEXEC = 1;
    /**
     * abi.tsv aix O_NONBLOCK: 4. Not O_NDELAY (abi.tsv aix O_NDELAY, 0x8000), which AIX keeps apart
     * with other semantics (a read with nothing queued returns 0 instead of failing with EAGAIN).
     */
    @AbiRow("O_NONBLOCK")
    static final int O_NONBLOCK = 4;

    // ---- message flags ------------------------------------------------------------------------

    /** abi.tsv aix MSG_EOR. */
    @AbiRow("MSG_EOR")
    static final int MSG_EOR = 8;
    /** abi.tsv aix MSG_TRUNC. */
    @AbiRow("MSG_TRUNC")
    static final int MSG_TRUNC = 16;
    /** abi.tsv aix MSG_CTRUNC. */
    @AbiRow("MSG_CTRUNC")
    static final int MSG_CTRUNC = 32;
    /** abi.tsv aix MSG_NOSIGNAL. */
    @AbiRow("MSG_NOSIGNAL")
    static final int MSG_NOSIGNAL = 256;
    /** abi.tsv aix MSG_NONBLOCK: AIX's per-call non-blocking flag; there is no MSG_DONTWAIT. */
    @AbiRow("MSG_NONBLOCK")
    static final int MSG_NONBLOCK = 16384;

    // ---- poll: not in abi.tsv; rust-lang/libc@2eda1e52 src/unix/aix/mod.rs ("sys/poll.h") -------

    /** rust-lang/libc@2eda1e52 src/unix/aix/mod.rs. */
    @AbiRow("POLLIN")
    static final int POLLIN = 0x0001;
    /** rust-lang/libc@2eda1e52 src/unix/aix/mod.rs (Linux has 4). */
    @AbiRow("POLLOUT")
    static final int POLLOUT = 0x0002;
    /** rust-lang/libc@2eda1e52 src/unix/aix/mod.rs (Linux has 0x10). */
    @AbiRow("POLLHUP")
    static final int POLLHUP = 0x2000;
    /** rust-lang/libc@2eda1e52 src/unix/aix/mod.rs (Linux has 8). */
    @AbiRow("POLLERR")
    static final int POLLERR = 0x4000;
    /** rust-lang/libc@2eda1e52 src/unix/aix/mod.rs (POLLSYNC; Linux has 0x20). */
    @AbiRow("POLLNVAL")
    static final int POLLNVAL = 0x8000;
    /** {@code struct pollfd {int fd; short events; short revents;}} rust-lang/libc src/unix/mod.rs. */
    @AbiRow("sizeof(struct pollfd)")
    static final int SIZEOF_POLLFD = 8;
    /** offset of {@code fd}, the first member of {@code struct pollfd}. */
    @AbiRow("offsetof(struct pollfd,fd)")
    static final int POLLFD_FD = 0;
    /** offset of {@code events} in {@code struct pollfd}. */
    @AbiRow("offsetof(struct pollfd,events)")
    static final int POLLFD_EVENTS = 4;
    /** offset of {@code revents} in {@code struct pollfd}. */
    @AbiRow("offsetof(struct pollfd,revents)")
    static final int POLLFD_REVENTS = 6;

    // ---- pollset (sys/pollset.h, libc.a): the readiness backend --------------------------------

    /** pollset_ctl: add a descriptor with its events. */
    @AbiRow("PS_ADD")
    static final int PS_ADD = 0;
    /** pollset_ctl: OR the events into those watched (adds the descriptor if absent); never narrows. */
    @AbiRow("PS_MOD")
    static final int PS_MOD = 1;
    /** pollset_ctl: stop watching a descriptor. */
    @AbiRow("PS_DELETE")
    static final int PS_DELETE = 2;
    /** {@code pollset_t} is an int. */
    @AbiRow("sizeof(pollset_t)")
    static final int SIZEOF_POLLSET_T = 4;
    /** {@code struct poll_ctl {short cmd; short events; int fd;}}. */
    @AbiRow("sizeof(struct poll_ctl)")
    static final int SIZEOF_POLL_CTL = 8;
    /** offset of {@code cmd} in {@code struct poll_ctl}. */
    @AbiRow("offsetof(struct poll_ctl,cmd)")
    static final int POLL_CTL_CMD = 0;
    /** offset of {@code events} in {@code struct poll_ctl}. */
    @AbiRow("offsetof(struct poll_ctl,events)")
    static final int POLL_CTL_EVENTS = 2;
    /** offset of {@code fd} in {@code struct poll_ctl}. */
    @AbiRow("offsetof(struct poll_ctl,fd)")
    static final int POLL_CTL_FD = 4;

    // ---- layouts (abi.tsv aix sizeof/offsetof rows) --------------------------------------------

    /** abi.tsv aix sizeof(socklen_t). */
    @AbiRow("sizeof(socklen_t)")
    static final int SIZEOF_SOCKLEN_T = 4;
    /** abi.tsv aix sizeof(sctp_assoc_t): an unsigned 32-bit int. */
    @AbiRow("sizeof(sctp_assoc_t)")
    static final int SIZEOF_SCTP_ASSOC_T = 4;
    /** abi.tsv aix fact:sctp_opt_info.prototype: "size is size_t* (8 bytes on ppc64), not socklen_t*". */
    @AbiRow("sizeof(size_t)")
    static final int SIZEOF_SIZE_T = 8;

    /** abi.tsv aix sizeof(struct sockaddr_in). */
    @AbiRow("sizeof(struct sockaddr_in)")
    static final int SIZEOF_SOCKADDR_IN = 16;
    /** abi.tsv aix offsetof(struct sockaddr_in,sin_len): the 1-byte length comes first. */
    @AbiRow("offsetof(struct sockaddr_in,sin_len)")
    static final int SIN_LEN = 0;
    /** abi.tsv aix offsetof(struct sockaddr_in,sin_family): a 1-byte family after it. */
    @AbiRow("offsetof(struct sockaddr_in,sin_family)")
    static final int SIN_FAMILY = 1;
    /** abi.tsv aix offsetof(struct sockaddr_in,sin_port) (network order). */
    @AbiRow("offsetof(struct sockaddr_in,sin_port)")
    static final int SIN_PORT = 2;
    /** abi.tsv aix offsetof(struct sockaddr_in,sin_addr) (network order). */
    @AbiRow("offsetof(struct sockaddr_in,sin_addr)")
    static final int SIN_ADDR = 4;
    /** abi.tsv aix sizeof(struct sockaddr_in6). */
    @AbiRow("sizeof(struct sockaddr_in6)")
    static final int SIZEOF_SOCKADDR_IN6 = 28;
    /** abi.tsv aix offsetof(struct sockaddr_in6,sin6_flowinfo). */
    @AbiRow("offsetof(struct sockaddr_in6,sin6_flowinfo)")
    static final int SIN6_FLOWINFO = 4;
    /** abi.tsv aix offsetof(struct sockaddr_in6,sin6_addr). */
    @AbiRow("offsetof(struct sockaddr_in6,sin6_addr)")
    static final int SIN6_ADDR = 8;
    /** abi.tsv aix offsetof(struct sockaddr_in6,sin6_scope_id) (host order). */
    @AbiRow("offsetof(struct sockaddr_in6,sin6_scope_id)")
    static final int SIN6_SCOPE_ID = 24;
    /** abi.tsv aix sizeof(struct sockaddr_storage): 1288 (Linux 128). */
    @AbiRow("sizeof(struct sockaddr_storage)")
    static final int SIZEOF_SOCKADDR_STORAGE = 1288;

    /** abi.tsv aix sizeof(struct msghdr): 48 (Linux 56). */
    @AbiRow("sizeof(struct msghdr)")
    static final int SIZEOF_MSGHDR = 48;
    /** abi.tsv aix offsetof(struct msghdr,msg_name). */
    @AbiRow("offsetof(struct msghdr,msg_name)")
    static final int MSGHDR_NAME = 0;
    /** abi.tsv aix offsetof(struct msghdr,msg_namelen) (a 4-byte socklen_t). */
    @AbiRow("offsetof(struct msghdr,msg_namelen)")
    static final int MSGHDR_NAMELEN = 8;
    /** abi.tsv aix offsetof(struct msghdr,msg_iov). */
    @AbiRow("offsetof(struct msghdr,msg_iov)")
    static final int MSGHDR_IOV = 16;
    /** abi.tsv aix offsetof(struct msghdr,msg_iovlen): a 4-byte int on AIX (Linux: 8-byte size_t). */
    @AbiRow("offsetof(struct msghdr,msg_iovlen)")
    static final int MSGHDR_IOVLEN = 24;
    /** abi.tsv aix offsetof(struct msghdr,msg_control). */
    @AbiRow("offsetof(struct msghdr,msg_control)")
    static final int MSGHDR_CONTROL = 32;
    /** abi.tsv aix offsetof(struct msghdr,msg_controllen): a 4-byte socklen_t on AIX (Linux: size_t). */
    @AbiRow("offsetof(struct msghdr,msg_controllen)")
    static final int MSGHDR_CONTROLLEN = 40;
    /** abi.tsv aix offsetof(struct msghdr,msg_flags): 44 (Linux 48). */
    @AbiRow("offsetof(struct msghdr,msg_flags)")
    static final int MSGHDR_FLAGS = 44;
    /** abi.tsv aix sizeof(struct iovec): a 64-bit pointer, then a 64-bit size_t. */
    @AbiRow("sizeof(struct iovec)")
    static final int SIZEOF_IOVEC = 16;
    /** offset of {@code iov_base}, the first member of {@code struct iovec}. */
    @AbiRow("offsetof(struct iovec,iov_base)")
    static final int IOV_BASE = 0;
    /** Offset of {@code iov_len}: after the 8-byte {@code iov_base} (abi.tsv aix sizeof(struct iovec) is 16). */
    @AbiRow("offsetof(struct iovec,iov_len)")
    static final int IOV_LEN = 8;

    /** abi.tsv aix sizeof(struct cmsghdr): 12 (Linux 16). */
    @AbiRow("sizeof(struct cmsghdr)")
    static final int SIZEOF_CMSGHDR = 12;
    /** abi.tsv aix offsetof(struct cmsghdr,cmsg_len) (4 bytes). */
    @AbiRow("offsetof(struct cmsghdr,cmsg_len)")
    static final int CMSG_LEN = 0;
    /** abi.tsv aix offsetof(struct cmsghdr,cmsg_level). */
    @AbiRow("offsetof(struct cmsghdr,cmsg_level)")
    static final int CMSG_LEVEL = 4;
    /** abi.tsv aix offsetof(struct cmsghdr,cmsg_type). */
    @AbiRow("offsetof(struct cmsghdr,cmsg_type)")
    static final int CMSG_TYPE = 8;
    /** abi.tsv aix "offset of CMSG_DATA from cmsghdr start": 12, right after the header. */
    @AbiRow("offset of CMSG_DATA from cmsghdr start")
    static final int CMSG_DATA = 12;
    /** abi.tsv aix "CMSG alignment (bytes)": 1, control messages are packed (Linux aligns to 8). */
    @AbiRow("CMSG alignment (bytes)")
    static final int CMSG_ALIGNMENT = 1;

    // ---- values no public source gives ----------------------------------------------------------

    /**
     * The AIX values that no public source gives. Each has the key it is configured with
     * ({@code -Dorg.peeloff.aix.abi.<key>} or a line {@code <key>=<value>} of the file named by
     * {@code -Dorg.peeloff.aix.abi}), and, where RFC 6458 fixes it, the value derived from the RFC
     * (used when nothing is configured, and reported as derived and unverified).
     */
    enum Unknown {
        /** The option level and control-message level of SCTP. */
        SOL_SCTP("SOL_SCTP", IPPROTO_SCTP,
                "RFC 6458 section 8 (socket options at level IPPROTO_SCTP) and 5.3 (cmsg_level IPPROTO_SCTP), "
                        + "IPPROTO_SCTP = 132 from abi.tsv"),
        /** The {@code msg_flags} bit of a notification. */
        MSG_NOTIFICATION("MSG_NOTIFICATION"),
        /** The {@code SCTP_NODELAY} option. */
        SCTP_NODELAY("SCTP_NODELAY"),
        /** The {@code SCTP_EVENTS} option (struct sctp_event_subscribe). */
        SCTP_EVENTS("SCTP_EVENTS"),
        /** The {@code SCTP_GET_ASSOC_ID_LIST} option, read with {@code sctp_opt_info}. */
        SCTP_GET_ASSOC_ID_LIST("SCTP_GET_ASSOC_ID_LIST"),
        /** The control-message type of {@code struct sctp_sndrcvinfo}. */
        SCTP_SNDRCV("SCTP_SNDRCV"),
        /** The {@code sinfo_flags} bit for unordered delivery (no abi.tsv row). */
        SCTP_UNORDERED("SCTP_UNORDERED"),
        /** {@code sn_type} of an association change. */
        SCTP_ASSOC_CHANGE("SCTP_ASSOC_CHANGE"),
        /** {@code sn_type} of a peer address change (only named in notifications). */
        SCTP_PEER_ADDR_CHANGE("SCTP_PEER_ADDR_CHANGE"),
        /** {@code sn_type} of a remote error (only named in notifications). */
        SCTP_REMOTE_ERROR("SCTP_REMOTE_ERROR"),
        /** {@code sn_type} of a send failure (only named in notifications). */
        SCTP_SEND_FAILED("SCTP_SEND_FAILED"),
        /** {@code sn_type} of a shutdown event. */
        SCTP_SHUTDOWN_EVENT("SCTP_SHUTDOWN_EVENT"),
        /** {@code sac_state}: communication up. */
        SCTP_COMM_UP("SCTP_COMM_UP"),
        /** {@code sac_state}: communication lost. */
        SCTP_COMM_LOST("SCTP_COMM_LOST"),
        /** {@code sac_state}: restart. */
        SCTP_RESTART("SCTP_RESTART"),
        /** {@code sac_state}: shutdown complete. */
        SCTP_SHUTDOWN_COMP("SCTP_SHUTDOWN_COMP"),
        /** {@code sac_state}: cannot start the association. */
        SCTP_CANT_STR_ASSOC("SCTP_CANT_STR_ASSOC"),
        /** {@code sctp_bindx} flag: add addresses. */
        SCTP_BINDX_ADD_ADDR("SCTP_BINDX_ADD_ADDR"),
        /** {@code sctp_bindx} flag: remove addresses. */
        SCTP_BINDX_REM_ADDR("SCTP_BINDX_REM_ADDR"),
        /** The {@code sinfo_flags} bit for a graceful shutdown of one association. */
        SCTP_EOF("SCTP_EOF"),
        /** The {@code sinfo_flags} bit for an abort of one association. */
        SCTP_ABORT("SCTP_ABORT"),

        /** {@code sizeof(struct sctp_sndrcvinfo)}: the RFC's nine fields; an OS may add more (FreeBSD: 128). */
        SNDRCVINFO_SIZE("sizeof.sctp_sndrcvinfo", 32, Rfc.SNDRCVINFO),
        /** {@code sinfo_stream}. */
        SINFO_STREAM("offsetof.sctp_sndrcvinfo.sinfo_stream", 0, Rfc.SNDRCVINFO),
        /** {@code sinfo_ssn}. */
        SINFO_SSN("offsetof.sctp_sndrcvinfo.sinfo_ssn", 2, Rfc.SNDRCVINFO),
        /** {@code sinfo_flags}. */
        SINFO_FLAGS("offsetof.sctp_sndrcvinfo.sinfo_flags", 4, Rfc.SNDRCVINFO),
        /** {@code sinfo_ppid}. */
        SINFO_PPID("offsetof.sctp_sndrcvinfo.sinfo_ppid", 8, Rfc.SNDRCVINFO),
        /** {@code sinfo_context}. */
        SINFO_CONTEXT("offsetof.sctp_sndrcvinfo.sinfo_context", 12, Rfc.SNDRCVINFO),
        /** {@code sinfo_timetolive}. */
        SINFO_TIMETOLIVE("offsetof.sctp_sndrcvinfo.sinfo_timetolive", 16, Rfc.SNDRCVINFO),
        /** {@code sinfo_tsn}. */
        SINFO_TSN("offsetof.sctp_sndrcvinfo.sinfo_tsn", 20, Rfc.SNDRCVINFO),
        /** {@code sinfo_cumtsn}. */
        SINFO_CUMTSN("offsetof.sctp_sndrcvinfo.sinfo_cumtsn", 24, Rfc.SNDRCVINFO),
        /** {@code sinfo_assoc_id}. */
        SINFO_ASSOC_ID("offsetof.sctp_sndrcvinfo.sinfo_assoc_id", 28, Rfc.SNDRCVINFO),
        /** {@code sac_type}, also the {@code sn_type} every notification starts with. */
        SAC_TYPE("offsetof.sctp_assoc_change.sac_type", 0, Rfc.ASSOC_CHANGE),
        /** {@code sac_length}, also {@code sn_length}. */
        SAC_LENGTH("offsetof.sctp_assoc_change.sac_length", 4, Rfc.ASSOC_CHANGE),
        /** {@code sac_state}. */
        SAC_STATE("offsetof.sctp_assoc_change.sac_state", 8, Rfc.ASSOC_CHANGE),
        /** {@code sac_error}. */
        SAC_ERROR("offsetof.sctp_assoc_change.sac_error", 10, Rfc.ASSOC_CHANGE),
        /** {@code sac_outbound_streams}. */
        SAC_OUTBOUND_STREAMS("offsetof.sctp_assoc_change.sac_outbound_streams", 12, Rfc.ASSOC_CHANGE),
        /** {@code sac_inbound_streams}. */
        SAC_INBOUND_STREAMS("offsetof.sctp_assoc_change.sac_inbound_streams", 14, Rfc.ASSOC_CHANGE),
        /** {@code sac_assoc_id}. */
        SAC_ASSOC_ID("offsetof.sctp_assoc_change.sac_assoc_id", 16, Rfc.ASSOC_CHANGE),
        /** {@code sizeof(struct sctp_assoc_change)} without the variable {@code sac_info}. */
        ASSOC_CHANGE_SIZE("sizeof.sctp_assoc_change", 20, Rfc.ASSOC_CHANGE),
        /** {@code sse_assoc_id}. */
        SSE_ASSOC_ID("offsetof.sctp_shutdown_event.sse_assoc_id", 8, Rfc.SHUTDOWN_EVENT),
        /** {@code sizeof(struct sctp_event_subscribe)}: the field order is the RFC's, their number is not. */
        EVENT_SUBSCRIBE_SIZE("sizeof.sctp_event_subscribe"),
        /** {@code sctp_data_io_event}. */
        EV_DATA_IO("offsetof.sctp_event_subscribe.sctp_data_io_event", 0, Rfc.EVENT_SUBSCRIBE),
        /** {@code sctp_association_event}. */
        EV_ASSOCIATION("offsetof.sctp_event_subscribe.sctp_association_event", 1, Rfc.EVENT_SUBSCRIBE),
        /** {@code sctp_shutdown_event}. */
        EV_SHUTDOWN("offsetof.sctp_event_subscribe.sctp_shutdown_event", 5, Rfc.EVENT_SUBSCRIBE),
        /** {@code gaids_assoc_id} of {@code struct sctp_assoc_ids} (the count is a uint32 at 0). */
        GAIDS_ASSOC_ID("offsetof.sctp_assoc_ids.gaids_assoc_id", 4, Rfc.ASSOC_IDS);

        private final String key;
        private final Integer derived;
        private final String derivation;

        Unknown(String key) {
            this(key, null, null);
        }

        Unknown(String key, Integer derived, String derivation) {
            this.key = key;
            this.derived = derived;
            this.derivation = derivation;
        }

        /** @return the configuration key, e.g. {@code SCTP_EVENTS} or {@code sizeof.sctp_sndrcvinfo} */
        String key() {
            return key;
        }

        /** @return the value derived from RFC 6458, or null when the RFC does not fix it */
        Integer derived() {
            return derived;
        }

        /** @return what the derived value comes from, or null */
        String derivation() {
            return derivation;
        }

        /**
         * @return the name of the abi.tsv row for this value ({@code sizeof.x} is
         *         {@code sizeof(struct x)}, {@code offsetof.x.f} is {@code offsetof(struct x,f)})
         */
        String abiRow() {
            return abiRowOf(key);
        }

        /**
         * @param key a configuration key
         * @return the constant with that key, or null
         */
        static Unknown byKey(String key) {
            for (Unknown u : values()) {
                if (u.key.equals(key)) {
                    return u;
                }
            }
            return null;
        }
    }

    /**
     * The name of the abi.tsv row for a configuration key.
     *
     * @param key e.g. {@code offsetof.sctp_sndrcvinfo.sinfo_assoc_id}
     * @return e.g. {@code offsetof(struct sctp_sndrcvinfo,sinfo_assoc_id)}
     */
    static String abiRowOf(String key) {
        String[] p = key.split("\\.");
        String type = p.length > 1 ? (p[1].endsWith("_t") ? p[1] : "struct " + p[1]) : null;
        if (p[0].equals("sizeof") && p.length == 2) {
            return "sizeof(" + type + ")";
        }
        if (p[0].equals("sizeof") && p.length == 3) {
            return "sizeof(" + type + "." + p[2] + ")";
        }
        if (p[0].equals("offsetof") && p.length == 3) {
            return "offsetof(" + type + "," + p[2] + ")";
        }
        return key;
    }

    /** Where RFC 6458 fixes a layout (RFC 6458, "Sockets API Extensions for SCTP", December 2011). */
    static final class Rfc {
        private Rfc() {
        }

        static final String SNDRCVINFO = "RFC 6458 section 5.3.2 layout of struct sctp_sndrcvinfo "
                + "(uint16 stream, ssn, flags; uint32 ppid, context, timetolive, tsn, cumtsn; sctp_assoc_t assoc_id)";
        static final String ASSOC_CHANGE = "RFC 6458 section 6.1.1 layout of struct sctp_assoc_change "
                + "(uint16 type, flags; uint32 length; uint16 state, error, outbound, inbound; sctp_assoc_t id)";
        static final String SHUTDOWN_EVENT = "RFC 6458 section 6.1.5 layout of struct sctp_shutdown_event "
                + "(uint16 type, flags; uint32 length; sctp_assoc_t assoc_id)";
        static final String EVENT_SUBSCRIBE = "RFC 6458 section 6.2.1 field order of struct sctp_event_subscribe "
                + "(one uint8 each: data_io, association, address, send_failure, peer_error, shutdown, ...)";
        static final String ASSOC_IDS = "RFC 6458 section 8.2.6 layout of struct sctp_assoc_ids "
                + "(uint32 gaids_number_of_ids, then sctp_assoc_t gaids_assoc_id[])";
    }

    /** The widths, in bytes, the provider reads each layout field with (checked against a probe's report). */
    static int fieldWidth(Unknown u) {
        switch (u) {
            case SINFO_STREAM:
            case SINFO_SSN:
            case SINFO_FLAGS:
            case SAC_TYPE:
            case SAC_STATE:
            case SAC_ERROR:
            case SAC_OUTBOUND_STREAMS:
            case SAC_INBOUND_STREAMS:
                return 2;
            case EV_DATA_IO:
            case EV_ASSOCIATION:
            case EV_SHUTDOWN:
                return 1;
            default:
                return 4;
        }
    }

    /**
     * What the provider can do, each with the unknown values it needs.
     */
    enum Feature {
        /** Subscribing a new socket to notifications and per-message information. */
        EVENTS("socket(): enabling association-change and shutdown notifications and per-message information "
                + "(setsockopt SCTP_EVENTS)",
                Unknown.SOL_SCTP, Unknown.SCTP_EVENTS, Unknown.EVENT_SUBSCRIBE_SIZE, Unknown.EV_DATA_IO,
                Unknown.EV_ASSOCIATION, Unknown.EV_SHUTDOWN),
        /** Sending with an association id, stream, payload protocol id. */
        SEND_INFO("send() on an association, or with a stream or payload protocol id (SCTP_SNDRCV ancillary data)",
                Unknown.SOL_SCTP, Unknown.SCTP_SNDRCV, Unknown.SNDRCVINFO_SIZE, Unknown.SINFO_STREAM,
                Unknown.SINFO_FLAGS, Unknown.SINFO_PPID, Unknown.SINFO_ASSOC_ID),
        /** Sending unordered. */
        SEND_UNORDERED("send() unordered (sinfo_flags SCTP_UNORDERED)", Unknown.SCTP_UNORDERED),
        /** Receiving: telling data from notifications, and the association, stream and ppid of data. */
        RECEIVE("receive(): telling data from notifications (MSG_NOTIFICATION) and reading the association, stream "
                + "and payload protocol id of data (SCTP_SNDRCV)",
                Unknown.MSG_NOTIFICATION, Unknown.SOL_SCTP, Unknown.SCTP_SNDRCV, Unknown.SINFO_STREAM,
                Unknown.SINFO_FLAGS, Unknown.SINFO_PPID, Unknown.SINFO_ASSOC_ID),
        /** Reporting unordered receipt. */
        RECEIVE_UNORDERED("receive(): reporting unordered messages (sinfo_flags SCTP_UNORDERED)", Unknown.SCTP_UNORDERED),
        /** Typed association-change and shutdown notifications. */
        NOTIFICATIONS("association-change and shutdown notifications as typed events (sn_type and sac_state values)",
                Unknown.SCTP_ASSOC_CHANGE, Unknown.SCTP_SHUTDOWN_EVENT, Unknown.SCTP_COMM_UP, Unknown.SCTP_COMM_LOST,
                Unknown.SCTP_RESTART, Unknown.SCTP_SHUTDOWN_COMP, Unknown.SCTP_CANT_STR_ASSOC, Unknown.SAC_TYPE,
                Unknown.SAC_LENGTH, Unknown.SAC_STATE, Unknown.SAC_ERROR, Unknown.SAC_OUTBOUND_STREAMS,
                Unknown.SAC_INBOUND_STREAMS, Unknown.SAC_ASSOC_ID, Unknown.ASSOC_CHANGE_SIZE, Unknown.SSE_ASSOC_ID),
        /** The association list from the kernel. */
        NATIVE_ASSOCIATION_LIST("associations() from the kernel (sctp_opt_info SCTP_GET_ASSOC_ID_LIST)",
                Unknown.SCTP_GET_ASSOC_ID_LIST, Unknown.GAIDS_ASSOC_ID),
        /** {@code SCTP_NODELAY}. */
        NODELAY("setOption/getOption NODELAY (SCTP_NODELAY)", Unknown.SOL_SCTP, Unknown.SCTP_NODELAY),
        /** {@code sctp_bindx}. */
        BINDX("bindx() (sctp_bindx flags SCTP_BINDX_ADD_ADDR / SCTP_BINDX_REM_ADDR)",
                Unknown.SCTP_BINDX_ADD_ADDR, Unknown.SCTP_BINDX_REM_ADDR),
        /** Ending one association of a one-to-many socket. */
        END_ASSOCIATION("shutdown(association) and abort(association) (sinfo_flags SCTP_EOF / SCTP_ABORT)",
                Unknown.SCTP_EOF, Unknown.SCTP_ABORT);

        private final String description;
        private final Set<Unknown> needs;

        Feature(String description, Unknown first, Unknown... rest) {
            this.description = description;
            this.needs = EnumSet.of(first, rest);
        }

        /** @return what the feature is, for capabilities and messages */
        String description() {
            return description;
        }

        /** @return the values it needs */
        Set<Unknown> needs() {
            return needs;
        }
    }
}
