/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Pure Java: which {@code struct epoll_event} layout each architecture gets (the kernel proves only x86_64's). */
class EpollLayoutTest {
    @Test
    void x86_64_gets_the_packed_12_byte_layout_with_data_at_4() {
        assertEquals(new EpollPoller.Layout(12, 0, 4), EpollPoller.Layout.of("amd64", true));
        assertEquals(EpollPoller.Layout.PACKED, EpollPoller.Layout.of("x86_64", true));
    }

    @Test
    void other_64_bit_architectures_get_the_aligned_16_byte_layout_with_data_at_8() {
        for (String arch : new String[] {"aarch64", "riscv64", "ppc64le", "s390x", "loongarch64"}) {
            assertEquals(new EpollPoller.Layout(16, 0, 8), EpollPoller.Layout.of(arch, true), arch);
        }
    }

    @Test
    void a_32_bit_jvm_gets_no_epoll() {
        assertNull(EpollPoller.Layout.of("x86", false));
        assertNull(EpollPoller.Layout.of("arm", false));
    }
}
