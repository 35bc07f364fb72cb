/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
/*
 * aix-abi-probe.c -- prints, as a Java properties file, the AIX SCTP values that no public source
 * gives (abi.tsv has '?' for them), read from the headers of the machine it is compiled on:
 *
 *   cc -o aix-abi-probe aix-abi-probe.c && ./aix-abi-probe > aix-abi.properties
 *
 * harness/remote/run compiles it on the AIX host against /usr/include/netinet/sctp.h and passes
 * the result to the TCK run with -Dorg.peeloff.aix.abi=aix-abi.properties: for that run the values
 * are verified (read from the real headers) instead of assumed. The keys are the provider's
 * (org.peeloff.aix.AixAbi.Unknown). Lines "check.<name>=<value>" repeat values the provider
 * already knows from abi.tsv; the provider compares them and refuses to run on a mismatch.
 *
 * A constant that is not a preprocessor macro (some headers use enums) cannot be tested with
 * #ifdef: it is reported as "#missing NAME" and probe-abi.sh retries it alone, compiling this file
 * with -DPROBE_ONE=NAME -DPROBE_KEY='"NAME"' (which fails to compile if the name does not exist).
 *
 * Portable C89 plus offsetof; on Linux it falls back to <linux/sctp.h> when lksctp's
 * <netinet/sctp.h> is not installed, so the aix module's build compiles and runs it as a syntax
 * check (its Linux output is held against the linux rows of abi.tsv).
 */
#include <stddef.h>
#include <stdio.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#if defined(__linux__) && defined(__has_include)
#  if __has_include(<netinet/sctp.h>)
#    include <netinet/sctp.h>
#  else
#    include <linux/sctp.h>
#  endif
#else
#  include <netinet/sctp.h>
#endif

#ifdef PROBE_ONE

int main(void) {
    printf("%s=%ld\n", PROBE_KEY, (long)(PROBE_ONE));
    return 0;
}

#else

#define OFFSET(key, type, field) printf("%s=%lu\n", key, (unsigned long)offsetof(type, field))
#define SIZE(key, type) printf("%s=%lu\n", key, (unsigned long)sizeof(type))
#define FIELD(key, type, field) \
    printf("%s=%lu\n", key, (unsigned long)offsetof(type, field)); \
    printf("check.fieldsize.%s=%lu\n", key + 9, (unsigned long)sizeof(((type *)0)->field))

static void missing(const char *name) {
    printf("#missing %s\n", name);
}

