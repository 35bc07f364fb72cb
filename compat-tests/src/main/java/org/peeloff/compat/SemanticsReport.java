/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.compat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;
import org.peeloff.Capabilities;
import org.peeloff.spi.SctpProvider;

/**
 * The JUnit extension behind the semantics report. It hands each case an {@link Observed} (declare
 * it as a parameter), records how each case ended with what it observed, and when the TCK class
 * finishes writes this provider's rows and regenerates the merged report
 * ({@link SemanticsReportWriter}).
 *
 * <p>State lives in maps keyed by JUnit unique ids rather than in the {@code ExtensionContext}
 * stores, because {@link TestWatcher} runs after a case's store has been closed.
 */
public final class SemanticsReport implements BeforeAllCallback, ParameterResolver, TestWatcher, AfterAllCallback {

    private static final Map<String, Collector> RUNS = new ConcurrentHashMap<>();
    private static final Map<String, Observed> OBSERVED = new ConcurrentHashMap<>();

    /** Everything one TCK class (a provider subclass) produced in this JVM. */
    private static final class Collector {
        final String testClass;
        final List<SemanticsReportWriter.Row> rows = new ArrayList<>();
        volatile SctpProviderTck tck;
        volatile String containerError;

        Collector(String testClass) {
            this.testClass = testClass;
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!isTopLevel(context)) {
            return;
        }
        // A fresh collector per run of the class, should a JVM (a tool) run the TCK more than once.
        Collector c = new Collector(context.getRequiredTestClass().getName());
        RUNS.put(context.getUniqueId(), c);
        context.getTestInstance().filter(SctpProviderTck.class::isInstance).map(SctpProviderTck.class::cast)
               .ifPresent(t -> c.tck = t);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Observed.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return OBSERVED.computeIfAbsent(context.getUniqueId(), id -> new Observed());
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        record(context, SemanticsReportWriter.Outcome.PASSED, null);
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        record(context, SemanticsReportWriter.Outcome.ABORTED, reason(cause));
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        record(context, SemanticsReportWriter.Outcome.FAILED, reason(cause));
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        record(context, SemanticsReportWriter.Outcome.ABORTED, "disabled: " + reason.orElse("(no reason given)"));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!isTopLevel(context)) {
            return;
        }
        Collector c = RUNS.get(context.getUniqueId());
        if (c == null) {
            return;
        }
        context.getExecutionException().ifPresent(e -> {
            if (c.rows.isEmpty()) {
                c.containerError = reason(e);
            }
        });
        SctpProviderTck tck = c.tck;
        if (tck == null) {
            return;
        }
        SemanticsReportWriter.Run run;
        synchronized (c.rows) {
            run = run(tck, c);
        }
        SemanticsReportWriter.write(SemanticsReportWriter.directory(), run);
    }

    private static SemanticsReportWriter.Run run(SctpProviderTck tck, Collector c) {
        SctpProvider p = tck.providerUnderTest();
        Map<String, Object> caps = new LinkedHashMap<>();
        String os = System.getProperty("os.name");
        String error = c.containerError;
        try {
            if (p.isAvailable()) {
                Capabilities k = p.capabilities();
                os = k.os();
                caps.put("binding", k.binding());
                caps.put("peeloffFlags", k.peeloffFlags().name());
                caps.put("nativeAssociationList", k.nativeAssociationList());
                caps.put("oneToOneSockets", k.oneToOneSockets());
                caps.put("unverified", new ArrayList<Object>(k.unverified()));
                caps.put("unsupported", new ArrayList<Object>(k.unsupported()));
                caps.put("notifications", new ArrayList<Object>(k.notifications().stream().map(Enum::name).toList()));
                caps.put("details", new LinkedHashMap<String, Object>(new java.util.TreeMap<>(k.details())));
            } else if (error == null) {
                error = "provider '" + p.id() + "' is not available: " + p.unavailabilityCause();
            }
        } catch (RuntimeException | LinkageError e) {
            if (error == null) {
                error = "capabilities() failed: " + e;
            }
        }
        String jvmOs = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
        return new SemanticsReportWriter.Run(p.id(), tck.provenance(), c.testClass, os, jvmOs,
                System.getProperty("java.version"), Instant.now().toString(), caps, error, c.rows);
    }

    private static void record(ExtensionContext context, SemanticsReportWriter.Outcome outcome, String reason) {
        Observed observed = OBSERVED.remove(context.getUniqueId());
        ExtensionContext top = context;
        while (top.getParent().isPresent() && !isTopLevel(top)) {
            top = top.getParent().get();
        }
        Collector c = RUNS.get(top.getUniqueId());
        if (c == null) {
            return;
        }
        SctpProviderTck tck = c.tck;
        if (tck == null) {
            tck = context.getTestInstances().map(i -> i.getAllInstances().get(0))
                         .filter(SctpProviderTck.class::isInstance).map(SctpProviderTck.class::cast).orElse(null);
            if (tck == null) {
                return;
            }
            c.tck = tck;
        }
        SctpProvider p = tck.providerUnderTest();
        List<Observed.Observation> obs = observed == null ? List.of() : observed.observations();
        List<String> notes = observed == null ? List.of() : observed.notes();
        String os = obs.stream().filter(o -> o.errno() != 0).map(Observed.Observation::os).findFirst()
                .orElseGet(() -> providerOs(p));
        String group = context.getTestClass().map(Class::getSimpleName).orElse("");
        String name = context.getTestMethod().map(java.lang.reflect.Method::getName).orElse(context.getDisplayName());
        synchronized (c.rows) {
            c.rows.add(new SemanticsReportWriter.Row(p.id(), tck.provenance(), group, name, outcome, reason, os, obs,
                    notes));
        }
    }

    private static String providerOs(SctpProvider p) {
        try {
            if (p.isAvailable()) {
                return p.capabilities().os();
            }
        } catch (RuntimeException | LinkageError ignored) {
            // the JVM's own view below
        }
        return System.getProperty("os.name");
    }

    /** A class-level context whose parent is the engine: the provider's TCK class itself, not a group. */
    private static boolean isTopLevel(ExtensionContext context) {
        return context.getTestClass().isPresent() && context.getTestMethod().isEmpty()
                && context.getParent().flatMap(ExtensionContext::getTestClass).isEmpty();
    }

    private static String reason(Throwable t) {
        String m = t.getMessage();
        String s = t.getClass().getName().startsWith("org.opentest4j.") && m != null ? m : String.valueOf(t);
        Throwable cause = t.getCause();
        int depth = 0;
        while (cause != null && cause != t && depth++ < 3) {
            s += "\ncaused by: " + cause;
            cause = cause.getCause();
        }
        return s;
    }
}
