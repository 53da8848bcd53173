/**
 * The {@code model-ops} command line ({@link dev.sift.modelops.cli.ModelOpsCli}, picocli): one class per subcommand
 * ({@code build-default}, {@code train}, {@code evaluate}, {@code optimize}, {@code import}, {@code pack},
 * {@code inspect}, {@code keygen}, {@code publish}, {@code label}, {@code serve}, {@code benchmark-training}), with the
 * shared options in {@code DatasetOptions} and {@code EncoderOptions}.
 *
 * <p>The commands parse options and print; the work is in the feature packages ({@code bundle}, {@code train},
 * {@code evaluate}, {@code optimize}, {@code publish}, {@code label}), and {@code serve} starts
 * {@link dev.sift.modelops.service}.
 */
package dev.sift.modelops.cli;
