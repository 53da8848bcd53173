/**
 * The audit sample's rule, shared by the gateways that draw it and model-ops that estimates from it: which dropped
 * snippets go to the teacher at a given rate.
 */
package dev.sift.schema.audit;
