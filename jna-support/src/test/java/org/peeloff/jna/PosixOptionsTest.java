/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.jna;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.sun.jna.Pointer;

import org.junit.jupiter.api.Test;
import org.peeloff.PeeloffOption;
import org.peeloff.SctpError;
import org.peeloff.SctpException;
import org.peeloff.SctpOptions;

/**
 * Pure Java: how {@link PosixOptions} lays the typed options' structs out from an {@link SctpOptionLayout}
 * and reads them back, against a scripted C library that keeps the bytes of every {@code setsockopt} and
 * answers {@code getsockopt} with bytes of the test's. The layout is made up (illumos-like: no
 * {@code spp_flags}, a negative "established" state) and claims no OS; the providers' layouts are held
 * against abi.tsv by AbiConformance, and the values against the kernel by the TCK.
 */
class PosixOptionsTest {
    private static final int SOL_SCTP = 132;
    private static final int ESTABLISHED = 0;

    private static final SctpOptionLayout OPTIONS = new SctpOptionLayout(
            Map.of("SCTP_PEER_ADDR_PARAMS", new SctpLayout.OptionNumber(SOL_SCTP, 10, "SCTP, PEER_ADDR_PARAMS"),
                    "SCTP_STATUS", new SctpLayout.OptionNumber(SOL_SCTP, 15, "SCTP, STATUS"),
                    "SO_LINGER", new SctpLayout.OptionNumber(1, 13, "SOL_SOCKET, SO_LINGER"),
                    "SCTP_DEFAULT_SEND_PARAM", new SctpLayout.OptionNumber(SOL_SCTP, 11, "SCTP, DEFAULT_SEND_PARAM")),
            Map.of("SCTP_MAXSEG", "not on this made-up OS"),
            1,
            new SctpOptionLayout.Linger(8, 0, 4),
            null, null, null,
            new SctpOptionLayout.PaddrParams(268, 0, 4, 260, 264, -1, 0),
            null, null, null,
            new SctpOptionLayout.Sndrcv(32, 0, 4, 8, 12, 16, 28, 1),
            new SctpOptionLayout.Status(304, 0, 4, 8, 12, 14, 16, 18, 20, 24, 4, 272, 256,
                    Map.of(ESTABLISHED, SctpOptions.State.ESTABLISHED, -2, SctpOptions.State.COOKIE_WAIT)));

    /** getsockopt answers with {@link #answer} (after copying the association id the caller wrote); setsockopt is kept. */
    static final class Calls implements PosixCalls {
        final List<byte[]> set = new ArrayList<>();
        final List<Integer> setNames = new ArrayList<>();
        final List<Integer> getAssocIds = new ArrayList<>();
        byte[] answer;
        int shutdownHow = -1;

        @Override
        public int getsockopt(int fd, int level, int name, Pointer value, Pointer len) {
            getAssocIds.add(value.getInt(0));
            if (answer != null) {
                value.write(0, answer, 0, Math.min(answer.length, len.getInt(0)));
            }
            return 0;
        }

        @Override
        public int setsockopt(int fd, int level, int name, Pointer value, int len) {
            set.add(value.getByteArray(0, len));
            setNames.add(name);
            return 0;
        }

        @Override
        public int shutdown(int fd, int how) {
            shutdownHow = how;
            return 0;
        }

        @Override
        public int errno() {
            return 9;
        }

        @Override
        public int socket(int domain, int type, int protocol) {
            return -1;
        }

        @Override
        public int bind(int fd, Pointer addr, int len) {
            return -1;
        }

        @Override
        public int listen(int fd, int backlog) {
            return -1;
        }

        @Override
        public int connect(int fd, Pointer addr, int len) {
            return -1;
        }

        @Override
        public long sendmsg(int fd, Pointer msg, int flags) {
            return -1;
        }

        @Override
        public long recvmsg(int fd, Pointer msg, int flags) {
            return -1;
        }

        @Override
        public int fcntl(int fd, int cmd, int arg) {
            return -1;
        }

        @Override
        public int poll(Pointer fds, long nfds, int timeout) {
            return -1;
        }

        @Override
        public int close(int fd) {
            return 0;
        }

        @Override
        public int getsockname(int fd, Pointer addr, Pointer len) {
            return -1;
        }

        @Override
        public int getpeername(int fd, Pointer addr, Pointer len) {
            return -1;
        }
    }

    private static final class Sctp extends PosixSctp {
        Sctp(Calls calls) {
            super("test", "a scripted C library", PosixSctpContractTest.LAYOUT, calls);
        }

        @Override
        protected SctpOptionLayout optionLayout() {
            return OPTIONS;
        }

        @Override
        protected int peelOff(int fd, int assocId, Set<PeeloffOption> options) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected int sctpBindx(int fd, Pointer addrs, int count, int bytes, boolean add) {
            throw new UnsupportedOperationException();
        }
    }

    private static byte[] bytes(int size) {
        return new byte[size];
    }

