import { readFile } from 'node:fs/promises';
import { AdminClient } from './admin-client';
import { CliOutput, CliUsageError } from './cli-output';

/**
 * `strategy import <file>`: defines the strategy in the file, or revises it when its id exists (the
 * file must then carry a higher version). `strategy export <id>`: prints its current definition.
 * Both go through the running trader's admin API, so its validation and events apply.
 */
export async function strategyCommand(client: AdminClient, args: readonly string[], output: CliOutput): Promise<void> {
  const [action, target] = args;
  if (action === 'export' && target) {
    const { status, body } = await client.request('GET', `/api/v1/strategies/${encodeURIComponent(target)}`);
    if (status !== 200) throw new CliUsageError(`no strategy ${target}: ${JSON.stringify(body)}`);
    output.out(JSON.stringify(body, null, 2));
    return;
  }
  if (action === 'import' && target) {
    let definition: unknown;
    try {
      definition = JSON.parse(await readFile(target, 'utf8')) as unknown;
    } catch (error) {
      throw new CliUsageError(`cannot read a strategy from ${target}: ${(error as Error).message}`);
    }
    const id = typeof definition === 'object' && definition !== null && 'id' in definition ? String((definition as { id: unknown }).id) : '';
    let response = await client.request('POST', '/api/v1/strategies', definition);
    if (response.status === 409 && id) response = await client.request('PUT', `/api/v1/strategies/${encodeURIComponent(id)}`, definition);
    if (response.status >= 400) throw new CliUsageError(`the trader refused the strategy: ${JSON.stringify(response.body)}`);
    output.out(`imported ${id}`);
    return;
  }
  throw new CliUsageError('usage: strategy import <file> | strategy export <id>');
}
