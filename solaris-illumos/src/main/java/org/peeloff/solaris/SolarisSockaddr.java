package org.peeloff.solaris;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import com.sun.jna.Pointer;

/**
 * illumos {@code sockaddr_in} (16 bytes) and {@code sockaddr_in6} (32 bytes, with
 * {@code __sin6_src_id}): a 16-bit {@code sa_family} in host order at offset 0 (no length byte),
 * the port in network order. {@code AF_INET6} is 26.
 */
final class SolarisSockaddr {
    private SolarisSockaddr() {
    }

    /**
     * Writes an address in the form a socket of the given family takes: an IPv4 address on an
     * {@code AF_INET6} socket becomes {@code ::ffff:a.b.c.d}.
     *
     * @param p       where to write (at least {@link SolarisAbi#SIZEOF_SOCKADDR_IN6} bytes)
     * @param offset  offset in {@code p}
     * @param address a resolved address
     * @param family  the socket's family, or 0 when unknown (then the address decides)
     * @return the length written
     */
    static int encode(Pointer p, long offset, InetSocketAddress address, int family) {
        InetAddress ip = address.getAddress();
        int port = address.getPort();
        if (ip instanceof Inet4Address && family != SolarisAbi.AF_INET6) {
            p.setMemory(offset, SolarisAbi.SIZEOF_SOCKADDR_IN, (byte) 0);
            p.setShort(offset + SolarisAbi.SOCKADDR_FAMILY, (short) SolarisAbi.AF_INET);
            putPort(p, offset + SolarisAbi.SOCKADDR_IN_PORT, port);
            p.write(offset + SolarisAbi.SOCKADDR_IN_ADDR, ip.getAddress(), 0, 4);
            return SolarisAbi.SIZEOF_SOCKADDR_IN;
        }
        p.setMemory(offset, SolarisAbi.SIZEOF_SOCKADDR_IN6, (byte) 0);
        p.setShort(offset + SolarisAbi.SOCKADDR_FAMILY, (short) SolarisAbi.AF_INET6);
        putPort(p, offset + SolarisAbi.SOCKADDR_IN6_PORT, port);
        byte[] bytes;
        if (ip instanceof Inet4Address) {
            bytes = new byte[16];
            bytes[10] = (byte) 0xff;
            bytes[11] = (byte) 0xff;
            System.arraycopy(ip.getAddress(), 0, bytes, 12, 4);
        } else {
            bytes = ip.getAddress();
            p.setInt(offset + SolarisAbi.SOCKADDR_IN6_SCOPE_ID, ((Inet6Address) ip).getScopeId());
        }
        p.write(offset + SolarisAbi.SOCKADDR_IN6_ADDR, bytes, 0, 16);
        return SolarisAbi.SIZEOF_SOCKADDR_IN6;
    }

    private static void putPort(Pointer p, long offset, int port) {
        p.setByte(offset, (byte) (port >>> 8));
        p.setByte(offset + 1, (byte) port);
    }

    /**
     * @param p      memory holding a sockaddr
     * @param offset its offset
     * @return its {@code sa_family}
     */
    static int family(Pointer p, long offset) {
        return p.getShort(offset + SolarisAbi.SOCKADDR_FAMILY) & 0xffff;
    }

    /**
     * @param family an address family
     * @return the size of its sockaddr, or 0 when it is neither {@code AF_INET} nor {@code AF_INET6}
     */
    static int size(int family) {
        if (family == SolarisAbi.AF_INET) {
            return SolarisAbi.SIZEOF_SOCKADDR_IN;
        }
        if (family == SolarisAbi.AF_INET6) {
            return SolarisAbi.SIZEOF_SOCKADDR_IN6;
        }
        return 0;
    }

    /**
     * Reads an {@code AF_INET} or {@code AF_INET6} address ({@code ::ffff:a.b.c.d} comes back as IPv4).
     *
     * @param p      memory holding a sockaddr
     * @param offset its offset
     * @return the address, or null for another family
     */
    static InetSocketAddress decode(Pointer p, long offset) {
        int family = family(p, offset);
        try {
            if (family == SolarisAbi.AF_INET) {
                byte[] a = p.getByteArray(offset + SolarisAbi.SOCKADDR_IN_ADDR, 4);
                return new InetSocketAddress(InetAddress.getByAddress(a), port(p, offset + SolarisAbi.SOCKADDR_IN_PORT));
            }
            if (family == SolarisAbi.AF_INET6) {
                byte[] a = p.getByteArray(offset + SolarisAbi.SOCKADDR_IN6_ADDR, 16);
                int scope = p.getInt(offset + SolarisAbi.SOCKADDR_IN6_SCOPE_ID);
                InetAddress ip = InetAddress.getByAddress(a);
                if (ip instanceof Inet6Address && scope != 0) {
                    ip = Inet6Address.getByAddress(null, a, scope);
                }
                return new InetSocketAddress(ip, port(p, offset + SolarisAbi.SOCKADDR_IN6_PORT));
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a raw address of the right length cannot be unknown", e);
        }
        return null;
    }

    private static int port(Pointer p, long offset) {
        return ((p.getByte(offset) & 0xff) << 8) | (p.getByte(offset + 1) & 0xff);
    }
}
