package org.peeloff.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.peeloff.compat.AbiTable;

/**
 * Every number {@link LinuxAbi} holds equals its row of the project's {@code abi.tsv} ({@code os=linux}).
 * A constant named like an {@code abi.tsv} row is checked against that row; sizes, offsets and the
 * other constants whose row name is not an identifier are listed in {@link #ROWS}. A constant with no
 * row fails the test, so no number reaches the provider without a source.
 */
class LinuxAbiTest {
    /** LinuxAbi field to abi.tsv row name, for the fields whose row name is not the field name. */
    private static final Map<String, String> ROWS = Map.ofEntries(
            Map.entry("SIZEOF_POLLFD", "sizeof(struct pollfd)"),
            Map.entry("POLLFD_FD", "offsetof(struct pollfd,fd)"),
            Map.entry("POLLFD_EVENTS", "offsetof(struct pollfd,events)"),
            Map.entry("POLLFD_REVENTS", "offsetof(struct pollfd,revents)"),
            Map.entry("SIZEOF_SOCKADDR_STORAGE", "sizeof(struct sockaddr_storage)"),
            Map.entry("SIZEOF_SOCKADDR_IN", "sizeof(struct sockaddr_in)"),
            Map.entry("SOCKADDR_IN_FAMILY", "offsetof(struct sockaddr_in,sin_family)"),
            Map.entry("SOCKADDR_IN_PORT", "offsetof(struct sockaddr_in,sin_port)"),
            Map.entry("SOCKADDR_IN_ADDR", "offsetof(struct sockaddr_in,sin_addr)"),
            Map.entry("SIZEOF_SOCKADDR_IN6", "sizeof(struct sockaddr_in6)"),
            Map.entry("SOCKADDR_IN6_FAMILY", "offsetof(struct sockaddr_in6,sin6_family)"),
            Map.entry("SOCKADDR_IN6_PORT", "offsetof(struct sockaddr_in6,sin6_port)"),
            Map.entry("SOCKADDR_IN6_FLOWINFO", "offsetof(struct sockaddr_in6,sin6_flowinfo)"),
            Map.entry("SOCKADDR_IN6_ADDR", "offsetof(struct sockaddr_in6,sin6_addr)"),
            Map.entry("SOCKADDR_IN6_SCOPE_ID", "offsetof(struct sockaddr_in6,sin6_scope_id)"),
            Map.entry("SIZEOF_MSGHDR", "sizeof(struct msghdr)"),
            Map.entry("MSGHDR_NAME", "offsetof(struct msghdr,msg_name)"),
            Map.entry("MSGHDR_NAMELEN", "offsetof(struct msghdr,msg_namelen)"),
            Map.entry("MSGHDR_IOV", "offsetof(struct msghdr,msg_iov)"),
            Map.entry("MSGHDR_IOVLEN", "offsetof(struct msghdr,msg_iovlen)"),
            Map.entry("MSGHDR_CONTROL", "offsetof(struct msghdr,msg_control)"),
            Map.entry("MSGHDR_CONTROLLEN", "offsetof(struct msghdr,msg_controllen)"),
            Map.entry("MSGHDR_FLAGS", "offsetof(struct msghdr,msg_flags)"),
            Map.entry("SIZEOF_IOVEC", "sizeof(struct iovec)"),
            Map.entry("IOVEC_BASE", "offsetof(struct iovec,iov_base)"),
            Map.entry("IOVEC_LEN", "offsetof(struct iovec,iov_len)"),
            Map.entry("CMSGHDR_LEN", "offsetof(struct cmsghdr,cmsg_len)"),
            Map.entry("CMSGHDR_LEVEL", "offsetof(struct cmsghdr,cmsg_level)"),
            Map.entry("CMSGHDR_TYPE", "offsetof(struct cmsghdr,cmsg_type)"),
            Map.entry("CMSG_DATA_OFFSET", "CMSG_LEN(0)"),
            Map.entry("CMSG_ALIGN", "CMSG_ALIGN (cmsg header/data alignment, bytes)"),
            Map.entry("CMSG_LEN_SNDINFO", "CMSG_LEN(sizeof(struct sctp_sndinfo))"),
            Map.entry("CMSG_SPACE_SNDINFO", "CMSG_SPACE(sizeof(struct sctp_sndinfo))"),
            Map.entry("CMSG_LEN_SNDRCVINFO", "CMSG_LEN(sizeof(struct sctp_sndrcvinfo))"),
            Map.entry("CMSG_SPACE_SNDRCVINFO", "CMSG_SPACE(sizeof(struct sctp_sndrcvinfo))"),
            Map.entry("CMSG_SPACE_RCVINFO", "CMSG_SPACE(sizeof(struct sctp_rcvinfo))"),
            Map.entry("SIZEOF_SCTP_SNDINFO", "sizeof(struct sctp_sndinfo)"),
            Map.entry("SNDINFO_SID", "offsetof(struct sctp_sndinfo,snd_sid)"),
            Map.entry("SNDINFO_FLAGS", "offsetof(struct sctp_sndinfo,snd_flags)"),
            Map.entry("SNDINFO_PPID", "offsetof(struct sctp_sndinfo,snd_ppid)"),
            Map.entry("SNDINFO_CONTEXT", "offsetof(struct sctp_sndinfo,snd_context)"),
            Map.entry("SNDINFO_ASSOC_ID", "offsetof(struct sctp_sndinfo,snd_assoc_id)"),
            Map.entry("SIZEOF_SCTP_RCVINFO", "sizeof(struct sctp_rcvinfo)"),
            Map.entry("RCVINFO_SID", "offsetof(struct sctp_rcvinfo,rcv_sid)"),
            Map.entry("RCVINFO_FLAGS", "offsetof(struct sctp_rcvinfo,rcv_flags)"),
            Map.entry("RCVINFO_PPID", "offsetof(struct sctp_rcvinfo,rcv_ppid)"),
            Map.entry("RCVINFO_ASSOC_ID", "offsetof(struct sctp_rcvinfo,rcv_assoc_id)"),
            Map.entry("SIZEOF_SCTP_SNDRCVINFO", "sizeof(struct sctp_sndrcvinfo)"),
            Map.entry("SNDRCVINFO_STREAM", "offsetof(struct sctp_sndrcvinfo,sinfo_stream)"),
            Map.entry("SNDRCVINFO_FLAGS", "offsetof(struct sctp_sndrcvinfo,sinfo_flags)"),
            Map.entry("SNDRCVINFO_PPID", "offsetof(struct sctp_sndrcvinfo,sinfo_ppid)"),
            Map.entry("SNDRCVINFO_ASSOC_ID", "offsetof(struct sctp_sndrcvinfo,sinfo_assoc_id)"),
            Map.entry("EVENT_SUBSCRIBE_DATA_IO", "offsetof(struct sctp_event_subscribe,sctp_data_io_event)"),
            Map.entry("EVENT_SUBSCRIBE_ASSOCIATION", "offsetof(struct sctp_event_subscribe,sctp_association_event)"),
            Map.entry("EVENT_SUBSCRIBE_SHUTDOWN", "offsetof(struct sctp_event_subscribe,sctp_shutdown_event)"),
            Map.entry("SIZEOF_PEELOFF_ARG", "sizeof(sctp_peeloff_arg_t)"),
            Map.entry("PEELOFF_ARG_ASSOCID", "offsetof(sctp_peeloff_arg_t,associd)"),
            Map.entry("PEELOFF_ARG_SD", "offsetof(sctp_peeloff_arg_t,sd)"),
            Map.entry("SIZEOF_PEELOFF_FLAGS_ARG", "sizeof(sctp_peeloff_flags_arg_t)"),
            Map.entry("PEELOFF_FLAGS_ARG_FLAGS", "offsetof(sctp_peeloff_flags_arg_t,flags)"),
            Map.entry("SIZEOF_SCTP_ASSOC_VALUE", "sizeof(struct sctp_assoc_value)"),
            Map.entry("ASSOC_VALUE_ASSOC_ID", "offsetof(struct sctp_assoc_value,assoc_id)"),
            Map.entry("ASSOC_IDS_NUMBER", "offsetof(struct sctp_assoc_ids,gaids_number_of_ids)"),
            Map.entry("ASSOC_IDS_IDS", "offsetof(struct sctp_assoc_ids,gaids_assoc_id)"),
            Map.entry("SIZEOF_SCTP_ASSOC_T", "sizeof(sctp_assoc_t)"),
            Map.entry("GETADDRS_ASSOC_ID", "offsetof(struct sctp_getaddrs,assoc_id)"),
            Map.entry("GETADDRS_ADDR_NUM", "offsetof(struct sctp_getaddrs,addr_num)"),
            Map.entry("GETADDRS_ADDRS", "offsetof(struct sctp_getaddrs,addrs)"),
            Map.entry("NOTIFICATION_TYPE", "offsetof(union sctp_notification,sn_header.sn_type)"),
            Map.entry("NOTIFICATION_LENGTH", "offsetof(union sctp_notification,sn_header.sn_length)"),
            Map.entry("SIZEOF_SCTP_ASSOC_CHANGE", "sizeof(struct sctp_assoc_change)"),
            Map.entry("ASSOC_CHANGE_STATE", "offsetof(struct sctp_assoc_change,sac_state)"),
            Map.entry("ASSOC_CHANGE_ERROR", "offsetof(struct sctp_assoc_change,sac_error)"),
            Map.entry("ASSOC_CHANGE_OUTBOUND_STREAMS", "offsetof(struct sctp_assoc_change,sac_outbound_streams)"),
            Map.entry("ASSOC_CHANGE_INBOUND_STREAMS", "offsetof(struct sctp_assoc_change,sac_inbound_streams)"),
            Map.entry("ASSOC_CHANGE_ASSOC_ID", "offsetof(struct sctp_assoc_change,sac_assoc_id)"),
            Map.entry("SIZEOF_SCTP_SHUTDOWN_EVENT", "sizeof(struct sctp_shutdown_event)"),
            Map.entry("SHUTDOWN_EVENT_ASSOC_ID", "offsetof(struct sctp_shutdown_event,sse_assoc_id)"),
            Map.entry("PADDR_CHANGE_ASSOC_ID", "offsetof(struct sctp_paddr_change,spc_assoc_id)"),
            Map.entry("SEND_FAILED_ASSOC_ID", "offsetof(struct sctp_send_failed,ssf_assoc_id)"));

