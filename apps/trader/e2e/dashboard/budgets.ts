import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const budgetDir = resolve(__dirname, '../../../../tmp/dashboard-budgets');

/** Writes one page's measured figures to tmp/dashboard-budgets/<name>.json and prints them. */
export function recordBudget(name: string, figures: Record<string, number | string>): void {
  mkdirSync(budgetDir, { recursive: true });
  writeFileSync(join(budgetDir, `${name}.json`), `${JSON.stringify({ measuredAt: new Date().toISOString(), ...figures }, null, 2)}\n`);
  console.log(`dashboard budget ${name}: ${Object.entries(figures).map(([key, value]) => `${key}=${value}`).join(' ')}`);
}
