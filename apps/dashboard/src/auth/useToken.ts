import { useSyncExternalStore } from 'react';
import { onTokenChange, readToken } from './token-store';

/** The admin token, re-rendering on login, logout and a refused token. */
export function useToken(): string | null {
  return useSyncExternalStore((notify) => onTokenChange(() => notify()), readToken);
}
