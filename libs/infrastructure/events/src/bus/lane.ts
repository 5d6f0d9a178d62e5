/**
 * The five handler lanes, highest priority first (the original design's CRITICAL_TRADING ...
 * LOWEST_CLEANUP). Each lane has its own bounded queue and worker, so a busy lane never holds up
 * another, and lower lanes step aside while a higher one has work.
 */
export const lanes = ['critical-trading', 'high-safety', 'medium-config', 'low-logging', 'lowest-cleanup'] as const;

export type Lane = (typeof lanes)[number];
