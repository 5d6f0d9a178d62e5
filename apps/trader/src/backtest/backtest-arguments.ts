import { CliUsageError } from '../cli/cli-output';

/** Flags a command takes: name → whether it takes a value. */
export type FlagSpec = Readonly<Record<string, 'value' | 'switch' | 'repeat'>>;

export interface ParsedFlags {
  readonly values: ReadonlyMap<string, string>;
  readonly repeated: ReadonlyMap<string, readonly string[]>;
  readonly switches: ReadonlySet<string>;
}

/** Parses `--name value` and `--switch` flags; an unknown flag or a missing value is a usage error naming it. */
export function parseFlags(args: readonly string[], spec: FlagSpec): ParsedFlags {
  const values = new Map<string, string>();
  const repeated = new Map<string, string[]>();
  const switches = new Set<string>();
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    const name = arg.startsWith('--') ? arg.slice(2) : null;
    const kind = name === null ? undefined : spec[name];
    if (name === null || kind === undefined) throw new CliUsageError(`unknown argument "${arg}"; known flags: ${Object.keys(spec).map((f) => `--${f}`).join(' ')}`);
    if (kind === 'switch') {
      switches.add(name);
      continue;
    }
    const value = args[i + 1];
    if (value === undefined || value.startsWith('--')) throw new CliUsageError(`--${name} needs a value`);
    i += 1;
    if (kind === 'repeat') repeated.set(name, [...(repeated.get(name) ?? []), value]);
    else if (values.has(name)) throw new CliUsageError(`--${name} is given twice`);
    else values.set(name, value);
  }
  return { values, repeated, switches };
}

/** A non-negative decimal given as text (money and fees stay exact). */
export function parseDecimal(flag: string, text: string, options: { positive?: boolean; max?: number } = {}): string {
  if (!/^\d+(\.\d+)?$/.test(text)) throw new CliUsageError(`--${flag} "${text}" is not a non-negative decimal number`);
  if (options.positive && Number(text) <= 0) throw new CliUsageError(`--${flag} must be more than 0`);
  if (options.max !== undefined && Number(text) > options.max) throw new CliUsageError(`--${flag} must be at most ${options.max}`);
  return text;
}
