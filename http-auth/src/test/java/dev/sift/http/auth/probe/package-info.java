/** A tiny service with one route per access mark (and one unmarked), to test the access rule on a real server. */
package dev.sift.http.auth.probe;
