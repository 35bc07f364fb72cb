/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.jna;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.peeloff.PeeloffOption;
import org.peeloff.SctpError;
import org.peeloff.SctpException;
import org.peeloff.spi.SendFlags;

/**
 * How {@link PosixSctp#sendMessage} turns the portable send flags and a time-to-live into an OS's bits,
 * as its {@link AssociationControl} data says, against the scripted C library of
 * {@link PosixSctpContractTest} (made-up numbers, named as no OS). Pure Java: no kernel, no OS's ABI.
 */
class AssociationControlContractTest {
    /** A second control-message kind that carries a time-to-live at offset 16 (made up). */
    private static final SctpLayout.Info TTL_INFO = new SctpLayout.Info("ttl-info", 132, 1, 32, 0, 4, 8, 28, 1);
    private static final AssociationControl CONTROL = new AssociationControl(0x200, 0x4, 0x10, TTL_INFO, 16, 0x20, 0x8);
    private static final int CMSG_DATA = 16;

    private static final class Sctp extends PosixSctp {
        private final AssociationControl control;

        Sctp(PosixSctpContractTest.FakeCalls calls, AssociationControl control) {
            super("test", "a scripted C library", PosixSctpContractTest.LAYOUT, calls);
            this.control = control;
        }

        @Override
        protected AssociationControl associationControl() {
            return control;
        }

        @Override
        protected int peelOff(int fd, int assocId, Set<PeeloffOption> options) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected int sctpBindx(int fd, com.sun.jna.Pointer addrs, int count, int bytes, boolean add) {
            throw new UnsupportedOperationException();
        }
    }

    private static ByteBuffer control(PosixSctpContractTest.FakeCalls calls) {
        return ByteBuffer.wrap(calls.controls.get(calls.controls.size() - 1)).order(ByteOrder.nativeOrder());
    }

    @Test
    void a_graceful_shutdown_sends_no_bytes_with_the_OS_EOF_bit_on_the_association() throws Exception {
        PosixSctpContractTest.FakeCalls calls = new PosixSctpContractTest.FakeCalls();
        new Sctp(calls, CONTROL).sendMessage(5, ByteBuffer.allocate(0), 7, null, 0, 0, SendFlags.EOF, 0, false);
        assertEquals(0, calls.sent.get(0).length);
        ByteBuffer c = control(calls);
        assertEquals(2, c.getInt(12), "the usual send information (type 2), not the time-to-live one");
        assertEquals(0x200, c.getShort(CMSG_DATA + 2) & 0xffff, "the EOF bit of this OS");
        assertEquals(7, c.getInt(CMSG_DATA + 28), "on the association");
    }

    @Test
    void an_abort_with_a_reason_sends_the_reason_with_the_OS_ABORT_bit() throws Exception {
        PosixSctpContractTest.FakeCalls calls = new PosixSctpContractTest.FakeCalls();
        byte[] reason = "bye".getBytes(StandardCharsets.US_ASCII);
        new Sctp(calls, CONTROL).sendMessage(5, ByteBuffer.wrap(reason), 9, null, 0, 0, SendFlags.ABORT, 0, false);
        assertArrayEquals(reason, calls.sent.get(0));
        assertEquals(0x4, control(calls).getShort(CMSG_DATA + 2) & 0xffff);
    }

    @Test
    void a_time_to_live_goes_in_the_struct_that_has_one_with_the_PR_SCTP_bit_and_unordered_kept() throws Exception {
        PosixSctpContractTest.FakeCalls calls = new PosixSctpContractTest.FakeCalls();
        new Sctp(calls, CONTROL).sendMessage(5, ByteBuffer.wrap(new byte[3]), 9, null, 2, 46,
                SendFlags.UNORDERED, 1500, false);
        ByteBuffer c = control(calls);
        assertEquals(1, c.getInt(12), "the time-to-live's control message (type 1)");
        assertEquals(0x10 | 1, c.getShort(CMSG_DATA + 4) & 0xffff, "PR-SCTP and unordered, at that struct's flags offset");
        assertEquals(1500, c.getInt(CMSG_DATA + 16), "the time-to-live in milliseconds");
        assertEquals(2, c.getShort(CMSG_DATA) & 0xffff, "stream");
    }

    @Test
    void without_the_OS_values_every_control_flag_is_refused_UNSUPPORTED_before_any_native_call() {
        PosixSctpContractTest.FakeCalls calls = new PosixSctpContractTest.FakeCalls();
        Sctp s = new Sctp(calls, new AssociationControl(0, 0, 0, null, 0, 0, 0));
        for (int flag : new int[] {SendFlags.EOF, SendFlags.ABORT}) {
            SctpException e = assertThrows(SctpException.class,
                    () -> s.sendMessage(5, ByteBuffer.allocate(0), 9, null, 0, 0, flag, 0, false));
            assertEquals(SctpError.UNSUPPORTED, e.error());
        }
        SctpException e = assertThrows(SctpException.class,
                () -> s.sendMessage(5, ByteBuffer.allocate(1), 9, null, 0, 0, 0, 100, false));
        assertEquals(SctpError.UNSUPPORTED, e.error());
        assertTrue(e.getMessage().contains("time-to-live"), e.getMessage());
        assertTrue(calls.sent.isEmpty(), "nothing reached sendmsg");
    }

    @Test
    void several_addresses_without_sctp_connectx_are_refused_UNSUPPORTED_naming_it() {
        PosixSctpContractTest.FakeCalls calls = new PosixSctpContractTest.FakeCalls();
        SctpException e = assertThrows(SctpException.class, () -> new Sctp(calls, CONTROL).connectx(5,
                java.util.List.of(new java.net.InetSocketAddress("127.0.0.1", 9), new java.net.InetSocketAddress("127.0.0.2", 9))));
        assertEquals(SctpError.UNSUPPORTED, e.error());
        assertTrue(e.getMessage().contains("sctp_connectx"), e.getMessage());
    }
}
