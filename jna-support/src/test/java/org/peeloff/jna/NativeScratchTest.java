/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.jna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import org.junit.jupiter.api.Test;

/** Pure Java (JNA memory only, no system call): the layout and reuse rules of the scratch. */
class NativeScratchTest {

    @Test
    void regions_are_eight_aligned_disjoint_zeroed_and_as_large_as_asked() {
        NativeScratch s = new NativeScratch(56, 16, 28, 3);
        long previousEnd = 0;
        for (int i = 0; i < 4; i++) {
            long at = Pointer.nativeValue(s.region(i));
            assertEquals(0, at % 8, "region " + i + " is 8-aligned");
            assertTrue(at >= previousEnd, "region " + i + " does not overlap the one before");
            previousEnd = at + new long[] {56, 16, 28, 3}[i];
            assertEquals(0, s.region(i).getByte(0));
        }
        s.region(1).setLong(8, -1L);
        assertEquals(0, s.region(2).getInt(0), "writing one region leaves the next untouched");
    }

    @Test
    void a_region_of_size_zero_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> new NativeScratch(8, 0));
    }

    @Test
    void the_bounce_buffer_is_reused_while_large_enough_and_grows_to_a_power_of_two() {
        NativeScratch s = new NativeScratch(8);
        Memory small = s.bounce(10);
        assertEquals(NativeScratch.MIN_BOUNCE, small.size());
        assertSame(small, s.bounce(NativeScratch.MIN_BOUNCE));
        Memory big = s.bounce(NativeScratch.MIN_BOUNCE + 1);
        assertEquals(2 * NativeScratch.MIN_BOUNCE, big.size());
        assertSame(big, s.bounce(5));
    }

    @Test
    void memory_for_a_direct_buffer_is_its_own_storage_at_its_position() {
        NativeScratch s = new NativeScratch(8);
        ByteBuffer direct = ByteBuffer.allocateDirect(64);
        direct.position(10);
        long base = Pointer.nativeValue(Native.getDirectBufferPointer(direct));
        assertEquals(base + 10, Pointer.nativeValue(s.memoryFor(direct, 20)));
        assertEquals(base, s.addressOf(direct));
        s.memoryFor(direct, 1).setByte(0, (byte) 42);
        assertEquals(42, direct.get(10));
    }

    @Test
    void memory_for_a_heap_buffer_is_the_bounce_buffer() {
        NativeScratch s = new NativeScratch(8);
        assertSame(s.bounce(1), s.memoryFor(ByteBuffer.allocate(16), 16));
    }
}
