#!/usr/bin/env node
// The `trader` command (package.json "bin"): runs the built trader in this very process, so the
// signals of a service manager or a terminal reach it with no npm or shell in between.
// `npm start` builds first and then execs this file.
const { existsSync } = require('node:fs');
const path = require('node:path');

const main = path.resolve(__dirname, '../../../dist/trader/apps/trader/src/main.js');
if (!existsSync(main)) {
  console.error(`The trader is not built (${main} is missing): run \`npx nx run trader:build\` or \`npm run build\` first.`);
  process.exit(1);
}
require(main);
