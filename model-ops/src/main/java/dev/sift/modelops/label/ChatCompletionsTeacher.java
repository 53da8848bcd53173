package dev.sift.modelops.label;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sift.schema.LlmRequest;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The LLM as teacher, behind an OpenAI-compatible chat-completions endpoint (OpenAI, Azure OpenAI, vLLM, Ollama, …):
 * the catalogue in the system message, the snippet in the user message, temperature 0 and JSON mode. Each call waits
 * for the rate limits; an invalid answer, a 429, a 5xx, a timeout or a broken connection is tried again with
 * exponential backoff and jitter (resilience4j), honouring {@code Retry-After}, up to {@code max-attempts} calls;
 * then the request fails with its reason. Authentication and URL errors fail at once as {@link
 * FailureKind#MISCONFIGURED}. Tokens and cost of every call are metered, rejected answers included.
 */
public final class ChatCompletionsTeacher implements Teacher {

    private final LabelerConfig config;
    private final PromptTemplate prompt;
    private final ApiKey key;
    private final LabelerMetrics metrics;
    private final RateLimits limits;
    private final ChatCompletionsClient client;
    private final AnswerParser parser = new AnswerParser();
    private final ObjectMapper json = new ObjectMapper();
    private final Retry retry;

    /**
     * @param config labeler settings (endpoint, model, limits, retries)
     * @param prompt the prompt, catalogue included
     * @param key the API key
     * @param metrics where calls, tokens and cost are counted
     */
    public ChatCompletionsTeacher(LabelerConfig config, PromptTemplate prompt, ApiKey key, LabelerMetrics metrics) {
        config.validate();
        this.config = config;
        this.prompt = prompt;
        this.key = key;
        this.metrics = metrics;
        this.limits = RateLimits.of(config);
        this.client = new ChatCompletionsClient(config.getBaseUrl(), key, config.getTimeout());
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(config.getInitialBackoff(), 2.0, 0.5,
                config.getMaxBackoff());
        long maxBackoff = config.getMaxBackoff().toMillis();
        this.retry = Retry.of("sift-labeler", RetryConfig.<TeacherAnswer>custom()
                .maxAttempts(config.getMaxAttempts())
                .retryOnException(e -> e instanceof CallFailure f && f.result().retryable())
                .intervalBiFunction((attempt, outcome) -> {
                    long wait = backoff.apply(attempt);
                    if (outcome.isLeft() && outcome.getLeft() instanceof CallFailure f && f.retryAfter().isPresent()) {
                        wait = f.retryAfter().get().toMillis();
                    }
                    return Math.max(1, Math.min(wait, maxBackoff));
                })
                .build());
    }

    @Override
    public TeacherAnswer label(LlmRequest request) throws LabelingException, InterruptedException {
        String user = prompt.userMessage(request);
        if (request.getSnippet().getText().length() > config.getMaxSnippetChars()) {
            metrics.recordTruncated();
        }
        String body = requestBody(user);
        long estimate = prompt.estimatedInputTokens(user) + config.getMaxOutputTokens();
        AtomicInteger attempts = new AtomicInteger();
        AtomicReference<CallFailure> last = new AtomicReference<>();
        try {
            return retry.executeCheckedSupplier(() -> {
                attempts.incrementAndGet();
                try {
                    return callOnce(body, estimate);
                } catch (CallFailure f) {
                    last.set(f);
                    throw f;
                }
            });
        } catch (InterruptedException e) {
            throw e;
        } catch (CallFailure f) {
            throw new LabelingException(kindOf(f.result()), key.redact(f.getMessage())
                    + (attempts.get() > 1 ? " (after " + attempts.get() + " attempts)" : ""), attempts.get(), null);
        } catch (Throwable t) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("labeling interrupted");
            }
            CallFailure f = last.get();
            String message = f != null ? f.getMessage() : t.toString();
            throw new LabelingException(f != null ? kindOf(f.result()) : FailureKind.TEACHER_UNAVAILABLE,
                    key.redact(message), attempts.get(), null);
        }
    }

    private TeacherAnswer callOnce(String body, long estimate) throws CallFailure, InterruptedException {
        long taken = limits.acquire(estimate);
        long start = System.nanoTime();
        Usage usage = Usage.NONE;
        boolean answered = false;
        try {
            byte[] answer = client.post(body);
            answered = true;
            AnswerParser.Completion completion = parser.completion(answer, config.getModel());
            usage = completion.usage();
            TeacherAnswer labels = parser.labels(completion);
            metrics.recordCall(CallResult.OK, Duration.ofNanos(System.nanoTime() - start), usage);
            return labels;
        } catch (CallFailure f) {
            usage = f.usage().total() > 0 ? f.usage() : usage;
            metrics.recordCall(f.result(), Duration.ofNanos(System.nanoTime() - start), usage);
            throw f;
        } finally {
            // An answer without usage still cost about the estimate; an exchange that got no answer cost nothing.
            limits.settle(taken, usage.total() > 0 ? usage.total() : answered ? taken : 0);
        }
    }

    private String requestBody(String userMessage) {
        ObjectNode root = json.createObjectNode();
        root.put("model", config.getModel());
        root.put("temperature", 0);
        root.put("max_tokens", config.getMaxOutputTokens());
        if (config.isJsonMode()) {
            root.putObject("response_format").put("type", "json_object");
        }
        ArrayNode messages = root.putArray("messages");
        messages.addObject().put("role", "system").put("content", prompt.systemMessage());
        messages.addObject().put("role", "user").put("content", userMessage);
        try {
            return json.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a chat-completions request", e);
        }
    }

    private static FailureKind kindOf(CallResult result) {
        return switch (result) {
            case INVALID_ANSWER -> FailureKind.INVALID_ANSWER;
            case REFUSED -> FailureKind.REFUSED;
            case MISCONFIGURED -> FailureKind.MISCONFIGURED;
            default -> FailureKind.TEACHER_UNAVAILABLE;
        };
    }
}
