/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageInfoTest {
    private static final AssociationId ASSOC = AssociationId.of(3);
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 2905);

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 0x7FFF, 0xFFFF})
    void a_stream_in_0_to_65535_is_accepted(int stream) {
        assertEquals(stream, MessageInfo.to(ASSOC, stream).stream());
        assertEquals(stream, new MessageInfo(ASSOC, null, stream, 0, false).stream());
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0x10000, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void a_stream_outside_0_to_65535_is_refused(int stream) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MessageInfo.to(ASSOC, stream));
        assertEquals("stream must be 0..65535: " + stream, e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MessageInfo.to(PEER, stream));
        assertThrows(IllegalArgumentException.class, () -> new MessageInfo(ASSOC, null, stream, 0, false));
    }

    @Test
    void to_an_association_is_ordered_with_ppid_zero_and_no_address() {
        MessageInfo info = MessageInfo.to(ASSOC, 7);

        assertSame(ASSOC, info.association());
        assertNull(info.address());
        assertEquals(7, info.stream());
        assertEquals(0, info.payloadProtocolId());
        assertFalse(info.unordered());
    }

    @Test
    void to_an_address_is_ordered_with_ppid_zero_and_no_association() {
        MessageInfo info = MessageInfo.to(PEER, 2);

        assertNull(info.association());
        assertSame(PEER, info.address());
        assertEquals(2, info.stream());
        assertEquals(0, info.payloadProtocolId());
        assertFalse(info.unordered());
    }

    @Test
    void the_factories_refuse_a_null_destination() {
        NullPointerException a = assertThrows(NullPointerException.class, () -> MessageInfo.to((AssociationId) null, 0));
        assertEquals("association", a.getMessage());
        NullPointerException b = assertThrows(NullPointerException.class, () -> MessageInfo.to((InetSocketAddress) null, 0));
        assertEquals("address", b.getMessage());
    }

    @Test
    void withPayloadProtocolId_returns_a_copy_and_leaves_the_original_alone() {
        MessageInfo original = MessageInfo.to(ASSOC, 1).withUnordered(true);

        MessageInfo changed = original.withPayloadProtocolId(46); // Diameter

        assertNotSame(original, changed);
        assertEquals(new MessageInfo(ASSOC, null, 1, 46, true), changed);
        assertEquals(0, original.payloadProtocolId());
    }

    @Test
    void withUnordered_returns_a_copy_and_leaves_the_original_alone() {
        MessageInfo original = MessageInfo.to(PEER, 4).withPayloadProtocolId(3);

        MessageInfo changed = original.withUnordered(true);

        assertEquals(new MessageInfo(null, PEER, 4, 3, true), changed);
        assertFalse(original.unordered());
        assertFalse(changed.withUnordered(false).unordered());
    }

    @Test
    void a_payload_protocol_id_is_opaque_and_any_int_is_kept() {
        assertEquals(-1, MessageInfo.to(ASSOC, 0).withPayloadProtocolId(-1).payloadProtocolId());
    }

    @Test
    void a_message_for_a_one_to_one_socket_has_neither_association_nor_address() {
        MessageInfo info = MessageInfo.onStream(4);
        assertNull(info.association());
        assertNull(info.address());
        assertEquals(4, info.stream());
        assertEquals(0, info.timeToLiveMillis());
    }

    @Test
    void a_negative_time_to_live_is_refused_and_a_positive_one_kept() {
        assertThrows(IllegalArgumentException.class, () -> MessageInfo.onStream(0).withTimeToLive(-1));
        assertEquals(250, MessageInfo.to(ASSOC, 0).withTimeToLive(250).timeToLiveMillis());
    }

    @Test
    void equal_fields_make_equal_infos() {
        assertEquals(MessageInfo.to(ASSOC, 1), new MessageInfo(AssociationId.of(3), null, 1, 0, false));
        assertTrue(MessageInfo.to(ASSOC, 1).toString().contains("stream=1"));
    }
}
