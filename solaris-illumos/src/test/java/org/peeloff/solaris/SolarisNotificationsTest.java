/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.solaris;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.EnumSet;

import com.sun.jna.Memory;

import org.junit.jupiter.api.Test;
import org.peeloff.AssociationChange;
import org.peeloff.AssociationId;
import org.peeloff.AdaptationIndication;
import org.peeloff.OtherNotification;
import org.peeloff.PartialDeliveryAborted;
import org.peeloff.PeerAddressChange;
import org.peeloff.RemoteError;
import org.peeloff.SctpEventType;
import org.peeloff.SendFailed;
import org.peeloff.ShutdownEvent;
import org.peeloff.SctpNotification;
import org.peeloff.jna.Notifications;

/** Notifications laid out as illumos writes them, read back by the shared parser with {@link SolarisLayout}. */
class SolarisNotificationsTest {
    private static SctpNotification parse(Memory m, int bytes) {
        return Notifications.parse(SolarisLayout.LAYOUT.notifications(), m, bytes);
    }

    private static Memory assocChange(int state, int id) {
        Memory m = new Memory(SolarisAbi.SIZEOF_NOTIFICATION);
        m.clear();
        m.setShort(SolarisAbi.SN_TYPE, (short) SolarisAbi.SCTP_ASSOC_CHANGE);
        m.setInt(SolarisAbi.SN_LENGTH, SolarisAbi.SIZEOF_ASSOC_CHANGE);
        m.setShort(SolarisAbi.SAC_STATE, (short) state);
        m.setShort(SolarisAbi.SAC_ERROR, (short) 0);
        m.setShort(SolarisAbi.SAC_OUTBOUND_STREAMS, (short) 10);
        m.setShort(SolarisAbi.SAC_INBOUND_STREAMS, (short) 65535);
        m.setInt(SolarisAbi.SAC_ASSOC_ID, id);
        return m;
    }

    @Test
    void association_change_with_every_illumos_state() {
        int[] states = {0, 1, 2, 3, 4};
        AssociationChange.State[] expected = {
            AssociationChange.State.COMMUNICATION_UP, AssociationChange.State.COMMUNICATION_LOST,
            AssociationChange.State.RESTART, AssociationChange.State.SHUTDOWN_COMPLETE,
            AssociationChange.State.CANNOT_START};
        for (int i = 0; i < states.length; i++) {
            AssociationChange c = assertInstanceOf(AssociationChange.class,
                    parse(assocChange(states[i], 42), SolarisAbi.SIZEOF_ASSOC_CHANGE));
            assertEquals(expected[i], c.state());
            assertEquals(AssociationId.of(42), c.association());
            assertEquals(10, c.outboundStreams());
            assertEquals(65535, c.inboundStreams());
        }
    }

    @Test
    void linux_type_numbers_are_not_taken_for_illumos_ones() {
        Memory m = assocChange(0, 42);
        m.setShort(SolarisAbi.SN_TYPE, (short) 0x8001); // Linux SCTP_ASSOC_CHANGE
        OtherNotification o = assertInstanceOf(OtherNotification.class,
                parse(m, SolarisAbi.SIZEOF_ASSOC_CHANGE));
        assertEquals(0x8001, o.nativeType());
    }

    @Test
    void shutdown_event_carries_its_association() {
        Memory m = new Memory(SolarisAbi.SIZEOF_SHUTDOWN_EVENT);
        m.clear();
        m.setShort(SolarisAbi.SN_TYPE, (short) SolarisAbi.SCTP_SHUTDOWN_EVENT);
        m.setInt(SolarisAbi.SSE_ASSOC_ID, 7);
        ShutdownEvent e = assertInstanceOf(ShutdownEvent.class, parse(m, SolarisAbi.SIZEOF_SHUTDOWN_EVENT));
        assertEquals(AssociationId.of(7), e.association());
    }

    @Test
    void peer_address_change_reads_illumos_256_byte_sockaddr_storage_and_association_at_272() throws Exception {
        Memory m = new Memory(SolarisAbi.SIZEOF_PADDR_CHANGE);
        m.clear();
        m.setShort(SolarisAbi.SN_TYPE, (short) SolarisAbi.SCTP_PEER_ADDR_CHANGE);
        m.setShort(SolarisAbi.SPC_AADDR, (short) SolarisAbi.AF_INET);
        m.write(SolarisAbi.SPC_AADDR + SolarisAbi.SOCKADDR_IN_ADDR, new byte[] {(byte) 198, 18, 2, 2}, 0, 4);
        m.setInt(SolarisAbi.SPC_STATE, SolarisAbi.SCTP_ADDR_UNREACHABLE);
        m.setInt(SolarisAbi.SPC_ERROR, 0);
        m.setInt(SolarisAbi.SPC_ASSOC_ID, 9);
        PeerAddressChange c = assertInstanceOf(PeerAddressChange.class, Notifications.parse(
                SolarisLayout.LAYOUT.notifications(), SolarisLayout.LAYOUT.sockaddr(), m, SolarisAbi.SIZEOF_PADDR_CHANGE));
        assertEquals(AssociationId.of(9), c.association());
        assertEquals(PeerAddressChange.State.UNREACHABLE, c.state());
        assertEquals(new InetSocketAddress(InetAddress.getByAddress(new byte[] {(byte) 198, 18, 2, 2}), 0), c.address());
    }

