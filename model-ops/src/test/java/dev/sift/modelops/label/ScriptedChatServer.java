package dev.sift.modelops.label;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A chat-completions endpoint on the loopback interface (the JDK's HTTP server), answering each call as the test
 * scripts it: good answers, malformed ones, error statuses with or without {@code Retry-After}, answers that never
 * come, connections closed mid-answer. Records every call.
 */
final class ScriptedChatServer implements AutoCloseable {

    static final String REPORTED_MODEL = "gpt-test-2025-01-01";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "scripted-chat");
        t.setDaemon(true);
        return t;
    });
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicReference<Function<Call, Reply>> script = new AtomicReference<>(c -> good("complaint"));
    private final AtomicReference<CountDownLatch> hung = new AtomicReference<>(new CountDownLatch(1));
    private final AtomicInteger hanging = new AtomicInteger();

    /** One call as received. */
    record Call(Instant at, String authorization, JsonNode body) {

        /** @return the snippet text of the user message */
        String text() {
            return user().get("text").asText();
        }

        /** @return the user message: the snippet as a JSON object */
        JsonNode user() {
            try {
                return JSON.readTree(body.get("messages").get(1).get("content").asText());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** @return the system message */
        String system() {
            return body.get("messages").get(0).get("content").asText();
        }
    }

    /** How to answer one call. */
    @FunctionalInterface
    interface Reply {
        void send(HttpExchange exchange, ScriptedChatServer server) throws IOException;
    }

    ScriptedChatServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/v1/chat/completions", exchange -> {
            try (exchange) {
                JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
                Call call = new Call(Instant.now(), exchange.getRequestHeaders().getFirst("Authorization"), body);
                calls.add(call);
                script.get().apply(call).send(exchange, this);
            } catch (IOException | RuntimeException e) {
                // The client went away (a timeout, a killed labeler): nothing to answer.
            }
        });
        server.start();
    }

    /** @return the base URL to configure, ending in {@code /v1} */
    String baseUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/v1";
    }

    /** @param replies how to answer each call, by what it asks */
    void script(Function<Call, Reply> replies) {
        script.set(replies);
    }

    /** @param replies answers in the order calls arrive; the last one answers every later call */
    void sequence(Reply... replies) {
        AtomicInteger next = new AtomicInteger();
        script(call -> replies[Math.min(next.getAndIncrement(), replies.length - 1)]);
    }

    /** @return every call so far */
    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** @return calls held by {@link #hang()} right now */
    int hanging() {
        return hanging.get();
    }

    /** Lets every held call go (they answer nothing and close). */
    void releaseHung() {
        hung.getAndSet(new CountDownLatch(1)).countDown();
    }

    @Override
    public void close() {
        releaseHung();
        server.stop(0);
        executor.shutdownNow();
    }

    /** @return the labels answer for the given intents, negative polarity, no brand */
    static String labels(String... intents) {
        ObjectNode answer = JSON.createObjectNode();
        answer.putPOJO("intents", List.of(intents));
        answer.put("polarity", "negative");
        answer.putNull("brand");
        ObjectNode confidences = answer.putObject("confidences");
        for (String intent : intents) {
            confidences.put(intent, 0.9);
        }
        return answer.toString();
    }

    /** @return a 200 answer with the given labels */
    static Reply good(String... intents) {
        return content(labels(intents));
    }

    /** @return a 200 completion whose message content is the given text, with usage 120 in, 30 out */
    static Reply content(String content) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("id", "chatcmpl-test");
        envelope.put("object", "chat.completion");
        envelope.put("model", REPORTED_MODEL);
        ObjectNode choice = envelope.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", content);
        choice.put("finish_reason", "stop");
        envelope.putObject("usage").put("prompt_tokens", 120).put("completion_tokens", 30).put("total_tokens", 150);
        return raw(200, envelope.toString());
    }

    /** @return a response with this status and body */
    static Reply raw(int status, String body, String... headers) {
        return (exchange, server) -> {
            for (int i = 0; i + 1 < headers.length; i += 2) {
                exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        };
    }

    /** @return an answer that does not come until the test lets it go (or the server closes) */
    static Reply hang() {
        return (exchange, server) -> {
            server.hanging.incrementAndGet();
            try {
                server.hung.get().await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                server.hanging.decrementAndGet();
            }
        };
    }

    /** @return a 200 whose body stops after a few bytes, the connection closed */
    static Reply cutOff() {
        return (exchange, server) -> {
            exchange.sendResponseHeaders(200, 4096);
            OutputStream out = exchange.getResponseBody();
            out.write("{\"id\": \"chatcmpl-".getBytes(StandardCharsets.UTF_8));
            out.flush();
            // Closing with fewer bytes than announced makes the server drop the connection.
            exchange.close();
        };
    }
}
