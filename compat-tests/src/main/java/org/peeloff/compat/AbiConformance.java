/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.compat;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.junit.jupiter.api.Test;
import org.peeloff.jna.AbiRow;

/**
 * The one test that ties every ABI constant of every provider to its {@code abi.tsv} row: each
 * provider module subclasses it with its {@code <Os>Abi} class. Every static final numeric field must
 * carry {@link AbiRow}, the row must exist for the class's {@link AbiRow.Table} OS, hold a known
 * number (not {@code ?} or {@code n/a}), and equal the field. Pure Java: it proves the numbers match
 * the table, not that the table matches a kernel (the table's own sources do that).
 */
public abstract class AbiConformance {
    private final Class<?> abiClass;
    private final AbiTable table = AbiTable.load();

    /**
     * @param abiClass the provider's {@code <Os>Abi} class
     */
    protected AbiConformance(Class<?> abiClass) {
        this.abiClass = Objects.requireNonNull(abiClass, "abiClass");
    }

    private List<Field> constants() {
        List<Field> out = new ArrayList<>();
        for (Field f : abiClass.getDeclaredFields()) {
            int m = f.getModifiers();
            Class<?> t = f.getType();
            if (Modifier.isStatic(m) && Modifier.isFinal(m)
                    && (t == int.class || t == short.class || t == long.class || t == byte.class)) {
                out.add(f);
            }
        }
        return out;
    }

    /** The class names the OS its rows are for. */
    @Test
    void the_abi_class_names_its_os() {
        AbiRow.Table os = abiClass.getAnnotation(AbiRow.Table.class);
        assertNotNull(os, abiClass.getName() + " has no @AbiRow.Table");
        assertTrue(table.rows().iterator().hasNext(), "abi.tsv is empty");
    }

    /** Every numeric constant carries a row, and equals it. */
    @Test
    void every_constant_equals_its_abi_tsv_row() throws Exception {
        AbiRow.Table os = abiClass.getAnnotation(AbiRow.Table.class);
        assertNotNull(os, abiClass.getName() + " has no @AbiRow.Table");
        List<Field> fields = constants();
        assertTrue(fields.size() >= 20, abiClass.getSimpleName() + " has " + fields.size() + " constants; did reflection find them?");
        List<String> wrong = new ArrayList<>();
        for (Field f : fields) {
            AbiRow row = f.getAnnotation(AbiRow.class);
            if (row == null) {
                wrong.add(f.getName() + ": no @AbiRow (every ABI number needs a source)");
                continue;
            }
            f.setAccessible(true);
            long value = ((Number) f.get(null)).longValue();
            var found = table.find(os.value(), row.value());
            if (found.isEmpty()) {
                wrong.add(f.getName() + ": abi.tsv has no row " + os.value() + " '" + row.value() + "'");
            } else if (!found.get().isKnownNumber()) {
                wrong.add(f.getName() + " = " + value + " but abi.tsv " + os.value() + " '" + row.value() + "' is '"
                        + found.get().value() + "' (unverified: the constant must not exist)");
            } else if (found.get().number() != value) {
                wrong.add(f.getName() + " = " + value + " but abi.tsv " + os.value() + " '" + row.value() + "' = "
                        + found.get().value());
            }
        }
        if (!wrong.isEmpty()) {
            fail(abiClass.getSimpleName() + ":\n" + String.join("\n", wrong));
        }
    }
}
