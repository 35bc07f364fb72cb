/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.jna;

import com.sun.jna.Pointer;

import org.peeloff.AssociationChange;
import org.peeloff.AssociationId;
import org.peeloff.OtherNotification;
import org.peeloff.SctpNotification;
import org.peeloff.ShutdownEvent;

/**
 * The one parser of {@code union sctp_notification}, parameterised by an OS's
 * {@link SctpLayout.Notifications}. It is given the whole notification ({@link PosixSctp} reads on
 * until {@code MSG_EOR}); a kind the API does not model, or one too short for its struct, becomes an
 * {@link OtherNotification} carrying the type, the association id where the layout knows its place,
 * and the length.
 */
public final class Notifications {
    private Notifications() {
    }

    /**
     * @param l     the layout, or null when the OS's is unknown (everything is then untyped)
     * @param p     the first byte
     * @param bytes how many bytes the notification has
     * @return the notification
     */
    public static SctpNotification parse(SctpLayout.Notifications l, Pointer p, int bytes) {
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
        Integer at = l.otherAssocIds().get(type);
        int id = at != null && bytes >= at + 4 ? p.getInt(at) : 0;
        return new OtherNotification(AssociationId.of(id), type, bytes);
    }

    /** {@code sac_error} is an SCTP error cause code, which the kernel passes in network byte order. */
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
        if (n instanceof AssociationChange c) {
            return c.association().value();
        }
        if (n instanceof ShutdownEvent e) {
            return e.association().value();
        }
        if (n instanceof OtherNotification o) {
            return o.association().value();
        }
        return 0;
    }
}
