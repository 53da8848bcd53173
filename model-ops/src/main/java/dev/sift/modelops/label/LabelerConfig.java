package dev.sift.modelops.label;

import dev.sift.modelops.service.ModelOpsService;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import java.time.Duration;

/**
 * {@code sift.labeler.*}: where the teacher is, what it may label, how fast and how hard it is pushed, and what it
 * costs. The API key is not configuration: it comes from the environment variable {@value #API_KEY_VARIABLE} only, so
 * that no configuration dump, endpoint or log ever holds it. Defaults are named constants; every key is documented in
 * {@code application-model-ops.yml} and docs/learning-loop.md.
 */
@ConfigurationProperties("sift.labeler")
@Requires(env = {ModelOpsService.ENVIRONMENT, LabelerConfig.CLI_ENVIRONMENT})
public class LabelerConfig {

    /** The environment variable holding the API key (empty or unset: no Authorization header, e.g. local servers). */
    public static final String API_KEY_VARIABLE = "SIFT_LLM_API_KEY";
    /** The Micronaut environment of {@code model-ops label} (configuration only, none of the service's beans). */
    public static final String CLI_ENVIRONMENT = "model-ops-label";

    /** Default base URL of the chat-completions API. */
    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    /** Default model. */
    public static final String DEFAULT_MODEL = "gpt-4o-mini";
    /** Default consumer group of labelers: the service and the one-shot command share it. */
    public static final String DEFAULT_GROUP_ID = "sift.labeler";
    /** Default records per transaction. */
    public static final int DEFAULT_BATCH_SIZE = 32;
    /** Default calls in flight at once. */
    public static final int DEFAULT_CONCURRENCY = 4;
    /** Default time one call may take, answer included. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** Default calls per request, the first included. */
    public static final int DEFAULT_MAX_ATTEMPTS = 4;
    /** Default first backoff. */
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
    /** Default longest backoff, also the longest Retry-After honoured. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
    /** Default calls per second. */
    public static final double DEFAULT_REQUESTS_PER_SECOND = 5;
    /** Default tokens (input and output) per minute. */
    public static final long DEFAULT_TOKENS_PER_MINUTE = 200_000;
    /** Default answer length cap. */
    public static final int DEFAULT_MAX_OUTPUT_TOKENS = 256;
    /** Default longest snippet text sent. */
    public static final int DEFAULT_MAX_SNIPPET_CHARS = 4000;
    /** Default longest time one batch may take before the group considers the labeler dead. */
    public static final Duration DEFAULT_MAX_BATCH_TIME = Duration.ofMinutes(10);

    /** Where a new consumer group starts reading. */
    public enum StartFrom {
        /** The oldest request still on the topics: everything gets labeled (mind the cost). */
        EARLIEST,
        /** Only requests arriving after the group first starts. */
        LATEST
    }

    private boolean enabled;
    private String baseUrl = DEFAULT_BASE_URL;
    private String model = DEFAULT_MODEL;
    private String catalogue = "";
    private String prompt = "";
    private String groupId = DEFAULT_GROUP_ID;
    private String instanceId = "";
    private StartFrom startFrom = StartFrom.EARLIEST;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private int concurrency = DEFAULT_CONCURRENCY;
    private Duration timeout = DEFAULT_TIMEOUT;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
    private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
    private double requestsPerSecond = DEFAULT_REQUESTS_PER_SECOND;
    private long tokensPerMinute = DEFAULT_TOKENS_PER_MINUTE;
    private int maxOutputTokens = DEFAULT_MAX_OUTPUT_TOKENS;
    private int maxSnippetChars = DEFAULT_MAX_SNIPPET_CHARS;
    private boolean jsonMode = true;
    private double inputPricePerMillion;
    private double outputPricePerMillion;
    private String currency = "USD";
    private Duration maxBatchTime = DEFAULT_MAX_BATCH_TIME;

    /** @return whether {@code model-ops serve} runs the labeler */
    public boolean isEnabled() {
        return enabled;
    }

    /** @param enabled whether {@code model-ops serve} runs the labeler */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** @return base URL of the OpenAI-compatible API; calls go to {@code {base-url}/chat/completions} */
    public String getBaseUrl() {
        return baseUrl;
    }

    /** @param baseUrl base URL of the OpenAI-compatible API */
    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** @return model name sent with each call */
    public String getModel() {
        return model;
    }

    /** @param model model name sent with each call */
    public void setModel(String model) {
        this.model = model;
    }

    /** @return intent catalogue file (YAML or JSON); empty for the shipped one */
    public String getCatalogue() {
        return catalogue;
    }

    /** @param catalogue intent catalogue file */
    public void setCatalogue(String catalogue) {
        this.catalogue = catalogue;
    }

    /** @return prompt template file; empty for the shipped one */
    public String getPrompt() {
        return prompt;
    }

    /** @param prompt prompt template file */
    public void setPrompt(String prompt) {
        this.prompt = prompt;
    }

    /** @return consumer group of the labelers */
    public String getGroupId() {
        return groupId;
    }

    /** @param groupId consumer group of the labelers */
    public void setGroupId(String groupId) {
        this.groupId = groupId;
    }

    /**
     * @return this labeler's stable name (static group membership and transactional id: a restarted labeler takes
     *     over at once and rolls back what its crashed predecessor left open); empty for the host name
     */
    public String getInstanceId() {
        return instanceId;
    }

    /** @param instanceId this labeler's stable name */
    public void setInstanceId(String instanceId) {
        this.instanceId = instanceId;
    }

    /** @return where a new consumer group starts */
    public StartFrom getStartFrom() {
        return startFrom;
    }

