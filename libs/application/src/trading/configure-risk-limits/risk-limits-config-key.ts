/**
 * A change of the risk limits is a session config change under this key: applied at once when no
 * order is in flight, deferred until the last one ends otherwise, so the orders in flight when it was
 * asked for finish under the limits that approved them. The `risk-limits-change` lane handler (config
 * lane) applies every `ConfigChangeApplied` of this key, in log order, so the newest change wins.
 * One gap is left: an order approved between the session applying the change and that handler
 * writing the limits (one lane hop, milliseconds) was approved under the old limits and sees the new
 * ones arrive while it is open.
 */
export const RISK_LIMITS_CONFIG_KEY = 'risk.limits';
