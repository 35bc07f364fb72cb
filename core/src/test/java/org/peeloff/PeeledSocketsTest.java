/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.StandardProtocolFamily;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.peeloff.spi.SocketStyle;
import org.peeloff.testing.FakeSctpProvider;

/** The table behind ASSOCIATION_MOVED: found while open, forgotten once closed, through growth. Pure Java. */
class PeeledSocketsTest {

    @Test
    void an_id_maps_to_its_socket_while_that_is_open_through_many_peel_offs() throws Exception {
        FakeSctpProvider fake = new FakeSctpProvider();
        PeeledSockets table = new PeeledSockets();
        List<SctpSocket> sockets = new ArrayList<>();
        for (int id = 1; id <= 2000; id++) {
            SctpSocket s = new SctpSocket(fake, fake.socket(StandardProtocolFamily.INET, SocketStyle.ONE_TO_ONE),
                    AssociationId.of(id), true);
            sockets.add(s);
            table.put(id, s);
            if (id % 3 == 0) {
                s.close();
            }
        }
        for (int id = 1; id <= 2000; id++) {
            if (id % 3 == 0) {
                assertNull(table.openSocketOf(id), "closed socket of " + id);
            } else {
                assertSame(sockets.get(id - 1), table.openSocketOf(id), "socket of " + id);
            }
        }
        assertNull(table.openSocketOf(4001));
        SctpSocket again = sockets.get(0);
        table.put(Integer.MAX_VALUE, again);
        assertSame(again, table.openSocketOf(Integer.MAX_VALUE));
    }
}
