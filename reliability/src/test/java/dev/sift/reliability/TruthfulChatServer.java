package dev.sift.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local server speaking OpenAI's chat-completions API, standing in for the LLM in the loop's test: it answers each
 * snippet with the intents the test wrote it for (a text it does not know is irrelevant), in the JSON the labeler's
 * prompt asks for, with token usage. Every fifth call is answered 429 with a {@code Retry-After} of
 * zero, as a rate-limited provider would, so the labeler's retries are on the path.
 */
final class TruthfulChatServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "truthful-chat");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, List<String>> truth;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger rateLimited = new AtomicInteger();

    /**
     * @param truth the intents of each text the test sends; an empty list: irrelevant
     * @throws IOException when no port can be bound
     */
    TruthfulChatServer(Map<String, List<String>> truth) throws IOException {
        this.truth = Map.copyOf(truth);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/v1/chat/completions", this::answer);
        server.start();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            if (calls.incrementAndGet() % 5 == 0) {
                rateLimited.incrementAndGet();
                exchange.getResponseHeaders().add("Retry-After", "0");
                exchange.sendResponseHeaders(429, -1);
                return;
            }
            String text = JSON.readTree(body.get("messages").get(1).get("content").asText()).get("text").asText();
            ObjectNode content = JSON.createObjectNode();
            content.putPOJO("intents", truth.getOrDefault(text, List.of()));
            content.putNull("polarity");
            ObjectNode reply = JSON.createObjectNode();
            reply.put("id", "chatcmpl-" + calls.get());
            reply.put("object", "chat.completion");
            reply.put("model", "truthful-test-llm");
            ObjectNode choice = reply.putArray("choices").addObject();
            choice.put("index", 0);
            choice.put("finish_reason", "stop");
            choice.putObject("message").put("role", "assistant").put("content", JSON.writeValueAsString(content));
            reply.putObject("usage").put("prompt_tokens", 400).put("completion_tokens", 20)
                    .put("total_tokens", 420);
            byte[] bytes = JSON.writeValueAsBytes(reply);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    /** @return the base URL to configure, ending in {@code /v1} */
    String baseUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/v1";
    }

    /** @return calls answered 429 */
    int rateLimited() {
        return rateLimited.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
