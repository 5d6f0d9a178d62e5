import { LintFinding, lintAs } from './lint-probe';

const BOUNDARIES = '@nx/enforce-module-boundaries';

function rules(findings: LintFinding[]): (string | null)[] {
  return findings.map((f) => f.ruleId);
}

/**
 * The architecture is enforced by lint; these tests prove each rule can fail, by linting code that
 * breaks it as if it lived in a real project folder. Each case also has a permitted twin, so a rule
 * that reports everything would fail too.
 */
describe('architecture rules enforced by lint', () => {
  describe('layers depend inwards only', () => {
    it.each([
      ['domain', 'libs/domain/src', '@trader/application'],
      ['domain', 'libs/domain/src', '@trader/runtime'],
      ['application', 'libs/application/src', '@trader/events'],
      ['application', 'libs/application/src', '@trader/upbit'],
      ['infrastructure', 'libs/infrastructure/events/src', '@trader/upbit-sim'],
      ['infrastructure', 'libs/infrastructure/upbit/src', '@trader/upbit-sim'],
      ['simulator', 'libs/infrastructure/upbit-sim/src', '@trader/domain'],
      ['simulator', 'libs/infrastructure/upbit-sim/src', '@trader/upbit'],
    ])('reports %s code (%s) importing %s', async (_layer, sourceDir, forbidden) => {
      const findings = await lintAs(sourceDir, `import { x } from '${forbidden}';\nexport const y = x;\n`);
      expect(rules(findings)).toContain(BOUNDARIES);
    });

    it.each([
      ['libs/application/src', '@trader/domain'],
      ['libs/infrastructure/events/src', '@trader/application'],
      ['libs/infrastructure/events/src', '@trader/runtime'],
      ['apps/trader/src', '@trader/upbit-sim'],
    ])('allows %s to import %s', async (sourceDir, allowed) => {
      const findings = await lintAs(sourceDir, `import { x } from '${allowed}';\nexport const y = x;\n`);
      expect(rules(findings)).not.toContain(BOUNDARIES);
    });
  });

  describe('the domain is pure', () => {
    it.each([
      ['Nest', "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n"],
      ['a Node built-in', "import { readFile } from 'node:fs/promises';\nexport const x = readFile;\n"],
      ['the system clock', 'export const now = (): number => Date.now();\n'],
      ['a clock-less Date', 'export const now = (): Date => new Date();\n'],
      ['Math.random', 'export const id = (): number => Math.random();\n'],
    ])('reports domain code using %s', async (_what, code) => {
      const findings = await lintAs('libs/domain/src', code);
      expect(findings.length).toBeGreaterThan(0);
      expect(rules(findings).every((r) => r === 'no-restricted-imports' || r === 'no-restricted-syntax' || r === BOUNDARIES)).toBe(true);
    });

    it('allows building a Date from a given time', async () => {
      expect(await lintAs('libs/domain/src', 'export const at = (ms: number): Date => new Date(ms);\n')).toEqual([]);
    });
  });

  describe('the dashboard knows the server only through its generated API client', () => {
    it('reports dashboard code importing server code', async () => {
      const findings = await lintAs('apps/dashboard/src', "import { Dec } from '@trader/domain';\nexport const zero = new Dec(0);\n");
      expect(rules(findings)).toEqual(expect.arrayContaining(['no-restricted-imports']));
      expect(findings.find((f) => f.ruleId === 'no-restricted-imports')?.message).toContain('apps/dashboard/src/api');
    });

    it('allows the generated client', async () => {
      expect(await lintAs('apps/dashboard/src', "import type { paths } from './api/schema';\nexport type Paths = paths;\n")).toEqual([]);
    });
  });

  describe('money has one decimal configuration', () => {
    const rawDecimal = "import Decimal from 'decimal.js';\nexport const zero = new Decimal(0);\n";

    it.each([
      ['application', 'libs/application/src'],
      ['infrastructure', 'libs/infrastructure/upbit/src'],
      ['runtime', 'libs/infrastructure/runtime/src'],
      ['app', 'apps/trader/src'],
      ['domain', 'libs/domain/src'],
    ])("reports %s code (%s) importing decimal.js, naming the domain's Dec", async (_layer, sourceDir) => {
      const findings = (await lintAs(sourceDir, rawDecimal)).filter((f) => f.ruleId === 'no-restricted-imports');
      expect(findings).toHaveLength(1);
      expect(findings[0]?.message).toContain("`Dec` from '@trader/domain'");
    });

    it('reports a type-only import of decimal.js too', async () => {
      const code = "import type { Decimal } from 'decimal.js';\nexport type Amount = Decimal;\n";
      expect(rules(await lintAs('libs/application/src', code))).toContain('no-restricted-imports');
    });

    it("reports simulator code importing decimal.js, naming the simulator's own Dec", async () => {
      const findings = (await lintAs('libs/infrastructure/upbit-sim/src', rawDecimal)).filter((f) => f.ruleId === 'no-restricted-imports');
      expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('engine/decimal.ts')]);
    });

    it("allows the domain's Dec", async () => {
      const code = "import { Dec } from '@trader/domain';\nexport const zero = new Dec(0);\n";
      expect(await lintAs('libs/application/src', code)).toEqual([]);
    });
  });

  describe('promises never float', () => {
    const floating = 'async function send(): Promise<void> {\n  await Promise.resolve();\n}\nexport function go(): void {\n  send();\n}\n';

    it.each(['libs/application/src', 'libs/infrastructure/runtime/src', 'apps/trader/src'])('reports a floating promise in %s', async (dir) => {
      expect(rules(await lintAs(dir, floating))).toContain('@typescript-eslint/no-floating-promises');
    });

    it('allows a promise that is awaited', async () => {
      const awaited = floating.replace('export function go(): void {\n  send();', 'export async function go(): Promise<void> {\n  await send();');
      expect(await lintAs('libs/application/src', awaited)).toEqual([]);
    });
  });

  describe('no blocking fs calls after start-up', () => {
    it.each([
      ['a named import', "import { readFileSync } from 'node:fs';\nexport const read = (p: string): string => readFileSync(p, 'utf8');\n"],
      ['a namespace import', "import * as fs from 'fs';\nexport const exists = (p: string): boolean => fs.existsSync(p);\n"],
    ])('reports a *Sync fs call through %s in library code', async (_how, code) => {
      expect(rules(await lintAs('libs/infrastructure/events/src', code))).toContain('no-restricted-syntax');
    });

    it('allows the asynchronous fs API', async () => {
      const code = "import { readFile } from 'node:fs/promises';\nexport const read = (p: string): Promise<string> => readFile(p, 'utf8');\n";
      expect(await lintAs('libs/infrastructure/events/src', code)).toEqual([]);
    });
  });
});
