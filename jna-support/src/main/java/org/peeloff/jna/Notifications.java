/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.jna;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import com.sun.jna.Pointer;

import org.peeloff.AdaptationIndication;
import org.peeloff.AssociationChange;
import org.peeloff.AssociationId;
import org.peeloff.AssociationResetEvent;
import org.peeloff.AuthenticationEvent;
import org.peeloff.OtherNotification;
import org.peeloff.PartialDeliveryAborted;
import org.peeloff.PeerAddressChange;
import org.peeloff.RemoteError;
import org.peeloff.SctpNotification;
import org.peeloff.SendFailed;
import org.peeloff.SenderDry;
import org.peeloff.ShutdownEvent;
import org.peeloff.StreamChangeEvent;
import org.peeloff.StreamResetEvent;
import org.peeloff.jna.SctpLayout.Body;
import org.peeloff.jna.SctpLayout.Field;

/**
 * The one parser of {@code union sctp_notification}, parameterised by an OS's
 * {@link SctpLayout.Notifications}. It is given the whole notification ({@link PosixSctp} reads on
 * until {@code MSG_EOR}). Each type the OS documents becomes its record; a type the layout does not
 * know, one too short for its struct, or one carrying a state the OS does not define, becomes an
 * {@link OtherNotification} with the type, the association id where the layout knows its place, and
 * the length. Byte order: what the kernel copies from the wire (the error cause codes, the payload
 * protocol id) is in network order, everything else in host order, as RFC 6458 and the kernels do.
 */
public final class Notifications {
    private Notifications() {
    }

    /**
     * @param l     the layout, or null when the OS's is unknown (everything is then untyped)
     * @param p     the first byte
     * @param bytes how many bytes the notification has
     * @return the notification (a peer address change's address is null: no sockaddr layout given)
     */
    public static SctpNotification parse(SctpLayout.Notifications l, Pointer p, int bytes) {
        return parse(l, null, p, bytes);
    }

    /**
     * @param l     the layout, or null when the OS's is unknown (everything is then untyped)
     * @param sa    the OS's sockaddr layout, for a peer address change's address (null: address null)
     * @param p     the first byte
     * @param bytes how many bytes the notification has
     * @return the notification
     */
    public static SctpNotification parse(SctpLayout.Notifications l, SctpLayout.Sockaddr sa, Pointer p, int bytes) {
        if (l == null || bytes < l.type() + 2) {
            return new OtherNotification(AssociationId.of(0), bytes >= 2 ? p.getShort(0) & 0xffff : -1, bytes);
        }
        int type = p.getShort(l.type()) & 0xffff;
        if (type == l.assocChange() && bytes >= l.sacSize()) {
            AssociationId id = AssociationId.of(p.getInt(l.sacAssocId()));
            AssociationChange.State state = state(l, p.getShort(l.sacState()) & 0xffff);
            if (state == null) {
                return new OtherNotification(id, type, bytes);
            }
            return new AssociationChange(id, state, networkShort(p, l.sacError()),
                    p.getShort(l.sacOutbound()) & 0xffff, p.getShort(l.sacInbound()) & 0xffff);
        }
        if (type == l.shutdownEvent() && bytes >= l.sseSize()) {
            return new ShutdownEvent(AssociationId.of(p.getInt(l.sseAssocId())));
        }
        Body b = l.body(type);
        if (b == null) {
            return new OtherNotification(AssociationId.of(0), type, bytes);
        }
        AssociationId id = AssociationId.of(bytes >= b.assocId() + 4 ? p.getInt(b.assocId()) : 0);
        if (bytes < b.size()) {
            return new OtherNotification(id, type, bytes);
        }
        SctpNotification n = body(l, sa, b, id, p, bytes);
        return n != null ? n : new OtherNotification(id, type, bytes);
    }

