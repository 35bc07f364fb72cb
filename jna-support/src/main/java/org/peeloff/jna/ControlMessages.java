/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.jna;

import java.nio.ByteOrder;
import java.util.List;

import com.sun.jna.Pointer;

import org.peeloff.spi.ReceiveInfo;

/**
 * The one codec for SCTP's per-message control messages, parameterised by an OS's
 * {@link SctpLayout.Cmsg} and {@link SctpLayout.Info}. The payload protocol id is written and read in
 * network byte order, so the Java int is the IANA number on every OS (RFC 6458 leaves
 * {@code sinfo_ppid} "opaque to the SCTP stack" and the kernel sends its four bytes as they lie).
 */
public final class ControlMessages {
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private ControlMessages() {
    }

    /**
     * @param value an int as it lies in memory in network byte order, read natively
     * @return the int (and back: the function is its own inverse)
     */
    public static int networkOrder(int value) {
        return LITTLE_ENDIAN ? Integer.reverseBytes(value) : value;
    }

    /**
     * Writes one control message with the per-message send information.
     *
     * @param cmsg      the header layout
     * @param info      the struct layout
     * @param to        the control buffer
     * @param assocId   the association
     * @param stream    the stream
     * @param ppid      the payload protocol id (IANA number)
     * @param unordered unordered delivery
     * @return the control length ({@code CMSG_SPACE})
     */
    public static int writeSendInfo(SctpLayout.Cmsg cmsg, SctpLayout.Info info, Pointer to, int assocId, int stream,
                                    int ppid, boolean unordered) {
        return writeSendInfo(cmsg, info, to, assocId, stream, ppid, unordered ? info.unordered() : 0, -1, 0);
    }

    /**
     * Writes one control message with the per-message send information, native flag bits and, where
     * {@code ttlOffset} is not negative, a time-to-live.
     *
     * @param cmsg        the header layout
     * @param info        the struct layout
     * @param to          the control buffer
     * @param assocId     the association
     * @param stream      the stream
     * @param ppid        the payload protocol id (IANA number)
     * @param nativeFlags the OS's flag bits
     * @param ttlOffset   the offset of the time-to-live in the struct, or -1 for none
     * @param ttl         the time-to-live in milliseconds
     * @return the control length ({@code CMSG_SPACE})
     */
    public static int writeSendInfo(SctpLayout.Cmsg cmsg, SctpLayout.Info info, Pointer to, int assocId, int stream,
                                    int ppid, int nativeFlags, int ttlOffset, int ttl) {
        int space = cmsg.space(info.size());
        to.setMemory(0, space, (byte) 0);
        if (cmsg.lenWidth() == 8) {
            to.setLong(0, cmsg.len(info.size()));
        } else {
            to.setInt(0, cmsg.len(info.size()));
        }
        to.setInt(cmsg.level(), info.level());
        to.setInt(cmsg.type(), info.type());
        long d = cmsg.data();
        to.setShort(d + info.stream(), (short) stream);
        to.setShort(d + info.flags(), (short) nativeFlags);
        if (ttlOffset >= 0) {
            to.setInt(d + ttlOffset, ttl);
        }
        to.setInt(d + info.ppid(), networkOrder(ppid));
        to.setInt(d + info.assocId(), assocId);
        return space;
    }

    /**
     * Finds the first control message of one of the given kinds and reads stream, flags, ppid and
     * association from it into {@code out}; leaves {@code out} as it is when there is none.
     *
     * @param cmsg          the header layout
     * @param infos         the kinds to look for
     * @param from          the control buffer
     * @param controlLength its length as {@code recvmsg} set it
     * @param out           filled in
     * @return true when one was found
     */
    public static boolean readReceiveInfo(SctpLayout.Cmsg cmsg, List<SctpLayout.Info> infos, Pointer from,
                                          long controlLength, ReceiveInfo out) {
        long at = 0;
        while (at + cmsg.data() <= controlLength) {
            long len = cmsg.lenWidth() == 8 ? from.getLong(at) : from.getInt(at) & 0xffffffffL;
            if (len < cmsg.data() || at + len > controlLength) {
                return false;
            }
            int level = from.getInt(at + cmsg.level());
            int type = from.getInt(at + cmsg.type());
            for (int i = 0; i < infos.size(); i++) {
                SctpLayout.Info info = infos.get(i);
                if (level == info.level() && type == info.type() && len >= cmsg.len(info.size())) {
                    long d = at + cmsg.data();
                    out.stream = from.getShort(d + info.stream()) & 0xffff;
                    out.unordered = (from.getShort(d + info.flags()) & info.unordered()) != 0;
                    out.ppid = networkOrder(from.getInt(d + info.ppid()));
                    out.assocId = from.getInt(d + info.assocId());
                    return true;
                }
            }
            at += (len + cmsg.align() - 1) / cmsg.align() * cmsg.align();
        }
        return false;
    }
}
