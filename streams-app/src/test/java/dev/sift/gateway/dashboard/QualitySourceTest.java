package dev.sift.gateway.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.sift.gateway.support.SettableClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the dashboard reads model-ops' estimate of what the filter misses, and what it refuses. */
class QualitySourceTest {

    private static final String ESTIMATE = "[{\"tenant\":\"*\",\"precision\":{\"forwarded\":50,\"relevant\":40,"
            + "\"precision\":0.8,\"low\":0.66,\"high\":0.9},\"intents\":[{\"intent\":\"*\",\"forwarded\":40,"
            + "\"audited\":2,\"missed\":40.0,\"recall\":0.5,\"low\":0.22,\"high\":0.89}]}]";

    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-03T10:00:00Z"));
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicReference<Reply> reply = new AtomicReference<>(new Reply(200, ESTIMATE, null));
    private HttpServer modelOps;

    private record Reply(int status, String body, String location) {
    }

    @BeforeEach
    void startModelOps() throws IOException {
        modelOps = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        modelOps.createContext("/quality", exchange -> {
            try (exchange) {
                authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                Reply r = reply.get();
                if (r.location() != null) {
                    exchange.getResponseHeaders().add("Location", r.location());
                }
                byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(r.status(), body.length == 0 ? -1 : body.length);
                exchange.getResponseBody().write(body);
            }
        });
        modelOps.start();
    }

    @AfterEach
    void stopModelOps() {
        modelOps.stop(0);
    }

    private QualitySource source(int maxBytes) {
        String url = "http://127.0.0.1:" + modelOps.getAddress().getPort();
        return new QualitySource(new QualityConfig(url, "read-secret", Duration.ofSeconds(5), Duration.ofSeconds(30),
                maxBytes), clock);
    }

    @Test
    void shouldShowModelOpsEstimateAskedWithTheReadTokenAndAskAgainOnlyAfterTheCacheTime() throws Exception {
        // Given model-ops with an estimate
        QualitySource source = source(262_144);

        // When the dashboard asks three times within the cache time, and once after it
        JsonNode first = source.quality();
        source.quality();
        clock.advance(Duration.ofSeconds(29));
        source.quality();
        clock.advance(Duration.ofSeconds(2));
        source.quality();

        // Then it shows the estimate, asked for twice, with the read token
        assertThat(first.get(0).path("precision").path("precision").asDouble()).isEqualTo(0.8);
        assertThat(authorizations).containsExactly("Bearer read-secret", "Bearer read-secret");
    }

    @Test
    void shouldSayWhyWhenModelOpsRefusesWithoutRepeatingTheToken() {
        reply.set(new Reply(401, "", null));

        assertThatThrownBy(() -> source(262_144).quality())
                .isInstanceOf(QualitySource.QualityUnavailableException.class)
                .hasMessage("model-ops answered HTTP 401").hasMessageNotContaining("read-secret");
    }

    @Test
    void shouldNotFollowARedirectElsewhere() {
        reply.set(new Reply(302, "", "http://169.254.169.254/latest/meta-data/"));

        assertThatThrownBy(() -> source(262_144).quality()).hasMessage("model-ops answered HTTP 302");
        assertThat(authorizations).hasSize(1);
    }

    @Test
    void shouldRefuseAnAnswerLargerThanTheLimitOrNotAListOfEstimates() {
        assertThatThrownBy(() -> source(100).quality()).hasMessageContaining("larger than 100 bytes");

        reply.set(new Reply(200, "{\"tenant\":\"*\"}", null));
        assertThatThrownBy(() -> source(262_144).quality()).hasMessageContaining("not a list of estimates");

        reply.set(new Reply(200, "<html>proxy error</html>", null));
        assertThatThrownBy(() -> source(262_144).quality()).hasMessageContaining("cannot be asked");
    }

    @Test
    void shouldSayWhenModelOpsCannotBeReached() throws IOException {
        QualitySource source = source(262_144);
        modelOps.stop(0);

        assertThatThrownBy(source::quality).hasMessageContaining("model-ops cannot be asked");
    }

    @Test
    void shouldRefuseAUrlThatIsNotHttp() {
        assertThatThrownBy(() -> new QualityConfig("file:///etc/passwd", "", Duration.ofSeconds(1),
                Duration.ofSeconds(1), 10)).hasMessageContaining("must be an http(s) URL");
    }
}
