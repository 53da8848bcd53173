/**
 * Who may call what over HTTP, the same way for every Sift service (the gateway and model-ops): a route is served only
 * to a request whose credential holds the level marked on the route's method ({@link dev.sift.http.auth.Access},
 * checked by Micronaut Security through the route the request resolved to); a route without a mark, and a path no
 * route serves, is refused to everyone. Credentials are the service's ops token (changes and reads) and read token
 * (reads), as a bearer token or as the HTTP Basic password, compared in constant time and never logged.
 */
package dev.sift.http.auth;
