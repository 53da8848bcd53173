/**
 * model-ops as a long-running Micronaut service ({@link dev.sift.modelops.service.ModelOpsService}, beans only in its
 * own environment): {@link dev.sift.modelops.service.ReoptimizationSchedule} and
 * {@link dev.sift.modelops.service.ModelOpsController} ({@code POST /optimize}, {@code GET /runs/last}, bundle
 * downloads) start a {@link dev.sift.modelops.service.ReoptimizationJob}, which samples recent traffic for
 * calibration ({@link dev.sift.modelops.service.TrafficSampler}), retrains on the teacher's labels when they can judge
 * a model, else runs the accuracy-gated search on the base bundle, and publishes what beats the live release. Runs are
 * reported as {@link dev.sift.modelops.service.RunStatus} and shown as {@link dev.sift.modelops.service.RunView},
 * without paths or exception text; {@link dev.sift.modelops.service.ServiceConfig} is {@code sift.model-ops.*}.
 *
 * <p>Not here: the retraining run and its triggers ({@code dev.sift.modelops.retrain}), the labeler
 * ({@code dev.sift.modelops.label}), the training set and the quality estimate ({@code dev.sift.modelops.learning}),
 * and who may call what ({@code dev.sift.http.auth}).
 */
package dev.sift.modelops.service;