    /**
     * Field widths the provider writes with a fixed Java type: the row {@code sizeof(struct x.field)}
     * must match (a 2-byte field written with setInt would corrupt its neighbour).
     */
    private static final Map<String, Integer> FIELD_WIDTHS = Map.ofEntries(
            Map.entry("sizeof(struct pollfd.fd)", 4),
            Map.entry("sizeof(struct pollfd.events)", 2),
            Map.entry("sizeof(struct pollfd.revents)", 2),
            Map.entry("sizeof(nfds_t)", 8),
            Map.entry("sizeof(socklen_t)", 4),
            Map.entry("sizeof(sa_family_t)", 2),
            Map.entry("sizeof(in_port_t)", 2),
            Map.entry("sizeof(struct sockaddr_in6.sin6_scope_id)", 4),
            Map.entry("sizeof(struct msghdr.msg_name)", 8),
            Map.entry("sizeof(struct msghdr.msg_namelen)", 4),
            Map.entry("sizeof(struct msghdr.msg_iov)", 8),
            Map.entry("sizeof(struct msghdr.msg_iovlen)", 8),
            Map.entry("sizeof(struct msghdr.msg_control)", 8),
            Map.entry("sizeof(struct msghdr.msg_controllen)", 8),
            Map.entry("sizeof(struct msghdr.msg_flags)", 4),
            Map.entry("sizeof(struct iovec.iov_base)", 8),
            Map.entry("sizeof(struct iovec.iov_len)", 8),
            Map.entry("sizeof(struct cmsghdr.cmsg_len)", 8),
            Map.entry("sizeof(struct cmsghdr.cmsg_level)", 4),
            Map.entry("sizeof(struct cmsghdr.cmsg_type)", 4),
            Map.entry("sizeof(struct sctp_sndinfo.snd_sid)", 2),
            Map.entry("sizeof(struct sctp_sndinfo.snd_flags)", 2),
            Map.entry("sizeof(struct sctp_sndinfo.snd_ppid)", 4),
            Map.entry("sizeof(struct sctp_sndinfo.snd_context)", 4),
            Map.entry("sizeof(struct sctp_sndinfo.snd_assoc_id)", 4),
            Map.entry("sizeof(struct sctp_rcvinfo.rcv_sid)", 2),
            Map.entry("sizeof(struct sctp_rcvinfo.rcv_flags)", 2),
            Map.entry("sizeof(struct sctp_rcvinfo.rcv_ppid)", 4),
            Map.entry("sizeof(struct sctp_rcvinfo.rcv_assoc_id)", 4),
            Map.entry("sizeof(struct sctp_sndrcvinfo.sinfo_stream)", 2),
            Map.entry("sizeof(struct sctp_sndrcvinfo.sinfo_flags)", 2),
            Map.entry("sizeof(struct sctp_sndrcvinfo.sinfo_ppid)", 4),
            Map.entry("sizeof(struct sctp_sndrcvinfo.sinfo_assoc_id)", 4),
            Map.entry("sizeof(struct sctp_event_subscribe.sctp_data_io_event)", 1),
            Map.entry("sizeof(struct sctp_event_subscribe.sctp_association_event)", 1),
            Map.entry("sizeof(struct sctp_event_subscribe.sctp_shutdown_event)", 1),
            Map.entry("sizeof(sctp_peeloff_arg_t.associd)", 4),
            Map.entry("sizeof(sctp_peeloff_arg_t.sd)", 4),
            Map.entry("sizeof(sctp_peeloff_flags_arg_t.flags)", 4),
            Map.entry("sizeof(struct sctp_assoc_value.assoc_id)", 4),
            Map.entry("sizeof(struct sctp_assoc_ids.gaids_number_of_ids)", 4),
            Map.entry("sizeof(struct sctp_getaddrs.assoc_id)", 4),
            Map.entry("sizeof(struct sctp_getaddrs.addr_num)", 4),
            Map.entry("sizeof(union sctp_notification.sn_header.sn_type)", 2),
            Map.entry("sizeof(union sctp_notification.sn_header.sn_length)", 4),
            Map.entry("sizeof(struct sctp_assoc_change.sac_state)", 2),
            Map.entry("sizeof(struct sctp_assoc_change.sac_error)", 2),
            Map.entry("sizeof(struct sctp_assoc_change.sac_outbound_streams)", 2),
            Map.entry("sizeof(struct sctp_assoc_change.sac_inbound_streams)", 2),
            Map.entry("sizeof(struct sctp_assoc_change.sac_assoc_id)", 4),
            Map.entry("sizeof(struct sctp_shutdown_event.sse_assoc_id)", 4),
            Map.entry("sizeof(struct sctp_paddr_change.spc_assoc_id)", 4),
            Map.entry("sizeof(struct sctp_send_failed.ssf_assoc_id)", 4),
            Map.entry("sizeof(struct rlimit.rlim_cur)", 8),
            Map.entry("sizeof(struct rlimit.rlim_max)", 8));

