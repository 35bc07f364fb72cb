/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.List;

import com.sun.jna.Memory;

import org.junit.jupiter.api.Test;
import org.peeloff.AdaptationIndication;
import org.peeloff.AssociationId;
import org.peeloff.AssociationResetEvent;
import org.peeloff.AuthenticationEvent;
import org.peeloff.OtherNotification;
import org.peeloff.PartialDeliveryAborted;
import org.peeloff.PeerAddressChange;
import org.peeloff.RemoteError;
import org.peeloff.SctpEventType;
import org.peeloff.SctpNotification;
import org.peeloff.SendFailed;
import org.peeloff.SenderDry;
import org.peeloff.StreamChangeEvent;
import org.peeloff.StreamResetEvent;
import org.peeloff.jna.Notifications;

/**
 * Pure Java: every Linux notification body (linux/sctp.h layouts, from {@link LinuxAbi}) parsed into
 * its record, byte order included. Proves the parser and the layout data, not the kernel (the
 * kernel-tagged TCK does).
 */
class LinuxNotificationsTest {

    private static SctpNotification parse(Memory m, int bytes) {
        return Notifications.parse(LinuxLayout.LAYOUT.notifications(), LinuxLayout.LAYOUT.sockaddr(), m, bytes);
    }

    private static Memory note(int type, int size) {
        Memory m = new Memory(size);
        m.clear();
        m.setShort(LinuxAbi.NOTIFICATION_TYPE, (short) type);
        m.setInt(LinuxAbi.NOTIFICATION_LENGTH, size);
        return m;
    }

    @Test
    void peer_address_change_gives_address_state_and_error() {
        Memory m = note(LinuxAbi.SCTP_PEER_ADDR_CHANGE, LinuxAbi.SIZEOF_SCTP_PADDR_CHANGE);
        long a = LinuxAbi.PADDR_CHANGE_AADDR;
        m.setShort(a, (short) LinuxAbi.AF_INET);
        m.setByte(a + LinuxAbi.SOCKADDR_IN_PORT, (byte) 0x13);
        m.setByte(a + LinuxAbi.SOCKADDR_IN_PORT + 1, (byte) 0x88);
        m.write(a + LinuxAbi.SOCKADDR_IN_ADDR, new byte[] {(byte) 198, 18, 1, 2}, 0, 4);
        m.setInt(LinuxAbi.PADDR_CHANGE_STATE, LinuxAbi.SCTP_ADDR_UNREACHABLE);
        m.setInt(LinuxAbi.PADDR_CHANGE_ERROR, 110);
        m.setInt(LinuxAbi.PADDR_CHANGE_ASSOC_ID, 5);
        assertEquals(new PeerAddressChange(AssociationId.of(5), new InetSocketAddress("198.18.1.2", 5000),
                PeerAddressChange.State.UNREACHABLE, 110), parse(m, LinuxAbi.SIZEOF_SCTP_PADDR_CHANGE));
    }

    @Test
    void an_address_state_linux_does_not_define_stays_other() {
        Memory m = note(LinuxAbi.SCTP_PEER_ADDR_CHANGE, LinuxAbi.SIZEOF_SCTP_PADDR_CHANGE);
        m.setInt(LinuxAbi.PADDR_CHANGE_STATE, 99);
        m.setInt(LinuxAbi.PADDR_CHANGE_ASSOC_ID, 5);
        assertEquals(new OtherNotification(AssociationId.of(5), LinuxAbi.SCTP_PEER_ADDR_CHANGE,
                LinuxAbi.SIZEOF_SCTP_PADDR_CHANGE), parse(m, LinuxAbi.SIZEOF_SCTP_PADDR_CHANGE));
    }

