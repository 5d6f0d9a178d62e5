// Prints the totals of the jest runs recorded by jest-count-reporter.js, as the last line of `npm test`.
const fs = require('node:fs');
const path = require('node:path');

const dir = path.join(__dirname, '../../tmp/jest-counts');
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
const total = { passed: 0, failed: 0, skipped: 0 };
for (const file of files) {
  const counts = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
}
if (files.length === 0 || total.passed === 0) {
  console.error('jest: no test was run');
  process.exit(1);
}
console.log(`jest: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 ? 1 : 0);
