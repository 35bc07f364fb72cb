/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.jna;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * The errno names of an {@code <Os>Abi} class, read once from its constants ({@code static final int}
 * fields named like {@code EMFILE}): one table per OS instead of a hand-written switch each. Where two
 * names share a number, the POSIX primary wins over its alias ({@code EAGAIN} over {@code EWOULDBLOCK},
 * {@code EOPNOTSUPP} over {@code ENOTSUP}).
 */
public final class ErrnoNames implements IntFunction<String> {
    private static final Set<String> ALIASES = Set.of("EWOULDBLOCK", "ENOTSUP");

    private final Map<Integer, String> names;

    private ErrnoNames(Map<Integer, String> names) {
        this.names = names;
    }

    /**
     * @param lookup   a lookup with access to the class's constants (the class's own
     *                 {@code MethodHandles.lookup()}: no reflection across modules is needed)
     * @param abiClass the OS's ABI class
     * @return its errno names
     */
    public static ErrnoNames of(MethodHandles.Lookup lookup, Class<?> abiClass) {
        Map<Integer, String> names = new HashMap<>();
        for (Field f : abiClass.getDeclaredFields()) {
            int m = f.getModifiers();
            if (!Modifier.isStatic(m) || !Modifier.isFinal(m) || f.getType() != int.class
                    || !f.getName().matches("E[A-Z0-9]+")) {
                continue;
            }
            try {
                int value = (int) lookup.unreflectGetter(f).invoke();
                String old = names.get(value);
                if (old == null || (ALIASES.contains(old) && !ALIASES.contains(f.getName()))) {
                    names.put(value, f.getName());
                }
            } catch (Throwable e) {
                throw new IllegalStateException("cannot read " + f, e);
            }
        }
        return new ErrnoNames(Map.copyOf(names));
    }

    /**
     * @param errno an errno number of the OS
     * @return its name, or null for a number the OS's class does not name
     */
    @Override
    public String apply(int errno) {
        return names.get(errno);
    }
}
