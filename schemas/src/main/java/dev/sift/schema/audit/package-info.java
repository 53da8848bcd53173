/**
 * The audit sample's rule: which dropped snippets go to the teacher at a given rate. Shared by the gateways that draw
 * the sample and by whoever needs to know which snippets were eligible (tests, an auditor).
 */
package dev.sift.schema.audit;
