/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.modulepath;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

import org.peeloff.Capabilities;
import org.peeloff.ProviderCandidate;
import org.peeloff.Sctp;
import org.peeloff.compat.AbiTable;
import org.peeloff.spi.SctpProvider;

/**
 * Checks, from a named module, that Peeloff works on the module path: the API is module
 * {@code org.peeloff}; {@link ServiceLoader} finds the three providers, each in its own named module
 * (so through its {@code provides} clause: the module system ignores {@code META-INF/services} in
 * named modules); {@link Sctp#candidates()} lists them; on Linux the Linux provider binds libc through
 * JNA from its named module and answers {@link Sctp#capabilities()}; the TCK module resolves with
 * JUnit's modules and reads its own {@code abi.tsv}. Nothing here opens a socket: no kernel SCTP is
 * needed.
 *
 * <p>Prints one {@code key=value} line per fact and exits with status 1, after printing
 * {@code FAIL ...} lines, when a fact is not as expected.
 */
public final class ModulePathCheck {
    private static final Map<String, String> PROVIDER_MODULES = Map.of(
            "linux", "org.peeloff.linux",
            "solaris", "org.peeloff.solaris",
            "aix", "org.peeloff.aix");

    private ModulePathCheck() {
    }

    /**
     * @param args none
     */
    public static void main(String[] args) {
        List<String> failures = new ArrayList<>();
        Module api = Sctp.class.getModule();
        System.out.println("api.module=" + api.getName());
        expect(failures, "org.peeloff".equals(api.getName()), "the API is not in module org.peeloff: " + api);

        Map<String, String> found = new TreeMap<>();
        for (ServiceLoader.Provider<SctpProvider> p : ServiceLoader.load(SctpProvider.class).stream().toList()) {
            Module m = p.type().getModule();
            String id = p.get().id();
            found.put(id, m.isNamed() ? m.getName() : "(unnamed)");
            System.out.println("provider." + id + ".module=" + found.get(id));
        }
        expect(failures, PROVIDER_MODULES.equals(found),
                "providers found by ServiceLoader: " + found + ", expected " + PROVIDER_MODULES);

        List<String> ids = new ArrayList<>();
        for (ProviderCandidate c : Sctp.candidates()) {
            ids.add(c.id());
            System.out.println("candidate." + c.id() + "=matchesOs:" + c.matchesOs() + " available:" + c.available()
                    + " chosen:" + c.chosen());
        }
        expect(failures, ids.containsAll(PROVIDER_MODULES.keySet()) && ids.size() == PROVIDER_MODULES.size(),
                "Sctp.candidates() lists " + ids + ", expected " + PROVIDER_MODULES.keySet());

        if ("Linux".equals(System.getProperty("os.name"))) {
            Capabilities caps = Sctp.capabilities();
            System.out.println("capabilities.provider=" + caps.provider());
            System.out.println("capabilities.jna=" + caps.details().get("jna"));
            expect(failures, "linux".equals(caps.provider()), "Sctp.capabilities() is of " + caps.provider());
        }

        AbiTable abi = AbiTable.load();
        int rows = 0;
        for (AbiTable.Row ignored : abi.rows()) {
            rows++;
        }
        System.out.println("compat.module=" + AbiTable.class.getModule().getName());
        System.out.println("compat.abiRows=" + rows);
        expect(failures, rows > 0, "the TCK module read no abi.tsv rows");

        failures.forEach(f -> System.out.println("FAIL " + f));
        System.out.println(failures.isEmpty() ? "OK" : "FAILED");
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    private static void expect(List<String> failures, boolean ok, String failure) {
        if (!ok) {
            failures.add(failure);
        }
    }
}
