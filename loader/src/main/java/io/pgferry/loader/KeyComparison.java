package io.pgferry.loader;

/**
 * What one table's key comparison ({@code --delete}, append mode) cost.
 *
 * @param sourceQueries comparison queries sent to the source (not counting the reads of rows to copy)
 * @param targetQueries comparison queries sent to the target (not counting deletes)
 * @param buckets hash buckets whose summaries were compared
 * @param differingBuckets buckets whose keys were listed
 * @param keysListed keys listed, both sides together
 */
public record KeyComparison(long sourceQueries, long targetQueries, long buckets, long differingBuckets, long keysListed) {}
