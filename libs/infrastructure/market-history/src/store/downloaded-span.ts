/** A half-open interval `[start, end)` of epoch ms. */
export interface TimeSpan {
  readonly start: number;
  readonly end: number;
}

/** Merges overlapping or touching spans; returns them sorted by start. */
export function mergeSpans(spans: readonly TimeSpan[]): TimeSpan[] {
  const sorted = [...spans].filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const merged: TimeSpan[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, span.end) };
    else merged.push(span);
  }
  return merged;
}

/** The parts of `[start, end)` that none of `covered` contains, oldest first. */
export function uncoveredSpans(wanted: TimeSpan, covered: readonly TimeSpan[]): TimeSpan[] {
  const missing: TimeSpan[] = [];
  let cursor = wanted.start;
  for (const span of mergeSpans(covered)) {
    if (span.end <= cursor) continue;
    if (span.start >= wanted.end) break;
    if (span.start > cursor) missing.push({ start: cursor, end: span.start });
    cursor = Math.max(cursor, span.end);
  }
  if (cursor < wanted.end) missing.push({ start: cursor, end: wanted.end });
  return missing;
}
