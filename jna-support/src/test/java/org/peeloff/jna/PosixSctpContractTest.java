/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.jna;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.sun.jna.Pointer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.peeloff.AssociationChange;
import org.peeloff.AssociationId;
import org.peeloff.PeeloffOption;
import org.peeloff.SctpError;
import org.peeloff.SctpException;
import org.peeloff.spi.ReceiveInfo;
import org.peeloff.spi.SocketOption;

/**
 * The contracts of {@link PosixSctp} against a scripted C library ({@link FakeCalls}) and a made-up
 * layout (Linux-like numbers, named as no OS): whole notifications whatever the buffer, the caller's
 * buffer left alone by them, ppid in network byte order both ways, EINTR retried, close after EINTR,
 * POLLNVAL, read-only sources. Pure Java with JNA's memory: no kernel, no OS's ABI is claimed here
 * (the providers' own tests and the TCK do that).
 */
class PosixSctpContractTest {
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    private static final int EBADF = 9;
    private static final int MSG_EOR = 0x80;
    private static final int MSG_NOTIFICATION = 0x8000;
    private static final int ASSOC_CHANGE = 0x8001;
    private static final int POLLNVAL = 0x20;
    private static final SctpLayout.Info INFO = new SctpLayout.Info("info", 132, 2, 32, 0, 2, 8, 28, 1);

    static final SctpLayout LAYOUT = new SctpLayout(
            new SctpLayout.Socket(2, 10, 1, 5, 0x80000, 132, 1, 132, 0x40, 0x4000, MSG_EOR, MSG_NOTIFICATION, true),
            new SctpLayout.Errors(EINTR, EAGAIN, 22, EBADF, 24, 107, 106, 114, 95, 92, 91, e -> Map.of(EINTR, "EINTR", EAGAIN, "EAGAIN", EBADF, "EBADF").get(e)),
            new SctpLayout.Fcntl(1, 2, 3, 4, 1030, 1, 0x800, 0),
            new SctpLayout.Poll(8, 0, 4, 6, 1, 4, 8, 0x10, POLLNVAL),
            new SctpLayout.Msghdr(56, 0, 8, 16, 24, 8, 32, 40, 8, 48, 16, 0, 8),
            new SctpLayout.Cmsg(8, 8, 12, 16, 8),
            new SctpLayout.Sockaddr(false, 2, 10, 16, 2, 4, 28, 2, 8, 24, 128, false),
            INFO, List.of(INFO),
            new SctpLayout.Events(11, 6, true, 0, Map.of(org.peeloff.SctpEventType.ASSOCIATION_CHANGE, 1,
                    org.peeloff.SctpEventType.SHUTDOWN, 5)),
            new SctpLayout.Notifications(0, 4, ASSOC_CHANGE, 20, 8, 10, 12, 14, 16, 0, 1, 2, 3, 4, 0x8005, 12, 8,
                    List.of(), Map.of(), 1, 0, Map.of()),
            Map.of(SocketOption.SEND_BUFFER, new SctpLayout.OptionNumber(1, 7, "SOL_SOCKET, SO_SNDBUF")));

    /** One queued message: bytes, and whether it is a notification. */
    private record Queued(byte[] bytes, boolean notification) {
    }

    /** A C library that receives from a script, records what is sent, and fails as told. */
    static final class FakeCalls implements PosixCalls {
        final Deque<Queued> queue = new ArrayDeque<>();
        int offset;
        int interruptions;
        int closeErrno;
        short revents;
        final List<byte[]> sent = new ArrayList<>();
        final List<byte[]> controls = new ArrayList<>();
        final List<Integer> timeouts = new ArrayList<>();
        private int errno;

        private int fail(int e) {
            errno = e;
            return -1;
        }

        @Override
        public long recvmsg(int fd, Pointer msg, int flags) {
            if (interruptions > 0) {
                interruptions--;
                return fail(EINTR);
            }
            Queued q = queue.peek();
            if (q == null) {
                return fail(EAGAIN);
            }
            Pointer iov = msg.getPointer(16);
            long base = iov.getLong(0);
            int room = (int) iov.getLong(8);
            int n = Math.min(room, q.bytes.length - offset);
            new Pointer(base).write(0, q.bytes, offset, n);
            offset += n;
            boolean end = offset == q.bytes.length;
            if (end) {
                queue.poll();
                offset = 0;
            }
            msg.setInt(48, (end ? MSG_EOR : 0) | (q.notification ? MSG_NOTIFICATION : 0));
            msg.setLong(40, 0);
            return n;
        }

