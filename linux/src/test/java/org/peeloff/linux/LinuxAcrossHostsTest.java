/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.linux;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.peeloff.compat.AcrossHostsSuite;
import org.peeloff.spi.SctpProvider;

/**
 * Real kernel, across hosts: the {@link AcrossHostsSuite} with Peeloff's Linux provider on the real
 * Linux kernel (inside harness/linux-vm, with its Docker engine, when the host kernel has no SCTP),
 * against a multi-homed peer in a container (the JDK's SCTP) on two Docker networks. The
 * {@code kernel} tag is repeated here because harness/kernel-tests looks for it in this module's own
 * test classes.
 */
@Tag("kernel")
@Tag("across-hosts")
@DisplayName("Across hosts, real kernel: Peeloff's Linux provider against a multi-homed peer in a container")
class LinuxAcrossHostsTest extends AcrossHostsSuite {
    @Override
    protected SctpProvider provider() {
        return new LinuxSctpProvider();
    }

    @Override
    protected String proves() {
        return "real kernel, Peeloff's Linux provider against a multi-homed peer in a container";
    }
}
