/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.linux;

import org.peeloff.compat.AbiConformance;

/** {@link LinuxAbi} against {@code abi.tsv} ({@code os=linux}), through the shared {@link AbiConformance}. Pure Java. */
class LinuxAbiConformanceTest extends AbiConformance {
    LinuxAbiConformanceTest() {
        super(LinuxAbi.class);
    }
}