        @Override
        public long sendmsg(int fd, Pointer msg, int flags) {
            if (interruptions > 0) {
                interruptions--;
                return fail(EINTR);
            }
            Pointer iov = msg.getPointer(16);
            int len = (int) iov.getLong(8);
            sent.add(new Pointer(iov.getLong(0)).getByteArray(0, len));
            Pointer control = msg.getPointer(32);
            controls.add(control == null ? new byte[0] : control.getByteArray(0, (int) msg.getLong(40)));
            return len;
        }

        @Override
        public int poll(Pointer fds, long nfds, int timeout) {
            timeouts.add(timeout);
            fds.setShort(6, revents);
            return revents == 0 ? 0 : 1;
        }

        @Override
        public int close(int fd) {
            return closeErrno == 0 ? 0 : fail(closeErrno);
        }

        @Override
        public int errno() {
            return errno;
        }

        // not scripted: every other call fails EBADF
        @Override
        public int socket(int domain, int type, int protocol) {
            return fail(EBADF);
        }

        @Override
        public int bind(int fd, Pointer addr, int len) {
            return fail(EBADF);
        }

        @Override
        public int listen(int fd, int backlog) {
            return fail(EBADF);
        }

        @Override
        public int connect(int fd, Pointer addr, int len) {
            return fail(EBADF);
        }

        /** The kernel's struct sctp_event_subscribe (SCTP_EVENTS = 11), 6 bytes in this made-up ABI. */
        final byte[] events = {1, 1, 0, 0, 0, 1};
        /** The lengths setsockopt(SCTP_EVENTS) was given. */
        final List<Integer> eventWrites = new ArrayList<>();

        @Override
        public int getsockopt(int fd, int level, int name, Pointer value, Pointer len) {
            if (name == 11) {
                int n = Math.min(len.getInt(0), events.length);
                value.write(0, events, 0, n);
                len.setInt(0, n);
                return 0;
            }
            return fail(EBADF);
        }

        @Override
        public int setsockopt(int fd, int level, int name, Pointer value, int len) {
            if (name == 11 && len <= events.length) {
                eventWrites.add(len);
                value.read(0, events, 0, len); // like Linux: only the switches passed change
                return 0;
            }
            return fail(EBADF);
        }

        @Override
        public int fcntl(int fd, int cmd, int arg) {
            return fail(EBADF);
        }

        @Override
        public int getsockname(int fd, Pointer addr, Pointer len) {
            return fail(EBADF);
        }

        @Override
        public int getpeername(int fd, Pointer addr, Pointer len) {
            return fail(EBADF);
        }
    }

    private static final class Sctp extends PosixSctp {
        Sctp(FakeCalls calls) {
            super("test", "a scripted C library", LAYOUT, calls);
        }

        @Override
        protected int peelOff(int fd, int assocId, Set<PeeloffOption> options) throws SctpException {
            throw new UnsupportedOperationException();
        }

        @Override
        protected int sctpBindx(int fd, Pointer addrs, int count, int bytes, boolean add) {
            throw new UnsupportedOperationException();
        }
    }

    private final FakeCalls calls = new FakeCalls();
    private final Sctp sctp = new Sctp(calls);

    @Test
    void set_events_keeps_data_io_passes_the_kernel_s_whole_struct_and_reads_back() throws Exception {
        assertEquals(EnumSet.of(org.peeloff.SctpEventType.ASSOCIATION_CHANGE, org.peeloff.SctpEventType.SHUTDOWN),
                sctp.events(7));
        sctp.setEvents(7, EnumSet.of(org.peeloff.SctpEventType.ASSOCIATION_CHANGE));
        assertEquals(List.of(6), calls.eventWrites, "as many bytes as the kernel's struct has");
        assertEquals(1, calls.events[0], "sctp_data_io_event kept");
        assertEquals(0, calls.events[5], "sctp_shutdown_event off");
        assertEquals(EnumSet.of(org.peeloff.SctpEventType.ASSOCIATION_CHANGE), sctp.events(7));
    }

