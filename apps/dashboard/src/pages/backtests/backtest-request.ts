import type { components } from '../../api/schema';

export type RunBacktestRequest = components['schemas']['RunBacktestRequestDto'];

/** The start form as the inputs hold it: text, so a half-typed value is kept as typed. */
export interface BacktestFormValues {
  readonly strategyId: string;
  readonly markets: string;
  /** `datetime-local` values (`2026-01-01T00:00`), meant as UTC. */
  readonly from: string;
  readonly to: string;
  readonly initialKrw: string;
  readonly fee: string;
  readonly slippageBps: string;
}

/**
 * The form as POST /api/v1/backtests takes it. Blank optional fields are left out so the server's
 * defaults apply; everything else is passed as typed, so the server's rules (and their field errors)
 * are the only ones.
 */
export function toBacktestRequest(form: BacktestFormValues): RunBacktestRequest {
  const strategyId = form.strategyId.trim();
  const initialKrw = form.initialKrw.trim();
  const fee = form.fee.trim();
  const slippage = form.slippageBps.trim();
  return {
    ...(strategyId ? { strategyId } : {}),
    markets: form.markets
      .split(/[\s,]+/)
      .filter((market) => market !== '')
      .map((market) => market.toUpperCase()),
    from: asUtc(form.from),
    to: asUtc(form.to),
    ...(initialKrw ? { initialKrw } : {}),
    ...(fee ? { fee } : {}),
    ...(slippage ? { slippageBps: Number(slippage) } : {}),
  };
}

/** `2026-01-01T00:00` (a datetime-local input, which has no zone) as the UTC time `2026-01-01T00:00:00Z`. */
export function asUtc(local: string): string {
  const text = local.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(text)) return `${text}:00Z`;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(text)) return `${text}Z`;
  return text;
}
