import { api, ok } from '../../api/client';
import type { RiskLimitsRequest } from './risk-limits-form';

export const loadRisk = () => ok(api.GET('/api/v1/risk'));

/** PUT the limits, then read back the limits in force: the page says applied only when they match. */
export async function saveLimits(body: RiskLimitsRequest) {
  await ok(api.PUT('/api/v1/risk/limits', { body }));
  return (await loadRisk()).limits;
}
