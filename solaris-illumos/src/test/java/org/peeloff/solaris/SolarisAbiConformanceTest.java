/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.solaris;

import org.peeloff.compat.AbiConformance;

/** {@link SolarisAbi} against {@code abi.tsv} ({@code os=illumos}), through the shared {@link AbiConformance}. Pure Java. */
class SolarisAbiConformanceTest extends AbiConformance {
    SolarisAbiConformanceTest() {
        super(SolarisAbi.class);
    }
}
