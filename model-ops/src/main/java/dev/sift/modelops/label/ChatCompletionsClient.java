package dev.sift.modelops.label;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One exchange with {@code POST {base-url}/chat/completions} (JDK HTTP client): the body of a 200, or a
 * {@link CallFailure} saying how the call ended and whether to try again. The timeout covers the whole exchange,
 * answer included; answers over 1 MiB are refused; redirects are not followed.
 */
final class ChatCompletionsClient {

    /** Far above any labels answer (max-output-tokens bounds it); only a misbehaving server gets near it. */
    static final int MAX_ANSWER_BYTES = 1024 * 1024;

    private final HttpClient http;
    private final URI endpoint;
    private final ApiKey key;
    private final Duration timeout;

    /**
     * @param baseUrl API base URL, e.g. {@code https://api.openai.com/v1}
     * @param key API key
     * @param timeout time one exchange may take
     */
    ChatCompletionsClient(String baseUrl, ApiKey key, Duration timeout) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.endpoint = URI.create(base + "/chat/completions");
        this.key = key;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * @param body the request JSON
     * @return the 200 response's body
     * @throws CallFailure for any other outcome
     * @throws InterruptedException when the labeler stops meanwhile
     */
    byte[] post(String body) throws CallFailure, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        key.authorization().ifPresent(value -> request.header("Authorization", value));
        CompletableFuture<HttpResponse<byte[]>> exchange = http.sendAsync(request.build(),
                info -> new LimitedBody(MAX_ANSWER_BYTES));
        HttpResponse<byte[]> response;
        try {
            response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new CallFailure(CallResult.TIMEOUT, "no complete answer within " + timeout);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw transportFailure(e.getCause());
        }
        return check(response);
    }

    private CallFailure transportFailure(Throwable cause) {
        if (cause instanceof HttpTimeoutException) {
            return new CallFailure(CallResult.TIMEOUT, "no complete answer within " + timeout, null, Usage.NONE, null);
        }
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof LimitedBody.TooLarge tooLarge) {
                return new CallFailure(CallResult.INVALID_ANSWER, tooLarge.getMessage());
            }
        }
        String what = cause instanceof ConnectException ? "cannot connect to " + endpoint
                : "connection failed: " + cause.getClass().getSimpleName() + ": " + key.redact(cause.getMessage());
        return new CallFailure(CallResult.CONNECTION, what, null, Usage.NONE, null);
    }

    private byte[] check(HttpResponse<byte[]> response) throws CallFailure {
        int status = response.statusCode();
        if (status == 200) {
            return response.body();
        }
        String detail = "HTTP " + status + " from " + endpoint + ": " + key.redact(new String(response.body(),
                StandardCharsets.UTF_8));
        if (status == 429) {
            return fail(CallResult.RATE_LIMITED, detail, retryAfter(response.headers()));
        }
        if (status >= 500 || status == 408 || status == 409 || status == 425) {
            return fail(CallResult.SERVER_ERROR, detail, retryAfter(response.headers()));
        }
        if (status == 401 || status == 403 || status == 404 || (status >= 300 && status < 400)) {
            return fail(CallResult.MISCONFIGURED, detail, null);
        }
        return fail(CallResult.REFUSED, detail, null);
    }

    private static byte[] fail(CallResult result, String detail, Duration retryAfter) throws CallFailure {
        throw new CallFailure(result, detail, retryAfter, Usage.NONE, null);
    }

    /**
     * How long the server asks to wait: {@code retry-after-ms} (OpenAI, Azure), else {@code Retry-After} in seconds or
     * as an HTTP date.
     */
    static Duration retryAfter(HttpHeaders headers) {
        try {
            var millis = headers.firstValue("retry-after-ms");
            if (millis.isPresent()) {
                return positive(Duration.ofNanos((long) (Double.parseDouble(millis.get().strip()) * 1_000_000)));
            }
            var value = headers.firstValue("retry-after");
            if (value.isEmpty()) {
                return null;
            }
            String v = value.get().strip();
            if (v.matches("\\d+(\\.\\d+)?")) {
                return positive(Duration.ofMillis((long) (Double.parseDouble(v) * 1000)));
            }
            ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
            return positive(Duration.between(ZonedDateTime.now(at.getZone()), at));
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            return null;
        }
    }

    private static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
