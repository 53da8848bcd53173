package dev.sift.gateway.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sift.gateway.EmbeddedGateway;
import dev.sift.gateway.support.Http;
import dev.sift.gateway.support.InProcessGateway;
import dev.sift.gateway.support.KafkaTestClient;
import dev.sift.localkafka.LocalKafkaBroker;
import dev.sift.localkafka.testing.SharedBroker;
import dev.sift.modelops.bundle.DefaultBundle;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.Speaker;
import dev.sift.schema.kafka.TopicProvisioner;
import dev.sift.schema.topic.Topics;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium (Debian's chromium and chromedriver, which {@code .ci/run} installs):
 * an ops user signs in with HTTP Basic, the page loads, a slider moves the predicted forward rate, Apply changes the
 * policy with the signed-in credentials, and the live forward rate follows.
 */
@ExtendWith(SharedBroker.class)
class DashboardBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String TOKEN = "dashboard-token";

    @TempDir
    Path work;

    @Test
    void shouldPreviewAndApplyAThresholdAndSeeTheForwardRateRespond(LocalKafkaBroker broker) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (installed by .ci/run)");
        List<String> texts = DefaultBundle.starterSet().train().stream().map(LabeledSnippet::text).limit(150).toList();
        Topics topics = new Topics(InProcessGateway.prefixed("dashboard"));
        new TopicProvisioner(broker.clientConfig()).ensure(topics.all(), 3, (short) 1);
        KafkaTestClient kafka = new KafkaTestClient(broker.clientConfig());
        try (EmbeddedGateway gateway = InProcessGateway.start(broker, topics.names(), "dashboard", work,
                InProcessGateway.withToken(TOKEN))) {
            int port = gateway.startHttp();
            kafka.produce(topics.snippets(), snippets("a", texts));
            kafka.readCommitted(topics.decisions(), texts.size(), Duration.ofMinutes(2));
            ChromeDriver browser = browser();
            try {
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
                // Given an ops user signed in (HTTP Basic, what the browser prompts for: any name, the ops token
                // as password), then on the dashboard with live figures
                browser.get("http://alice:" + TOKEN + "@127.0.0.1:" + port + "/dashboard");
                browser.get("http://127.0.0.1:" + port + "/dashboard");
                wait.until(d -> !d.findElements(By.id("slider-praise")).isEmpty());
                wait.until(d -> text(d.findElement(By.id("predicted-rate"))).endsWith("%"));
                wait.until(d -> text(d.findElement(By.id("forward-rate"))).endsWith("%"));
                String livedBefore = text(browser.findElement(By.id("forward-rate")));
                String predictedBefore = text(browser.findElement(By.id("predicted-rate")));

                // When every intent's slider goes to 0.05 (forward almost anything)
                for (WebElement slider : browser.findElements(By.cssSelector("input[type=range]"))) {
                    ((JavascriptExecutor) browser).executeScript("arguments[0].value = 0.05;"
                            + "arguments[0].dispatchEvent(new Event('input'));", slider);
                }

                // Then the predicted forward rate rises before anything is applied
                wait.until(d -> percent(text(d.findElement(By.id("predicted-rate")))) > percent(predictedBefore));

                // When the change is applied with the credentials the user signed in with
                browser.findElement(By.id("apply")).click();
                wait.until(d -> text(d.findElement(By.id("apply-status"))).startsWith("applied"));
                // And the policy in force names who applied it
                Http http = new Http(port);
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                        assertThat(http.get("/policies/*", TOKEN).body().path("updatedBy").asText())
                                .isEqualTo("alice"));
                kafka.produce(topics.snippets(), snippets("b", texts));

                // Then the live forward rate follows
                new WebDriverWait(browser, Duration.ofSeconds(60)).until(d ->
                        percent(text(d.findElement(By.id("forward-rate")))) > percent(livedBefore) + 5);
                Files.createDirectories(Path.of("target"));
                Files.write(Path.of("target/dashboard.png"),
                        browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
            } finally {
                browser.quit();
            }
        }
    }

    private ChromeDriver browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + work.resolve("chrome-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static String text(WebElement element) {
        return element.getText().trim();
    }

    private static double percent(String text) {
        try {
            return Double.parseDouble(text.replace("%", ""));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static List<Map.Entry<String, ConversationSnippet>> snippets(String prefix, List<String> texts) {
        List<Map.Entry<String, ConversationSnippet>> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            ConversationSnippet s = ConversationSnippet.newBuilder().setSnippetId(prefix + "-" + i)
                    .setConversationId("conv-" + (i % 20)).setTenant("acme").setChannel("chat")
                    .setSpeaker(Speaker.newBuilder().setId("u").build()).setText(texts.get(i))
                    .setEventTime(Instant.now()).build();
            out.add(Map.entry(s.getConversationId(), s));
        }
        return out;
    }
}
