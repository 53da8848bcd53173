package dev.sift.gateway.topology;

/** What scoring made of one snippet: a decision, or a failure bound for the dead-letter topic. */
public sealed interface ScoringOutcome permits DecidedSnippet, FailedSnippet {
}
