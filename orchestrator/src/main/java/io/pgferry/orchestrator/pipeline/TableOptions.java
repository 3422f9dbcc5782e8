package io.pgferry.orchestrator.pipeline;

/**
 * Per-table settings from the {@code tables} section.
 *
 * @param where a validated SQL condition limiting the rows copied, or null for all rows
 * @param whereLocation where the condition starts in the pipeline file (null when {@code where} is), so a
 *     later failure on the server can still point at the line the user wrote
 */
public record TableOptions(String where, Location whereLocation) {}
