package dev.sift.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A small JSON HTTP client for the gateway's API in tests. */
public final class Http {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;

    /**
     * @param port the gateway's HTTP port
     */
    public Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /**
     * A response.
     *
     * @param status HTTP status
     * @param body parsed JSON body (null when empty)
     */
    public record Reply(int status, JsonNode body, java.net.http.HttpHeaders headers) {
    }

    /**
     * @param path a path
     * @return the reply
     */
    public Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /**
     * @param path a path
     * @param token a bearer token (the read or the ops token), or null
     * @return the reply
     */
    public Reply get(String path, String token) {
        return send("GET", path, null, token);
    }

    /**
     * @param path an open path (health)
     * @return the body as text
     */
    public String text(String path) {
        return text(path, null);
    }

    /**
     * @param path a path
     * @param token a bearer token (the read or the ops token), or null
     * @return the body as text (for non-JSON endpoints such as Prometheus)
     */
    public String text(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param method PUT, POST, DELETE
     * @param path a path
     * @param json the body
     * @param token a bearer token, or null
     * @return the reply
     */
    public Reply send(String method, String path, String json, String token) {
        return sendWith(method, path, json, token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
    }

    /**
     * @param method any method
     * @param path a path
     * @param json the body, or null
     * @param headers request headers (e.g. {@code Authorization}, {@code Sec-Fetch-Site})
     * @return the reply
     */
    public Reply sendWith(String method, String path, String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        return send(request);
    }

    /**
     * @param user the Basic user name
     * @param password the Basic password (a token)
     * @return the {@code Authorization} header
     */
    public static Map<String, String> basic(String user, String password) {
        return Map.of("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body = response.body().isBlank() ? null : JSON.readTree(response.body());
            } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
                body = JSON.getNodeFactory().textNode(response.body());
            }
            return new Reply(response.statusCode(), body, response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
