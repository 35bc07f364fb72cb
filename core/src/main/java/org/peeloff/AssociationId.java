package org.peeloff;

/**
 * An SCTP association identifier ({@code sctp_assoc_t}) as the kernel gave it on one one-to-many
 * socket. Ids are meaningful only on the socket they came from; valid ids are positive.
 *
 * @param value the raw id (any int; {@link SctpMultiSocket#peelOff} refuses ids that are not positive)
 */
public record AssociationId(int value) implements Comparable<AssociationId> {

    /**
     * @param value the raw id
     * @return the id
     */
    public static AssociationId of(int value) {
        return new AssociationId(value);
    }

    /** @return true when the id is positive, the only ids an OS hands out */
    public boolean isValid() {
        return value > 0;
    }

    @Override
    public int compareTo(AssociationId o) {
        return Integer.compareUnsigned(value, o.value);
    }

    @Override
    public String toString() {
        return "assoc#" + Integer.toUnsignedString(value);
    }
}
