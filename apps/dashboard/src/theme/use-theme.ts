import { useEffect, useState } from 'react';

export type Theme = 'dark' | 'light';
const key = 'upbit-trader.theme';

function initialTheme(): Theme {
  const saved = localStorage.getItem(key);
  if (saved === 'dark' || saved === 'light') return saved;
  return matchMedia?.('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
}

/** Dark or light, following the system until the operator picks one (kept in localStorage: not a secret). */
export function useTheme(): [Theme, (theme: Theme) => void] {
  const [theme, setTheme] = useState<Theme>(initialTheme);
  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
  }, [theme]);
  return [
    theme,
    (next) => {
      localStorage.setItem(key, next);
      setTheme(next);
    },
  ];
}
