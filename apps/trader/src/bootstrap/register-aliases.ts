import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { register } from 'tsconfig-paths';

/**
 * The compiled app mirrors the repository layout under dist/trader, and Node does not know our
 * `@trader/*` import aliases. Map each alias to its compiled index file, from the same table
 * (tsconfig.base.json) the compiler and jest use. Under jest or swc-node (a .ts file) the aliases are
 * already resolved.
 */
if (path.extname(__filename) === '.js') {
  const distRoot = path.resolve(__dirname, '../../../..');
  const tsconfig = JSON.parse(readFileSync(path.resolve(distRoot, '../../tsconfig.base.json'), 'utf8')) as {
    compilerOptions: { paths: Record<string, string[]> };
  };
  const paths = Object.fromEntries(
    Object.entries(tsconfig.compilerOptions.paths).map(([alias, targets]) => [alias, targets.map((t) => t.replace(/\.ts$/, ''))]),
  );
  register({ baseUrl: distRoot, paths, addMatchAll: false });
}
