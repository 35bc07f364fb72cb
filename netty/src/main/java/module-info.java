/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Peeloff's Netty SCTP transport.
 */
module org.peeloff.netty {
    requires transitive org.peeloff;
    requires transitive io.netty.transport;
    requires transitive io.netty.transport.sctp;
    requires transitive jdk.sctp;
    requires io.netty.buffer;
    requires io.netty.common;

    exports org.peeloff.netty;
}
