// The admin token lives in sessionStorage: it survives a reload of the tab, dies with the tab, and
// never appears in a URL, a cookie or localStorage shared with other tabs.
const key = 'upbit-trader.admin-token';

type Listener = (token: string | null) => void;
const listeners = new Set<Listener>();

export function readToken(): string | null {
  return sessionStorage.getItem(key);
}

export function saveToken(token: string): void {
  sessionStorage.setItem(key, token);
  listeners.forEach((listener) => listener(token));
}

export function clearToken(): void {
  sessionStorage.removeItem(key);
  listeners.forEach((listener) => listener(null));
}

/** Called with the new token (or null after a logout or a 401); returns the unsubscribe function. */
export function onTokenChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
