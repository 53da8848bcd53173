package dev.sift.gateway.topology;

/** What scoring made of one snippet: its encoded outputs, or a failure bound for the dead-letter topic. */
public sealed interface ScoringOutcome permits DecisionOutputs, FailedSnippet {
}
