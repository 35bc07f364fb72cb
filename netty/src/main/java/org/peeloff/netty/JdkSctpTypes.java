/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.netty;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;

import com.sun.nio.sctp.Association;
import com.sun.nio.sctp.AssociationChangeNotification;
import com.sun.nio.sctp.MessageInfo;
import com.sun.nio.sctp.PeerAddressChangeNotification;
import com.sun.nio.sctp.SendFailedNotification;
import com.sun.nio.sctp.ShutdownNotification;
import org.peeloff.AssociationChange;
import org.peeloff.AssociationId;
import org.peeloff.PeerAddressChange;
import org.peeloff.SctpData;
import org.peeloff.SctpNotification;
import org.peeloff.SendFailed;
import org.peeloff.ShutdownEvent;

/**
 * Peeloff's records as the {@code com.sun.nio.sctp} types that Netty's SCTP API is written in
 * ({@code SctpChannel.association()}, {@code SctpMessage.messageInfo()}, the notifications that
 * {@code SctpNotificationHandler} fires). These are plain subclasses of the JDK's public abstract
 * classes: nothing native of the JDK is loaded, so {@code libsctp.so.1} is not needed.
 */
final class JdkSctpTypes {
    private JdkSctpTypes() {
    }

    /** An association: id and stream counts, as the JDK's one. */
    static final class PeeloffAssociation extends Association {
        PeeloffAssociation(int id, int maxInStreams, int maxOutStreams) {
            super(id, maxInStreams, maxOutStreams);
        }

        @Override
        public String toString() {
            return "Association[id=" + associationID() + ", in=" + maxInboundStreams() + ", out="
                    + maxOutboundStreams() + "]";
        }
    }

    static Association association(AssociationId id, int in, int out) {
        return new PeeloffAssociation(id == null ? 0 : id.value(), in, out);
    }

    /** A received message's info, as the JDK's (complete flag included, for SctpMessageCompletionHandler). */
    static final class ReceivedInfo extends MessageInfo {
        private final Association association;
        private final SocketAddress address;
        private int stream;
        private int ppid;
        private boolean complete;
        private boolean unordered;
        private long ttl;
        private final int bytes;

        ReceivedInfo(Association association, SocketAddress address, SctpData d) {
            this.association = association;
            this.address = address;
            this.stream = d.stream();
            this.ppid = d.payloadProtocolId();
            this.complete = d.complete();
            this.unordered = d.unordered();
            this.bytes = d.bytes();
        }

        @Override
        public SocketAddress address() {
            return address;
        }

        @Override
        public Association association() {
            return association;
        }

        @Override
        public int bytes() {
            return bytes;
        }

        @Override
        public boolean isComplete() {
            return complete;
        }

        @Override
        public MessageInfo complete(boolean complete) {
            this.complete = complete;
            return this;
        }

        @Override
        public boolean isUnordered() {
            return unordered;
        }

        @Override
        public MessageInfo unordered(boolean unordered) {
            this.unordered = unordered;
            return this;
        }

        @Override
        public int payloadProtocolID() {
            return ppid;
        }

        @Override
        public MessageInfo payloadProtocolID(int ppid) {
            this.ppid = ppid;
            return this;
        }

        @Override
        public int streamNumber() {
            return stream;
        }

        @Override
        public MessageInfo streamNumber(int streamNumber) {
            this.stream = streamNumber;
            return this;
        }

        @Override
        public long timeToLive() {
            return ttl;
        }

        @Override
        public MessageInfo timeToLive(long millis) {
            this.ttl = millis;
            return this;
        }

        @Override
        public String toString() {
            return "MessageInfo[stream=" + stream + ", ppid=" + ppid + ", unordered=" + unordered + ", complete="
                    + complete + ", bytes=" + bytes + ", " + association + "]";
        }
    }

