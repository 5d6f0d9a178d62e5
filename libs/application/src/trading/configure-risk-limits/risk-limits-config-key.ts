/**
 * A change of the risk limits is a session config change under this key: applied at once when no
 * order is in flight, deferred until the last one ends otherwise, so limits never change under an
 * order the old limits approved. The `deferred-risk-limits` lane handler applies every
 * `ConfigChangeApplied` of this key, in log order, so the newest change always wins.
 */
export const RISK_LIMITS_CONFIG_KEY = 'risk.limits';
