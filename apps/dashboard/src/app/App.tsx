import { useEffect } from 'react';
import { LoginPage } from '../auth/LoginPage';
import { useToken } from '../auth/useToken';
import { liveEvents } from '../live/live-event-stream';
import { Shell } from './Shell';

/** Logged out: the login form. Logged in: the pages, with one live connection for all of them. */
export function App() {
  const token = useToken();
  // The shell's indicator and every page share the live connection; holding it here keeps it open
  // across page changes instead of reconnecting on each.
  useEffect(() => (token ? liveEvents.subscribe(() => undefined) : undefined), [token]);
  return token ? <Shell /> : <LoginPage />;
}
