// Amounts arrive as decimal strings (KRW and coin volumes); sums stay exact (scaled BigInt), and only
// the chart turns them into numbers to draw.

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

interface Scaled {
  readonly units: bigint;
  readonly scale: number;
}

function parse(value: string): Scaled {
  const match = DECIMAL.exec(value.trim());
  if (!match) throw new Error(`not a decimal amount: ${JSON.stringify(value)}`);
  const [, sign, whole, fraction = ''] = match;
  const units = BigInt(`${whole}${fraction}`);
  return { units: sign ? -units : units, scale: fraction.length };
}

function rescale(value: Scaled, scale: number): bigint {
  return value.units * 10n ** BigInt(scale - value.scale);
}

function render(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? digits.slice(-scale).replace(/0+$/, '') : '';
  const text = fraction ? `${whole}.${fraction}` : whole;
  return negative && text !== '0' ? `-${text}` : text;
}

/** The exact sum of decimal strings ('0' for none). */
export function sumDecimals(values: readonly string[]): string {
  const parsed = values.map(parse);
  const scale = Math.max(0, ...parsed.map((value) => value.scale));
  return render(parsed.reduce((total, value) => total + rescale(value, scale), 0n), scale);
}

/** -1, 0 or 1: whether the amount is below, at or above zero. */
export function signOf(value: string): -1 | 0 | 1 {
  const { units } = parse(value);
  return units < 0n ? -1 : units > 0n ? 1 : 0;
}

/** Thousands separators, at most `maxFraction` decimals (cut, not rounded: an amount shown is never more than held). */
export function formatAmount(value: string, maxFraction = 8): string {
  const { units, scale } = parse(value);
  const exact = render(units, scale);
  const negative = exact.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? exact.slice(1) : exact).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const shown = fraction.slice(0, maxFraction).replace(/0+$/, '');
  const text = shown ? `${grouped}.${shown}` : grouped;
  return negative && /[1-9]/.test(text) ? `-${text}` : text;
}

/** A signed amount for PnL: `+1,200`, `-350`, `0`. */
export function formatSigned(value: string, maxFraction = 0): string {
  const text = formatAmount(value, maxFraction);
  return signOf(value) > 0 && /[1-9]/.test(text) ? `+${text}` : text;
}

/**
 * The CSS class for a PnL amount as shown with `maxFraction` decimals: `up` above zero, `down` below
 * (Upbit's colours), none when it shows as zero (a coloured "0" would say more than the figure does).
 */
export function pnlClass(value: string, maxFraction = 0): string {
  if (!/[1-9]/.test(formatAmount(value, maxFraction))) return '';
  return signOf(value) > 0 ? 'up' : 'down';
}
