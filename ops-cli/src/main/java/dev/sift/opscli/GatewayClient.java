package dev.sift.opscli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Calls a gateway's HTTP API; non-2xx answers become {@link ApiException}s carrying the server's message. */
public final class GatewayClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    /**
     * @param base gateway URL, e.g. {@code http://localhost:8080}
     * @param token the ops token (changes and reads) or the read token (reads), sent with every call; or null
     */
    public GatewayClient(String base, String token) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.token = token;
    }

    /** A refused or failed call. */
    public static final class ApiException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        ApiException(int status, String message) {
            super(message);
            this.status = status;
        }

        /** @return the HTTP status */
        public int status() {
            return status;
        }
    }

    /**
     * @param path a path
     * @return the JSON answer
     */
    public JsonNode get(String path) {
        return send(authorized(HttpRequest.newBuilder(uri(path)).GET()));
    }

    /**
     * @param method POST, PUT or DELETE
     * @param path a path
     * @param body JSON body, or null
     * @return the JSON answer
     */
    public JsonNode send(String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()));
        return send(authorized(request));
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    /**
     * @param id a policy id ({@code *}, {@code tenant} or {@code tenant/channel})
     * @return its path segment(s)
     */
    public static String policyPath(String id) {
        String[] parts = id.split("/", 2);
        String first = URLEncoder.encode(parts[0], StandardCharsets.UTF_8).replace("%2A", "*");
        return "/policies/" + first + (parts.length > 1 ? "/" + URLEncoder.encode(parts[1], StandardCharsets.UTF_8) : "");
    }

    private String hint(int status) {
        if (status == 401) {
            return token == null || token.isBlank()
                    ? " (give --read-token or $SIFT_READ_TOKEN to read, --token or $SIFT_OPS_TOKEN to change)"
                    : " (the gateway does not accept this token)";
        }
        return status == 403 ? " (changes need the ops token: --token or $SIFT_OPS_TOKEN)" : "";
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
            if (response.statusCode() / 100 != 2) {
                throw new ApiException(response.statusCode(), "HTTP " + response.statusCode() + ": " + body
                        + hint(response.statusCode()));
            }
            return body;
        } catch (IOException e) {
            throw new ApiException(0, "cannot reach the gateway at " + base + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(0, "interrupted");
        }
    }
}
