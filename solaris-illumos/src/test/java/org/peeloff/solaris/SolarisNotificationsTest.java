/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.solaris;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.sun.jna.Memory;

import org.junit.jupiter.api.Test;
import org.peeloff.AssociationChange;
import org.peeloff.AssociationId;
import org.peeloff.OtherNotification;
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
    void peer_address_change_is_other_with_its_association_at_272() {
        Memory m = new Memory(SolarisAbi.SIZEOF_PADDR_CHANGE);
        m.clear();
        m.setShort(SolarisAbi.SN_TYPE, (short) SolarisAbi.SCTP_PEER_ADDR_CHANGE);
        m.setInt(SolarisAbi.SPC_ASSOC_ID, 9);
        OtherNotification o = assertInstanceOf(OtherNotification.class,
                parse(m, SolarisAbi.SIZEOF_PADDR_CHANGE));
        assertEquals(AssociationId.of(9), o.association());
        assertEquals(SolarisAbi.SCTP_PEER_ADDR_CHANGE, o.nativeType());
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
    void send_failed_is_other_with_its_association_at_44() {
        Memory m = new Memory(SolarisAbi.SIZEOF_SEND_FAILED);
        m.clear();
        m.setShort(SolarisAbi.SN_TYPE, (short) SolarisAbi.SCTP_SEND_FAILED);
        m.setInt(SolarisAbi.SSF_ASSOC_ID, 11);
        OtherNotification o = assertInstanceOf(OtherNotification.class, parse(m, SolarisAbi.SIZEOF_SEND_FAILED));
        assertEquals(AssociationId.of(11), o.association());
        assertEquals(SolarisAbi.SCTP_SEND_FAILED, o.nativeType());
    }

    @Test
    void too_short_is_other_without_association() {
        OtherNotification o = assertInstanceOf(OtherNotification.class,
                parse(assocChange(0, 42), 12));
        assertEquals(AssociationId.of(0), o.association());
    }
}
