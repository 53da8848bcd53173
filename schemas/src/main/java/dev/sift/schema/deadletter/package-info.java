/**
 * Dead letters: the reason headers every record set aside by Sift carries, whichever part set it aside.
 */
package dev.sift.schema.deadletter;
