import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');
const layerTags = ['type:domain', 'type:application', 'type:infrastructure', 'type:app', 'type:ui', 'type:tooling'];

function projectFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    if (entry === 'node_modules' || entry.startsWith('.') || entry === 'dist' || entry === 'tmp') return [];
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return projectFiles(full);
    return entry === 'project.json' ? [full] : [];
  });
}

/**
 * Module boundaries constrain only projects that carry a layer tag; an untagged project would be free
 * to import anything. Every project must declare exactly one layer.
 */
describe('Nx projects', () => {
  const projects = projectFiles(root).map((file) => ({
    file: path.relative(root, file),
    ...(JSON.parse(readFileSync(file, 'utf8')) as { name: string; tags?: string[] }),
  }));

  it('include every layer of the architecture', () => {
    expect(projects.map((p) => p.name).sort()).toEqual(
      expect.arrayContaining(['application', 'domain', 'events', 'runtime', 'trader', 'upbit', 'upbit-sim']),
    );
  });

  it.each(projects.map((p) => [p.file, p.tags ?? []] as const))('%s carries exactly one layer tag', (_file, tags) => {
    expect(tags.filter((t) => layerTags.includes(t))).toHaveLength(1);
  });

  it('has an import alias for every library, pointing at its single index.ts', () => {
    const { paths } = (JSON.parse(readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8')) as {
      compilerOptions: { paths: Record<string, string[]> };
    }).compilerOptions;
    for (const project of projects.filter((p) => p.file.startsWith('libs/'))) {
      const index = path.join(path.dirname(project.file), 'src/index.ts');
      expect(Object.values(paths).map((targets) => targets[0])).toContain(index);
    }
  });
});