    /** @param startFrom where a new consumer group starts */
    public void setStartFrom(StartFrom startFrom) {
        this.startFrom = startFrom;
    }

    /** @return records per poll and per transaction */
    public int getBatchSize() {
        return batchSize;
    }

    /** @param batchSize records per poll and per transaction */
    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    /** @return calls to the teacher in flight at once */
    public int getConcurrency() {
        return concurrency;
    }

    /** @param concurrency calls in flight at once */
    public void setConcurrency(int concurrency) {
        this.concurrency = concurrency;
    }

    /** @return time one call may take, answer included */
    public Duration getTimeout() {
        return timeout;
    }

    /** @param timeout time one call may take */
    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    /** @return calls per request, the first included */
    public int getMaxAttempts() {
        return maxAttempts;
    }

    /** @param maxAttempts calls per request, the first included */
    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    /** @return first backoff (doubled each retry, with jitter) */
    public Duration getInitialBackoff() {
        return initialBackoff;
    }

    /** @param initialBackoff first backoff */
    public void setInitialBackoff(Duration initialBackoff) {
        this.initialBackoff = initialBackoff;
    }

    /** @return longest backoff, also the longest Retry-After honoured */
    public Duration getMaxBackoff() {
        return maxBackoff;
    }

    /** @param maxBackoff longest backoff */
    public void setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
    }

    /** @return calls per second (token bucket); 0 for no limit */
    public double getRequestsPerSecond() {
        return requestsPerSecond;
    }

    /** @param requestsPerSecond calls per second; 0 for no limit */
    public void setRequestsPerSecond(double requestsPerSecond) {
        this.requestsPerSecond = requestsPerSecond;
    }

    /** @return input and output tokens per minute (token bucket); 0 for no limit */
    public long getTokensPerMinute() {
        return tokensPerMinute;
    }

    /** @param tokensPerMinute tokens per minute; 0 for no limit */
    public void setTokensPerMinute(long tokensPerMinute) {
        this.tokensPerMinute = tokensPerMinute;
    }

    /** @return answer length cap sent as {@code max_tokens} */
    public int getMaxOutputTokens() {
        return maxOutputTokens;
    }

    /** @param maxOutputTokens answer length cap */
    public void setMaxOutputTokens(int maxOutputTokens) {
        this.maxOutputTokens = maxOutputTokens;
    }

    /** @return longest snippet text sent; longer ones are cut */
    public int getMaxSnippetChars() {
        return maxSnippetChars;
    }

    /** @param maxSnippetChars longest snippet text sent */
    public void setMaxSnippetChars(int maxSnippetChars) {
        this.maxSnippetChars = maxSnippetChars;
    }

    /** @return whether to ask for JSON mode ({@code response_format: json_object}) */
    public boolean isJsonMode() {
        return jsonMode;
    }

    /** @param jsonMode whether to ask for JSON mode */
    public void setJsonMode(boolean jsonMode) {
        this.jsonMode = jsonMode;
    }

    /** @return price of one million input tokens */
    public double getInputPricePerMillion() {
        return inputPricePerMillion;
    }

    /** @param inputPricePerMillion price of one million input tokens */
    public void setInputPricePerMillion(double inputPricePerMillion) {
        this.inputPricePerMillion = inputPricePerMillion;
    }

    /** @return price of one million output tokens */
    public double getOutputPricePerMillion() {
        return outputPricePerMillion;
    }

    /** @param outputPricePerMillion price of one million output tokens */
    public void setOutputPricePerMillion(double outputPricePerMillion) {
        this.outputPricePerMillion = outputPricePerMillion;
    }

    /** @return currency of the prices, for display */
    public String getCurrency() {
        return currency;
    }

    /** @param currency currency of the prices */
    public void setCurrency(String currency) {
        this.currency = currency;
    }

    /** @return longest time one batch may take before the group gives its partitions to another labeler */
    public Duration getMaxBatchTime() {
        return maxBatchTime;
    }

    /** @param maxBatchTime longest time one batch may take */
    public void setMaxBatchTime(Duration maxBatchTime) {
        this.maxBatchTime = maxBatchTime;
    }

    /**
     * @throws IllegalArgumentException naming the first setting out of range
     */
    public void validate() {
        require(!baseUrl.isBlank() && (baseUrl.startsWith("http://") || baseUrl.startsWith("https://")),
                "base-url must be an http(s) URL");
        require(!model.isBlank(), "model must not be blank");
        require(!groupId.isBlank(), "group-id must not be blank");
        require(batchSize >= 1, "batch-size must be at least 1");
        require(concurrency >= 1, "concurrency must be at least 1");
        require(maxAttempts >= 1, "max-attempts must be at least 1");
        require(positive(timeout) && positive(initialBackoff) && positive(maxBackoff) && positive(maxBatchTime),
                "timeout, initial-backoff, max-backoff and max-batch-time must be positive");
        require(requestsPerSecond >= 0 && tokensPerMinute >= 0, "rate limits must be 0 (none) or positive");
        require(maxOutputTokens >= 1 && maxSnippetChars >= 1,
                "max-output-tokens and max-snippet-chars must be positive");
        require(inputPricePerMillion >= 0 && outputPricePerMillion >= 0, "prices must not be negative");
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("sift.labeler." + message);
        }
    }

    @Override
    public String toString() {
        return "LabelerConfig[base-url=" + baseUrl + ", model=" + model + ", group-id=" + groupId + ", batch-size="
                + batchSize + ", concurrency=" + concurrency + ", timeout=" + timeout + ", max-attempts=" + maxAttempts
                + ", requests-per-second=" + requestsPerSecond + ", tokens-per-minute=" + tokensPerMinute + "]";
    }
}
