package org.peeloff.aix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.peeloff.aix.AixAbi.Unknown;
import org.peeloff.compat.AbiTable;

/**
 * Every AIX number the provider uses, held against the project's copy of abi.tsv: a wrong number
 * fails here on any machine, long before an AIX host sees it.
 */
class AixAbiTest {
    private static final AbiTable ABI = AbiTable.load();

    /** The provider's constants under the abi.tsv row they cite. */
    private static Map<String, String> cited() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String errno : List.of("EPERM", "ENOENT", "EINTR", "EBADF", "EAGAIN", "ENOMEM", "EACCES", "EFAULT",
                "EINVAL", "ENFILE", "EMFILE", "EPIPE", "EINPROGRESS", "EALREADY", "ENOTSOCK", "EMSGSIZE", "EPROTOTYPE",
                "ENOPROTOOPT", "EPROTONOSUPPORT", "ESOCKTNOSUPPORT", "EOPNOTSUPP", "EAFNOSUPPORT", "EADDRINUSE",
                "EADDRNOTAVAIL", "ENETUNREACH", "ECONNABORTED", "ECONNRESET", "ENOBUFS", "EISCONN", "ENOTCONN",
                "ETIMEDOUT", "ECONNREFUSED", "EHOSTUNREACH", "ENOSYS", "ENOTSUP")) {
            m.put(errno, errno);
        }
        m.put("EWOULDBLOCK", "EAGAIN");
        for (String name : List.of("AF_INET", "AF_INET6", "SOCK_STREAM", "SOCK_SEQPACKET", "IPPROTO_SCTP", "SOL_SOCKET",
                "SO_SNDBUF", "SO_RCVBUF", "F_GETFD", "F_SETFD", "F_GETFL", "F_SETFL", "FD_CLOEXEC", "O_NONBLOCK",
                "MSG_EOR", "MSG_TRUNC", "MSG_CTRUNC", "MSG_NOSIGNAL", "MSG_NONBLOCK")) {
            m.put(name, name);
        }
        m.put("sizeof(socklen_t)", "SIZEOF_SOCKLEN_T");
        m.put("sizeof(sctp_assoc_t)", "SIZEOF_SCTP_ASSOC_T");
        m.put("sizeof(struct sockaddr_in)", "SIZEOF_SOCKADDR_IN");
        m.put("offsetof(struct sockaddr_in,sin_len)", "SIN_LEN");
        m.put("offsetof(struct sockaddr_in,sin_family)", "SIN_FAMILY");
        m.put("offsetof(struct sockaddr_in,sin_port)", "SIN_PORT");
        m.put("offsetof(struct sockaddr_in,sin_addr)", "SIN_ADDR");
        m.put("sizeof(struct sockaddr_in6)", "SIZEOF_SOCKADDR_IN6");
        m.put("offsetof(struct sockaddr_in6,sin6_len)", "SIN_LEN");
        m.put("offsetof(struct sockaddr_in6,sin6_family)", "SIN_FAMILY");
        m.put("offsetof(struct sockaddr_in6,sin6_port)", "SIN_PORT");
        m.put("offsetof(struct sockaddr_in6,sin6_flowinfo)", "SIN6_FLOWINFO");
        m.put("offsetof(struct sockaddr_in6,sin6_addr)", "SIN6_ADDR");
        m.put("offsetof(struct sockaddr_in6,sin6_scope_id)", "SIN6_SCOPE_ID");
        m.put("sizeof(struct sockaddr_storage)", "SIZEOF_SOCKADDR_STORAGE");
        m.put("sizeof(struct msghdr)", "SIZEOF_MSGHDR");
        m.put("offsetof(struct msghdr,msg_name)", "MSGHDR_NAME");
        m.put("offsetof(struct msghdr,msg_namelen)", "MSGHDR_NAMELEN");
        m.put("offsetof(struct msghdr,msg_iov)", "MSGHDR_IOV");
        m.put("offsetof(struct msghdr,msg_iovlen)", "MSGHDR_IOVLEN");
        m.put("offsetof(struct msghdr,msg_control)", "MSGHDR_CONTROL");
        m.put("offsetof(struct msghdr,msg_controllen)", "MSGHDR_CONTROLLEN");
        m.put("offsetof(struct msghdr,msg_flags)", "MSGHDR_FLAGS");
        m.put("sizeof(struct iovec)", "SIZEOF_IOVEC");
        m.put("sizeof(struct cmsghdr)", "SIZEOF_CMSGHDR");
        m.put("offsetof(struct cmsghdr,cmsg_len)", "CMSG_LEN");
        m.put("offsetof(struct cmsghdr,cmsg_level)", "CMSG_LEVEL");
        m.put("offsetof(struct cmsghdr,cmsg_type)", "CMSG_TYPE");
        m.put("offset of CMSG_DATA from cmsghdr start", "CMSG_DATA");
        m.put("CMSG_LEN(0)", "CMSG_DATA");
        m.put("CMSG alignment (bytes)", "CMSG_ALIGNMENT");
        return m;
    }

    /** Constants with no abi.tsv row yet, each with its source (reported to the lead to add rows). */
    private static final Set<String> NOT_IN_ABI_TSV = Set.of("EIO", "EBUSY", "POLLIN", "POLLOUT", "POLLHUP", "POLLERR",
            "POLLNVAL", "SIZEOF_POLLFD", "POLLFD_EVENTS", "POLLFD_REVENTS", "SIZEOF_SIZE_T", "IOV_LEN", "F_DUPFD", "POLLFD_FD", "IOV_BASE");

    private static int constant(String field) {
        try {
            return AixAbi.class.getDeclaredField(field).getInt(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("AixAbi has no constant " + field, e);
        }
    }

    @Test
    void every_cited_constant_matches_its_aix_row() {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, String> e : cited().entrySet()) {
            int value = constant(e.getValue());
            Optional<AbiTable.Row> row = ABI.find("aix", e.getKey());
            if (row.isEmpty()) {
                wrong.add(e.getKey() + ": no aix row in abi.tsv");
            } else if (!row.get().isKnownNumber()) {
                wrong.add(e.getKey() + ": abi.tsv says '" + row.get().value() + "', AixAbi." + e.getValue() + " is " + value);
            } else if (row.get().number() != value) {
                wrong.add(e.getKey() + ": abi.tsv " + row.get().number() + ", AixAbi." + e.getValue() + " " + value);
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void every_constant_of_AixAbi_is_checked_or_listed_as_not_in_abi_tsv() {
        List<String> unchecked = new ArrayList<>();
        for (Field f : AixAbi.class.getDeclaredFields()) {
            int mod = f.getModifiers();
            if (!Modifier.isStatic(mod) || !Modifier.isFinal(mod) || f.getType() != int.class) {
                continue;
            }
            if (NOT_IN_ABI_TSV.contains(f.getName())) {
                assertTrue(ABI.find("aix", f.getName()).map(r -> !r.isKnownNumber()).orElse(true),
                        f.getName() + " now has an aix row in abi.tsv: cite it and check it in cited()");
            } else if (!cited().containsValue(f.getName())) {
                unchecked.add(f.getName());
            }
        }
        assertTrue(unchecked.isEmpty(), "AixAbi constants neither held against abi.tsv nor listed: " + unchecked);
    }

    @Test
    void EOPNOTSUPP_and_ENOTSUP_differ_on_AIX() {
        assertEquals(64, AixAbi.EOPNOTSUPP);
        assertEquals(124, AixAbi.ENOTSUP);
        assertEquals("EOPNOTSUPP", AixAbi.errnoName(64));
        assertEquals("ENOTSUP", AixAbi.errnoName(124));
    }

    @Test
    void O_NONBLOCK_is_4_not_O_NDELAY() {
        assertEquals(ABI.number("aix", "O_NONBLOCK"), AixAbi.O_NONBLOCK);
        assertTrue(ABI.number("aix", "O_NDELAY") != AixAbi.O_NONBLOCK);
    }

    @Test
    void errno_names_round_trip_for_every_aix_errno_row() {
        for (AbiTable.Row row : ABI.rows()) {
            if (row.os().equals("aix") && row.name().matches("E[A-Z]+") && row.isKnownNumber()) {
                String name = AixAbi.errnoName((int) row.number());
                assertNotNull(name, row.name() + " (" + row.number() + ") has no name in AixAbi.errnoName");
                if (!row.name().equals("EWOULDBLOCK")) {
                    assertEquals(row.name(), name);
                }
            }
        }
    }

    @Test
    void every_unknown_value_is_still_unknown_in_abi_tsv() {
        List<String> nowKnown = new ArrayList<>();
        for (Unknown u : Unknown.values()) {
            ABI.find("aix", u.abiRow()).ifPresent(row -> {
                if (row.isKnownNumber()) {
                    nowKnown.add(u.key() + " = " + row.value() + " (" + row.source() + ")");
                }
            });
        }
        assertTrue(nowKnown.isEmpty(), "abi.tsv now knows these AIX values: make them AixAbi constants " + nowKnown);
    }

    @Test
    void the_level_derived_from_RFC_6458_is_IPPROTO_SCTP() {
        assertEquals(ABI.number("aix", "IPPROTO_SCTP"), Unknown.SOL_SCTP.derived().longValue());
        assertEquals("?", ABI.find("aix", "SOL_SCTP").orElseThrow().value());
    }

    /** Linux follows RFC 6458 for these layouts: a check that the RFC-derived numbers were read right. */
    @Test
    void RFC_6458_derived_layouts_agree_with_linux_which_follows_the_RFC() {
        for (Unknown u : Unknown.values()) {
            if (u.derived() == null || u == Unknown.SOL_SCTP) {
                continue;
            }
            Optional<AbiTable.Row> linux = ABI.find("linux", u.abiRow());
            if (linux.isPresent() && linux.get().isKnownNumber()) {
                assertEquals(linux.get().number(), u.derived().longValue(), u.key() + " vs linux " + u.abiRow());
            } else {
                fail("no linux row to cross-check " + u.key() + " (" + u.abiRow() + ")");
            }
        }
    }

    @Test
    void abi_row_names_follow_the_table_convention() {
        assertEquals("sizeof(struct sctp_sndrcvinfo)", AixAbi.abiRowOf("sizeof.sctp_sndrcvinfo"));
        assertEquals("offsetof(struct sctp_assoc_change,sac_state)", AixAbi.abiRowOf("offsetof.sctp_assoc_change.sac_state"));
        assertEquals("sizeof(sctp_assoc_t)", AixAbi.abiRowOf("sizeof.sctp_assoc_t"));
        assertEquals("SCTP_EVENTS", AixAbi.abiRowOf("SCTP_EVENTS"));
        assertFalse(ABI.find("aix", AixAbi.abiRowOf("sizeof.sctp_sndrcvinfo")).isEmpty());
    }
}
