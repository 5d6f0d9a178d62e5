import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import type { RiskLimits, RiskLimitsRequest } from './risk-limits-form';

export type RiskLimitsChange = components['schemas']['RiskLimitsChangeResponse'];

export const loadRisk = () => ok(api.GET('/api/v1/risk'));

export interface SavedLimits {
  /** The limits in force after the change, as the server reads them back. */
  readonly inForce: RiskLimits | null;
  /** The server's 202 answer when the change waits for orders in flight (none when it applied at once). */
  readonly change: RiskLimitsChange | undefined;
}

/** PUT the limits, then read back the limits in force: the page says applied only when they match. */
export async function saveLimits(body: RiskLimitsRequest): Promise<SavedLimits> {
  const change = await ok(api.PUT('/api/v1/risk/limits', { body }));
  return { inForce: (await loadRisk()).limits, change: change ?? undefined };
}
