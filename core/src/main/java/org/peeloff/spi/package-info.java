/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The provider SPI: one {@link org.peeloff.spi.SctpProvider} per operating system, found with
 * {@link java.util.ServiceLoader}. Its raw-descriptor operations are public: a descriptor obtained
 * elsewhere can be peeled off with {@link org.peeloff.spi.SctpProvider#peeloff} and gets the same
 * portable errors ({@link org.peeloff.spi.PortableErrors}).
 */
package org.peeloff.spi;
