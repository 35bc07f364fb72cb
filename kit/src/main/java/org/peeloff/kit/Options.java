/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.kit;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The options of one command: {@code --name value}, {@code --name=value}, or a bare {@code --flag}
 * for the names declared as flags. Every name must be declared, so a typo is an error, not a
 * silently ignored option.
 */
final class Options {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> help = new LinkedHashMap<>();
    private final Map<String, Boolean> flag = new LinkedHashMap<>();

    /** Thrown for an unknown option or a bad value; the message is for the user. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    Options option(String name, String defaultValue, String description) {
        values.put(name, defaultValue);
        help.put(name, description);
        flag.put(name, false);
        return this;
    }

    Options flag(String name, String description) {
        values.put(name, "false");
        help.put(name, description);
        flag.put(name, true);
        return this;
    }

    Options parse(String[] args) throws UsageException {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new UsageException("unexpected argument '" + a + "'");
            }
            String name = a.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (!values.containsKey(name)) {
                throw new UsageException("unknown option --" + name);
            }
            if (flag.get(name)) {
                values.put(name, value == null ? "true" : value);
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException("option --" + name + " needs a value");
                }
                value = args[++i];
            }
            values.put(name, value);
        }
        return this;
    }

    String string(String name) {
        return values.get(name);
    }

    boolean bool(String name) throws UsageException {
        String v = values.get(name).toLowerCase(Locale.ROOT);
        return switch (v) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new UsageException("--" + name + " must be true or false, not '" + v + "'");
        };
    }

    int integer(String name, int min, int max) throws UsageException {
        String v = values.get(name);
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw new UsageException("--" + name + " must be between " + min + " and " + max + ", not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, not '" + v + "'");
        }
    }

    double number(String name, double min, double max) throws UsageException {
        String v = values.get(name);
        try {
            double d = Double.parseDouble(v.trim());
            if (!(d >= min && d <= max)) {
                throw new UsageException("--" + name + " must be between " + min + " and " + max + ", not " + v);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a number, not '" + v + "'");
        }
    }

    /** @return one line per option, for the usage text */
    String describe() {
        StringBuilder sb = new StringBuilder();
        for (var e : help.entrySet()) {
            String name = e.getKey();
            String left = "  --" + name + (flag.get(name) ? "" : " " + values.get(name));
            sb.append(String.format(Locale.ROOT, "%-26s %s%n", left, e.getValue()));
        }
        return sb.toString();
    }
}