    private final AbiTable abi = AbiTable.load();

    private static List<Field> constants() {
        List<Field> out = new ArrayList<>();
        for (Field f : LinuxAbi.class.getDeclaredFields()) {
            int m = f.getModifiers();
            if (Modifier.isStatic(m) && Modifier.isFinal(m)
                    && (f.getType() == int.class || f.getType() == short.class)) {
                out.add(f);
            }
        }
        return out;
    }

    private static long value(Field f) throws IllegalAccessException {
        f.setAccessible(true);
        return ((Number) f.get(null)).longValue();
    }

    @Test
    void every_LinuxAbi_constant_equals_its_abi_tsv_row() throws Exception {
        List<String> wrong = new ArrayList<>();
        List<Field> fields = constants();
        assertTrue(fields.size() > 150, "LinuxAbi has " + fields.size() + " constants; did reflection find them?");
        for (Field f : fields) {
            String row = ROWS.getOrDefault(f.getName(), f.getName());
            var found = abi.find("linux", row);
            if (found.isEmpty()) {
                wrong.add(f.getName() + ": abi.tsv has no row linux '" + row + "'");
            } else if (!found.get().isKnownNumber() || found.get().number() != value(f)) {
                wrong.add(f.getName() + " = " + value(f) + " but abi.tsv linux '" + row + "' = " + found.get().value());
            }
        }
        if (!wrong.isEmpty()) {
            fail(String.join("\n", wrong));
        }
    }