    @Test
    void sac_error_is_the_cause_code_read_in_network_byte_order() {
        Memory m = assocChange(SolarisAbi.SCTP_COMM_LOST, 3);
        m.setByte(SolarisAbi.SAC_ERROR, (byte) 0);      // cause 12, User-Initiated Abort, as it came
        m.setByte(SolarisAbi.SAC_ERROR + 1, (byte) 12); // in the ABORT chunk
        AssociationChange c = assertInstanceOf(AssociationChange.class, parse(m, SolarisAbi.SIZEOF_ASSOC_CHANGE));
        assertEquals(AssociationChange.State.COMMUNICATION_LOST, c.state());
        assertEquals(12, c.error());
    }

    @Test
    void send_failed_flags_are_illumos_1_unsent_and_2_sent_with_association_at_44() {
        Memory m = new Memory(SolarisAbi.SSF_DATA + 2);
        m.clear();
        m.setShort(SolarisAbi.SN_TYPE, (short) SolarisAbi.SCTP_SEND_FAILED);
        m.setShort(SolarisAbi.SSF_FLAGS, (short) SolarisAbi.SCTP_DATA_SENT);
        m.setShort(SolarisAbi.SSF_INFO + SolarisAbi.SINFO_STREAM, (short) 2);
        m.write(SolarisAbi.SSF_INFO + SolarisAbi.SINFO_PPID, new byte[] {0, 0, 0, 46}, 0, 4);
        m.setInt(SolarisAbi.SSF_ASSOC_ID, 11);
        m.write(SolarisAbi.SSF_DATA, new byte[] {7, 8}, 0, 2);
        SendFailed f = assertInstanceOf(SendFailed.class, parse(m, SolarisAbi.SSF_DATA + 2));
        assertEquals(AssociationId.of(11), f.association());
        assertEquals(true, f.sent());
        assertEquals(2, f.stream());
        assertEquals(46, f.payloadProtocolId());
        assertEquals(2, f.data().remaining());
        m.setShort(SolarisAbi.SSF_FLAGS, (short) 1); // SCTP_DATA_UNSENT on illumos
        assertEquals(false, ((SendFailed) parse(m, SolarisAbi.SSF_DATA + 2)).sent());
    }

    @Test
    void remote_error_cause_is_in_host_order_on_illumos() {
        Memory m = new Memory(SolarisAbi.SIZEOF_REMOTE_ERROR);
        m.clear();
        m.setShort(SolarisAbi.SN_TYPE, (short) SolarisAbi.SCTP_REMOTE_ERROR);
        m.setShort(SolarisAbi.SRE_ERROR, (short) 6);
        m.setInt(SolarisAbi.SRE_ASSOC_ID, 4);
        RemoteError r = assertInstanceOf(RemoteError.class, parse(m, SolarisAbi.SIZEOF_REMOTE_ERROR));
        assertEquals(6, r.errorCode());
        assertEquals(0, r.cause().remaining());
    }

    @Test
    void partial_delivery_aborted_is_indication_1_without_stream_and_adaptation_is_read() {
        Memory m = new Memory(SolarisAbi.SIZEOF_PDAPI_EVENT);
        m.clear();
        m.setShort(SolarisAbi.SN_TYPE, (short) SolarisAbi.SCTP_PARTIAL_DELIVERY_EVENT);
        m.setInt(SolarisAbi.PDAPI_INDICATION, SolarisAbi.SCTP_PARTIAL_DELIVERY_ABORTED);
        m.setInt(SolarisAbi.PDAPI_ASSOC_ID, 3);
        assertEquals(new PartialDeliveryAborted(AssociationId.of(3), -1, -1), parse(m, SolarisAbi.SIZEOF_PDAPI_EVENT));
        Memory a = new Memory(SolarisAbi.SIZEOF_ADAPTATION_EVENT);
        a.clear();
        a.setShort(SolarisAbi.SN_TYPE, (short) SolarisAbi.SCTP_ADAPTATION_INDICATION);
        a.setInt(SolarisAbi.SAI_ADAPTATION_IND, 0x0a0b0c0d);
        a.setInt(SolarisAbi.SAI_ASSOC_ID, 5);
        assertEquals(new AdaptationIndication(AssociationId.of(5), 0x0a0b0c0d), parse(a, SolarisAbi.SIZEOF_ADAPTATION_EVENT));
    }

    @Test
    void illumos_delivers_the_eight_switches_of_its_struct_and_no_linux_only_kinds() {
        assertEquals(EnumSet.of(SctpEventType.ASSOCIATION_CHANGE, SctpEventType.PEER_ADDRESS_CHANGE,
                SctpEventType.SEND_FAILED, SctpEventType.REMOTE_ERROR, SctpEventType.SHUTDOWN,
                SctpEventType.PARTIAL_DELIVERY, SctpEventType.ADAPTATION_INDICATION),
                SolarisLayout.LAYOUT.events().fields().keySet());
    }

    @Test
    void too_short_is_other_without_association() {
        OtherNotification o = assertInstanceOf(OtherNotification.class,
                parse(assocChange(0, 42), 12));
        assertEquals(AssociationId.of(0), o.association());
    }
}