    private static void putInt(byte[] b, int at, int v) {
        java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.nativeOrder()).putInt(at, v);
    }

    private static int getInt(byte[] b, int at) {
        return java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.nativeOrder()).getInt(at);
    }

    private static short getShort(byte[] b, int at) {
        return java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.nativeOrder()).getShort(at);
    }

    @Test
    void an_option_the_layout_lacks_is_refused_UNSUPPORTED_with_the_layouts_reason_and_no_call() {
        Calls calls = new Calls();
        Sctp s = new Sctp(calls);
        assertFalse(s.supportsOption(SctpOptions.SCTP_MAXSEG));
        SctpException e = assertThrows(SctpException.class, () -> s.getOption(3, SctpOptions.SCTP_MAXSEG, 0));
        assertEquals(SctpError.UNSUPPORTED, e.error());
        assertTrue(e.getMessage().contains("not on this made-up OS"), e.getMessage());
        assertTrue(s.unsupportedOptions().stream().anyMatch(u -> u.startsWith("option SCTP_MAXSEG: not on this made-up OS")));
        assertEquals(List.of(), calls.getAssocIds);
        assertEquals(List.of(), calls.set);
    }

    @Test
    void SO_LINGER_minus_one_is_off_and_seconds_are_on() throws SctpException {
        Calls calls = new Calls();
        Sctp s = new Sctp(calls);
        s.setOption(3, SctpOptions.SO_LINGER, 0, 0);
        s.setOption(3, SctpOptions.SO_LINGER, -1, 0);
        assertEquals(1, getInt(calls.set.get(0), 0), "l_onoff for 0 seconds");
        assertEquals(0, getInt(calls.set.get(0), 4), "l_linger");
        assertEquals(0, getInt(calls.set.get(1), 0), "l_onoff for -1");
        byte[] on = bytes(8);
        putInt(on, 0, 1);
        putInt(on, 4, 7);
        calls.answer = on;
        assertEquals(7, s.getOption(3, SctpOptions.SO_LINGER, 0));
        calls.answer = bytes(8);
        assertEquals(-1, s.getOption(3, SctpOptions.SO_LINGER, 0));
    }

    @Test
    void PEER_ADDR_PARAMS_without_spp_flags_keeps_the_current_interval_for_0() throws SctpException {
        Calls calls = new Calls();
        Sctp s = new Sctp(calls);
        byte[] current = bytes(268);
        putInt(current, 260, 30000);
        calls.answer = current;
        s.setOption(3, SctpOptions.SCTP_PEER_ADDR_PARAMS,
                new SctpOptions.PeerAddressParams(new InetSocketAddress("127.0.0.1", 2905), 0, 4), 42);
        assertEquals(List.of(42), calls.getAssocIds, "the current value is read for the same association first");
        byte[] written = calls.set.get(0);
        assertEquals(268, written.length);
        assertEquals(42, getInt(written, 0), "spp_assoc_id");
        assertEquals(2, getShort(written, 4), "spp_address family (AF_INET of the made-up layout)");
        assertEquals(30000, getInt(written, 260), "spp_hbinterval kept");
        assertEquals(4, getShort(written, 264), "spp_pathmaxrxt");
    }

    @Test
    void STATUS_maps_the_native_state_and_reads_the_primary_path() throws SctpException {
        Calls calls = new Calls();
        Sctp s = new Sctp(calls);
        byte[] st = bytes(304);
        putInt(st, 4, ESTABLISHED);
        putInt(st, 8, 65536);
        java.nio.ByteBuffer.wrap(st).order(java.nio.ByteOrder.nativeOrder()).putShort(16, (short) 5).putShort(18, (short) 6);
        st[24 + 4] = 2; // sockaddr_in family (little-endian two-byte family of the made-up layout)
        st[24 + 4 + 2] = 0x0b;
        st[24 + 4 + 3] = 0x59; // port 2905 in network order
        st[24 + 4 + 4] = 127;
        st[24 + 4 + 7] = 1;
        putInt(st, 24 + 272, 1000);
        calls.answer = st;
        SctpOptions.Status status = s.getOption(3, SctpOptions.SCTP_STATUS, 9);
        assertEquals(List.of(9), calls.getAssocIds, "sstat_assoc_id written before the call");
        assertEquals(SctpOptions.State.ESTABLISHED, status.state());
        assertEquals(5, status.inStreams());
        assertEquals(6, status.outStreams());
        assertEquals(new InetSocketAddress("127.0.0.1", 2905), status.primary());
        assertEquals(1000, status.primaryRtoMillis());
        putInt(st, 4, 77);
        assertEquals(SctpOptions.State.UNKNOWN, s.getOption(3, SctpOptions.SCTP_STATUS, 9).state());
    }

    @Test
    void DEFAULT_SEND_PARAM_carries_the_ppid_in_network_byte_order_both_ways() throws SctpException {
        Calls calls = new Calls();
        Sctp s = new Sctp(calls);
        SctpOptions.SendParams v = new SctpOptions.SendParams(3, 46, true, 500, 7);
        s.setOption(3, SctpOptions.SCTP_DEFAULT_SEND_PARAM, v, 5);
        byte[] w = calls.set.get(0);
        assertArrayEquals(new byte[] {0, 0, 0, 46}, java.util.Arrays.copyOfRange(w, 8, 12), "sinfo_ppid on the wire order");
        assertEquals(1, getShort(w, 4), "sinfo_flags: unordered");
        assertEquals(5, getInt(w, 28), "sinfo_assoc_id");
        calls.answer = w;
        assertEquals(v, s.getOption(3, SctpOptions.SCTP_DEFAULT_SEND_PARAM, 5));
    }

    @Test
    void shutdown_uses_the_layouts_SHUT_WR() throws SctpException {
        Calls calls = new Calls();
        new Sctp(calls).shutdown(3);
        assertEquals(1, calls.shutdownHow);
    }
}
