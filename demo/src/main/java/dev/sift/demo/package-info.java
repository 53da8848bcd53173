/**
 * {@code sift-demo}: {@link dev.sift.demo.DemoMain} starts a real local broker and the gateway with the default model,
 * replays a stream of snippets and prints a {@code RunSummary} of what reached the LLM; {@code sift-demo load}
 * ({@code LoadCommand}) is a load generator that acts as a platform on an existing cluster. The snippets come from
 * {@link dev.sift.demo.ConversationGenerator}, a seedable generator of interleaved multi-party conversations filled
 * from a {@link dev.sift.demo.PhraseBank} (each a {@link dev.sift.demo.GeneratedSnippet} with the intent it was written
 * for), or from a JSONL or CSV file ({@link dev.sift.demo.SnippetFiles}).
 *
 * <p>The demo only drives the product: the broker is {@code dev.sift.localkafka}, the gateway
 * {@code dev.sift.gateway.EmbeddedGateway}, the default model {@code dev.sift.modelops.bundle.DefaultBundle}.
 */
package dev.sift.demo;
