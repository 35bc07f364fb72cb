/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.solaris;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.peeloff.compat.AbiTable;
import org.peeloff.jna.PosixScratch;

/**
 * illumos-specific checks of {@link SolarisAbi} beyond the shared {@link org.peeloff.compat.AbiConformance}
 * (which holds every constant against its {@code abi.tsv} row, {@code os=illumos}). Pure Java.
 */
class SolarisAbiTest {
    private static final AbiTable TABLE = AbiTable.load();

    private static List<Field> constants() {
        List<Field> out = new ArrayList<>();
        for (Field f : SolarisAbi.class.getDeclaredFields()) {
            int m = f.getModifiers();
            if (Modifier.isStatic(m) && Modifier.isFinal(m) && f.getType().isPrimitive()) {
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
    void every_errno_constant_has_its_name() throws Exception {
        for (Field f : constants()) {
            String name = f.getName();
            if (!name.matches("E[A-Z]+") || name.equals("EWOULDBLOCK")) {
                continue;
            }
            assertEquals(name, SolarisAbi.errnoName((int) value(f)), "errnoName(" + value(f) + ")");
        }
        assertEquals("EAGAIN", SolarisAbi.errnoName(SolarisAbi.EWOULDBLOCK), "EWOULDBLOCK is EAGAIN on illumos");
        assertEquals(null, SolarisAbi.errnoName(10_000));
    }

    @Test
    void the_illumos_numbers_that_differ_from_linux_are_the_illumos_ones() {
        // the brief's list, spelled out so a reader sees them without the table
        assertEquals(2, SolarisAbi.SOCK_STREAM);
        assertEquals(6, SolarisAbi.SOCK_SEQPACKET);
        assertEquals(0xffff, SolarisAbi.SOL_SOCKET);
        assertEquals(32, SolarisAbi.SIZEOF_SOCKADDR_IN6);
        assertEquals(48, SolarisAbi.SIZEOF_MSGHDR);
        assertEquals(4, SolarisAbi.SIZEOF_MSGHDR_IOVLEN);
        assertEquals(4, SolarisAbi.SIZEOF_MSGHDR_CONTROLLEN);
        assertEquals(12, SolarisAbi.CMSG_DATA_OFFSET);
        assertEquals(0x100, SolarisAbi.MSG_NOTIFICATION);
        assertEquals(256, SolarisAbi.SCTP_SNDRCV);
        assertEquals(8, SolarisAbi.SIZEOF_EVENT_SUBSCRIBE);
        assertEquals(122, SolarisAbi.EOPNOTSUPP);
        assertEquals(95, SolarisAbi.ENOTSOCK);
        assertEquals(0x80, SolarisAbi.O_NONBLOCK);
        assertEquals(132, SolarisAbi.SCTP_OPTION_LEVEL);
        assertEquals(0x200, SolarisAbi.MSG_NOSIGNAL);
    }

    @Test
    void layouts_are_consistent_with_themselves() {
        if (SolarisAbi.CMSG_LEN_0 + SolarisAbi.SIZEOF_SNDRCVINFO > SolarisAbi.CMSG_SPACE_SNDRCVINFO) {
            fail("CMSG_SPACE(sctp_sndrcvinfo) smaller than CMSG_LEN");
        }
        assertEquals(SolarisAbi.SIZEOF_CMSGHDR, SolarisAbi.CMSG_DATA_OFFSET, "no padding between cmsghdr and data");
        assertTrue(SolarisAbi.MSGHDR_FLAGS + 4 <= SolarisAbi.SIZEOF_MSGHDR);
        assertTrue(PosixScratch.CONTROL_SIZE >= SolarisAbi.CMSG_SPACE_SNDRCVINFO);
        assertTrue(PosixScratch.OPTVAL_SIZE >= SolarisAbi.SIZEOF_EVENT_SUBSCRIBE);
        assertEquals(SolarisAbi.CMSG_SPACE_SNDRCVINFO, SolarisLayout.LAYOUT.cmsg().space(SolarisAbi.SIZEOF_SNDRCVINFO),
                "the shared CMSG_SPACE with the illumos layout");
        assertEquals(SolarisAbi.CMSG_LEN_0, SolarisLayout.LAYOUT.cmsg().len(0), "the shared CMSG_LEN with the illumos layout");
    }
}
