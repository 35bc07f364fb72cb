package org.peeloff.solaris;

import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.peeloff.AssociationChange;

/**
 * What the provider knows per descriptor, because illumos will not say: the socket's address
 * family (to write addresses in the form it takes) and its associations. illumos has no
 * {@code SCTP_GET_ASSOC_ID_LIST}, so the associations of a one-to-many socket are tracked from the
 * association-change events {@code receive()} has seen on it: added on COMMUNICATION_UP and RESTART,
 * removed on COMMUNICATION_LOST, SHUTDOWN_COMPLETE and CANNOT_START and by a successful peel-off;
 * a descriptor is forgotten when the provider closes it or hands out its number again.
 */
final class SolarisDescriptors {
    private static final int[] NONE = new int[0];

    private final ConcurrentHashMap<Integer, Entry> entries = new ConcurrentHashMap<>();

    private static final class Entry {
        volatile int family;
        final Set<Integer> associations = ConcurrentHashMap.newKeySet();

        Entry(int family) {
            this.family = family;
        }
    }

    /**
     * A descriptor the provider just created ({@code socket()} or a peel-off): whatever was known
     * about an earlier descriptor with that number is dropped.
     *
     * @param fd     the descriptor
     * @param family its family (illumos number), or 0 when unknown
     */
    void opened(int fd, int family) {
        entries.put(fd, new Entry(family));
    }

    /**
     * @param fd a descriptor
     * @return its family as recorded, or 0 when unknown
     */
    int family(int fd) {
        Entry e = entries.get(fd);
        return e == null ? 0 : e.family;
    }

    /**
     * Records the family of a descriptor the provider did not open itself.
     *
     * @param fd     the descriptor
     * @param family its family
     */
    void learnFamily(int fd, int family) {
        entries.computeIfAbsent(fd, k -> new Entry(0)).family = family;
    }

    /**
     * Applies an association-change event received on a descriptor.
     *
     * @param fd     the descriptor
     * @param change the event
     */
    void event(int fd, AssociationChange change) {
        int id = change.association().value();
        switch (change.state()) {
            case COMMUNICATION_UP:
            case RESTART:
                entries.computeIfAbsent(fd, k -> new Entry(0)).associations.add(id);
                break;
            default:
                removed(fd, id);
                break;
        }
    }

    /**
     * An association left the descriptor (peeled off).
     *
     * @param fd the descriptor
     * @param id the association
     */
    void removed(int fd, int id) {
        Entry e = entries.get(fd);
        if (e != null) {
            e.associations.remove(id);
        }
    }

    /**
     * @param fd the descriptor
     * @return the associations seen up and not yet gone, ascending
     */
    int[] associations(int fd) {
        Entry e = entries.get(fd);
        if (e == null || e.associations.isEmpty()) {
            return NONE;
        }
        int[] ids = e.associations.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(ids);
        return ids;
    }

    /**
     * The descriptor is being closed.
     *
     * @param fd the descriptor
     */
    void forget(int fd) {
        entries.remove(fd);
    }
}
