import type { components } from '../../api/schema';

export type RiskLimits = components['schemas']['RiskLimitsResponse'];
export type RiskLimitsRequest = components['schemas']['RiskLimitsRequestDto'];

/** The form's text per field, named as the server names the field in its validation errors. */
export interface RiskLimitsForm {
  readonly maxNotionalPerOrder: string;
  readonly maxPositionPerMarket: string;
  readonly maxOpenOrders: string;
  readonly 'orderRate.maxOrders': string;
  readonly 'orderRate.perMs': string;
  readonly maxDailyLoss: string;
  readonly maxDrawdownPercent: string;
}

export type RiskLimitsField = keyof RiskLimitsForm;

export interface RiskLimitsFieldSpec {
  readonly field: RiskLimitsField;
  readonly label: string;
  readonly hint: string;
}

export const riskLimitsFields: readonly RiskLimitsFieldSpec[] = [
  { field: 'maxNotionalPerOrder', label: 'Max notional per order (KRW)', hint: 'the most one entry or add may spend' },
  { field: 'maxPositionPerMarket', label: 'Max position per market (KRW)', hint: 'cost basis held in one market, the order included' },
  { field: 'maxOpenOrders', label: 'Max open orders', hint: 'entries and adds are denied while this many are open' },
  { field: 'orderRate.maxOrders', label: 'Order rate: orders', hint: 'approvals allowed per window (Upbit allows 8 orders a second)' },
  { field: 'orderRate.perMs', label: 'Order rate: window (ms)', hint: 'the window of the order rate' },
  { field: 'maxDailyLoss', label: 'Max daily loss (KRW)', hint: 'realised loss in one UTC day that halts trading' },
  { field: 'maxDrawdownPercent', label: 'Max drawdown (%)', hint: 'fall of equity from its peak that halts trading' },
];

const empty: RiskLimitsForm = {
  maxNotionalPerOrder: '',
  maxPositionPerMarket: '',
  maxOpenOrders: '',
  'orderRate.maxOrders': '',
  'orderRate.perMs': '',
  maxDailyLoss: '',
  maxDrawdownPercent: '',
};

/** The form filled with the current limits (empty before any were configured). */
export function formFromLimits(limits: RiskLimits | null): RiskLimitsForm {
  if (!limits) return empty;
  return {
    maxNotionalPerOrder: limits.maxNotionalPerOrder,
    maxPositionPerMarket: limits.maxPositionPerMarket,
    maxOpenOrders: String(limits.maxOpenOrders),
    'orderRate.maxOrders': String(limits.orderRate.maxOrders),
    'orderRate.perMs': String(limits.orderRate.perMs),
    maxDailyLoss: limits.maxDailyLoss,
    maxDrawdownPercent: limits.maxDrawdownPercent,
  };
}

/**
 * Text that is not a whole number goes as NaN (null in JSON): the server refuses it and names the field,
 * so the page shows one set of rules, the server's.
 */
function integer(text: string): number {
  const trimmed = text.trim();
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** PUT /api/v1/risk/limits body: amounts stay decimal strings as typed, counts become integers. */
export function toRiskLimitsRequest(form: RiskLimitsForm): RiskLimitsRequest {
  return {
    quoteCurrency: 'KRW',
    maxNotionalPerOrder: form.maxNotionalPerOrder.trim(),
    maxPositionPerMarket: form.maxPositionPerMarket.trim(),
    maxOpenOrders: integer(form.maxOpenOrders),
    orderRate: { maxOrders: integer(form['orderRate.maxOrders']), perMs: integer(form['orderRate.perMs']) },
    maxDailyLoss: form.maxDailyLoss.trim(),
    maxDrawdownPercent: form.maxDrawdownPercent.trim(),
  };
}

/** The fields the form changed, against the limits in force. */
export function changedFields(form: RiskLimitsForm, limits: RiskLimits | null): RiskLimitsField[] {
  const current = formFromLimits(limits);
  return riskLimitsFields.map((spec) => spec.field).filter((field) => form[field].trim() !== current[field]);
}
