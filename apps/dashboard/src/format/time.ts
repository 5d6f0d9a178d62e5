const pad = (value: number) => String(value).padStart(2, '0');

/** Epoch ms as local `YYYY-MM-DD HH:mm:ss`: sortable, and the same width on every row. */
export function formatTime(epochMs: number): string {
  const at = new Date(epochMs);
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
}
