/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.jna;

import java.net.InetSocketAddress;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

import org.peeloff.SctpError;
import org.peeloff.SctpException;
import org.peeloff.SctpOption;
import org.peeloff.SctpOptions;
import org.peeloff.spi.NativeCall;
import org.peeloff.spi.SocketOption;

/**
 * The typed options ({@link SctpOptions}) over {@code getsockopt}/{@code setsockopt}, written once for
 * every OS from its {@link SctpOptionLayout}. A per-association value goes through the association id
 * field of the option's struct (illumos's libsocket turns such a {@code getsockopt} into its
 * {@code SIOCSCTPGOPT} ioctl with that id, abi.tsv illumos {@code fact:getsockopt(IPPROTO_SCTP) in
 * libsocket}). Not a data path: each call allocates its struct.
 */
final class PosixOptions {
    private final PosixSctp sctp;
    private final SctpLayout layout;
    private final SctpOptionLayout o;
    private final PosixCalls calls;

    PosixOptions(PosixSctp sctp, SctpLayout layout, SctpOptionLayout o, PosixCalls calls) {
        this.sctp = sctp;
        this.layout = layout;
        this.o = o;
        this.calls = calls;
    }

    private static SocketOption legacy(SctpOption<?> option) {
        if (option == SctpOptions.SO_SNDBUF) {
            return SocketOption.SEND_BUFFER;
        }
        if (option == SctpOptions.SO_RCVBUF) {
            return SocketOption.RECEIVE_BUFFER;
        }
        if (option == SctpOptions.SCTP_NODELAY) {
            return SocketOption.NODELAY;
        }
        return null;
    }

    boolean supports(SctpOption<?> option) {
        SocketOption l = legacy(option);
        if (l != null) {
            return layout.options().containsKey(l);
        }
        if (o == null || !o.numbers().containsKey(option.name())) {
            return false;
        }
        return structOf(option) != null;
    }

    /** @return the struct layout the option needs, or a marker for int options; null when the OS lacks it */
    private Object structOf(SctpOption<?> option) {
        switch (option.name()) {
            case "SO_LINGER": return o.linger();
            case "SCTP_INITMSG": return o.initmsg();
            case "SCTP_RTOINFO": return o.rtoinfo();
            case "SCTP_ASSOCINFO": return o.assocparams();
            case "SCTP_PEER_ADDR_PARAMS": return o.paddrparams();
            case "SCTP_PRIMARY_ADDR": return o.setprim();
            case "SCTP_SET_PEER_PRIMARY_ADDR": return o.setpeerprim();
            case "SCTP_DEFAULT_SEND_PARAM": return o.sndrcvinfo();
            case "SCTP_STATUS": return o.status();
            default: return Boolean.TRUE; // int options, and MAXSEG as an int or an sctp_assoc_value
        }
    }

    /** @return why the option is missing on this OS */
    String whyUnsupported(SctpOption<?> option) {
        String why = o == null ? null : o.unsupported().get(option.name());
        return why != null ? why : "no numbers or layout for " + option + " on this OS";
    }

    private SctpLayout.OptionNumber number(SctpOption<?> option) {
        return o.numbers().get(option.name());
    }

    private static String text(String verb, int fd, SctpLayout.OptionNumber on, int assocId, Object value) {
        return verb + "(fd=" + fd + ", " + on.text() + (assocId != 0 ? ", assoc=" + Integer.toUnsignedString(assocId) : "")
                + (value != null ? ", " + value : "") + ")";
    }

    private void get(int fd, SctpLayout.OptionNumber on, Memory m, int assocId) throws SctpException {
        Memory len = new Memory(8);
        len.setInt(0, (int) m.size());
        if (calls.getsockopt(fd, on.level(), on.name(), m, len) < 0) {
            throw sctp.fail(NativeCall.GETSOCKOPT, text("getsockopt", fd, on, assocId, null), calls.errno());
        }
    }

    private void set(int fd, SctpLayout.OptionNumber on, Pointer m, int size, int assocId, Object value)
            throws SctpException {
        if (calls.setsockopt(fd, on.level(), on.name(), m, size) < 0) {
            throw sctp.fail(NativeCall.SETSOCKOPT, text("setsockopt", fd, on, assocId, value), calls.errno());
        }
    }

