import { Suspense } from 'react';
import { clearToken } from '../auth/token-store';
import { useLiveStatus } from '../live/use-live-events';
import { useTheme } from '../theme/use-theme';
import { pages } from './pages';
import { Link, useRoute } from './router';

const liveLabel = { idle: 'live: off', connecting: 'live: connecting', open: 'live', reconnecting: 'live: reconnecting' } as const;
const liveClass = { idle: 'warn', connecting: 'warn', open: 'ok', reconnecting: 'danger' } as const;

/** Navigation, the live connection's state, the theme switch and logout around the current page. */
export function Shell() {
  const { path } = useRoute();
  const status = useLiveStatus();
  const [theme, setTheme] = useTheme();
  const page = pages.find((entry) => entry.path === path);
  const Page = page?.component;

  return (
    <div className="shell">
      <nav aria-label="Pages">
        {pages.map((entry) => (
          <Link key={entry.path} href={entry.path} aria-current={entry.path === path ? 'page' : undefined}>
            {entry.title}
          </Link>
        ))}
      </nav>
      <div>
        <header>
          <strong>upbit-trader{page ? ` · ${page.title}` : ''}</strong>
          <div className="row">
            <span className={`badge ${liveClass[status]}`} data-testid="live-status" role="status">
              {liveLabel[status]}
            </span>
            <button type="button" onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')} aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}>
              {theme === 'dark' ? 'Light' : 'Dark'} theme
            </button>
            <button type="button" onClick={clearToken}>
              Log out
            </button>
          </div>
        </header>
        <main>
          {Page ? (
            <Suspense fallback={<p className="muted">Loading…</p>}>
              <Page />
            </Suspense>
          ) : (
            <p>
              No page at {path}. <Link href="/">Overview</Link>
            </p>
          )}
        </main>
      </div>
    </div>
  );
}
