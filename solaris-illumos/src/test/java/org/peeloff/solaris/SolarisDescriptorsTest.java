package org.peeloff.solaris;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.peeloff.AssociationChange;
import org.peeloff.AssociationChange.State;
import org.peeloff.AssociationId;

/** The portable association list: what the events say, and nothing else. */
class SolarisDescriptorsTest {
    private static AssociationChange change(int id, State state) {
        return new AssociationChange(AssociationId.of(id), state, 0, 1, 1);
    }

    @Test
    void up_and_restart_add_lost_shutdown_and_cannot_start_remove() {
        SolarisDescriptors d = new SolarisDescriptors();
        d.opened(5, SolarisAbi.AF_INET);
        d.event(5, change(3, State.COMMUNICATION_UP));
        d.event(5, change(1, State.COMMUNICATION_UP));
        d.event(5, change(8, State.RESTART));
        d.event(5, change(9, State.COMMUNICATION_UP));
        assertArrayEquals(new int[] {1, 3, 8, 9}, d.associations(5));
        d.event(5, change(3, State.COMMUNICATION_LOST));
        d.event(5, change(8, State.SHUTDOWN_COMPLETE));
        d.event(5, change(9, State.CANNOT_START));
        assertArrayEquals(new int[] {1}, d.associations(5));
    }

    @Test
    void a_peel_off_removes_and_close_forgets() {
        SolarisDescriptors d = new SolarisDescriptors();
        d.opened(5, SolarisAbi.AF_INET6);
        d.event(5, change(3, State.COMMUNICATION_UP));
        d.event(5, change(4, State.COMMUNICATION_UP));
        d.removed(5, 3);
        assertArrayEquals(new int[] {4}, d.associations(5));
        d.forget(5);
        assertArrayEquals(new int[0], d.associations(5));
        assertEquals(0, d.family(5));
    }

    @Test
    void a_reused_descriptor_number_starts_empty() {
        SolarisDescriptors d = new SolarisDescriptors();
        d.opened(5, SolarisAbi.AF_INET);
        d.event(5, change(3, State.COMMUNICATION_UP));
        d.opened(5, SolarisAbi.AF_INET6);
        assertArrayEquals(new int[0], d.associations(5));
        assertEquals(SolarisAbi.AF_INET6, d.family(5));
    }
}
