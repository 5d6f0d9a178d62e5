module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'upbit',
  rootDir: __dirname,
  // The Upbit client lands with issue 6; until then this project has no tests to run.
  passWithNoTests: true,
};
