/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.solaris;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import com.sun.jna.Memory;

import org.junit.jupiter.api.Test;
import org.peeloff.jna.SctpLayout;
import org.peeloff.jna.Sockaddrs;

/** illumos sockaddr_in / sockaddr_in6, byte by byte, through the shared codec with {@link SolarisLayout}. */
class SolarisSockaddrTest {
    private static final SctpLayout.Sockaddr SA = SolarisLayout.LAYOUT.sockaddr();

    @Test
    void ipv4_on_an_inet_socket_is_a_16_byte_sockaddr_in() throws Exception {
        Memory m = new Memory(64);
        m.clear();
        int len = Sockaddrs.write(SA, m, 0, new InetSocketAddress(InetAddress.getByName("10.1.2.3"), 0x1234),
                SolarisAbi.AF_INET);
        assertEquals(16, len);
        assertEquals(2, m.getShort(0)); // AF_INET in host order, no length byte
        assertEquals(0x12, m.getByte(2) & 0xff);
        assertEquals(0x34, m.getByte(3) & 0xff);
        assertEquals(10, m.getByte(4));
        assertEquals(3, m.getByte(7));
        assertEquals(new InetSocketAddress(InetAddress.getByName("10.1.2.3"), 0x1234), Sockaddrs.read(SA, m, 0, m.size()));
    }

    @Test
    void ipv4_on_an_inet6_socket_is_mapped_into_a_32_byte_sockaddr_in6_with_family_26() throws Exception {
        Memory m = new Memory(64);
        m.clear();
        int len = Sockaddrs.write(SA, m, 8, new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 2905),
                SolarisAbi.AF_INET6);
        assertEquals(32, len);
        assertEquals(26, m.getShort(8));
        assertEquals((byte) 0xff, m.getByte(8 + 8 + 10));
        assertEquals((byte) 0xff, m.getByte(8 + 8 + 11));
        assertEquals(127, m.getByte(8 + 8 + 12));
        assertEquals(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 2905), Sockaddrs.read(SA, m, 8, m.size() - 8));
    }

    @Test
    void ipv6_round_trips() throws Exception {
        Memory m = new Memory(64);
        InetSocketAddress a = new InetSocketAddress(InetAddress.getByName("2001:db8::5"), 36412);
        assertEquals(32, Sockaddrs.write(SA, m, 0, a, 0));
        assertEquals(a, Sockaddrs.read(SA, m, 0, m.size()));
        assertEquals(32, Sockaddrs.size(SA, Sockaddrs.family(SA, m, 0)));
    }
}
