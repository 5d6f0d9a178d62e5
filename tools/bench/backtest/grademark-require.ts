import Module from 'node:module';
import { join } from 'node:path';

type Resolve = (request: string, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: Resolve };
const resolve = loader._resolveFilename;
const shim = join(__dirname, 'chai-assert.shim.ts');

// grademark requires an undeclared `chai` (see chai-assert.shim.ts): resolve it to the shim, everything else as usual.
loader._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]): string {
  return request === 'chai' ? shim : resolve.call(this, request, ...rest);
};
