/**
 * What-if questions, asked before a policy changes: {@link dev.sift.gateway.whatif.WhatIf} replays a proposed policy on
 * recent recorded decisions (read from the decisions topic) through the same {@code ForwardRule} and
 * {@code ForwardBudget} the live filter decides with, without the model, and measures precision and recall against
 * labeled feedback when there is some; {@link dev.sift.gateway.whatif.AutoThresholds} proposes per-intent thresholds
 * for a forward budget. {@link dev.sift.gateway.whatif.WhatIfController} ({@code /what-if}, {@code /what-if/auto},
 * {@code /what-if/curves}) answers them within {@link dev.sift.gateway.whatif.WhatIfLimits} ({@code sift.what-if.*}), a
 * bounded number at once ({@link dev.sift.gateway.whatif.WhatIfAdmission}).
 *
 * <p>The forward rule is {@link dev.sift.gateway.policy}'s and is not restated here; how much of the model's output a
 * decision records (what makes the replay exact) is {@code dev.sift.gateway.topology.DecisionDetail}.
 */
package dev.sift.gateway.whatif;
