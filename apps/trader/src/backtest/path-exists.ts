import { access } from 'node:fs/promises';

/** Whether a file is there, without blocking the event loop (a backtest may start inside the running trader). */
export async function pathExists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
