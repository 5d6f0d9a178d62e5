module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'market-history',
  rootDir: __dirname,
};
