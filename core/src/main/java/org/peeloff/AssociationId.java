/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

/**
 * An SCTP association identifier ({@code sctp_assoc_t}) as the kernel gave it on one one-to-many
 * socket. Ids are meaningful only on the socket they came from; valid ids are positive.
 * {@code sctp_assoc_t} is a signed 32-bit int on Linux and illumos and an unsigned one on AIX; the
 * kernels hand out small positive ids, so this API treats the value as a signed {@code int}
 * everywhere and calls ids above {@code Integer.MAX_VALUE} invalid.
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
        return Integer.compare(value, o.value);
    }

    @Override
    public String toString() {
        return "assoc#" + value;
    }
}