    @Test
    void a_kind_the_layout_cannot_deliver_is_refused_UNSUPPORTED_naming_it_before_any_native_call() {
        SctpException e = assertThrows(SctpException.class,
                () -> sctp.setEvents(7, EnumSet.of(org.peeloff.SctpEventType.SENDER_DRY)));
        assertEquals(SctpError.UNSUPPORTED, e.error());
        assertTrue(e.getMessage().contains("SENDER_DRY"), e.getMessage());
        assertTrue(calls.eventWrites.isEmpty(), "nothing written");
    }

    /** A 20-byte association change, COMMUNICATION_UP of association 5, in the made-up layout. */
    private static byte[] communicationUp() {
        ByteBuffer b = ByteBuffer.allocate(20).order(java.nio.ByteOrder.nativeOrder());
        b.putShort(0, (short) ASSOC_CHANGE).putInt(4, 20).putShort(8, (short) 0).putShort(10, (short) 0)
                .putShort(12, (short) 10).putShort(14, (short) 7).putInt(16, 5);
        return b.array();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 8, 19, 20, 64})
    void a_notification_is_whole_and_leaves_the_buffer_alone_whatever_its_size(int size) throws Exception {
        for (ByteBuffer dst : List.of(ByteBuffer.allocate(size + 3), ByteBuffer.allocateDirect(size + 3))) {
            calls.queue.add(new Queued(communicationUp(), true));
            calls.queue.add(new Queued("data".getBytes(StandardCharsets.US_ASCII), false));
            dst.position(3);
            ReceiveInfo info = new ReceiveInfo();
            assertTrue(sctp.receive(7, dst, info, true));
            assertTrue(info.isNotification);
            assertEquals(new AssociationChange(AssociationId.of(5), AssociationChange.State.COMMUNICATION_UP, 0, 10, 7),
                    info.notification);
            assertEquals(3, dst.position(), "position untouched");
            assertEquals(size + 3, dst.limit(), "limit untouched");
            if (size >= 4) {
                info.reset();
                assertTrue(sctp.receive(7, dst, info, true));
                assertFalse(info.isNotification);
                assertEquals(7, dst.position(), "data after the notification advances the position by its bytes only");
                byte[] got = new byte[4];
                dst.get(3, got);
                assertArrayEquals("data".getBytes(StandardCharsets.US_ASCII), got);
            }
            calls.queue.clear();
            calls.offset = 0;
        }
    }

    @Test
    void the_ppid_is_written_in_network_byte_order_and_a_read_only_heap_buffer_is_sent() throws Exception {
        ByteBuffer src = ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();
        assertEquals(5, sctp.send(7, src, 3, null, 2, 46, false, true));
        assertEquals(5, src.position());
        assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), calls.sent.get(0));
        byte[] c = calls.controls.get(0);
        assertArrayEquals(new byte[] {0, 0, 0, 46}, java.util.Arrays.copyOfRange(c, 16 + 8, 16 + 12));
    }

    @Test
    void interrupted_calls_are_retried() throws Exception {
        calls.interruptions = 3;
        assertEquals(2, sctp.send(7, ByteBuffer.allocate(2), 0, null, 0, 0, false, true));
        calls.interruptions = 2;
        calls.queue.add(new Queued(new byte[] {1}, false));
        assertTrue(sctp.receive(7, ByteBuffer.allocate(4), new ReceiveInfo(), true));
    }

    @Test
    void close_after_EINTR_is_done_and_EBADF_is_BAD_DESCRIPTOR() throws Exception {
        calls.closeErrno = EINTR;
        sctp.close(7);
        calls.closeErrno = EBADF;
        SctpException e = assertThrows(SctpException.class, () -> sctp.close(7));
        assertEquals(SctpError.BAD_DESCRIPTOR, e.error());
    }

    @Test
    void poll_waits_without_limit_on_a_negative_timeout_and_POLLNVAL_is_BAD_DESCRIPTOR() throws Exception {
        calls.revents = 1;
        assertTrue(sctp.poll(7, false, -5));
        assertEquals(-1, calls.timeouts.get(0));
        calls.revents = POLLNVAL;
        SctpException e = assertThrows(SctpException.class, () -> sctp.poll(7, false, 10));
        assertEquals(SctpError.BAD_DESCRIPTOR, e.error());
        calls.revents = 0;
        assertFalse(sctp.poll(7, true, 0));
    }

    @Test
    void nothing_queued_without_waiting_is_false_not_an_error() throws Exception {
        assertFalse(sctp.receive(7, ByteBuffer.allocate(8), new ReceiveInfo(), true));
        assertFalse(sctp.poll(7, false, 0));
    }
}