    @Test
    void every_row_mapping_names_an_existing_constant() {
        Set<String> names = new TreeSet<>();
        constants().forEach(f -> names.add(f.getName()));
        Set<String> stale = new TreeSet<>(ROWS.keySet());
        stale.removeAll(names);
        assertTrue(stale.isEmpty(), "mappings for constants LinuxAbi no longer has: " + stale);
    }

    @Test
    void every_field_the_provider_writes_has_the_width_it_is_written_with() {
        List<String> wrong = new ArrayList<>();
        FIELD_WIDTHS.forEach((row, width) -> {
            var found = abi.find("linux", row);
            if (found.isEmpty() || !found.get().isKnownNumber() || found.get().number() != width) {
                wrong.add(row + ": provider assumes " + width + ", abi.tsv says "
                        + found.map(AbiTable.Row::value).orElse("(no row)"));
            }
        });
        if (!wrong.isEmpty()) {
            fail(String.join("\n", wrong));
        }
    }

    @Test
    void peeloff_uses_the_option_numbers_and_argument_layouts_of_the_abi_facts() {
        String impl = abi.find("linux", "fact:sctp_peeloff_flags.implementation").orElseThrow().value();
        assertTrue(impl.contains("SCTP_SOCKOPT_PEELOFF_FLAGS=" + LinuxAbi.SCTP_SOCKOPT_PEELOFF_FLAGS), impl);
        assertTrue(impl.contains("(12 bytes)") && LinuxAbi.SIZEOF_PEELOFF_FLAGS_ARG == 12, impl);
        String plain = abi.find("linux", "fact:sctp_peeloff.implementation").orElseThrow().value();
        assertTrue(plain.contains("SCTP_SOCKOPT_PEELOFF=" + LinuxAbi.SCTP_SOCKOPT_PEELOFF), plain);
        assertTrue(plain.contains("SOL_SCTP=" + LinuxAbi.SOL_SCTP), plain);
        assertEquals("no", abi.find("linux", "sin_len byte in sockaddr_in/sockaddr_in6").orElseThrow().value());
    }

