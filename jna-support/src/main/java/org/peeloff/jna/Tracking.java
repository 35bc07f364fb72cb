/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.jna;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.peeloff.AssociationChange;

/**
 * What {@link PosixSctp} learns about its descriptors where the OS cannot be asked: a socket's family
 * (to map IPv4 addresses on illumos), the associations whose COMMUNICATION_UP or RESTART was received
 * (where the OS has no association list: illumos, AIX without its option number), and the peer
 * address {@code recvmsg} reported with each (where the OS has no {@code sctp_getpaddrs}: AIX).
 * Forgotten when the descriptor is closed through the provider or peeled off.
 */
final class Tracking {
    /** One descriptor's state; the sets are made on first use, so a socket that never needs them costs little. */
    private static final class Entry {
        volatile int family;
        private volatile Set<Integer> associations;
        private volatile Map<Integer, InetSocketAddress> peers;

        synchronized Set<Integer> associations() {
            if (associations == null) {
                associations = ConcurrentHashMap.newKeySet();
            }
            return associations;
        }

        synchronized Map<Integer, InetSocketAddress> peers() {
            if (peers == null) {
                peers = new ConcurrentHashMap<>();
            }
            return peers;
        }

        void remove(int assocId) {
            Set<Integer> a = associations;
            if (a != null) {
                a.remove(assocId);
            }
            Map<Integer, InetSocketAddress> p = peers;
            if (p != null) {
                p.remove(assocId);
            }
        }
    }

    private final Map<Integer, Entry> entries = new ConcurrentHashMap<>();

    private Entry entry(int fd) {
        return entries.computeIfAbsent(fd, k -> new Entry());
    }

    /** A new descriptor: whatever was known of an earlier one with the same number is dropped. */
    void opened(int fd, int family) {
        Entry e = new Entry();
        e.family = family;
        entries.put(fd, e);
    }

    /** @return the family, or 0 when unknown */
    int family(int fd) {
        Entry e = entries.get(fd);
        return e == null ? 0 : e.family;
    }

    void learnFamily(int fd, int family) {
        entry(fd).family = family;
    }

    /** An association change received on {@code fd}. */
    void event(int fd, int assocId, AssociationChange.State state, InetSocketAddress from) {
        if (state == AssociationChange.State.COMMUNICATION_UP || state == AssociationChange.State.RESTART) {
            Entry e = entry(fd);
            e.associations().add(assocId);
            if (from != null) {
                e.peers().put(assocId, from);
            }
        } else {
            Entry e = entries.get(fd);
            if (e != null) {
                e.remove(assocId);
            }
        }
    }

    /** The peer address {@code recvmsg} reported with a message of the association, kept if none was. */
    void peerSeen(int fd, int assocId, InetSocketAddress from) {
        Entry e = entries.get(fd);
        if (e != null) {
            e.peers().putIfAbsent(assocId, from);
        }
    }

    /** The association left {@code fd} for {@code newFd}. */
    void peeledOff(int fd, int assocId, int newFd) {
        Entry e = entries.get(fd);
        if (e != null) {
            e.remove(assocId);
        }
        opened(newFd, family(fd));
    }

    int[] associations(int fd) {
        Entry e = entries.get(fd);
        Set<Integer> a = e == null ? null : e.associations;
        return a == null ? new int[0] : a.stream().mapToInt(Integer::intValue).toArray();
    }

    /** @return the peer address seen for the association, or null */
    InetSocketAddress peer(int fd, int assocId) {
        Entry e = entries.get(fd);
        Map<Integer, InetSocketAddress> p = e == null ? null : e.peers;
        return p == null ? null : p.get(assocId);
    }

    void forget(int fd) {
        entries.remove(fd);
    }
}
