/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * A Netty 4.2 SCTP transport over Peeloff: {@link org.peeloff.netty.PeeloffIoHandler} (an
 * {@code IoHandler} driven by Peeloff's {@code SctpSelector}; groups from
 * {@link org.peeloff.netty.PeeloffEventLoops}), {@link org.peeloff.netty.PeeloffSctpChannel} and
 * {@link org.peeloff.netty.PeeloffSctpServerChannel}, which implement Netty's
 * {@code io.netty.channel.sctp} API. Moving an application from Netty's NIO SCTP transport is a change of
 * event-loop group and channel classes; it then runs on every Peeloff provider (Linux without
 * {@code libsctp.so.1}, Solaris/illumos, AIX).
 */
package org.peeloff.netty;
