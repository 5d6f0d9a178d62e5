import { type FormEvent, useState } from 'react';
import { api } from '../api/client';
import { saveToken } from './token-store';

/**
 * Asks for the admin token and checks it against the API before keeping it: a wrong token is refused
 * here, with the server's answer, instead of failing on every page afterwards.
 */
export function LoginPage() {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const { response } = await api.GET('/api/v1/runtime', { headers: { Authorization: `Bearer ${token.trim()}` } });
      if (response.ok) saveToken(token.trim());
      else setError(response.status === 401 ? 'The trader refused this token.' : `The trader answered ${response.status}.`);
    } catch {
      setError('The trader cannot be reached.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login panel">
      <h1>upbit-trader</h1>
      <form onSubmit={(event) => void submit(event)}>
        <label htmlFor="token">Admin token</label>
        <input id="token" name="token" type="password" autoComplete="current-password" required value={token} onChange={(event) => setToken(event.target.value)} aria-describedby="token-help" aria-invalid={error ? true : undefined} />
        <p id="token-help" className="muted">
          TRADER_TOKEN, or the token the trader printed (or wrote to <code>admin-token</code> beside its database) at start. It is kept in this tab only.
        </p>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button className="primary" type="submit" disabled={busy || token.trim() === ''}>
          Log in
        </button>
      </form>
    </main>
  );
}