    private static Memory zeroed(int size) {
        Memory m = new Memory(size);
        m.clear();
        return m;
    }

    private static long u32(Pointer p, int at) {
        return p.getInt(at) & 0xffff_ffffL;
    }

    private static int u16(Pointer p, int at) {
        return p.getShort(at) & 0xffff;
    }

    private InetSocketAddress address(Pointer p, int at, int size) {
        if (Sockaddrs.size(layout.sockaddr(), Sockaddrs.family(layout.sockaddr(), p, at)) < 0) {
            return null; // no address (family 0)
        }
        return Sockaddrs.read(layout.sockaddr(), p, at, size);
    }

    Object get(int fd, SctpOption<?> option, int assocId) throws SctpException {
        SocketOption l = legacy(option);
        if (l != null) {
            int v = sctp.getOption(fd, l);
            return option == SctpOptions.SCTP_NODELAY ? (Object) (v != 0) : (Object) v;
        }
        SctpLayout.OptionNumber on = number(option);
        switch (option.name()) {
            case "SO_LINGER": {
                SctpOptionLayout.Linger s = o.linger();
                Memory m = zeroed(s.size());
                get(fd, on, m, assocId);
                return m.getInt(s.onoff()) == 0 ? -1 : m.getInt(s.secs());
            }
            case "SCTP_INITMSG": {
                SctpOptionLayout.InitMsg s = o.initmsg();
                Memory m = zeroed(s.size());
                get(fd, on, m, assocId);
                return new SctpOptions.InitMsg(u16(m, s.ostreams()), u16(m, s.instreams()), u16(m, s.attempts()),
                        u16(m, s.initTimeo()));
            }
            case "SCTP_RTOINFO": {
                SctpOptionLayout.RtoInfo s = o.rtoinfo();
                Memory m = zeroed(s.size());
                m.setInt(s.assocId(), assocId);
                get(fd, on, m, assocId);
                return new SctpOptions.RtoInfo(u32(m, s.initial()), u32(m, s.max()), u32(m, s.min()));
            }
            case "SCTP_ASSOCINFO": {
                SctpOptionLayout.AssocParams s = o.assocparams();
                Memory m = zeroed(s.size());
                m.setInt(s.assocId(), assocId);
                get(fd, on, m, assocId);
                return new SctpOptions.AssocInfo(u16(m, s.maxrxt()), u16(m, s.peerDestinations()), u32(m, s.peerRwnd()),
                        u32(m, s.localRwnd()), u32(m, s.cookieLife()));
            }
            case "SCTP_PEER_ADDR_PARAMS": {
                // socket-wide or association-wide values: the address stays zero (family 0)
                SctpOptionLayout.PaddrParams s = o.paddrparams();
                Memory m = zeroed(s.size());
                m.setInt(s.assocId(), assocId);
                get(fd, on, m, assocId);
                return new SctpOptions.PeerAddressParams(null, u32(m, s.hbinterval()), u16(m, s.pathmaxrxt()));
            }
            case "SCTP_PRIMARY_ADDR": {
                SctpOptionLayout.SetPrim s = o.setprim();
                Memory m = zeroed(s.size());
                m.setInt(s.assocId(), assocId);
                get(fd, on, m, assocId);
                return address(m, s.address(), s.size() - s.address());
            }
            case "SCTP_DEFAULT_SEND_PARAM": {
                SctpOptionLayout.Sndrcv s = o.sndrcvinfo();
                Memory m = zeroed(s.size());
                m.setInt(s.assocId(), assocId);
                get(fd, on, m, assocId);
                return new SctpOptions.SendParams(u16(m, s.stream()), Integer.reverseBytes(m.getInt(s.ppid())),
                        (u16(m, s.flags()) & s.unordered()) != 0, u32(m, s.ttl()), m.getInt(s.context()));
            }
            case "SCTP_STATUS": {
                SctpOptionLayout.Status s = o.status();
                Memory m = zeroed(s.size());
                m.setInt(s.assocId(), assocId);
                get(fd, on, m, assocId);
                int st = m.getInt(s.state());
                return new SctpOptions.Status(s.states().getOrDefault(st, SctpOptions.State.UNKNOWN), st,
                        u32(m, s.rwnd()), u16(m, s.unacked()), u16(m, s.pending()), u16(m, s.instrms()),
                        u16(m, s.outstrms()), u32(m, s.fragPoint()),
                        address(m, s.primary() + s.primaryAddress(), s.addressSize()),
                        u32(m, s.primary() + s.primaryRto()));
            }
            case "SCTP_MAXSEG": {
                SctpOptionLayout.AssocValue s = o.assocValue();
                if (s == null) {
                    return intOption(fd, on, assocId);
                }
                Memory m = zeroed(s.size());
                m.setInt(s.assocId(), assocId);
                get(fd, on, m, assocId);
                return m.getInt(s.value());
            }
            case "SCTP_DISABLE_FRAGMENTS":
                return intOption(fd, on, assocId) != 0;
            default:
                return intOption(fd, on, assocId);
        }
    }

