package dev.sift.gateway.ops;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;

/**
 * Every request that changes something ({@code POST}, {@code PUT}, {@code DELETE}, {@code PATCH}; not the what-if
 * and validation calls, which only compute) needs the ops
 * credentials: {@code Authorization: Bearer <sift.ops.token>}, or HTTP Basic with {@code sift.ops.user} and the token
 * as password. Without a configured token, changes are refused outright. The token is compared in constant time and
 * never logged.
 */
@ServerFilter("/**")
public class OpsAuthFilter {

    /** Request attribute holding who made an authenticated change. */
    public static final String PRINCIPAL = "sift.ops.principal";

    /** POST endpoints that compute without changing anything. */
    private static final java.util.List<String> READ_ONLY_POSTS = java.util.List.of("/what-if", "/policies/validate");

    private final byte[] token;
    private final String user;

    /**
     * @param token the shared ops token (empty: changes disabled)
     * @param user the user name for Basic authentication and the audit trail
     */
    public OpsAuthFilter(@Value("${sift.ops.token:}") String token, @Value("${sift.ops.user:ops}") String user) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.user = user;
    }

    /**
     * @param request an incoming request
     * @return null to proceed, or the 401/403 response
     */
    @RequestFilter
    @Nullable
    public MutableHttpResponse<?> authenticate(HttpRequest<?> request) {
        HttpMethod method = request.getMethod();
        if (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS
                || READ_ONLY_POSTS.stream().anyMatch(request.getPath()::startsWith)) {
            return null;
        }
        if (token.length == 0) {
            return HttpResponse.status(HttpStatus.FORBIDDEN).body(Map.of("error",
                    "changes are disabled: no ops token configured (sift.ops.token)"));
        }
        String header = request.getHeaders().getAuthorization().orElse("");
        String principal = principal(header);
        if (principal == null) {
            return HttpResponse.status(HttpStatus.UNAUTHORIZED).header("WWW-Authenticate", "Bearer realm=\"sift\"")
                    .body(Map.of("error", "authentication required: Authorization: Bearer <token>"));
        }
        request.setAttribute(PRINCIPAL, principal);
        return null;
    }

    private String principal(String header) {
        if (header.startsWith("Bearer ")) {
            return matches(header.substring(7).trim()) ? user : null;
        }
        if (header.startsWith("Basic ")) {
            try {
                String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0 && matches(decoded.substring(colon + 1))) {
                    return decoded.substring(0, colon);
                }
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    private boolean matches(String candidate) {
        return MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
    }
}