int main(void) {
    printf("# AIX SCTP values read from <netinet/sctp.h> by harness/remote/aix-abi-probe.c\n");
#if defined(_AIX)
    printf("org.peeloff.aix.abi.provenance=probe\n");
#else
    printf("org.peeloff.aix.abi.provenance=probe run on a system that is not AIX (syntax check); not AIX values\n");
#endif

    /* ----- values unknown to the public sources ----- */
#ifdef MSG_NOTIFICATION
    printf("MSG_NOTIFICATION=%ld\n", (long)MSG_NOTIFICATION);
#else
    missing("MSG_NOTIFICATION");
#endif
#ifdef SOL_SCTP
    printf("SOL_SCTP=%ld\n", (long)SOL_SCTP);
#else
    missing("SOL_SCTP");
#endif
#ifdef SCTP_NODELAY
    printf("SCTP_NODELAY=%ld\n", (long)SCTP_NODELAY);
#else
    missing("SCTP_NODELAY");
#endif
#ifdef SCTP_EVENTS
    printf("SCTP_EVENTS=%ld\n", (long)SCTP_EVENTS);
#else
    missing("SCTP_EVENTS");
#endif
#ifdef SCTP_GET_ASSOC_ID_LIST
    printf("SCTP_GET_ASSOC_ID_LIST=%ld\n", (long)SCTP_GET_ASSOC_ID_LIST);
    FIELD("offsetof.sctp_assoc_ids.gaids_number_of_ids", struct sctp_assoc_ids, gaids_number_of_ids);
    OFFSET("offsetof.sctp_assoc_ids.gaids_assoc_id", struct sctp_assoc_ids, gaids_assoc_id);
#else
    missing("SCTP_GET_ASSOC_ID_LIST");
#endif
#ifdef SCTP_SNDRCV
    printf("SCTP_SNDRCV=%ld\n", (long)SCTP_SNDRCV);
#else
    missing("SCTP_SNDRCV");
#endif
#ifdef SCTP_UNORDERED
    printf("SCTP_UNORDERED=%ld\n", (long)SCTP_UNORDERED);
#else
    missing("SCTP_UNORDERED");
#endif
#ifdef SCTP_EOF
    printf("SCTP_EOF=%ld\n", (long)SCTP_EOF);
#else
    missing("SCTP_EOF");
#endif
#ifdef SCTP_ABORT
    printf("SCTP_ABORT=%ld\n", (long)SCTP_ABORT);
#else
    missing("SCTP_ABORT");
#endif
#ifdef SCTP_ASSOC_CHANGE
    printf("SCTP_ASSOC_CHANGE=%ld\n", (long)SCTP_ASSOC_CHANGE);
#else
    missing("SCTP_ASSOC_CHANGE");
#endif
#ifdef SCTP_PEER_ADDR_CHANGE
    printf("SCTP_PEER_ADDR_CHANGE=%ld\n", (long)SCTP_PEER_ADDR_CHANGE);
#else
    missing("SCTP_PEER_ADDR_CHANGE");
#endif
#ifdef SCTP_REMOTE_ERROR
    printf("SCTP_REMOTE_ERROR=%ld\n", (long)SCTP_REMOTE_ERROR);
#else
    missing("SCTP_REMOTE_ERROR");
#endif
#ifdef SCTP_SEND_FAILED
    printf("SCTP_SEND_FAILED=%ld\n", (long)SCTP_SEND_FAILED);
#else
    missing("SCTP_SEND_FAILED");
#endif
#ifdef SCTP_SHUTDOWN_EVENT
    printf("SCTP_SHUTDOWN_EVENT=%ld\n", (long)SCTP_SHUTDOWN_EVENT);
#else
    missing("SCTP_SHUTDOWN_EVENT");
#endif
#ifdef SCTP_COMM_UP
    printf("SCTP_COMM_UP=%ld\n", (long)SCTP_COMM_UP);
#else
    missing("SCTP_COMM_UP");
#endif
#ifdef SCTP_COMM_LOST
    printf("SCTP_COMM_LOST=%ld\n", (long)SCTP_COMM_LOST);
#else
    missing("SCTP_COMM_LOST");
#endif
#ifdef SCTP_RESTART
    printf("SCTP_RESTART=%ld\n", (long)SCTP_RESTART);
#else
    missing("SCTP_RESTART");
#endif
#ifdef SCTP_SHUTDOWN_COMP
    printf("SCTP_SHUTDOWN_COMP=%ld\n", (long)SCTP_SHUTDOWN_COMP);
#else
    missing("SCTP_SHUTDOWN_COMP");
#endif
#ifdef SCTP_CANT_STR_ASSOC
    printf("SCTP_CANT_STR_ASSOC=%ld\n", (long)SCTP_CANT_STR_ASSOC);
#else
    missing("SCTP_CANT_STR_ASSOC");
#endif
#ifdef SCTP_BINDX_ADD_ADDR
    printf("SCTP_BINDX_ADD_ADDR=%ld\n", (long)SCTP_BINDX_ADD_ADDR);
#else
    missing("SCTP_BINDX_ADD_ADDR");
#endif
#ifdef SCTP_BINDX_REM_ADDR
    printf("SCTP_BINDX_REM_ADDR=%ld\n", (long)SCTP_BINDX_REM_ADDR);
#else
    missing("SCTP_BINDX_REM_ADDR");
#endif

    /* ----- layouts (every socket API draft has these fields) ----- */
    SIZE("sizeof.sctp_sndrcvinfo", struct sctp_sndrcvinfo);
    FIELD("offsetof.sctp_sndrcvinfo.sinfo_stream", struct sctp_sndrcvinfo, sinfo_stream);
    FIELD("offsetof.sctp_sndrcvinfo.sinfo_ssn", struct sctp_sndrcvinfo, sinfo_ssn);
    FIELD("offsetof.sctp_sndrcvinfo.sinfo_flags", struct sctp_sndrcvinfo, sinfo_flags);
    FIELD("offsetof.sctp_sndrcvinfo.sinfo_ppid", struct sctp_sndrcvinfo, sinfo_ppid);
    FIELD("offsetof.sctp_sndrcvinfo.sinfo_context", struct sctp_sndrcvinfo, sinfo_context);
    FIELD("offsetof.sctp_sndrcvinfo.sinfo_timetolive", struct sctp_sndrcvinfo, sinfo_timetolive);
    FIELD("offsetof.sctp_sndrcvinfo.sinfo_tsn", struct sctp_sndrcvinfo, sinfo_tsn);
    FIELD("offsetof.sctp_sndrcvinfo.sinfo_cumtsn", struct sctp_sndrcvinfo, sinfo_cumtsn);
    FIELD("offsetof.sctp_sndrcvinfo.sinfo_assoc_id", struct sctp_sndrcvinfo, sinfo_assoc_id);
    SIZE("sizeof.sctp_assoc_change", struct sctp_assoc_change);
    FIELD("offsetof.sctp_assoc_change.sac_type", struct sctp_assoc_change, sac_type);
    FIELD("offsetof.sctp_assoc_change.sac_length", struct sctp_assoc_change, sac_length);
    FIELD("offsetof.sctp_assoc_change.sac_state", struct sctp_assoc_change, sac_state);
    FIELD("offsetof.sctp_assoc_change.sac_error", struct sctp_assoc_change, sac_error);
    FIELD("offsetof.sctp_assoc_change.sac_outbound_streams", struct sctp_assoc_change, sac_outbound_streams);
    FIELD("offsetof.sctp_assoc_change.sac_inbound_streams", struct sctp_assoc_change, sac_inbound_streams);
    FIELD("offsetof.sctp_assoc_change.sac_assoc_id", struct sctp_assoc_change, sac_assoc_id);
    FIELD("offsetof.sctp_shutdown_event.sse_assoc_id", struct sctp_shutdown_event, sse_assoc_id);
    SIZE("sizeof.sctp_event_subscribe", struct sctp_event_subscribe);
    FIELD("offsetof.sctp_event_subscribe.sctp_data_io_event", struct sctp_event_subscribe, sctp_data_io_event);
    FIELD("offsetof.sctp_event_subscribe.sctp_association_event", struct sctp_event_subscribe, sctp_association_event);
    FIELD("offsetof.sctp_event_subscribe.sctp_shutdown_event", struct sctp_event_subscribe, sctp_shutdown_event);

    /* ----- values the provider already has from abi.tsv: checked, not configured ----- */
    printf("check.AF_INET=%ld\n", (long)AF_INET);
    printf("check.AF_INET6=%ld\n", (long)AF_INET6);
    printf("check.SOCK_SEQPACKET=%ld\n", (long)SOCK_SEQPACKET);
    printf("check.IPPROTO_SCTP=%ld\n", (long)IPPROTO_SCTP);
    printf("check.SOL_SOCKET=%ld\n", (long)SOL_SOCKET);
    printf("check.SO_SNDBUF=%ld\n", (long)SO_SNDBUF);
    printf("check.SO_RCVBUF=%ld\n", (long)SO_RCVBUF);
    printf("check.F_GETFD=%ld\n", (long)F_GETFD);
    printf("check.F_SETFD=%ld\n", (long)F_SETFD);
    printf("check.F_GETFL=%ld\n", (long)F_GETFL);
    printf("check.F_SETFL=%ld\n", (long)F_SETFL);
    printf("check.FD_CLOEXEC=%ld\n", (long)FD_CLOEXEC);
    printf("check.O_NONBLOCK=%ld\n", (long)O_NONBLOCK);
    printf("check.MSG_EOR=%ld\n", (long)MSG_EOR);
    printf("check.MSG_TRUNC=%ld\n", (long)MSG_TRUNC);
    printf("check.MSG_CTRUNC=%ld\n", (long)MSG_CTRUNC);
#ifdef MSG_NOSIGNAL
    printf("check.MSG_NOSIGNAL=%ld\n", (long)MSG_NOSIGNAL);
#endif
#ifdef MSG_NONBLOCK
    printf("check.MSG_NONBLOCK=%ld\n", (long)MSG_NONBLOCK);
#endif
    printf("check.POLLIN=%ld\n", (long)POLLIN);
    printf("check.POLLOUT=%ld\n", (long)POLLOUT);
    printf("check.POLLERR=%ld\n", (long)POLLERR);
    printf("check.POLLHUP=%ld\n", (long)POLLHUP);
    printf("check.POLLNVAL=%ld\n", (long)POLLNVAL);
    printf("check.EINVAL=%ld\n", (long)EINVAL);
    printf("check.EBADF=%ld\n", (long)EBADF);
    printf("check.ENOTSOCK=%ld\n", (long)ENOTSOCK);
    printf("check.EOPNOTSUPP=%ld\n", (long)EOPNOTSUPP);
    printf("check.ENOTSUP=%ld\n", (long)ENOTSUP);
    printf("check.EMFILE=%ld\n", (long)EMFILE);
    printf("check.ENOBUFS=%ld\n", (long)ENOBUFS);
    printf("check.EAFNOSUPPORT=%ld\n", (long)EAFNOSUPPORT);
    printf("check.ESOCKTNOSUPPORT=%ld\n", (long)ESOCKTNOSUPPORT);
    printf("check.ECONNABORTED=%ld\n", (long)ECONNABORTED);
    printf("check.EAGAIN=%ld\n", (long)EAGAIN);
    printf("check.EFAULT=%ld\n", (long)EFAULT);
    printf("check.sizeof.msghdr=%lu\n", (unsigned long)sizeof(struct msghdr));
    printf("check.offsetof.msghdr.msg_flags=%lu\n", (unsigned long)offsetof(struct msghdr, msg_flags));
    printf("check.sizeof.cmsghdr=%lu\n", (unsigned long)sizeof(struct cmsghdr));
    printf("check.sizeof.sockaddr_in6=%lu\n", (unsigned long)sizeof(struct sockaddr_in6));
    printf("check.sizeof.sctp_assoc_t=%lu\n", (unsigned long)sizeof(sctp_assoc_t));
    return 0;
}

#endif
