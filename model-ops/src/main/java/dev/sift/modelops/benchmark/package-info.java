/**
 * Measurements of model-ops' own work: head training time against quality, variants side by side in one run.
 */
package dev.sift.modelops.benchmark;
