/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.jna;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Ties one ABI constant of a provider to the row of the project's {@code abi.tsv} it comes from
 * (column {@code name}, for the OS its class names with {@link Table}). Every numeric constant of an
 * {@code <Os>Abi} class carries one; the shared test {@code org.peeloff.compat.AbiConformance} holds
 * each value against its row, so no number reaches a provider without a source. Read by tests only:
 * providers never read the table at run time.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface AbiRow {
    /** @return the row's name, e.g. {@code "EMFILE"} or {@code "offsetof(struct msghdr,msg_iovlen)"} */
    String value();

    /** The {@code os} column of the rows an {@code <Os>Abi} class cites ({@code linux}, {@code illumos}, {@code aix}). */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface Table {
        /** @return the {@code os} column */
        String value();
    }
}
