/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.compat;

import org.peeloff.spi.SctpProvider;

/**
 * Where a provider's TCK results come from, so the semantics report never blurs a proof of the OS
 * with a proof of the provider's own mechanics (design: "only a real OS run proves the OS").
 */
public enum Provenance {
    /** The provider ran against the real kernel of its own OS (Linux in {@code harness/linux-vm}). */
    REAL_KERNEL("real-kernel"),
    /**
     * The provider ran against an ABI personality: a library exporting another OS's symbols, numbers,
     * layouts and errno over the Linux kernel. Proves signatures, marshalling and error mapping, not
     * the OS.
     */
    ABI_PERSONALITY("abi-personality"),
    /** No native call was involved (argument checks, tables). */
    PURE_JAVA("pure-java"),
    /** The provider ran on a real installation of its OS (illumos, Solaris, AIX host). */
    REAL_OS("real-os");

    private final String json;

    Provenance(String json) {
        this.json = json;
    }

    /** @return the value used in {@code peeloff-semantics.json}, e.g. {@code real-kernel} */
    public String json() {
        return json;
    }

    /**
     * @param json a value of {@link #json()}
     * @return the constant
     * @throws IllegalArgumentException for any other value
     */
    public static Provenance fromJson(String json) {
        for (Provenance p : values()) {
            if (p.json.equals(json)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown provenance: " + json);
    }

    /**
     * What a run of a provider here proves, asked of the provider itself (no list of providers): on the
     * OS it is made for ({@link SctpProvider#matchesCurrentOs()}) the real kernel on Linux or the real
     * OS elsewhere; anywhere else (a provider forced over another OS) only an ABI personality.
     *
     * @param provider the provider
     * @param osName   {@code os.name}
     * @return the provenance
     */
    public static Provenance of(SctpProvider provider, String osName) {
        if (!provider.matchesCurrentOs()) {
            return ABI_PERSONALITY;
        }
        return "Linux".equalsIgnoreCase(osName) ? REAL_KERNEL : REAL_OS;
    }
}
