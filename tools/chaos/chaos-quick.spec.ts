import { QUICK, runChaos, summaryLine } from './chaos-run';

/**
 * CI runs the quick chaos soak with a fixed seed against the built trader (the tools project's test
 * target depends on trader:test, which builds it): four rounds of faults and kill -9, every check after each round.
 */
describe('chaos soak, quick mode', () => {
  it('finds no violation with seed 1', async () => {
    const lines: string[] = [];
    const result = await runChaos({ ...QUICK, seed: 1, print: (line) => lines.push(line) });
    lines.push(summaryLine(result));
    expect({ violations: result.violations, log: result.violations.length > 0 ? lines : [] }).toEqual({ violations: [], log: [] });
    expect(result.rounds).toBe(4);
    expect(result.kills).toBe(4);
    expect(result.faults).toBe(24);
    expect(result.orders).toBeGreaterThan(10);
    expect(result.fills).toBeGreaterThan(5);
  }, 300_000);
});