    @Test
    void send_failed_gives_the_unsent_data_error_stream_and_ppid_in_network_order() {
        int size = LinuxAbi.SEND_FAILED_DATA + 3;
        Memory m = note(LinuxAbi.SCTP_SEND_FAILED, size);
        m.setShort(LinuxAbi.SEND_FAILED_FLAGS, (short) LinuxAbi.SCTP_DATA_SENT);
        m.setInt(LinuxAbi.SEND_FAILED_ERROR, 7);
        m.setShort(LinuxAbi.SEND_FAILED_INFO + LinuxAbi.SNDRCVINFO_STREAM, (short) 3);
        m.write(LinuxAbi.SEND_FAILED_INFO + LinuxAbi.SNDRCVINFO_PPID, new byte[] {0, 0, 0, 46}, 0, 4);
        m.setInt(LinuxAbi.SEND_FAILED_ASSOC_ID, 8);
        m.write(LinuxAbi.SEND_FAILED_DATA, new byte[] {1, 2, 3}, 0, 3);
        SendFailed f = (SendFailed) parse(m, size);
        assertEquals(AssociationId.of(8), f.association());
        assertEquals(true, f.sent());
        assertEquals(7, f.error());
        assertEquals(3, f.stream());
        assertEquals(46, f.payloadProtocolId());
        byte[] data = new byte[f.data().remaining()];
        f.data().duplicate().get(data);
        assertArrayEquals(new byte[] {1, 2, 3}, data);
    }

    @Test
    void send_failed_event_of_the_newer_struct_is_the_same_record() {
        int size = LinuxAbi.SEND_FAILED_EVENT_DATA + 1;
        Memory m = note(LinuxAbi.SCTP_SEND_FAILED_EVENT, size);
        m.setShort(LinuxAbi.SEND_FAILED_EVENT_INFO + LinuxAbi.SNDINFO_SID, (short) 4);
        m.write(LinuxAbi.SEND_FAILED_EVENT_INFO + LinuxAbi.SNDINFO_PPID, new byte[] {0, 0, 0, 3}, 0, 4);
        m.setInt(LinuxAbi.SEND_FAILED_EVENT_ASSOC_ID, 2);
        SendFailed f = (SendFailed) parse(m, size);
        assertEquals(false, f.sent());
        assertEquals(4, f.stream());
        assertEquals(3, f.payloadProtocolId());
        assertEquals(1, f.data().remaining());
    }

    @Test
    void remote_error_reads_the_cause_code_in_network_order_and_keeps_the_causes() {
        int size = LinuxAbi.REMOTE_ERROR_DATA + 4;
        Memory m = note(LinuxAbi.SCTP_REMOTE_ERROR, size);
        m.setByte(LinuxAbi.REMOTE_ERROR_ERROR, (byte) 0);
        m.setByte(LinuxAbi.REMOTE_ERROR_ERROR + 1, (byte) 6); // cause 6, Unrecognized Chunk Type
        m.setInt(LinuxAbi.REMOTE_ERROR_ASSOC_ID, 4);
        m.write(LinuxAbi.REMOTE_ERROR_DATA, new byte[] {0, 6, 0, 4}, 0, 4);
        RemoteError r = (RemoteError) parse(m, size);
        assertEquals(6, r.errorCode());
        assertEquals(AssociationId.of(4), r.association());
        assertEquals(ByteBuffer.wrap(new byte[] {0, 6, 0, 4}), r.cause());
    }

    @Test
    void partial_delivery_aborted_sender_dry_and_adaptation() {
        Memory p = note(LinuxAbi.SCTP_PARTIAL_DELIVERY_EVENT, LinuxAbi.SIZEOF_SCTP_PDAPI_EVENT);
        p.setInt(LinuxAbi.PDAPI_INDICATION, LinuxAbi.SCTP_PARTIAL_DELIVERY_ABORTED);
        p.setInt(LinuxAbi.PDAPI_ASSOC_ID, 1);
        p.setInt(LinuxAbi.PDAPI_STREAM, 2);
        p.setInt(LinuxAbi.PDAPI_SEQ, 3);
        assertEquals(new PartialDeliveryAborted(AssociationId.of(1), 2, 3), parse(p, LinuxAbi.SIZEOF_SCTP_PDAPI_EVENT));

        Memory d = note(LinuxAbi.SCTP_SENDER_DRY_EVENT, LinuxAbi.SIZEOF_SCTP_SENDER_DRY_EVENT);
        d.setInt(LinuxAbi.SENDER_DRY_ASSOC_ID, 6);
        assertEquals(new SenderDry(AssociationId.of(6)), parse(d, LinuxAbi.SIZEOF_SCTP_SENDER_DRY_EVENT));

        Memory a = note(LinuxAbi.SCTP_ADAPTATION_INDICATION, LinuxAbi.SIZEOF_SCTP_ADAPTATION_EVENT);
        a.setInt(LinuxAbi.ADAPTATION_IND, 0x01020304);
        a.setInt(LinuxAbi.ADAPTATION_ASSOC_ID, 7);
        assertEquals(new AdaptationIndication(AssociationId.of(7), 0x01020304),
                parse(a, LinuxAbi.SIZEOF_SCTP_ADAPTATION_EVENT));
    }

