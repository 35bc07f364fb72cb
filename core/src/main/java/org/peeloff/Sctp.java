/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

import org.peeloff.spi.SctpProvider;

/**
 * Entry point: finds the provider for this operating system.
 *
 * <p>Discovery uses {@link ServiceLoader} for {@link SctpProvider}. Among the providers whose cheap
 * OS check matches {@code os.name}, the available one with the highest priority is chosen. The
 * system property {@value #PROVIDER_PROPERTY} ({@code linux}, {@code solaris} or {@code aix}) names
 * the provider to use instead, whatever the OS check says (this is how an ABI personality is
 * tested). When no provider can be used, {@link #provider()} throws one
 * {@link UnsupportedOperationException} whose suppressed exceptions carry every candidate's cause.
 * A provider that throws while being loaded or asked ({@link ServiceConfigurationError},
 * {@link LinkageError}, any {@link RuntimeException}) is passed over with that cause.
 */
public final class Sctp {
    /** The system property that forces a provider by id. */
    public static final String PROVIDER_PROPERTY = "org.peeloff.provider";

    private static volatile Selection selection;

    private Sctp() {
    }

    /**
     * @return the chosen provider (discovery runs once)
     * @throws UnsupportedOperationException when no provider is available here, with each candidate's cause suppressed
     */
    public static SctpProvider provider() {
        Selection s = selection();
        if (s.chosen == null) {
            throw s.failure();
        }
        return s.chosen;
    }

    /**
     * @return the chosen provider's capabilities
     * @throws UnsupportedOperationException when no provider is available here
     */
    public static Capabilities capabilities() {
        return provider().capabilities();
    }

    /**
     * @return every provider discovery saw, with why it was chosen or not (for diagnostics)
     */
    public static List<ProviderCandidate> candidates() {
        return selection().candidates;
    }

    private static Selection selection() {
        Selection s = selection;
        if (s == null) {
            synchronized (Sctp.class) {
                s = selection;
                if (s == null) {
                    s = select(load(), System.getProperty(PROVIDER_PROPERTY));
                    selection = s;
                }
            }
        }
        return s;
    }

    private static List<Object> load() {
        List<Object> found = new ArrayList<>();
        ServiceLoader<SctpProvider> loader = ServiceLoader.load(SctpProvider.class, Sctp.class.getClassLoader());
        var it = loader.iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
                found.add(e);
            }
        }
        return found;
    }

    /**
     * Runs discovery over the given candidates. Public for tests and tools; {@link #provider()} uses
     * the {@link ServiceLoader}.
     *
     * @param providers providers, or the {@link Throwable}s met while loading them
     * @param override  the id to force, or null/blank for automatic choice
     * @return the outcome
     */
    public static Selection select(List<?> providers, String override) {
        String forced = override == null || override.isBlank() ? null : override.trim().toLowerCase(Locale.ROOT);
        List<Entry> entries = new ArrayList<>();
        List<ProviderCandidate> candidates = new ArrayList<>();
        for (Object o : providers) {
            if (o instanceof SctpProvider p) {
                try {
                    entries.add(new Entry(p, p.id(), p.priority(), p.matchesCurrentOs()));
                } catch (LinkageError | RuntimeException e) {
                    candidates.add(new ProviderCandidate(p.getClass().getName(), 0, false, false, e, false,
                            "failed to describe itself: " + e));
                }
            } else if (o instanceof Throwable t) {
                candidates.add(new ProviderCandidate("(unloadable)", 0, false, false, t, false,
                        "could not be loaded: " + t));
            }
        }
        entries.sort(Comparator.comparingInt((Entry e) -> e.priority).reversed());
        SctpProvider chosen = null;
        for (Entry e : entries) {
            String reason;
            boolean available = false;
            Throwable cause = null;
            boolean isChosen = false;
            if (chosen != null) {
                reason = forced != null ? "not the forced provider" : "a provider with higher priority was chosen";
            } else if (forced != null && !forced.equals(e.id)) {
                reason = "not the forced provider (" + PROVIDER_PROPERTY + "=" + forced + ")";
            } else if (forced == null && !e.matchesOs) {
                reason = "not for this OS (os.name=" + System.getProperty("os.name") + ")";
            } else {
                try {
                    available = e.provider.isAvailable();
                    cause = available ? null : e.provider.unavailabilityCause();
                } catch (LinkageError | RuntimeException ex) {
                    cause = ex;
                }
                if (available) {
                    chosen = e.provider;
                    isChosen = true;
                    reason = forced != null ? "forced by " + PROVIDER_PROPERTY : "highest-priority available provider for this OS";
                } else {
                    if (cause == null) {
                        cause = new IllegalStateException("provider '" + e.id + "' is not available (no cause given)");
                    }
                    reason = "not available: " + cause;
                }
            }
            candidates.add(new ProviderCandidate(e.id, e.priority, e.matchesOs, available, cause, isChosen, reason));
        }
        return new Selection(chosen, List.copyOf(candidates), forced);
    }

    private record Entry(SctpProvider provider, String id, int priority, boolean matchesOs) {
    }

    /**
     * The outcome of discovery.
     *
     * @param chosen     the chosen provider, or null
     * @param candidates every candidate with its reason
     * @param forced     the forced id, or null
     */
    public record Selection(SctpProvider chosen, List<ProviderCandidate> candidates, String forced) {

        /**
         * @return the exception explaining why nothing was chosen, each candidate's cause suppressed in it
         */
        public UnsupportedOperationException failure() {
            StringBuilder sb = new StringBuilder("No SCTP provider is available on ")
                    .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch"));
            if (forced != null) {
                sb.append(" (forced: ").append(PROVIDER_PROPERTY).append('=').append(forced).append(')');
            }
            if (candidates.isEmpty()) {
                sb.append(": no provider on the class path; add peeloff-linux, peeloff-solaris-illumos or peeloff-aix");
            } else if (forced != null && candidates.stream().noneMatch(c -> forced.equals(c.id()))) {
                sb.append(": no provider has id '").append(forced).append("'; found:");
                candidates.forEach(c -> sb.append(' ').append(c.id()));
            }
            for (ProviderCandidate c : candidates) {
                sb.append("\n  ").append(c.id()).append(": ").append(c.reason());
            }
            UnsupportedOperationException e = new UnsupportedOperationException(sb.toString());
            for (ProviderCandidate c : candidates) {
                if (c.cause() != null) {
                    e.addSuppressed(c.cause());
                }
            }
            return e;
        }
    }
}
