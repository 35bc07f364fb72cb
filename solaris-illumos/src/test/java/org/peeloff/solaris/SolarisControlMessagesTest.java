/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.solaris;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.sun.jna.Memory;

import org.junit.jupiter.api.Test;
import org.peeloff.jna.ControlMessages;
import org.peeloff.jna.PosixScratch;
import org.peeloff.spi.ReceiveInfo;

/**
 * SCTP_SNDRCV control messages in the illumos layout (a 4-byte {@code cmsg_len}, data at 12,
 * 4-byte alignment), written and read by the shared codec with {@link SolarisLayout}.
 */
class SolarisControlMessagesTest {

    /** @return a control buffer of zeros */
    private static Memory control() {
        Memory c = new Memory(PosixScratch.CONTROL_SIZE);
        c.clear();
        return c;
    }

    @Test
    void sndrcvinfo_is_written_with_a_4_byte_cmsg_len_and_the_ppid_in_network_byte_order() {
        Memory c = new Memory(PosixScratch.CONTROL_SIZE);
        c.setMemory(0, PosixScratch.CONTROL_SIZE, (byte) 0x55);
        int len = ControlMessages.writeSendInfo(SolarisLayout.LAYOUT.cmsg(), SolarisLayout.SNDRCV, c, 9, 2, 46, true);
        assertEquals(SolarisAbi.CMSG_SPACE_SNDRCVINFO, len);
        assertEquals(SolarisAbi.CMSG_LEN_0 + SolarisAbi.SIZEOF_SNDRCVINFO, c.getInt(SolarisAbi.CMSGHDR_LEN));
        assertEquals(SolarisAbi.IPPROTO_SCTP, c.getInt(SolarisAbi.CMSGHDR_LEVEL));
        assertEquals(SolarisAbi.SCTP_SNDRCV, c.getInt(SolarisAbi.CMSGHDR_TYPE));
        long d = SolarisAbi.CMSG_DATA_OFFSET;
        assertEquals(2, c.getShort(d + SolarisAbi.SINFO_STREAM));
        assertEquals(SolarisAbi.MSG_UNORDERED, c.getShort(d + SolarisAbi.SINFO_FLAGS));
        assertEquals(0, c.getByte(d + SolarisAbi.SINFO_PPID));
        assertEquals(46, c.getByte(d + SolarisAbi.SINFO_PPID + 3));
        assertEquals(9, c.getInt(d + SolarisAbi.SINFO_ASSOC_ID));
    }

    @Test
    void sndrcvinfo_is_found_after_another_control_message_and_read() {
        Memory c = control();
        // an unrelated message of 13 bytes first: the next starts at the 4-byte aligned 16
        c.setInt(SolarisAbi.CMSGHDR_LEN, SolarisAbi.CMSG_LEN_0 + 1);
        c.setInt(SolarisAbi.CMSGHDR_LEVEL, SolarisAbi.SOL_SOCKET);
        c.setInt(SolarisAbi.CMSGHDR_TYPE, 1);
        int at = 16;
        c.setInt(at + SolarisAbi.CMSGHDR_LEN, SolarisAbi.CMSG_LEN_0 + SolarisAbi.SIZEOF_SNDRCVINFO);
        c.setInt(at + SolarisAbi.CMSGHDR_LEVEL, SolarisAbi.IPPROTO_SCTP);
        c.setInt(at + SolarisAbi.CMSGHDR_TYPE, SolarisAbi.SCTP_SNDRCV);
        long d = at + SolarisAbi.CMSG_DATA_OFFSET;
        c.setShort(d + SolarisAbi.SINFO_STREAM, (short) 0xfffe);
        c.setShort(d + SolarisAbi.SINFO_FLAGS, (short) SolarisAbi.MSG_UNORDERED);
        c.write(d + SolarisAbi.SINFO_PPID, new byte[] {1, 2, 3, 4}, 0, 4); // as on the wire: 0x01020304
        c.setInt(d + SolarisAbi.SINFO_ASSOC_ID, 77);
        ReceiveInfo info = new ReceiveInfo();
        assertTrue(ControlMessages.readReceiveInfo(SolarisLayout.LAYOUT.cmsg(), SolarisLayout.LAYOUT.receiveInfos(), c,
                at + SolarisAbi.CMSG_SPACE_SNDRCVINFO, info));
        assertEquals(List.of(0xfffe, true, 0x01020304, 77), List.of(info.stream, info.unordered, info.ppid, info.assocId),
                "stream, unordered, ppid (the IANA number), association");
    }

    @Test
    void a_linux_cmsg_type_is_not_taken_for_sctp_sndrcv() {
        Memory c = control();
        c.setInt(SolarisAbi.CMSGHDR_LEN, SolarisAbi.CMSG_LEN_0 + SolarisAbi.SIZEOF_SNDRCVINFO);
        c.setInt(SolarisAbi.CMSGHDR_LEVEL, SolarisAbi.IPPROTO_SCTP);
        c.setInt(SolarisAbi.CMSGHDR_TYPE, 1); // Linux SCTP_SNDRCV
        ReceiveInfo info = new ReceiveInfo();
        assertFalse(ControlMessages.readReceiveInfo(SolarisLayout.LAYOUT.cmsg(), SolarisLayout.LAYOUT.receiveInfos(), c,
                SolarisAbi.CMSG_SPACE_SNDRCVINFO, info));
    }
}
