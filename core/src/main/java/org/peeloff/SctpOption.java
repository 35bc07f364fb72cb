/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

import java.util.Objects;

/**
 * A typed SCTP socket option, in the spirit of {@link java.net.SocketOption} and the JDK's
 * {@code SctpStandardSocketOptions}: a name (the C name of the option), the type of its value, and
 * whether it applies to one association ({@link #perAssociation()}), can be read and can be set. The
 * options are the constants of {@link SctpOptions}; nothing else creates one.
 *
 * @param <T> the type of the value
 */
public final class SctpOption<T> {
    private final String name;
    private final Class<T> type;
    private final boolean perAssociation;
    private final boolean readable;
    private final boolean writable;

    SctpOption(String name, Class<T> type, boolean perAssociation, boolean readable, boolean writable) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.perAssociation = perAssociation;
        this.readable = readable;
        this.writable = writable;
    }

    /** @return the option's C name, e.g. {@code SCTP_INITMSG} */
    public String name() {
        return name;
    }

    /** @return the type of its value */
    public Class<T> type() {
        return type;
    }

    /**
     * @return true when the option can be read or set for one association of a one-to-many socket
     *         ({@code getOption(option, AssociationId)}); it then also has a socket-wide value, the
     *         default for associations set up later
     */
    public boolean perAssociation() {
        return perAssociation;
    }

    /** @return true when {@code getOption} reads it (false for set-only options such as SET_PEER_PRIMARY_ADDR) */
    public boolean readable() {
        return readable;
    }

    /** @return true when {@code setOption} sets it (false for read-only options such as SCTP_STATUS) */
    public boolean writable() {
        return writable;
    }

    /** @return the name */
    @Override
    public String toString() {
        return name;
    }
}
