package org.peeloff.kit;

import java.util.Locale;

import org.peeloff.Sctp;
import org.peeloff.compat.Provenance;
import org.peeloff.compat.SctpProviderTck;
import org.peeloff.spi.SctpProvider;

/**
 * The TCK run by {@code kit/run report}: the whole of {@link SctpProviderTck} against the provider
 * discovery chooses on this machine ({@link Sctp#provider()}), with the provenance that says what
 * the results prove (see {@link #provenanceOf}).
 */
public class KitTck extends SctpProviderTck {

    /** Created by the JUnit Platform Launcher. */
    public KitTck() {
    }

    /** @return the provider discovery chose here */
    @Override
    protected SctpProvider provider() {
        return Sctp.provider();
    }

    /** @return {@link #provenanceOf} the chosen provider on this OS */
    @Override
    protected Provenance provenance() {
        return provenanceOf(Sctp.provider().id(), System.getProperty("os.name", ""));
    }

    /**
     * What a run of a provider on an OS proves: the Linux provider on Linux runs on the real kernel,
     * the illumos provider on SunOS and the AIX provider on AIX on the real OS; any other pairing
     * (a provider forced with {@code -Dorg.peeloff.provider} over another OS) can only be an ABI
     * personality, which proves the provider's mechanics, not the OS.
     *
     * @param providerId the provider id
     * @param osName     {@code os.name}
     * @return the provenance
     */
    public static Provenance provenanceOf(String providerId, String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        return switch (providerId) {
            case "linux" -> os.startsWith("linux") ? Provenance.REAL_KERNEL : Provenance.ABI_PERSONALITY;
            case "solaris" -> os.startsWith("sunos") ? Provenance.REAL_OS : Provenance.ABI_PERSONALITY;
            case "aix" -> os.startsWith("aix") ? Provenance.REAL_OS : Provenance.ABI_PERSONALITY;
            default -> Provenance.ABI_PERSONALITY;
        };
    }
}
