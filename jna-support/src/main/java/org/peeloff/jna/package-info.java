/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * What the providers' JNA layers share (no provider reaches into another): per-thread native
 * scratch memory. Not part of the public API; {@code peeloff-core} stays free of JNA.
 */
package org.peeloff.jna;
