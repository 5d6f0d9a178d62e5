import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The warning the trader logs at start when `dir` holds no built dashboard (it starts anyway; / answers 503). */
export function missingDashboardWarning(dir: string): string | null {
  if (existsSync(join(dir, 'index.html'))) return null;
  return `the dashboard is not built (no index.html in ${dir}): / answers 503 until \`npx nx run dashboard:build\` has run, or set TRADER_DASHBOARD_DIR to a built dashboard`;
}
