package org.peeloff.solaris;

import org.peeloff.AssociationChange;
import org.peeloff.AssociationId;
import org.peeloff.OtherNotification;
import org.peeloff.SctpNotification;
import org.peeloff.ShutdownEvent;

import com.sun.jna.Pointer;

/**
 * Reads an illumos SCTP notification ({@code union sctp_notification}): types 1..7, the
 * association-change states 0..4, and the association id where each layout has it.
 */
final class SolarisNotifications {
    private SolarisNotifications() {
    }

    /**
     * @param p      the notification's first byte
     * @param length how many bytes were received (the whole notification: {@code MSG_EOR} was set)
     * @return the notification; {@link OtherNotification} for the kinds this API does not model, or
     *         when the bytes are too few for the layout
     */
    static SctpNotification parse(Pointer p, int length) {
        if (length < SolarisAbi.SN_TYPE + SolarisAbi.SIZEOF_SN_TYPE) {
            return new OtherNotification(AssociationId.of(0), -1, length);
        }
        int type = p.getShort(SolarisAbi.SN_TYPE) & 0xffff;
        switch (type) {
            case SolarisAbi.SCTP_ASSOC_CHANGE:
                if (length >= SolarisAbi.SIZEOF_ASSOC_CHANGE) {
                    AssociationId id = AssociationId.of(p.getInt(SolarisAbi.SAC_ASSOC_ID));
                    AssociationChange.State state = state(p.getShort(SolarisAbi.SAC_STATE) & 0xffff);
                    if (state == null) {
                        return new OtherNotification(id, type, length);
                    }
                    return new AssociationChange(id, state, p.getShort(SolarisAbi.SAC_ERROR) & 0xffff,
                            p.getShort(SolarisAbi.SAC_OUTBOUND_STREAMS) & 0xffff,
                            p.getShort(SolarisAbi.SAC_INBOUND_STREAMS) & 0xffff);
                }
                break;
            case SolarisAbi.SCTP_SHUTDOWN_EVENT:
                if (length >= SolarisAbi.SIZEOF_SHUTDOWN_EVENT) {
                    return new ShutdownEvent(AssociationId.of(p.getInt(SolarisAbi.SSE_ASSOC_ID)));
                }
                break;
            case SolarisAbi.SCTP_PEER_ADDR_CHANGE:
                if (length >= SolarisAbi.SIZEOF_PADDR_CHANGE) {
                    return new OtherNotification(AssociationId.of(p.getInt(SolarisAbi.SPC_ASSOC_ID)), type, length);
                }
                break;
            case SolarisAbi.SCTP_SEND_FAILED:
                if (length >= SolarisAbi.SIZEOF_SEND_FAILED) {
                    return new OtherNotification(AssociationId.of(p.getInt(SolarisAbi.SSF_ASSOC_ID)), type, length);
                }
                break;
            default:
                break;
        }
        return new OtherNotification(AssociationId.of(0), type, length);
    }

    /**
     * @param sacState an illumos {@code sac_state}
     * @return the portable state, or null for a value illumos does not define
     */
    static AssociationChange.State state(int sacState) {
        switch (sacState) {
            case SolarisAbi.SCTP_COMM_UP: return AssociationChange.State.COMMUNICATION_UP;
            case SolarisAbi.SCTP_COMM_LOST: return AssociationChange.State.COMMUNICATION_LOST;
            case SolarisAbi.SCTP_RESTART: return AssociationChange.State.RESTART;
            case SolarisAbi.SCTP_SHUTDOWN_COMP: return AssociationChange.State.SHUTDOWN_COMPLETE;
            case SolarisAbi.SCTP_CANT_STR_ASSOC: return AssociationChange.State.CANNOT_START;
            default: return null;
        }
    }
}
