// Prints the totals of the test runs as the last line of `npm test`: the jest runs recorded by
// jest-count-reporter.js, and the Vitest runs (the dashboard's component tests) from their JSON reports.
const fs = require('node:fs');
const path = require('node:path');

const tmp = path.join(__dirname, '../../tmp');
function jsonFiles(dir) {
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => path.join(dir, f)) : [];
}

const jest = { passed: 0, failed: 0, skipped: 0, runs: 0 };
for (const file of jsonFiles(path.join(tmp, 'jest-counts'))) {
  const counts = JSON.parse(fs.readFileSync(file, 'utf8'));
  jest.passed += counts.passed;
  jest.failed += counts.failed;
  jest.skipped += counts.skipped;
  jest.runs += 1;
}
const vitest = { passed: 0, failed: 0, skipped: 0, runs: 0 };
for (const file of jsonFiles(path.join(tmp, 'vitest-results'))) {
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  vitest.passed += report.numPassedTests;
  // A file that fails to load counts no test but fails the run.
  vitest.failed += report.numFailedTests + (report.success ? 0 : report.numFailedTests === 0 ? 1 : 0);
  vitest.skipped += report.numPendingTests + report.numTodoTests;
  vitest.runs += 1;
}
if (jest.runs === 0 || jest.passed === 0) {
  console.error('jest: no test was run');
  process.exit(1);
}
if (vitest.runs === 0 || vitest.passed === 0) {
  console.error('vitest: no test was run (the dashboard component tests)');
  process.exit(1);
}
console.log(`vitest: ${vitest.passed} passed, ${vitest.failed} failed, ${vitest.skipped} skipped`);
console.log(`jest: ${jest.passed} passed, ${jest.failed} failed, ${jest.skipped} skipped`);
process.exit(jest.failed + vitest.failed > 0 ? 1 : 0);
