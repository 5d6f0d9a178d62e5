// npm run api-client [-- --check] [--out-dir DIR]
//
// Writes the dashboard's generated API files (apps/dashboard/src/api/openapi.json and schema.d.ts) from
// the trader's OpenAPI document. With --check it writes nothing and fails when a checked-in file differs
// from what it would write; `npm test` runs the check (tools/openapi/api-client.spec.ts).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
// The document comes from the trader app itself; an app has no import alias to reach it by.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { traderOpenApiDocument } from '../../apps/trader/src/bootstrap/trader-openapi-document';
import { apiClientDir, apiClientFiles } from './api-client-files';

const root = path.resolve(__dirname, '../..');

/** A file as the messages name it: from the repository root when it is inside it. */
function shown(file: string): string {
  const relative = path.relative(root, file);
  return relative.startsWith('..') ? file : relative;
}

interface Arguments {
  readonly check: boolean;
  readonly outDir: string;
}

function parseArguments(args: readonly string[]): Arguments {
  let check = false;
  let outDir = apiClientDir;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '--check') check = true;
    else if (arg === '--out-dir' && args[i + 1]) outDir = args[(i += 1)] ?? outDir;
    else throw new Error(`unknown argument ${arg ?? ''}; usage: npm run api-client [-- --check] [--out-dir DIR]`);
  }
  return { check, outDir };
}

async function readIfPresent(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

async function main(): Promise<number> {
  const { check, outDir } = parseArguments(process.argv.slice(2));
  const files = await apiClientFiles(await traderOpenApiDocument());
  const dir = path.resolve(root, outDir);
  if (check) {
    const stale: string[] = [];
    for (const file of files) {
      const target = path.join(dir, file.name);
      const current = await readIfPresent(target);
      if (current === null) stale.push(`${shown(target)} is missing`);
      else if (current !== file.text) stale.push(`${shown(target)} differs from the trader's OpenAPI document`);
    }
    for (const line of stale) console.error(`${line}: run npm run api-client`);
    if (stale.length === 0) console.log(`${files.map((f) => shown(path.join(dir, f.name))).join(' and ')} match the trader's OpenAPI document`);
    return stale.length === 0 ? 0 : 1;
  }
  await mkdir(dir, { recursive: true });
  for (const file of files) {
    await writeFile(path.join(dir, file.name), file.text);
    console.log(`wrote ${shown(path.join(dir, file.name))}`);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
