package org.peeloff.linux;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import com.sun.jna.Pointer;

/**
 * {@code struct sockaddr_in} and {@code struct sockaddr_in6} in the Linux layout: a 2-byte
 * {@code sa_family_t} at offset 0 (no {@code sin_len} byte), the port in network byte order,
 * then the address; IPv6 adds the flow label and the scope id.
 */
final class LinuxSockaddr {
    private LinuxSockaddr() {
    }

    /**
     * The length of the sockaddr {@link #write} produces for an address.
     *
     * @param address a resolved address
     * @return 16 for IPv4, 28 for IPv6
     */
    static int length(InetSocketAddress address) {
        return address.getAddress() instanceof Inet4Address
                ? LinuxAbi.SIZEOF_SOCKADDR_IN : LinuxAbi.SIZEOF_SOCKADDR_IN6;
    }

    /**
     * Writes an address as a sockaddr (IPv4 as {@code sockaddr_in}, IPv6 as {@code sockaddr_in6}).
     *
     * @param to      where
     * @param offset  at which offset
     * @param address a resolved address
     * @return the bytes written (the sockaddr length)
     */
    static int write(Pointer to, long offset, InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        int port = address.getPort();
        if (ip instanceof Inet4Address) {
            to.setMemory(offset, LinuxAbi.SIZEOF_SOCKADDR_IN, (byte) 0);
            to.setShort(offset + LinuxAbi.SOCKADDR_IN_FAMILY, (short) LinuxAbi.AF_INET);
            putPort(to, offset + LinuxAbi.SOCKADDR_IN_PORT, port);
            to.write(offset + LinuxAbi.SOCKADDR_IN_ADDR, ip.getAddress(), 0, 4);
            return LinuxAbi.SIZEOF_SOCKADDR_IN;
        }
        to.setMemory(offset, LinuxAbi.SIZEOF_SOCKADDR_IN6, (byte) 0);
        to.setShort(offset + LinuxAbi.SOCKADDR_IN6_FAMILY, (short) LinuxAbi.AF_INET6);
        putPort(to, offset + LinuxAbi.SOCKADDR_IN6_PORT, port);
        to.write(offset + LinuxAbi.SOCKADDR_IN6_ADDR, ip.getAddress(), 0, 16);
        to.setInt(offset + LinuxAbi.SOCKADDR_IN6_SCOPE_ID, ((Inet6Address) ip).getScopeId());
        return LinuxAbi.SIZEOF_SOCKADDR_IN6;
    }

    private static void putPort(Pointer to, long at, int port) {
        to.setByte(at, (byte) (port >>> 8));
        to.setByte(at + 1, (byte) port);
    }

    /**
     * The family of the sockaddr at an offset.
     *
     * @param from   where
     * @param offset at which offset
     * @return {@code AF_INET}, {@code AF_INET6} or another family number
     */
    static int family(Pointer from, long offset) {
        return from.getShort(offset) & 0xffff;
    }

    /**
     * Reads a {@code sockaddr_in} or {@code sockaddr_in6}. An IPv4-mapped IPv6 address (what an
     * {@code AF_INET6} socket reports for an IPv4 peer) comes back as an IPv4 address.
     *
     * @param from   where
     * @param offset at which offset
     * @return the address, or null when the family is neither {@code AF_INET} nor {@code AF_INET6}
     */
    static InetSocketAddress read(Pointer from, long offset) {
        int family = family(from, offset);
        try {
            if (family == LinuxAbi.AF_INET) {
                byte[] ip = from.getByteArray(offset + LinuxAbi.SOCKADDR_IN_ADDR, 4);
                return new InetSocketAddress(InetAddress.getByAddress(ip), port(from, offset + LinuxAbi.SOCKADDR_IN_PORT));
            }
            if (family == LinuxAbi.AF_INET6) {
                byte[] ip = from.getByteArray(offset + LinuxAbi.SOCKADDR_IN6_ADDR, 16);
                int scope = from.getInt(offset + LinuxAbi.SOCKADDR_IN6_SCOPE_ID);
                InetAddress a = InetAddress.getByAddress(ip);
                if (a instanceof Inet6Address && scope != 0) {
                    a = Inet6Address.getByAddress(null, ip, scope);
                }
                return new InetSocketAddress(a, port(from, offset + LinuxAbi.SOCKADDR_IN6_PORT));
            }
            return null;
        } catch (UnknownHostException e) {
            throw new IllegalStateException("kernel returned a malformed address", e);
        }
    }

    /**
     * The size of a sockaddr of the given family, as packed in {@code sctp_getaddrs} and bindx lists.
     *
     * @param family the family
     * @return its size, or -1 for another family
     */
    static int size(int family) {
        if (family == LinuxAbi.AF_INET) {
            return LinuxAbi.SIZEOF_SOCKADDR_IN;
        }
        if (family == LinuxAbi.AF_INET6) {
            return LinuxAbi.SIZEOF_SOCKADDR_IN6;
        }
        return -1;
    }

    private static int port(Pointer from, long at) {
        return ((from.getByte(at) & 0xff) << 8) | (from.getByte(at + 1) & 0xff);
    }
}
