package org.peeloff.aix;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import com.sun.jna.Pointer;

/**
 * AIX socket addresses: a 1-byte length ({@code sin_len}), then a 1-byte family
 * ({@code AF_INET} 2, {@code AF_INET6} 24), then the port and address in network order
 * (abi.tsv aix {@code sockaddr_in} / {@code sockaddr_in6} rows). The port and the address are written
 * byte by byte, most significant first, whatever the platform's order; {@code sin6_scope_id} is a host
 * number and is written in the platform's native order.
 */
final class AixSockaddr {
    private AixSockaddr() {
    }

    /**
     * Writes an address.
     *
     * @param p    where (at least {@link AixAbi#SIZEOF_SOCKADDR_IN6} bytes)
     * @param addr the address; unresolved addresses are refused
     * @return its length ({@code sin_len})
     * @throws IllegalArgumentException when the address is unresolved
     */
    static int write(Pointer p, InetSocketAddress addr) {
        InetAddress ip = addr.getAddress();
        if (ip == null) {
            throw new IllegalArgumentException("unresolved address: " + addr);
        }
        int port = addr.getPort();
        if (ip instanceof Inet4Address) {
            p.setMemory(0, AixAbi.SIZEOF_SOCKADDR_IN, (byte) 0);
            p.setByte(AixAbi.SIN_LEN, (byte) AixAbi.SIZEOF_SOCKADDR_IN);
            p.setByte(AixAbi.SIN_FAMILY, (byte) AixAbi.AF_INET);
            p.setByte(AixAbi.SIN_PORT, (byte) (port >>> 8));
            p.setByte(AixAbi.SIN_PORT + 1, (byte) port);
            p.write(AixAbi.SIN_ADDR, ip.getAddress(), 0, 4);
            return AixAbi.SIZEOF_SOCKADDR_IN;
        }
        p.setMemory(0, AixAbi.SIZEOF_SOCKADDR_IN6, (byte) 0);
        p.setByte(AixAbi.SIN_LEN, (byte) AixAbi.SIZEOF_SOCKADDR_IN6);
        p.setByte(AixAbi.SIN_FAMILY, (byte) AixAbi.AF_INET6);
        p.setByte(AixAbi.SIN_PORT, (byte) (port >>> 8));
        p.setByte(AixAbi.SIN_PORT + 1, (byte) port);
        p.write(AixAbi.SIN6_ADDR, ip.getAddress(), 0, 16);
        p.setInt(AixAbi.SIN6_SCOPE_ID, ((Inet6Address) ip).getScopeId());
        return AixAbi.SIZEOF_SOCKADDR_IN6;
    }

    /**
     * Reads an address.
     *
     * @param p   where
     * @param len the length the kernel reported
     * @return the address, or null when it is not an AF_INET / AF_INET6 address of the right length
     */
    static InetSocketAddress read(Pointer p, int len) {
        if (len < 2) {
            return null;
        }
        int family = p.getByte(AixAbi.SIN_FAMILY) & 0xff;
        int port = ((p.getByte(AixAbi.SIN_PORT) & 0xff) << 8) | (p.getByte(AixAbi.SIN_PORT + 1) & 0xff);
        try {
            if (family == AixAbi.AF_INET && len >= AixAbi.SIZEOF_SOCKADDR_IN) {
                return new InetSocketAddress(InetAddress.getByAddress(p.getByteArray(AixAbi.SIN_ADDR, 4)), port);
            }
            if (family == AixAbi.AF_INET6 && len >= AixAbi.SIZEOF_SOCKADDR_IN6) {
                byte[] a = p.getByteArray(AixAbi.SIN6_ADDR, 16);
                int scope = p.getInt(AixAbi.SIN6_SCOPE_ID);
                InetAddress ip = scope != 0 ? Inet6Address.getByAddress(null, a, scope) : InetAddress.getByAddress(a);
                return new InetSocketAddress(ip, port);
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4- or 16-byte address was refused", e);
        }
        return null;
    }
}
