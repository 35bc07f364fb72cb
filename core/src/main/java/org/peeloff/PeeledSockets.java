/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

/**
 * The sockets a one-to-many socket peeled its associations off into, by association id, for the
 * {@code ASSOCIATION_MOVED} answer: an open-addressing table of two arrays (about 16 bytes a socket,
 * no object per entry), written on each peel-off and read only when a send fails. Sockets closed
 * since are dropped whenever the table grows. Thread-safe (one lock; neither path is hot).
 */
final class PeeledSockets {
    private int[] ids = new int[16];
    private SctpSocket[] sockets = new SctpSocket[16];
    private int size;

    /** Remembers that {@code id} now lives on {@code socket}. */
    synchronized void put(int id, SctpSocket socket) {
        if (2 * (size + 1) > ids.length) {
            rebuild();
        }
        if (insert(ids, sockets, id, socket)) {
            size++;
        }
    }

    /** @return the socket {@code id} was peeled off into and that is still open, or null */
    synchronized SctpSocket openSocketOf(int id) {
        int mask = ids.length - 1;
        for (int i = mix(id) & mask; sockets[i] != null; i = (i + 1) & mask) {
            if (ids[i] == id) {
                return sockets[i].isOpen() ? sockets[i] : null;
            }
        }
        return null;
    }

    /** Drops the closed sockets, and doubles the table when the open ones still fill half of it. */
    private void rebuild() {
        int open = 0;
        for (SctpSocket s : sockets) {
            if (s != null && s.isOpen()) {
                open++;
            }
        }
        int capacity = ids.length;
        while (2 * (open + 1) > capacity) {
            capacity *= 2;
        }
        int[] newIds = new int[capacity];
        SctpSocket[] newSockets = new SctpSocket[capacity];
        for (int i = 0; i < ids.length; i++) {
            if (sockets[i] != null && sockets[i].isOpen()) {
                insert(newIds, newSockets, ids[i], sockets[i]);
            }
        }
        ids = newIds;
        sockets = newSockets;
        size = open;
    }

    /** @return true when a new slot was taken (false: an id seen before was overwritten) */
    private static boolean insert(int[] ids, SctpSocket[] sockets, int id, SctpSocket socket) {
        int mask = ids.length - 1;
        int i = mix(id) & mask;
        while (sockets[i] != null && ids[i] != id) {
            i = (i + 1) & mask;
        }
        boolean fresh = sockets[i] == null;
        ids[i] = id;
        sockets[i] = socket;
        return fresh;
    }

    private static int mix(int id) {
        int h = id * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
