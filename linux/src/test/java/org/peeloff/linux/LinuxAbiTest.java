/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
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
 * Linux-specific checks of {@link LinuxAbi} beyond the shared {@link org.peeloff.compat.AbiConformance}
 * (which holds every constant against its {@code abi.tsv} row): the widths the code writes fields with,
 * the peel-off facts, the scratch sizes, the errno names. Pure Java.
 */
class LinuxAbiTest {
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
