/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * A small program run on the module path by {@code ModulePathTest}: it requires only the API
 * ({@code org.peeloff}) and the TCK ({@code org.peeloff.compat}); the providers reach it through
 * service binding alone.
 */
module org.peeloff.modulepath {
    requires org.peeloff;
    requires org.peeloff.compat;

    uses org.peeloff.spi.SctpProvider;
}
