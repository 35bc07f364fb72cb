/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.compat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The interop suite's own logic, without a kernel: its plan and how it reads the lksctp tools' output. */
class InteropSuiteParsingTest {
    @Test
    void the_plan_has_unique_sizes_the_three_ppids_one_unordered_and_one_message_larger_than_the_buffer() {
        Set<Integer> sizes = new HashSet<>();
        for (InteropSuite.Msg m : InteropSuite.PLAN) {
            sizes.add(m.size());
        }
        assertEquals(InteropSuite.PLAN.size(), sizes.size(), "the receiver tells messages apart by size");
        assertEquals(Set.of(46, 3, 0x80000001),
                Set.copyOf(InteropSuite.PLAN.stream().map(InteropSuite.Msg::ppid).toList()));
        assertEquals(1, InteropSuite.PLAN.stream().filter(InteropSuite.Msg::unordered).count());
        assertEquals(1, InteropSuite.PLAN.stream().filter(m -> m.size() > InteropSuite.RECEIVE_BUFFER).count());
        assertEquals(false, InteropSuite.PLAN.stream().skip(InteropSuite.BEFORE_PEELOFF).anyMatch(InteropSuite.Msg::unordered),
                "a peeled SctpSocket sends ordered only: the unordered message goes before the peel-off");
    }

    @Test
    void a_c_program_reads_the_wire_number_in_host_order() {
        int expected = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? 0x2E000000 : 46;
        assertEquals(expected, InteropSuite.hostOrderView(46));
        assertEquals(InteropSuite.ABOVE_2_31, InteropSuite.hostOrderView(InteropSuite.hostOrderView(InteropSuite.ABOVE_2_31)));
    }

    @Test
    void text_messages_are_printable_and_end_in_a_nul() {
        byte[] t = InteropSuite.text(2, 30);
        assertEquals(0, t[29]);
        for (int i = 0; i < 29; i++) {
            assertEquals(true, t[i] >= 'A' && t[i] <= 'Z');
        }
        assertArrayEquals(new byte[] {0}, InteropSuite.text(0, 1));
    }

    /** The format of lksctp-tools' sctputil.c test_print_message / test_print_cmsg. */
    @Test
    void sctp_darn_listen_output_gives_each_message_with_its_sndrcv_values() {
        String out = """
                sctp_darn listening...
                NOTIFICATION: ASSOC_CHANGE - COMM_UP
                SNDRCV
                   sinfo_stream 0
                   sinfo_ssn 0
                   sinfo_flags 0x0
                   sinfo_ppid 771751936
                   sinfo_context 0
                   sinfo_tsn     4203628741
                   sinfo_cumtsn  0
                   sinfo_assoc_id  1
                DATA(1):
                SNDRCV
                   sinfo_stream 3
                   sinfo_ssn 0
                   sinfo_flags 0x1
                   sinfo_ppid 50331648
                   sinfo_context 0
                   sinfo_tsn     4203628742
                   sinfo_cumtsn  0
                   sinfo_assoc_id  1
                DATA(7):  HIJKLM
                """;
        List<InteropSuite.Printed> p = InteropSuite.parseDarn(out);
        assertEquals(List.of(new InteropSuite.Printed(1, "", 0, 0, "771751936"),
                new InteropSuite.Printed(7, "HIJKLM", 3, 1, "50331648")), p);
    }

    @Test
    void sctp_darn_data_without_sndrcv_values_is_an_error() {
        assertThrows(AssertionFailedError.class, () -> InteropSuite.parseDarn("DATA(3):  ab\n"));
    }

    /** Captured from sctp_test -s -D -d 2 on the real kernel (lksctp-tools 1.0.19). */
    @Test
    void sctp_test_output_gives_what_it_sent_and_received_even_without_sndrcv_after_a_notification() {
        String out = """
                Client: Sending packets.(1/1)
                \tsendmsg(sk=3, assoc=0)    1 bytes.
                \t  SNDRCV(stream=1 flags=0x0 ppid=227422347
                \trecvmsg(sk=3) Notification: SCTP_ASSOC_CHANGE(COMMUNICATION_UP)
                \t\t(assoc_change: state=0, error=0, instr=10 outstr=3)
                \trecvmsg(sk=3) Data 1 bytes. First 1 bytes: <empty> text[0]=0
                \tsendmsg(sk=3, assoc=0) 1000 bytes.
                \t  SNDRCV(stream=2 flags=0x1 ppid=19548228
                \trecvmsg(sk=3) Data 1000 bytes. First 10 bytes: 012345678
                \t  SNDRCV(stream=2 ssn=0 tsn=1530231398 flags=0x0 ppid=50331648
                cumtsn=0
                \tclose(sk=3)
                """;
        List<String[]> sent = InteropSuite.matches(InteropSuite.SCTP_TEST_SENT, out);
        assertEquals(2, sent.size());
        assertArrayEquals(new String[] {"1", "1", "0", "227422347"}, sent.get(0));
        assertArrayEquals(new String[] {"1000", "2", "1", "19548228"}, sent.get(1));
        List<String[]> received = InteropSuite.matches(InteropSuite.SCTP_TEST_RECEIVED, out);
        assertEquals(2, received.size());
        assertEquals("1", received.get(0)[0]);
        assertNull(received.get(0)[1], "no SNDRCV printed after the notification");
        assertArrayEquals(new String[] {"1000", "2", "0", "50331648"}, received.get(1));
    }
}
