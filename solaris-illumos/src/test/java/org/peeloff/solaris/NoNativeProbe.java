/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.solaris;

import java.util.ServiceLoader;

import org.peeloff.spi.SctpProvider;

/**
 * Run in a fresh JVM by {@link SolarisSctpProviderTest}: finds the provider through the
 * {@link ServiceLoader}, asks the cheap questions, and prints whether JNA's native part got loaded.
 */
public final class NoNativeProbe {
    private NoNativeProbe() {
    }

    /**
     * @param args unused
     */
    public static void main(String[] args) {
        SctpProvider found = null;
        for (SctpProvider p : ServiceLoader.load(SctpProvider.class)) {
            if (p instanceof SolarisSctpProvider) {
                found = p;
            }
        }
        if (found == null) {
            System.out.println("not-found");
            return;
        }
        String answers = found.id() + " " + found.matchesCurrentOs() + " " + found.priority();
        System.out.println(answers + " jna.loaded=" + System.getProperty("jna.loaded"));
    }
}
