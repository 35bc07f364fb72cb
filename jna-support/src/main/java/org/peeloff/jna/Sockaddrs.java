/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.jna;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import com.sun.jna.Pointer;

/**
 * The one codec for {@code sockaddr_in}/{@code sockaddr_in6}, parameterised by an OS's
 * {@link SctpLayout.Sockaddr}: a two-byte family (Linux, illumos) or a length byte and a one-byte
 * family (AIX, BSD); ports and addresses in network byte order; IPv4 addresses mapped to
 * {@code ::ffff:a.b.c.d} on an {@code AF_INET6} socket where the OS wants that (illumos).
 */
public final class Sockaddrs {
    private Sockaddrs() {
    }

    /**
     * @param l       the layout
     * @param address the address
     * @param socketFamily the socket's family ({@code AF_INET6} maps IPv4 where the layout says so), or 0
     * @return the bytes {@link #write} takes for it
     */
    public static int length(SctpLayout.Sockaddr l, InetSocketAddress address, int socketFamily) {
        return address.getAddress() instanceof Inet4Address && !(l.mapIpv4OnInet6() && socketFamily == l.afInet6())
                ? l.inSize() : l.in6Size();
    }

    /**
     * Writes one socket address.
     *
     * @param l            the layout
     * @param to           the memory
     * @param offset       where in it
     * @param address      a resolved address
     * @param socketFamily the socket's family ({@code AF_INET6} maps IPv4 where the layout says so), or 0
     * @return its length
     */
    public static int write(SctpLayout.Sockaddr l, Pointer to, long offset, InetSocketAddress address, int socketFamily) {
        InetAddress ip = address.getAddress();
        int port = address.getPort();
        if (ip instanceof Inet4Address && !(l.mapIpv4OnInet6() && socketFamily == l.afInet6())) {
            to.setMemory(offset, l.inSize(), (byte) 0);
            family(l, to, offset, l.afInet(), l.inSize());
            putPort(to, offset + l.inPort(), port);
            to.write(offset + l.inAddr(), ip.getAddress(), 0, 4);
            return l.inSize();
        }
        to.setMemory(offset, l.in6Size(), (byte) 0);
        family(l, to, offset, l.afInet6(), l.in6Size());
        putPort(to, offset + l.in6Port(), port);
        byte[] bytes;
        if (ip instanceof Inet6Address v6) {
            bytes = v6.getAddress();
            to.setInt(offset + l.in6ScopeId(), v6.getScopeId());
        } else {
            bytes = new byte[16];
            bytes[10] = (byte) 0xff;
            bytes[11] = (byte) 0xff;
            System.arraycopy(ip.getAddress(), 0, bytes, 12, 4);
        }
        to.write(offset + l.in6Addr(), bytes, 0, 16);
        return l.in6Size();
    }

    private static void family(SctpLayout.Sockaddr l, Pointer to, long offset, int family, int size) {
        if (l.lenByte()) {
            to.setByte(offset, (byte) size);
            to.setByte(offset + 1, (byte) family);
        } else {
            to.setShort(offset, (short) family);
        }
    }

    private static void putPort(Pointer to, long at, int port) {
        to.setByte(at, (byte) (port >>> 8));
        to.setByte(at + 1, (byte) port);
    }

    private static int port(Pointer from, long at) {
        return ((from.getByte(at) & 0xff) << 8) | (from.getByte(at + 1) & 0xff);
    }

    /**
     * @param l      the layout
     * @param from   the memory
     * @param offset where the address starts
     * @return its family number
     */
    public static int family(SctpLayout.Sockaddr l, Pointer from, long offset) {
        return l.lenByte() ? from.getByte(offset + 1) & 0xff : from.getShort(offset) & 0xffff;
    }

    /**
     * @param l      the layout
     * @param family a family number
     * @return the size of that family's address, or -1 for a family other than INET/INET6
     */
    public static int size(SctpLayout.Sockaddr l, int family) {
        if (family == l.afInet()) {
            return l.inSize();
        }
        if (family == l.afInet6()) {
            return l.in6Size();
        }
        return -1;
    }

    /**
     * Reads one socket address.
     *
     * @param l         the layout
     * @param from      the memory
     * @param offset    where it starts
     * @param available how many bytes are there
     * @return the address (an IPv4-mapped address as IPv4), or null for another family or too few bytes
     */
    public static InetSocketAddress read(SctpLayout.Sockaddr l, Pointer from, long offset, long available) {
        if (available < 2) {
            return null;
        }
        int family = family(l, from, offset);
        int size = size(l, family);
        if (size < 0 || available < size) {
            return null;
        }
        try {
            if (family == l.afInet()) {
                byte[] ip = from.getByteArray(offset + l.inAddr(), 4);
                return new InetSocketAddress(InetAddress.getByAddress(ip), port(from, offset + l.inPort()));
            }
            byte[] ip = from.getByteArray(offset + l.in6Addr(), 16);
            int scope = from.getInt(offset + l.in6ScopeId());
            InetAddress a = InetAddress.getByAddress(ip);
            if (a instanceof Inet6Address && scope != 0) {
                a = Inet6Address.getByAddress(null, ip, scope);
            }
            return new InetSocketAddress(a, port(from, offset + l.in6Port()));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4- or 16-byte address was refused", e);
        }
    }
}
