/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import com.sun.jna.Memory;

import org.junit.jupiter.api.Test;
import org.peeloff.AssociationChange;
import org.peeloff.AssociationId;
import org.peeloff.OtherNotification;
import org.peeloff.ShutdownEvent;
import org.peeloff.jna.ControlMessages;
import org.peeloff.jna.Notifications;
import org.peeloff.jna.PosixScratch;
import org.peeloff.jna.SctpLayout;
import org.peeloff.jna.Sockaddrs;
import org.peeloff.spi.ReceiveInfo;

/**
 * The shared codecs of {@code peeloff-jna-support} with Linux's layout ({@link LinuxLayout}) against
 * hand-built native bytes in the layouts of {@code abi.tsv}: sockaddrs, notifications and receive
 * control messages. Pure Java with JNA's memory; no SCTP kernel.
 */
class LinuxMarshallingTest {
    private static final SctpLayout.Sockaddr SA = LinuxLayout.LAYOUT.sockaddr();

    private static void putNetworkInt(Memory m, long at, int v) {
        m.setByte(at, (byte) (v >>> 24));
        m.setByte(at + 1, (byte) (v >>> 16));
        m.setByte(at + 2, (byte) (v >>> 8));
        m.setByte(at + 3, (byte) v);
    }

    @Test
    void sockaddr_in_has_a_two_byte_family_then_the_port_in_network_order() throws Exception {
        Memory m = new Memory(LinuxAbi.SIZEOF_SOCKADDR_STORAGE);
        int len = Sockaddrs.write(SA, m, 0, new InetSocketAddress(InetAddress.getByName("10.1.2.3"), 0x1234), 0);
        assertEquals(16, len);
        assertEquals(LinuxAbi.AF_INET, m.getShort(0));
        assertEquals(0x12, m.getByte(2));
        assertEquals(0x34, m.getByte(3));
        assertEquals(10, m.getByte(4));
        assertEquals(3, m.getByte(7));
        assertEquals(new InetSocketAddress(InetAddress.getByName("10.1.2.3"), 0x1234), Sockaddrs.read(SA, m, 0, LinuxAbi.SIZEOF_SOCKADDR_STORAGE));
    }

