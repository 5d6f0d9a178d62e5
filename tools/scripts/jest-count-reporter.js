// Records each jest run's totals so `npm test` can end on one line that counts every test run.
const fs = require('node:fs');
const path = require('node:path');

class JestCountReporter {
  constructor(globalConfig) {
    this.globalConfig = globalConfig;
  }

  onRunComplete(contexts, results) {
    const dir = path.join(__dirname, '../../tmp/jest-counts');
    fs.mkdirSync(dir, { recursive: true });
    const [context] = [...contexts];
    const displayName = context?.config.displayName;
    const name = (typeof displayName === 'string' ? displayName : displayName?.name) ?? 'unnamed';
    const counts = {
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
    };
    fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(counts));
  }
}

module.exports = JestCountReporter;
