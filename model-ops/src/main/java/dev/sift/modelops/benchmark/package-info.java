/**
 * Measurements of model-ops' own work: head training time against quality, variants side by side in one run; the
 * learning curve of the learning loop (test figures as teacher labels arrive).
 */
package dev.sift.modelops.benchmark;
