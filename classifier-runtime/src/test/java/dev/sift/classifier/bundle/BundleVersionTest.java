package dev.sift.classifier.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A release version becomes a file name in every gateway's cache: only plain names are versions. */
class BundleVersionTest {

    @ParameterizedTest
    @ValueSource(strings = {"sift-default-7158149d8227", "sift-default-int8-a", "m.2_b-3", "a", "1.0.0"})
    void shouldAcceptPlainNames(String version) {
        assertThat(BundleVersion.isValid(version)).isTrue();
        assertThat(BundleVersion.requireValid(version)).isEqualTo(version);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "..", ".", "a..b", "../etc", "a/b", "/abs", "a\\b", "..\\x", "a\u0000b", "-rf",
            ".hidden", "trailing.", "C:x", "a b", "a\nb", "v\u2024\u2024", "\uff0e\uff0e", "a\u2215b", "caf\u00e9",
            "\u0430bc", "a%2fb", "~root", "a:b", "a*"})
    void shouldRefusePathTricksAndLookAlikes(String version) {
        assertThat(BundleVersion.isValid(version)).isFalse();
        assertThatThrownBy(() -> BundleVersion.requireValid(version)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {129, 256, 100_000})
    void shouldRefuseVeryLongVersions(int length) {
        assertThat(BundleVersion.isValid("a".repeat(length))).isFalse();
        assertThat(BundleVersion.isValid("a".repeat(128))).isTrue();
    }

    @org.junit.jupiter.api.Test
    void shouldRefuseNull() {
        assertThat(BundleVersion.isValid(null)).isFalse();
    }

    @Property(tries = 500)
    void shouldOnlyAcceptNamesThatStayInTheirFolder(@ForAll @StringLength(max = 20) String version) {
        if (BundleVersion.isValid(version)) {
            Path folder = Path.of("/cache/bundles");
            Path resolved = folder.resolve(version).normalize();
            assertThat(resolved.getParent()).isEqualTo(folder);
            assertThat(resolved.getFileName().toString()).isEqualTo(version);
        }
    }

    @org.junit.jupiter.api.Test
    void shouldNotEchoAnOverlongVersionInItsError() {
        assertThatThrownBy(() -> BundleVersion.requireValid("x/".repeat(10_000)))
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(200));
    }
}
