import { ESLint, Linter } from 'eslint';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');
// The workspace's own config, passed in directly: ESLint would otherwise load it with a dynamic
// import, which jest's module sandbox does not support.
const config = require(path.join(root, 'eslint.config.js')) as Linter.Config[];
// Probed files do not exist on disk, so no project's tsconfig includes them: let the type-aware rules
// give them a default program. The probe name is fixed so that nothing real is ever matched by this.
const fixtureName = 'lint-probe.fixture.ts';
const probeConfig: Linter.Config = {
  files: [`**/${fixtureName}`],
  languageOptions: {
    parserOptions: {
      projectService: {
        allowDefaultProject: [`apps/*/src/${fixtureName}`, `libs/*/src/${fixtureName}`, `libs/*/*/src/${fixtureName}`],
        defaultProject: 'tsconfig.base.json',
      },
      tsconfigRootDir: root,
    },
  },
};
const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: [...config, probeConfig] });

export interface LintFinding {
  ruleId: string | null;
  message: string;
}

/**
 * Lints `code` as if it were a file in the source folder `sourceDir` (for example `libs/domain/src`)
 * and returns what was reported. Nothing is written to disk.
 */
export async function lintAs(sourceDir: string, code: string): Promise<LintFinding[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, sourceDir, fixtureName) });
  return (result?.messages ?? []).map((m) => ({ ruleId: m.ruleId, message: m.message }));
}
