package dev.sift.schema.serde;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;

/**
 * A schema registry on a local port answering {@code GET /schemas/ids/{id}} as Confluent's REST API does, with the
 * schemas a test registers: what the registry framing is specified against where no registry image can run.
 */
final class LocalRegistry implements AutoCloseable {

    private final HttpServer server;
    private final Map<Integer, String> schemas = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    LocalRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/schemas/ids/", exchange -> {
            requests.incrementAndGet();
            String id = exchange.getRequestURI().getPath().substring("/schemas/ids/".length());
            String schema = schemas.get(Integer.parseInt(id));
            String body = schema == null
                    ? "{\"error_code\":40403,\"message\":\"Schema " + id + " not found\"}"
                    : "{\"schema\":" + quoted(schema) + "}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
            exchange.sendResponseHeaders(schema == null ? 404 : 200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    private static String quoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    LocalRegistry register(int id, Schema schema) {
        schemas.put(id, schema.toString());
        return this;
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
