package io.pgferry.loader;

import io.pgferry.extractor.QualifiedName;
import java.time.Duration;

/**
 * A table copied and committed.
 *
 * @param rows rows the target accepted (as reported by the target's COPY)
 * @param bytes COPY text bytes sent to the target
 * @param transformed whether any column went through a transformer
 */
public record TableResult(
    QualifiedName source, QualifiedName target, long rows, long bytes, Duration elapsed, boolean transformed) {}
