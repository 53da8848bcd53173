package dev.sift.http.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The rule of the credentials: which secret grants what. */
class AccessTokensTest {

    private static final AccessTokens.Names NAMES = new AccessTokens.Names("ops", "reader", "x.token");

    @Test
    void shouldGrantOpsToTheOpsTokenAndReadToTheReadToken() {
        // Given both tokens
        AccessTokens tokens = new AccessTokens("ops-secret", "read-secret", NAMES);

        // Then each grants its level, and nothing else grants anything
        assertThat(tokens.grant("ops-secret")).contains(Grant.OPS);
        assertThat(tokens.grant("read-secret")).contains(Grant.READ);
        assertThat(tokens.grant("ops-secre")).isEmpty();
        assertThat(tokens.grant("ops-secret ")).isEmpty();
        assertThat(tokens.grant("OPS-SECRET")).isEmpty();
        assertThat(tokens.grant("")).isEmpty();
        assertThat(tokens.grant(null)).isEmpty();
        assertThat(Grant.OPS.roles()).containsExactly(Access.READ, Access.OPS);
        assertThat(Grant.READ.roles()).containsExactly(Access.READ);
    }

    @Test
    void shouldGrantNothingForATokenThatIsNotConfigured() {
        // Given no token at all
        AccessTokens none = new AccessTokens("", "", NAMES);

        // Then an empty secret is no match, and changes are disabled
        assertThat(none.grant("")).isEmpty();
        assertThat(none.grant(null)).isEmpty();
        assertThat(none.changesEnabled()).isFalse();

        // And a read token alone grants reads only
        AccessTokens readOnly = new AccessTokens(null, "read-secret", NAMES);
        assertThat(readOnly.grant("read-secret")).contains(Grant.READ);
        assertThat(readOnly.grant("")).isEmpty();
        assertThat(readOnly.changesEnabled()).isFalse();
    }

    @Test
    void shouldGrantOpsWhenBothTokensAreTheSame() {
        // Given a read token configured equal to the ops token (a mistake, warned about)
        AccessTokens same = new AccessTokens("same", "same", NAMES);

        // Then the secret grants the higher level
        assertThat(same.grant("same")).contains(Grant.OPS);
    }
}
