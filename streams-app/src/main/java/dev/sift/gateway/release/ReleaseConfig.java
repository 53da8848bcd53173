package dev.sift.gateway.release;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code sift.releases.*}: following model releases, what to trust, shadow evaluation. */
@ConfigurationProperties("sift.releases")
public class ReleaseConfig {

    /**
     * Where model-ops puts archives when run with its defaults: its store directory (publish without a public URL)
     * and its {@code /bundles/} URL on this host.
     */
    public static final List<String> DEFAULT_STORES = List.of(
            Path.of(System.getProperty("user.home"), ".cache", "sift", "store").toUri().toString(),
            "http://localhost:8081/bundles/", "http://127.0.0.1:8081/bundles/");

    private boolean enabled = true;
    private List<String> trustedKeys = new ArrayList<>();
    private String pinnedVersion = "";
    private List<String> stores = new ArrayList<>(DEFAULT_STORES);
    private String cacheDir = System.getProperty("java.io.tmpdir") + "/sift-releases";
    private Duration fetchTimeout = Duration.ofSeconds(60);
    private long maxBundleBytes = 1L << 30;
    private Duration startupWait = Duration.ofSeconds(60);
    private boolean shadow;
    private double shadowSampleRate = 0.2;
    private int shadowMinSamples = 200;
    private double shadowMinAgreement = 0.95;

    /** @return whether the gateway follows the releases topic */
    public boolean isEnabled() {
        return enabled;
    }

    /** @param enabled whether the gateway follows the releases topic */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** @return PEM public keys whose signatures are trusted */
    public List<String> getTrustedKeys() {
        return trustedKeys;
    }

    /** @param trustedKeys PEM public keys whose signatures are trusted */
    public void setTrustedKeys(List<String> trustedKeys) {
        this.trustedKeys = trustedKeys;
    }

    /**
     * @return where release archives may be fetched from: {@code file:} directories (symbolic links resolved) and
     *     {@code http(s)://host:port/path/} prefixes (redirects are never followed)
     */
    public List<String> getStores() {
        return stores;
    }

    /** @param stores where release archives may be fetched from */
    public void setStores(List<String> stores) {
        this.stores = stores;
    }

    /** @return the only version to take live; empty: the newest valid release */
    public String getPinnedVersion() {
        return pinnedVersion;
    }

    /** @param pinnedVersion the only version to take live */
    public void setPinnedVersion(String pinnedVersion) {
        this.pinnedVersion = pinnedVersion;
    }

    /** @return where fetched archives, unpacked bundles and the highest accepted sequence are kept */
    public String getCacheDir() {
        return cacheDir;
    }

    /** @param cacheDir where fetched archives and unpacked bundles go */
    public void setCacheDir(String cacheDir) {
        this.cacheDir = cacheDir;
    }

    /** @return how long a download may take */
    public Duration getFetchTimeout() {
        return fetchTimeout;
    }

    /** @param fetchTimeout how long a download may take */
    public void setFetchTimeout(Duration fetchTimeout) {
        this.fetchTimeout = fetchTimeout;
    }

    /** @return largest archive accepted */
    public long getMaxBundleBytes() {
        return maxBundleBytes;
    }

    /** @param maxBundleBytes largest archive accepted */
    public void setMaxBundleBytes(long maxBundleBytes) {
        this.maxBundleBytes = maxBundleBytes;
    }

    /** @return how long start-up waits for a release when no bundle is configured */
    public Duration getStartupWait() {
        return startupWait;
    }

    /** @param startupWait how long start-up waits for a release */
    public void setStartupWait(Duration startupWait) {
        this.startupWait = startupWait;
    }

    /** @return whether a new release first runs in shadow beside the live model */
    public boolean isShadow() {
        return shadow;
    }

    /** @param shadow whether a new release first runs in shadow */
    public void setShadow(boolean shadow) {
        this.shadow = shadow;
    }

    /** @return share of live snippets the shadow also scores */
    public double getShadowSampleRate() {
        return shadowSampleRate;
    }

    /** @param shadowSampleRate share of live snippets the shadow also scores */
    public void setShadowSampleRate(double shadowSampleRate) {
        this.shadowSampleRate = shadowSampleRate;
    }

    /** @return snippets the shadow must score before it is judged */
    public int getShadowMinSamples() {
        return shadowMinSamples;
    }

    /** @param shadowMinSamples snippets the shadow must score before it is judged */
    public void setShadowMinSamples(int shadowMinSamples) {
        this.shadowMinSamples = shadowMinSamples;
    }

    /** @return share of forward decisions the shadow must agree on to be promoted */
    public double getShadowMinAgreement() {
        return shadowMinAgreement;
    }

    /** @param shadowMinAgreement share of decisions the shadow must agree on */
    public void setShadowMinAgreement(double shadowMinAgreement) {
        this.shadowMinAgreement = shadowMinAgreement;
    }
}
