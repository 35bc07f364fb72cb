/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.netty;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

import com.sun.nio.sctp.AssociationChangeNotification;
import com.sun.nio.sctp.PeerAddressChangeNotification;
import com.sun.nio.sctp.SendFailedNotification;
import com.sun.nio.sctp.ShutdownNotification;
import org.junit.jupiter.api.Test;
import org.peeloff.AssociationChange;
import org.peeloff.AssociationId;
import org.peeloff.PeerAddressChange;
import org.peeloff.SendFailed;
import org.peeloff.SenderDry;
import org.peeloff.ShutdownEvent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Peeloff's notification records as the {@code com.sun.nio.sctp} user events Netty applications expect, and
 * the interest bits of the IoHandler. Pure Java (no socket; the JDK's SCTP classes load without libsctp).
 */
class JdkSctpTypesTest {
    private static final AssociationId ID = AssociationId.of(7);

    @Test
    void association_change_becomes_the_JDKs_with_its_streams() {
        Object e = JdkSctpTypes.toUserEvent(new AssociationChange(ID, AssociationChange.State.COMMUNICATION_UP, 0, 10,
                5), null);
        AssociationChangeNotification n = (AssociationChangeNotification) e;
        assertEquals(AssociationChangeNotification.AssocChangeEvent.COMM_UP, n.event());
        assertEquals(7, n.association().associationID());
        assertEquals(5, n.association().maxInboundStreams());
        assertEquals(10, n.association().maxOutboundStreams());
        assertTrue(((PeeloffEvent) e).peeloff() instanceof AssociationChange);
        AssociationChangeNotification lost = (AssociationChangeNotification) JdkSctpTypes.toUserEvent(
                new AssociationChange(ID, AssociationChange.State.COMMUNICATION_LOST, 0, 0, 0), n.association());
        assertEquals(AssociationChangeNotification.AssocChangeEvent.COMM_LOST, lost.event());
        assertSame(n.association(), lost.association(), "no streams in the event: the channel's association");
    }

    @Test
    void shutdown_send_failed_and_address_change_become_the_JDKs() {
        assertTrue(JdkSctpTypes.toUserEvent(new ShutdownEvent(ID), null) instanceof ShutdownNotification);
        SendFailedNotification f = (SendFailedNotification) JdkSctpTypes.toUserEvent(new SendFailed(ID, false, 5, 3,
                46, ByteBuffer.wrap(new byte[] {1, 2})), null);
        assertEquals(5, f.errorCode());
        assertEquals(3, f.streamNumber());
        assertEquals(2, f.buffer().remaining());
        InetSocketAddress a = new InetSocketAddress("127.0.0.2", 2905);
        PeerAddressChangeNotification p = (PeerAddressChangeNotification) JdkSctpTypes.toUserEvent(
                new PeerAddressChange(ID, a, PeerAddressChange.State.UNREACHABLE, 0), null);
        assertEquals(PeerAddressChangeNotification.AddressChangeEvent.ADDR_UNREACHABLE, p.event());
        assertEquals(a, p.address());
    }

    @Test
    void kinds_the_JDK_lacks_are_fired_as_peeloffs_records() {
        PeerAddressChange pf = new PeerAddressChange(ID, new InetSocketAddress("127.0.0.1", 1),
                PeerAddressChange.State.POTENTIALLY_FAILED, 0);
        assertSame(pf, JdkSctpTypes.toUserEvent(pf, null));
        SenderDry dry = new SenderDry(ID);
        assertSame(dry, JdkSctpTypes.toUserEvent(dry, null));
    }

    @Test
    void interest_bits_combine_and_unknown_bits_are_refused() {
        PeeloffIoOps rw = PeeloffIoOps.READ.with(PeeloffIoOps.WRITE);
        assertTrue(PeeloffIoOps.READ.isIncludedIn(rw.value()));
        assertEquals(PeeloffIoOps.READ, rw.without(PeeloffIoOps.WRITE));
        assertFalse(PeeloffIoOps.WRITE.isIncludedIn(PeeloffIoOps.READ.value()));
        assertThrows(IllegalArgumentException.class, () -> new PeeloffIoOps(0x100));
    }
}