    private static SctpNotification body(SctpLayout.Notifications l, SctpLayout.Sockaddr sa, Body b, AssociationId id,
                                         Pointer p, int bytes) {
        switch (b.kind()) {
            case PEER_ADDRESS_CHANGE: {
                PeerAddressChange.State state = l.addressStates().get(p.getInt(at(b, Field.STATE32)));
                if (state == null) {
                    return null;
                }
                Integer addr = b.at().get(Field.ADDRESS);
                InetSocketAddress a = sa == null || addr == null ? null
                        : Sockaddrs.read(sa, p, addr, Math.min(sa.storageSize(), bytes - addr));
                return new PeerAddressChange(id, a, state, p.getInt(at(b, Field.ERROR32)));
            }
            case SEND_FAILED: {
                int flags = p.getShort(at(b, Field.FLAGS16)) & 0xffff;
                int data = at(b, Field.DATA);
                return new SendFailed(id, flags == l.dataSent(), p.getInt(at(b, Field.ERROR32)),
                        p.getShort(at(b, Field.INFO_STREAM16)) & 0xffff, ControlMessages.networkOrder(p.getInt(at(b, Field.INFO_PPID))),
                        copy(p, data, bytes));
            }
            case REMOTE_ERROR:
                return new RemoteError(id, b.at().containsKey(Field.CAUSE16_HOST)
                        ? p.getShort(at(b, Field.CAUSE16_HOST)) & 0xffff : networkShort(p, at(b, Field.CAUSE16)),
                        copy(p, at(b, Field.DATA), bytes));
            case PARTIAL_DELIVERY: {
                if (p.getInt(at(b, Field.INDICATION32)) != l.pdAborted()) {
                    return null;
                }
                Integer stream = b.at().get(Field.STREAM32);
                Integer seq = b.at().get(Field.SEQUENCE32);
                return new PartialDeliveryAborted(id, stream == null ? -1 : p.getInt(stream),
                        seq == null ? -1 : p.getInt(seq));
            }
            case ADAPTATION_INDICATION:
                return new AdaptationIndication(id, p.getInt(at(b, Field.INDICATION32)));
            case SENDER_DRY:
                return new SenderDry(id);
            case AUTHENTICATION: {
                AuthenticationEvent.Indication ind = l.authIndications().get(p.getInt(at(b, Field.INDICATION32)));
                return ind == null ? null
                        : new AuthenticationEvent(id, p.getShort(at(b, Field.KEY16)) & 0xffff, ind);
            }
            case STREAM_RESET: {
                List<Integer> streams = new ArrayList<>();
                for (long o = at(b, Field.DATA); o + 2 <= bytes; o += 2) {
                    streams.add(p.getShort(o) & 0xffff);
                }
                return new StreamResetEvent(id, p.getShort(at(b, Field.FLAGS16)) & 0xffff, streams);
            }
            case ASSOCIATION_RESET:
                return new AssociationResetEvent(id, p.getShort(at(b, Field.FLAGS16)) & 0xffff,
                        p.getInt(at(b, Field.LOCAL_TSN32)) & 0xffffffffL, p.getInt(at(b, Field.REMOTE_TSN32)) & 0xffffffffL);
            case STREAM_CHANGE:
                return new StreamChangeEvent(id, p.getShort(at(b, Field.FLAGS16)) & 0xffff,
                        p.getShort(at(b, Field.INBOUND16)) & 0xffff, p.getShort(at(b, Field.OUTBOUND16)) & 0xffff);
            default:
                return null;
        }
    }

    private static int at(Body b, Field f) {
        Integer o = b.at().get(f);
        if (o == null) {
            throw new IllegalStateException("the layout of sn_type " + b.type() + " (" + b.kind() + ") has no " + f);
        }
        return o;
    }

    private static ByteBuffer copy(Pointer p, int from, int bytes) {
        return ByteBuffer.wrap(from < bytes ? p.getByteArray(from, bytes - from) : new byte[0]);
    }

    /** A 2-byte field the kernel copied from the wire: network byte order. */
    private static int networkShort(Pointer p, long at) {
        return ((p.getByte(at) & 0xff) << 8) | (p.getByte(at + 1) & 0xff);
    }

    /**
     * @param l        the layout
     * @param sacState an OS's {@code sac_state}
     * @return the portable state, or null for a value the OS does not define
     */
    public static AssociationChange.State state(SctpLayout.Notifications l, int sacState) {
        if (sacState == l.commUp()) {
            return AssociationChange.State.COMMUNICATION_UP;
        }
        if (sacState == l.commLost()) {
            return AssociationChange.State.COMMUNICATION_LOST;
        }
        if (sacState == l.restart()) {
            return AssociationChange.State.RESTART;
        }
        if (sacState == l.shutdownComp()) {
            return AssociationChange.State.SHUTDOWN_COMPLETE;
        }
        if (sacState == l.cantStart()) {
            return AssociationChange.State.CANNOT_START;
        }
        return null;
    }

    /**
     * @param n a notification
     * @return its association id, 0 when it has none
     */
    public static int associationOf(SctpNotification n) {
        return n.association().value();
    }
}
