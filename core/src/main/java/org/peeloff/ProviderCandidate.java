/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

/**
 * One provider found on the class path, and what discovery made of it.
 *
 * @param id         the provider id, or the class name when even {@code id()} failed
 * @param priority   its priority
 * @param matchesOs  whether it is made for this OS ({@code os.name})
 * @param available  whether its native part loaded (false when it was not tried)
 * @param cause      why it is not available or could not be loaded, or null
 * @param chosen     whether discovery chose it
 * @param reason     one line saying why it was chosen or passed over
 */
public record ProviderCandidate(String id, int priority, boolean matchesOs, boolean available, Throwable cause,
                                boolean chosen, String reason) {
}
