/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.aix;

import org.peeloff.compat.AbiConformance;

/** {@link AixAbi} against {@code abi.tsv} ({@code os=aix}), through the shared {@link AbiConformance}. Pure Java. */
class AixAbiConformanceTest extends AbiConformance {
    AixAbiConformanceTest() {
        super(AixAbi.class);
    }
}
