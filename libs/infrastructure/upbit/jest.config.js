module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'upbit',
  rootDir: __dirname,
};
