package dev.sift.gateway.release;

import dev.sift.classifier.bundle.BundleSignatures;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The public keys whose release signatures a gateway accepts, by key id. */
public final class TrustedKeys {

    private final Map<String, PublicKey> byId = new LinkedHashMap<>();

    /**
     * @param pemFiles PEM public keys
     */
    public TrustedKeys(List<String> pemFiles) {
        for (String file : pemFiles) {
            PublicKey key = BundleSignatures.readPublicKey(Path.of(file));
            byId.put(BundleSignatures.keyId(key), key);
        }
    }

    /**
     * @param keyId a key id
     * @return the key, when trusted
     */
    public Optional<PublicKey> find(String keyId) {
        return Optional.ofNullable(keyId == null ? null : byId.get(keyId));
    }

    /** @return ids of the trusted keys */
    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }
}