    /**
     * @param n     a Peeloff notification
     * @param assoc the association to name in it (the channel's, where known)
     * @return the JDK notification Netty's {@code SctpNotificationHandler} would fire for it, or {@code n}
     *         itself for a kind the JDK does not have (sender dry, remote error, ...)
     */
    static Object toUserEvent(SctpNotification n, Association assoc) {
        if (n instanceof AssociationChange c) {
            Association a = c.outboundStreams() > 0 || c.inboundStreams() > 0
                    ? association(c.association(), c.inboundStreams(), c.outboundStreams()) : assoc;
            return new AssocChange(a, switch (c.state()) {
                case COMMUNICATION_UP -> AssociationChangeNotification.AssocChangeEvent.COMM_UP;
                case COMMUNICATION_LOST -> AssociationChangeNotification.AssocChangeEvent.COMM_LOST;
                case RESTART -> AssociationChangeNotification.AssocChangeEvent.RESTART;
                case SHUTDOWN_COMPLETE -> AssociationChangeNotification.AssocChangeEvent.SHUTDOWN;
                case CANNOT_START -> AssociationChangeNotification.AssocChangeEvent.CANT_START;
            }, c);
        }
        if (n instanceof PeerAddressChange p && p.state() != PeerAddressChange.State.POTENTIALLY_FAILED) {
            return new AddressChange(assoc, p.address(), switch (p.state()) {
                case AVAILABLE -> PeerAddressChangeNotification.AddressChangeEvent.ADDR_AVAILABLE;
                case UNREACHABLE -> PeerAddressChangeNotification.AddressChangeEvent.ADDR_UNREACHABLE;
                case REMOVED -> PeerAddressChangeNotification.AddressChangeEvent.ADDR_REMOVED;
                case ADDED -> PeerAddressChangeNotification.AddressChangeEvent.ADDR_ADDED;
                case MADE_PRIMARY -> PeerAddressChangeNotification.AddressChangeEvent.ADDR_MADE_PRIMARY;
                case CONFIRMED -> PeerAddressChangeNotification.AddressChangeEvent.ADDR_CONFIRMED;
                // the JDK has no such event: the record itself is fired (below)
                case POTENTIALLY_FAILED -> throw new AssertionError(p);
            }, p);
        }
        if (n instanceof SendFailed f) {
            return new SendFailure(assoc, f);
        }
        if (n instanceof ShutdownEvent s) {
            return new Shutdown(assoc, s);
        }
        return n;
    }

    /** An association change; {@link #peeloff()} is Peeloff's record. */
    static final class AssocChange extends AssociationChangeNotification implements PeeloffEvent {
        private final Association association;
        private final AssocChangeEvent event;
        private final AssociationChange record;

        AssocChange(Association association, AssocChangeEvent event, AssociationChange record) {
            this.association = association;
            this.event = event;
            this.record = record;
        }

        @Override
        public Association association() {
            return association;
        }

        @Override
        public AssocChangeEvent event() {
            return event;
        }

        @Override
        public SctpNotification peeloff() {
            return record;
        }

        @Override
        public String toString() {
            return "AssociationChangeNotification[" + event + ", " + association + "]";
        }
    }

    /** A peer address change. */
    static final class AddressChange extends PeerAddressChangeNotification implements PeeloffEvent {
        private final Association association;
        private final SocketAddress address;
        private final AddressChangeEvent event;
        private final PeerAddressChange record;

        AddressChange(Association association, InetSocketAddress address, AddressChangeEvent event,
                      PeerAddressChange record) {
            this.association = association;
            this.address = address;
            this.event = event;
            this.record = record;
        }

        @Override
        public SocketAddress address() {
            return address;
        }

        @Override
        public Association association() {
            return association;
        }

        @Override
        public AddressChangeEvent event() {
            return event;
        }

        @Override
        public SctpNotification peeloff() {
            return record;
        }

        @Override
        public String toString() {
            return "PeerAddressChangeNotification[" + event + ", " + address + ", " + association + "]";
        }
    }

    /** A send failure, with the unsent data. */
    static final class SendFailure extends SendFailedNotification implements PeeloffEvent {
        private final Association association;
        private final SendFailed record;

        SendFailure(Association association, SendFailed record) {
            this.association = association;
            this.record = record;
        }

        @Override
        public Association association() {
            return association;
        }

        @Override
        public SocketAddress address() {
            return null;
        }

        @Override
        public ByteBuffer buffer() {
            return record.data().duplicate();
        }

        @Override
        public int errorCode() {
            return record.error();
        }

        @Override
        public int streamNumber() {
            return record.stream();
        }

        @Override
        public SctpNotification peeloff() {
            return record;
        }

        @Override
        public String toString() {
            return "SendFailedNotification[error=" + record.error() + ", stream=" + record.stream() + ", "
                    + association + "]";
        }
    }

    /** The peer's SHUTDOWN. */
    static final class Shutdown extends ShutdownNotification implements PeeloffEvent {
        private final Association association;
        private final ShutdownEvent record;

        Shutdown(Association association, ShutdownEvent record) {
            this.association = association;
            this.record = record;
        }

        @Override
        public Association association() {
            return association;
        }

        @Override
        public SctpNotification peeloff() {
            return record;
        }

        @Override
        public String toString() {
            return "ShutdownNotification[" + association + "]";
        }
    }
}
