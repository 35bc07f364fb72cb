/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The AIX provider ({@link org.peeloff.aix.AixSctpProvider}, id {@code aix}): SCTP through the AIX C
 * library with JNA, {@code sctp_peeloff(int, sctp_assoc_t *)} with the association id by pointer, AIX
 * numbers and layouts, and every value no public source gives configured at run time and reported as
 * unverified in {@link org.peeloff.Capabilities}.
 */
package org.peeloff.aix;
