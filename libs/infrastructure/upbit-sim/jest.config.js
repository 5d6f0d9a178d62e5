module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'upbit-sim',
  rootDir: __dirname,
};
