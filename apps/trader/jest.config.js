module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'trader',
  rootDir: __dirname,
};
