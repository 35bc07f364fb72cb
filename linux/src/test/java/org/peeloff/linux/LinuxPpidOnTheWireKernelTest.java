/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peeloff.AssociationChange;
import org.peeloff.SctpException;
import org.peeloff.spi.ReceiveInfo;
import org.peeloff.spi.SocketStyle;

/**
 * The payload protocol identifier on the wire, checked without Peeloff on the other end: the kernel
 * copies {@code sinfo_ppid} / {@code rcv_ppid} between the caller's memory and the DATA chunk
 * unchanged (RFC 6458 5.3.2: "passed opaquely by the SCTP stack"), so the four bytes in a raw
 * control message are the four bytes on the wire, which RFC 9260 3.3.1 puts in network byte order.
 * A Java int 46 (Diameter) must be {@code 00 00 00 2e} there, both ways.
 *
 * <p>The raw side is libc's {@code recvmsg}/{@code sendmsg}, bound here, with the LP64 Linux
 * {@code struct msghdr}/{@code cmsghdr} layout and the numbers of {@code linux/sctp.h} written out,
 * so the check shares nothing with the provider's own codec.
 */
@Tag("kernel")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LinuxPpidOnTheWireKernelTest {
    private static final long WAIT_MS = 30_000;
    private static final int[] PPIDS = {46, 3, 0x80000001};

    // linux/sctp.h and bits/socket.h, x86_64 and aarch64 (LP64)
    private static final int SOL_SCTP = 132;
    private static final int SCTP_SNDRCV = 1;
    private static final int SCTP_RCVINFO = 3;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int MSG_NOTIFICATION = 0x8000;
    private static final int SIZEOF_MSGHDR = 56;
    private static final int SIZEOF_CMSGHDR = 16;
    private static final int SIZEOF_SNDRCVINFO = 32;
    /** {@code sinfo_ppid} in {@code struct sctp_sndrcvinfo} and {@code rcv_ppid} in {@code struct sctp_rcvinfo}. */
    private static final int PPID_OFFSET = 8;
    private static final int SNDRCVINFO_ASSOC_ID = 28;

    /** libc, bound for this test only. */
    static final class RawLibc {
        static {
            Native.register(RawLibc.class, Platform.C_LIBRARY_NAME);
        }

        static native long recvmsg(int fd, Pointer msg, int flags);

        static native long sendmsg(int fd, Pointer msg, int flags);

        private RawLibc() {
        }
    }

    private final LinuxSctpProvider p = new LinuxSctpProvider();
    private final Deque<Integer> open = new ArrayDeque<>();

    @BeforeAll
    static void lp64Linux() {
        Assumptions.assumeTrue(Platform.isLinux() && Native.POINTER_SIZE == 8 && Native.SIZE_T_SIZE == 8,
                "the raw msghdr layout written here is LP64 Linux's");
    }

    @AfterEach
    void closeAll() {
        while (!open.isEmpty()) {
            try {
                p.close(open.pop());
            } catch (SctpException e) {
                // already closed
            }
        }
    }

    private record Link(int server, int client, int serverAssoc, int clientAssoc) {
    }

    private Link link() throws Exception {
        InetAddress lo = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        int server = track(p.socket(StandardProtocolFamily.INET, SocketStyle.ONE_TO_MANY));
        p.bind(server, new InetSocketAddress(lo, 0));
        p.listen(server, 16);
        InetSocketAddress serverAddress = p.localAddresses(server).get(0);
        int client = track(p.socket(StandardProtocolFamily.INET, SocketStyle.ONE_TO_MANY));
        p.bind(client, new InetSocketAddress(lo, 0));
        p.connect(client, serverAddress);
        int clientAssoc = awaitUp(client);
        int serverAssoc = awaitUp(server);
        return new Link(server, client, serverAssoc, clientAssoc);
    }

    private int track(int fd) {
        open.push(fd);
        return fd;
    }

    private int awaitUp(int fd) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(512);
        ReceiveInfo info = new ReceiveInfo();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (true) {
            info.reset();
            if (p.receive(fd, b.clear(), info, true)) {
                assertTrue(info.isNotification, "expected COMMUNICATION_UP, got data");
                AssociationChange up = assertInstanceOf(AssociationChange.class, info.notification);
                assertEquals(AssociationChange.State.COMMUNICATION_UP, up.state());
                return up.association().value();
            }
            assertTrue(System.nanoTime() < deadline, "no COMMUNICATION_UP on fd " + fd);
            p.poll(fd, false, 200);
        }
    }

    private static byte[] networkOrder(int ppid) {
        return ByteBuffer.allocate(4).order(ByteOrder.BIG_ENDIAN).putInt(ppid).array();
    }

    private static String hex(byte[] b) {
        return HexFormat.ofDelimiter(" ").formatHex(b);
    }

    /** Receives the next data message with libc's recvmsg and returns its ppid's four bytes as the kernel gave them. */
    private byte[] rawReceivePpid(int fd) throws Exception {
        Memory data = new Memory(1024);
        Memory iov = new Memory(16);
        Memory control = new Memory(512);
        Memory msg = new Memory(SIZEOF_MSGHDR);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (true) {
            iov.setPointer(0, data);
            iov.setLong(8, data.size());
            msg.clear();
            msg.setPointer(16, iov);
            msg.setLong(24, 1);
            msg.setPointer(32, control);
            msg.setLong(40, control.size());
            long n = RawLibc.recvmsg(fd, msg, MSG_DONTWAIT);
            if (n < 0) {
                int errno = Native.getLastError();
                assertEquals(11, errno, "raw recvmsg failed with errno " + errno);
                assertTrue(System.nanoTime() < deadline, "nothing received on fd " + fd);
                p.poll(fd, false, 200);
                continue;
            }
            if ((msg.getInt(48) & MSG_NOTIFICATION) != 0) {
                continue;
            }
            long controlLength = msg.getLong(40);
            for (long off = 0; off + SIZEOF_CMSGHDR <= controlLength; ) {
                long len = control.getLong(off);
                int level = control.getInt(off + 8);
                int type = control.getInt(off + 12);
                if (level == SOL_SCTP && (type == SCTP_RCVINFO || type == SCTP_SNDRCV)) {
                    return control.getByteArray(off + SIZEOF_CMSGHDR + PPID_OFFSET, 4);
                }
                if (len < SIZEOF_CMSGHDR) {
                    break;
                }
                off += (len + 7) & ~7L;
            }
            fail("a data message without an SCTP_RCVINFO or SCTP_SNDRCV control message (" + controlLength + " bytes of control)");
        }
    }

    /** Sends one message with libc's sendmsg and an SCTP_SNDRCV control message holding {@code ppidBytes} as they are. */
    private static void rawSend(int fd, int assoc, byte[] ppidBytes, String text) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Memory data = new Memory(bytes.length);
        data.write(0, bytes, 0, bytes.length);
        Memory iov = new Memory(16);
        iov.setPointer(0, data);
        iov.setLong(8, bytes.length);
        int cmsgLen = SIZEOF_CMSGHDR + SIZEOF_SNDRCVINFO;
        Memory control = new Memory(cmsgLen);
        control.clear();
        control.setLong(0, cmsgLen);
        control.setInt(8, SOL_SCTP);
        control.setInt(12, SCTP_SNDRCV);
        control.write(SIZEOF_CMSGHDR + PPID_OFFSET, ppidBytes, 0, 4);
        control.setInt(SIZEOF_CMSGHDR + SNDRCVINFO_ASSOC_ID, assoc);
        Memory msg = new Memory(SIZEOF_MSGHDR);
        msg.clear();
        msg.setPointer(16, iov);
        msg.setLong(24, 1);
        msg.setPointer(32, control);
        msg.setLong(40, cmsgLen);
        long n = RawLibc.sendmsg(fd, msg, 0);
        assertEquals(bytes.length, n, "raw sendmsg (errno " + Native.getLastError() + ")");
    }

    @Test
    void a_ppid_sent_through_peeloff_is_in_network_byte_order_on_the_wire() throws Exception {
        Link l = link();
        for (int ppid : PPIDS) {
            ByteBuffer b = ByteBuffer.wrap(("ppid " + ppid).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            p.send(l.client(), b, l.clientAssoc(), null, 0, ppid, false, false);
            byte[] wire = rawReceivePpid(l.server());
            assertEquals(hex(networkOrder(ppid)), hex(wire), "the wire bytes of ppid " + ppid + " (0x"
                    + Integer.toHexString(ppid) + ") sent through the provider: network byte order");
        }
    }

    @Test
    void a_ppid_in_network_byte_order_on_the_wire_is_received_as_the_registry_number() throws Exception {
        Link l = link();
        ByteBuffer b = ByteBuffer.allocate(1024);
        ReceiveInfo info = new ReceiveInfo();
        for (int ppid : PPIDS) {
            rawSend(l.client(), l.clientAssoc(), networkOrder(ppid), "raw ppid " + ppid);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
            while (true) {
                info.reset();
                if (p.receive(l.server(), b.clear(), info, true) && !info.isNotification) {
                    break;
                }
                assertTrue(System.nanoTime() < deadline, "the raw message never arrived");
                p.poll(l.server(), false, 200);
            }
            assertFalse(info.isNotification);
            assertEquals(ppid, info.ppid, "ppid " + hex(networkOrder(ppid)) + " on the wire, as the provider reports it");
        }
    }
}
