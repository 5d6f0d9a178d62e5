const preset = require('../../../jest.preset.js');

// ccxt (the independent client of the acceptance test) requires @noble/* and @scure/*, which ship as
// ES modules; Node loads them with require(esm), jest does not, so SWC converts them to CommonJS here.
const ESM_DEPENDENCIES = ['@noble', '@scure'];

module.exports = {
  ...preset,
  displayName: 'upbit-sim',
  rootDir: __dirname,
  transform: {
    ...preset.transform,
    [`/node_modules/(${ESM_DEPENDENCIES.join('|')})/.+\\.js$`]: ['@swc/jest', { module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_DEPENDENCIES.join('|')})/)`],
};
