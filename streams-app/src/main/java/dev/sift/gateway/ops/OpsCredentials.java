package dev.sift.gateway.ops;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code sift.ops.*}: the gateway's HTTP credentials. The ops token changes policies and rolls models back (and reads);
 * the read token reads tenant data (policies, their audit trail, what-if answers, the dashboard, the model history,
 * metrics). Either goes as {@code Authorization: Bearer <token>} or as the HTTP Basic password.
 *
 * @param token the ops token; empty (the default): no change is accepted
 * @param readToken the read token; empty (the default): only the ops token reads
 * @param user who a bearer ops token acts as in the audit trail (Basic users are named by their user name)
 */
@ConfigurationProperties("sift.ops")
public record OpsCredentials(@Bindable(defaultValue = "") String token, @Bindable(defaultValue = "") String readToken,
        @Bindable(defaultValue = "ops") String user) {

    /** The configuration key of the ops token. */
    public static final String TOKEN_SETTING = "sift.ops.token";

    @Override
    public String toString() {
        return "OpsCredentials[user=" + user + ", token " + (token.isEmpty() ? "not set" : "set") + ", read token "
                + (readToken.isEmpty() ? "not set" : "set") + "]";
    }
}
