/**
 * Progress of long model-ops steps: {@link dev.sift.modelops.console.Progress} is what the steps report to
 * ({@code Progress.NONE} in the service and in tests), {@link dev.sift.modelops.console.ConsoleProgress} draws it as
 * progress bars on standard error for the command line.
 */
package dev.sift.modelops.console;