    @Test
    void sockaddr_in6_carries_the_scope_id_and_a_v4_mapped_address_reads_back_as_ipv4() throws Exception {
        Memory m = new Memory(LinuxAbi.SIZEOF_SOCKADDR_STORAGE);
        byte[] ll = InetAddress.getByName("fe80::1").getAddress();
        InetSocketAddress a = new InetSocketAddress(Inet6Address.getByAddress(null, ll, 3), 5000);
        assertEquals(28, Sockaddrs.write(SA, m, 0, a, 0));
        assertEquals(LinuxAbi.AF_INET6, m.getShort(0));
        assertEquals(3, m.getInt(LinuxAbi.SOCKADDR_IN6_SCOPE_ID));
        assertEquals(a, Sockaddrs.read(SA, m, 0, LinuxAbi.SIZEOF_SOCKADDR_STORAGE));

        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 127;
        mapped[15] = 1;
        m.clear();
        m.setShort(0, (short) LinuxAbi.AF_INET6);
        m.setByte(2, (byte) 0x13);
        m.setByte(3, (byte) 0x88);
        m.write(LinuxAbi.SOCKADDR_IN6_ADDR, mapped, 0, 16);
        assertEquals(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 5000), Sockaddrs.read(SA, m, 0, LinuxAbi.SIZEOF_SOCKADDR_STORAGE));
    }

    @Test
    void association_change_is_parsed_with_state_streams_and_id() {
        Memory m = new Memory(LinuxAbi.SIZEOF_SCTP_ASSOC_CHANGE);
        m.clear();
        m.setShort(LinuxAbi.NOTIFICATION_TYPE, (short) LinuxAbi.SCTP_ASSOC_CHANGE);
        m.setInt(LinuxAbi.NOTIFICATION_LENGTH, LinuxAbi.SIZEOF_SCTP_ASSOC_CHANGE);
        m.setShort(LinuxAbi.ASSOC_CHANGE_STATE, (short) LinuxAbi.SCTP_SHUTDOWN_COMP);
        m.setShort(LinuxAbi.ASSOC_CHANGE_OUTBOUND_STREAMS, (short) 10);
        m.setShort(LinuxAbi.ASSOC_CHANGE_INBOUND_STREAMS, (short) 65535);
        m.setInt(LinuxAbi.ASSOC_CHANGE_ASSOC_ID, 7);
        assertEquals(new AssociationChange(AssociationId.of(7), AssociationChange.State.SHUTDOWN_COMPLETE, 0, 10, 65535),
                Notifications.parse(LinuxLayout.LAYOUT.notifications(), m, LinuxAbi.SIZEOF_SCTP_ASSOC_CHANGE));
    }

    @Test
    void sac_error_is_the_cause_code_read_in_network_byte_order() {
        Memory m = new Memory(LinuxAbi.SIZEOF_SCTP_ASSOC_CHANGE);
        m.clear();
        m.setShort(LinuxAbi.NOTIFICATION_TYPE, (short) LinuxAbi.SCTP_ASSOC_CHANGE);
        m.setShort(LinuxAbi.ASSOC_CHANGE_STATE, (short) LinuxAbi.SCTP_COMM_LOST);
        m.setByte(LinuxAbi.ASSOC_CHANGE_ERROR, (byte) 0);      // cause 12, User-Initiated Abort, as the kernel
        m.setByte(LinuxAbi.ASSOC_CHANGE_ERROR + 1, (byte) 12); // copies it from the ABORT chunk
        m.setInt(LinuxAbi.ASSOC_CHANGE_ASSOC_ID, 3);
        AssociationChange c = (AssociationChange) Notifications.parse(LinuxLayout.LAYOUT.notifications(), m,
                LinuxAbi.SIZEOF_SCTP_ASSOC_CHANGE);
        assertEquals(12, c.error());
    }

    @Test
    void the_ppid_goes_into_sndinfo_in_network_byte_order() {
        Memory c = new Memory(PosixScratch.CONTROL_SIZE);
        int len = ControlMessages.writeSendInfo(LinuxLayout.LAYOUT.cmsg(), LinuxLayout.SNDINFO, c, 9, 2, 46, true);
        assertEquals(LinuxAbi.CMSG_SPACE_SNDINFO, len);
        assertEquals(LinuxAbi.CMSG_LEN_SNDINFO, c.getLong(LinuxAbi.CMSGHDR_LEN));
        long d = LinuxAbi.CMSG_DATA_OFFSET;
        assertEquals(0, c.getByte(d + LinuxAbi.SNDINFO_PPID));
        assertEquals(46, c.getByte(d + LinuxAbi.SNDINFO_PPID + 3));
        assertEquals(2, c.getShort(d + LinuxAbi.SNDINFO_SID));
        assertEquals(LinuxAbi.SCTP_UNORDERED, c.getShort(d + LinuxAbi.SNDINFO_FLAGS));
        assertEquals(9, c.getInt(d + LinuxAbi.SNDINFO_ASSOC_ID));
    }

    @Test
    void shutdown_event_and_unknown_notifications_keep_their_association_and_type() {
        Memory m = new Memory(LinuxAbi.PADDR_CHANGE_ASSOC_ID + 4);
        m.clear();
        m.setShort(0, (short) LinuxAbi.SCTP_SHUTDOWN_EVENT);
        m.setInt(LinuxAbi.NOTIFICATION_LENGTH, LinuxAbi.SIZEOF_SCTP_SHUTDOWN_EVENT);
        m.setInt(LinuxAbi.SHUTDOWN_EVENT_ASSOC_ID, 42);
        assertEquals(new ShutdownEvent(AssociationId.of(42)), Notifications.parse(LinuxLayout.LAYOUT.notifications(), m, 12));

        m.clear();
        m.setShort(0, (short) 0x9000); // a type newer than this provider
        m.setInt(LinuxAbi.NOTIFICATION_LENGTH, 148);
        assertEquals(new OtherNotification(AssociationId.of(0), 0x9000, 148),
                Notifications.parse(LinuxLayout.LAYOUT.notifications(), m, 148));
    }

    @Test
    void a_notification_cut_short_is_reported_as_other_not_misread() {
        Memory m = new Memory(16);
        m.clear();
        m.setShort(0, (short) LinuxAbi.SCTP_ASSOC_CHANGE);
        m.setInt(LinuxAbi.NOTIFICATION_LENGTH, 20);
        var n = Notifications.parse(LinuxLayout.LAYOUT.notifications(), m, 12);
        assertInstanceOf(OtherNotification.class, n);
        assertEquals(LinuxAbi.SCTP_ASSOC_CHANGE, ((OtherNotification) n).nativeType());
        assertEquals(-1, ((OtherNotification) Notifications.parse(LinuxLayout.LAYOUT.notifications(), m, 1)).nativeType());
    }

    @Test
    void rcvinfo_control_message_gives_stream_ppid_flags_and_association() {
        Memory c = new Memory(PosixScratch.CONTROL_SIZE);
        c.clear();
        // an unrelated control message first, to check the walk over CMSG_ALIGN'ed lengths
        c.setLong(LinuxAbi.CMSGHDR_LEN, LinuxAbi.CMSG_DATA_OFFSET + 4);
        c.setInt(LinuxAbi.CMSGHDR_LEVEL, 0);
        c.setInt(LinuxAbi.CMSGHDR_TYPE, 99);
        long at = LinuxAbi.CMSG_DATA_OFFSET + 8;
        c.setLong(at + LinuxAbi.CMSGHDR_LEN, LinuxAbi.CMSG_DATA_OFFSET + LinuxAbi.SIZEOF_SCTP_RCVINFO);
        c.setInt(at + LinuxAbi.CMSGHDR_LEVEL, LinuxAbi.IPPROTO_SCTP);
        c.setInt(at + LinuxAbi.CMSGHDR_TYPE, LinuxAbi.SCTP_RCVINFO);
        long d = at + LinuxAbi.CMSG_DATA_OFFSET;
        c.setShort(d + LinuxAbi.RCVINFO_SID, (short) 0xfffe);
        c.setShort(d + LinuxAbi.RCVINFO_FLAGS, (short) LinuxAbi.SCTP_UNORDERED);
        putNetworkInt(c, d + LinuxAbi.RCVINFO_PPID, 0x01020304); // the wire order: 01 02 03 04
        c.setInt(d + LinuxAbi.RCVINFO_ASSOC_ID, 77);
        ReceiveInfo info = new ReceiveInfo();
        ControlMessages.readReceiveInfo(LinuxLayout.LAYOUT.cmsg(), LinuxLayout.LAYOUT.receiveInfos(), c, at + LinuxAbi.CMSG_SPACE_RCVINFO, info);
        assertEquals(0xfffe, info.stream);
        assertTrue(info.unordered);
        assertEquals(0x01020304, info.ppid);
        assertEquals(77, info.assocId);
    }

    @Test
    void sndrcvinfo_control_message_is_read_too() {
        Memory c = new Memory(PosixScratch.CONTROL_SIZE);
        c.clear();
        c.setLong(LinuxAbi.CMSGHDR_LEN, LinuxAbi.CMSG_LEN_SNDRCVINFO);
        c.setInt(LinuxAbi.CMSGHDR_LEVEL, LinuxAbi.IPPROTO_SCTP);
        c.setInt(LinuxAbi.CMSGHDR_TYPE, LinuxAbi.SCTP_SNDRCV);
        long d = LinuxAbi.CMSG_DATA_OFFSET;
        c.setShort(d + LinuxAbi.SNDRCVINFO_STREAM, (short) 3);
        putNetworkInt(c, d + LinuxAbi.SNDRCVINFO_PPID, 0x80000001);
        c.setInt(d + LinuxAbi.SNDRCVINFO_ASSOC_ID, 6);
        ReceiveInfo info = new ReceiveInfo();
        ControlMessages.readReceiveInfo(LinuxLayout.LAYOUT.cmsg(), LinuxLayout.LAYOUT.receiveInfos(), c, LinuxAbi.CMSG_SPACE_SNDRCVINFO, info);
        assertEquals(3, info.stream);
        assertEquals(0x80000001, info.ppid);
        assertEquals(6, info.assocId);
        assertFalse(info.unordered);
    }
}
