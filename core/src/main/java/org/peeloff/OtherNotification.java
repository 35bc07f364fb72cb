/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

/**
 * A notification whose type the provider does not know (a newer kernel's), or whose body was too short
 * or carried a value its OS does not define, kept with its native type number so nothing is lost silently.
 *
 * @param association the association, when the OS layout gave one (else id 0)
 * @param nativeType  the OS's {@code sn_type} value
 * @param length      the notification's length in bytes
 */
public record OtherNotification(AssociationId association, int nativeType, int length) implements SctpNotification {
}
