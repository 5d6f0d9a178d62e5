import { ConcurrencyError } from '../ports/event-store.errors';

/**
 * Runs a load-decide-save step again when another command changed the same stream in between (the
 * session and the risk policy are single streams every order passes through). The step must be safe to
 * repeat: it decides again on the fresh state.
 */
export async function retryOnConflict<T>(step: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await step();
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= attempts) throw error;
    }
  }
}
