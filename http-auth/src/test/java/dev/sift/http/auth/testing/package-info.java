/**
 * The access table: a test fixture that sends every method, every spelling of every path and every credential below
 * the one a route needs to a real Sift HTTP server, and lists each request that was not refused. Shared by the
 * services' tests through this module's test jar.
 */
package dev.sift.http.auth.testing;
