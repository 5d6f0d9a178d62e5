import { access } from 'node:fs/promises';

/** True when `path` exists (without blocking the loop, unlike existsSync). */
export async function fileExists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
