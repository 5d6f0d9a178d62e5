module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'upbit-sim',
  rootDir: __dirname,
  // This library's code lands with issue 5; until then it has no tests to run.
  passWithNoTests: true,
};