    @Test
    void the_scratch_control_buffer_holds_every_control_message_the_kernel_may_send() {
        assertTrue(org.peeloff.jna.PosixScratch.CONTROL_SIZE >= LinuxAbi.CMSG_SPACE_RCVINFO + LinuxAbi.CMSG_SPACE_SNDRCVINFO);
        assertTrue(org.peeloff.jna.PosixScratch.OPTVAL_SIZE >= LinuxAbi.SIZEOF_PEELOFF_FLAGS_ARG);
        assertTrue(org.peeloff.jna.PosixScratch.OPTVAL_SIZE >= LinuxAbi.EVENT_SUBSCRIBE_SHUTDOWN + 1);
        assertTrue(org.peeloff.jna.PosixScratch.CONTROL_SIZE >= LinuxAbi.CMSG_SPACE_SNDINFO);
    }

    @Test
    void the_kernel_test_s_own_rlimit_numbers_equal_their_rows() {
        assertEquals(abi.number("linux", "RLIMIT_NOFILE"), LinuxProviderKernelTest.Rlimit.RLIMIT_NOFILE);
        assertEquals(abi.number("linux", "offsetof(struct rlimit,rlim_cur)"), LinuxProviderKernelTest.Rlimit.RLIM_CUR);
        assertEquals(abi.number("linux", "offsetof(struct rlimit,rlim_max)"), LinuxProviderKernelTest.Rlimit.RLIM_MAX);
        assertEquals(abi.number("linux", "sizeof(struct rlimit)"), LinuxProviderKernelTest.Rlimit.SIZEOF_RLIMIT);
    }

    @Test
    void every_errno_constant_has_its_name() throws Exception {
        Set<String> errnos = Set.of("EPERM", "ENOENT", "EINTR", "EBADF", "EAGAIN", "ENOMEM", "EACCES", "EFAULT", "EBUSY",
                "EINVAL", "ENFILE", "EMFILE", "EPIPE", "ENOSYS", "ENOTSOCK", "EMSGSIZE", "EPROTOTYPE", "ENOPROTOOPT",
                "EPROTONOSUPPORT", "ESOCKTNOSUPPORT", "EOPNOTSUPP", "EAFNOSUPPORT", "EADDRINUSE", "EADDRNOTAVAIL",
                "ENETUNREACH", "ECONNABORTED", "ECONNRESET", "ENOBUFS", "EISCONN", "ENOTCONN", "ESHUTDOWN", "ETIMEDOUT",
                "ECONNREFUSED", "EHOSTUNREACH", "EALREADY", "EINPROGRESS");
        int seen = 0;
        for (Field f : constants()) {
            if (errnos.contains(f.getName())) {
                assertEquals(f.getName(), LinuxAbi.errnoName((int) value(f)));
                seen++;
            }
        }
        assertEquals(errnos.size(), seen, "every errno listed is a LinuxAbi constant");
        assertEquals(null, LinuxAbi.errnoName(4095));
    }
}