    private int intOption(int fd, SctpLayout.OptionNumber on, int assocId) throws SctpException {
        Memory m = zeroed(4);
        get(fd, on, m, assocId);
        return m.getInt(0);
    }

    void set(int fd, SctpOption<?> option, Object value, int assocId) throws SctpException {
        SocketOption l = legacy(option);
        if (l != null) {
            sctp.setOption(fd, l, value instanceof Boolean b ? (b ? 1 : 0) : (Integer) value);
            return;
        }
        SctpLayout.OptionNumber on = number(option);
        switch (option.name()) {
            case "SO_LINGER": {
                SctpOptionLayout.Linger s = o.linger();
                int secs = (Integer) value;
                Memory m = zeroed(s.size());
                m.setInt(s.onoff(), secs < 0 ? 0 : 1);
                m.setInt(s.secs(), Math.max(secs, 0));
                set(fd, on, m, s.size(), assocId, value);
                return;
            }
            case "SCTP_INITMSG": {
                SctpOptionLayout.InitMsg s = o.initmsg();
                SctpOptions.InitMsg v = (SctpOptions.InitMsg) value;
                Memory m = zeroed(s.size());
                m.setShort(s.ostreams(), (short) v.outStreams());
                m.setShort(s.instreams(), (short) v.maxInStreams());
                m.setShort(s.attempts(), (short) v.maxAttempts());
                m.setShort(s.initTimeo(), (short) v.maxInitTimeoutMillis());
                set(fd, on, m, s.size(), assocId, value);
                return;
            }
            case "SCTP_RTOINFO": {
                SctpOptionLayout.RtoInfo s = o.rtoinfo();
                SctpOptions.RtoInfo v = (SctpOptions.RtoInfo) value;
                Memory m = zeroed(s.size());
                m.setInt(s.assocId(), assocId);
                m.setInt(s.initial(), (int) v.initialMillis());
                m.setInt(s.max(), (int) v.maxMillis());
                m.setInt(s.min(), (int) v.minMillis());
                set(fd, on, m, s.size(), assocId, value);
                return;
            }
            case "SCTP_ASSOCINFO": {
                SctpOptionLayout.AssocParams s = o.assocparams();
                SctpOptions.AssocInfo v = (SctpOptions.AssocInfo) value;
                Memory m = zeroed(s.size());
                m.setInt(s.assocId(), assocId);
                m.setShort(s.maxrxt(), (short) v.maxRetransmissions());
                m.setInt(s.cookieLife(), (int) v.cookieLifeMillis());
                set(fd, on, m, s.size(), assocId, value);
                return;
            }
            case "SCTP_PEER_ADDR_PARAMS": {
                SctpOptionLayout.PaddrParams s = o.paddrparams();
                SctpOptions.PeerAddressParams v = (SctpOptions.PeerAddressParams) value;
                Memory m = zeroed(s.size());
                m.setInt(s.assocId(), assocId);
                if (v.address() != null) {
                    Sockaddrs.write(layout.sockaddr(), m, s.address(), v.address(), sctp.familyFor(fd));
                }
                long hb = v.heartbeatIntervalMillis();
                if (hb == 0 && s.flags() < 0) {
                    // without spp_flags (illumos) the kernel takes 0 as a new interval: keep the current one
                    Memory cur = zeroed(s.size());
                    cur.write(0, m.getByteArray(0, s.size()), 0, s.size());
                    get(fd, on, cur, assocId);
                    hb = u32(cur, s.hbinterval());
                }
                m.setInt(s.hbinterval(), (int) hb);
                m.setShort(s.pathmaxrxt(), (short) v.pathMaxRetransmissions());
                if (s.flags() >= 0 && v.heartbeatIntervalMillis() != 0) {
                    m.setInt(s.flags(), s.hbEnable());
                }
                set(fd, on, m, s.size(), assocId, value);
                return;
            }
            case "SCTP_PRIMARY_ADDR":
            case "SCTP_SET_PEER_PRIMARY_ADDR": {
                SctpOptionLayout.SetPrim s = option == SctpOptions.SCTP_PRIMARY_ADDR ? o.setprim() : o.setpeerprim();
                InetSocketAddress a = (InetSocketAddress) value;
                if (a.isUnresolved()) {
                    throw SctpException.rejected(SctpError.INVALID_ARGUMENT, text("setsockopt", fd, on, assocId, a),
                            "the address is unresolved");
                }
                Memory m = zeroed(s.size());
                m.setInt(s.assocId(), assocId);
                Sockaddrs.write(layout.sockaddr(), m, s.address(), a, sctp.familyFor(fd));
                set(fd, on, m, s.size(), assocId, value);
                return;
            }
            case "SCTP_DEFAULT_SEND_PARAM": {
                SctpOptionLayout.Sndrcv s = o.sndrcvinfo();
                SctpOptions.SendParams v = (SctpOptions.SendParams) value;
                Memory m = zeroed(s.size());
                m.setInt(s.assocId(), assocId);
                m.setShort(s.stream(), (short) v.stream());
                m.setShort(s.flags(), (short) (v.unordered() ? s.unordered() : 0));
                m.setInt(s.ppid(), Integer.reverseBytes(v.payloadProtocolId()));
                m.setInt(s.ttl(), (int) v.timeToLiveMillis());
                m.setInt(s.context(), v.context());
                set(fd, on, m, s.size(), assocId, value);
                return;
            }
            case "SCTP_MAXSEG": {
                int v = nonNegative((Integer) value, option);
                SctpOptionLayout.AssocValue s = o.assocValue();
                if (s == null) {
                    setInt(fd, on, v, assocId);
                    return;
                }
                Memory m = zeroed(s.size());
                m.setInt(s.assocId(), assocId);
                m.setInt(s.value(), v);
                set(fd, on, m, s.size(), assocId, value);
                return;
            }
            case "SCTP_DISABLE_FRAGMENTS":
                setInt(fd, on, (Boolean) value ? 1 : 0, assocId);
                return;
            case "SCTP_FRAGMENT_INTERLEAVE": {
                int v = (Integer) value;
                if (v < 0 || v > 2) {
                    throw new IllegalArgumentException("SCTP_FRAGMENT_INTERLEAVE must be 0, 1 or 2: " + v);
                }
                setInt(fd, on, v, assocId);
                return;
            }
            default:
                setInt(fd, on, nonNegative((Integer) value, option), assocId);
        }
    }

    private static int nonNegative(int v, SctpOption<?> option) {
        if (v < 0) {
            throw new IllegalArgumentException(option + " must not be negative: " + v);
        }
        return v;
    }

    private void setInt(int fd, SctpLayout.OptionNumber on, int v, int assocId) throws SctpException {
        Memory m = new Memory(4);
        m.setInt(0, v);
        set(fd, on, m, 4, assocId, v);
    }

    void shutdown(int fd) throws SctpException {
        int how = o == null ? -1 : o.shutWr();
        if (how < 0) {
            throw SctpException.rejected(SctpError.UNSUPPORTED, "shutdown(fd=" + fd + ", SHUT_WR)",
                    "no SHUT_WR number for this OS");
        }
        if (calls.shutdown(fd, how) < 0) {
            throw sctp.fail(NativeCall.SHUTDOWN, "shutdown(fd=" + fd + ", SHUT_WR)", calls.errno());
        }
    }
}
