/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
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
 * AIX-specific checks of {@link AixAbi} beyond the shared {@link org.peeloff.compat.AbiConformance}
 * (which holds every constant against its abi.tsv row): the values that are not public, errno names,
 * RFC-derived layouts. Pure Java; a wrong number fails here on any machine, long before an AIX host sees it.
 */
class AixAbiTest {
    private static final AbiTable ABI = AbiTable.load();

    /**
     * The rows that give a second source for a constant {@link AixAbi} already holds under another row
     * (the shared AbiConformance checks one row per constant): the sockaddr_in6 header is the
     * sockaddr_in one, and CMSG_DATA's offset is also CMSG_LEN(0).
     */
    @Test
    void constants_shared_by_two_rows_match_both() {
        assertEquals(ABI.number("aix", "offsetof(struct sockaddr_in6,sin6_len)"), AixAbi.SIN_LEN);
        assertEquals(ABI.number("aix", "offsetof(struct sockaddr_in6,sin6_family)"), AixAbi.SIN_FAMILY);
        assertEquals(ABI.number("aix", "offsetof(struct sockaddr_in6,sin6_port)"), AixAbi.SIN_PORT);
        assertEquals(ABI.number("aix", "offset of CMSG_DATA from cmsghdr start"), AixAbi.CMSG_DATA);
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