    @Test
    void authentication_and_stream_reconfiguration_events() {
        Memory a = note(LinuxAbi.SCTP_AUTHENTICATION_EVENT, LinuxAbi.SIZEOF_SCTP_AUTHKEY_EVENT);
        a.setShort(LinuxAbi.AUTHKEY_KEYNUMBER, (short) 2);
        a.setInt(LinuxAbi.AUTHKEY_INDICATION, LinuxAbi.SCTP_AUTH_NO_AUTH);
        a.setInt(LinuxAbi.AUTHKEY_ASSOC_ID, 1);
        assertEquals(new AuthenticationEvent(AssociationId.of(1), 2, AuthenticationEvent.Indication.NO_AUTH),
                parse(a, LinuxAbi.SIZEOF_SCTP_AUTHKEY_EVENT));

        int size = LinuxAbi.STREAM_RESET_LIST + 4;
        Memory r = note(LinuxAbi.SCTP_STREAM_RESET_EVENT, size);
        r.setShort(LinuxAbi.STREAM_RESET_FLAGS, (short) 1);
        r.setInt(LinuxAbi.STREAM_RESET_ASSOC_ID, 3);
        r.setShort(LinuxAbi.STREAM_RESET_LIST, (short) 5);
        r.setShort(LinuxAbi.STREAM_RESET_LIST + 2, (short) 9);
        assertEquals(new StreamResetEvent(AssociationId.of(3), 1, List.of(5, 9)), parse(r, size));

        Memory x = note(LinuxAbi.SCTP_ASSOC_RESET_EVENT, LinuxAbi.SIZEOF_SCTP_ASSOC_RESET_EVENT);
        x.setInt(LinuxAbi.ASSOC_RESET_ASSOC_ID, 3);
        x.setInt(LinuxAbi.ASSOC_RESET_LOCAL_TSN, 0xfffffffe);
        x.setInt(LinuxAbi.ASSOC_RESET_REMOTE_TSN, 10);
        assertEquals(new AssociationResetEvent(AssociationId.of(3), 0, 0xfffffffeL, 10),
                parse(x, LinuxAbi.SIZEOF_SCTP_ASSOC_RESET_EVENT));

        Memory c = note(LinuxAbi.SCTP_STREAM_CHANGE_EVENT, LinuxAbi.SIZEOF_SCTP_STREAM_CHANGE_EVENT);
        c.setInt(LinuxAbi.STREAM_CHANGE_ASSOC_ID, 3);
        c.setShort(LinuxAbi.STREAM_CHANGE_INSTRMS, (short) 12);
        c.setShort(LinuxAbi.STREAM_CHANGE_OUTSTRMS, (short) 14);
        assertEquals(new StreamChangeEvent(AssociationId.of(3), 0, 12, 14),
                parse(c, LinuxAbi.SIZEOF_SCTP_STREAM_CHANGE_EVENT));
    }

    @Test
    void a_body_shorter_than_its_struct_stays_other_with_its_association() {
        Memory m = note(LinuxAbi.SCTP_SEND_FAILED, LinuxAbi.SIZEOF_SCTP_SEND_FAILED);
        m.setInt(LinuxAbi.SEND_FAILED_ASSOC_ID, 8);
        assertInstanceOf(OtherNotification.class, parse(m, LinuxAbi.SIZEOF_SCTP_SEND_FAILED - 1));
    }

    @Test
    void linux_delivers_every_kind_through_sctp_events() {
        assertEquals(EnumSet.allOf(SctpEventType.class), LinuxLayout.LAYOUT.notifications().kinds());
        assertEquals(EnumSet.allOf(SctpEventType.class), LinuxLayout.EVENTS.fields().keySet());
    }
}
