module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'events',
  rootDir: __dirname,
  // Many tests here start processes, worker threads and PostgreSQL sessions, and CI runs them beside the
  // trader's browser and e2e tests on two cores: a child that compiles its TypeScript took 1.4 s to start
  // on an idle machine and over 3 s on a loaded one. A timeout is there to end a hang, not to time a test.
  testTimeout: 30_000,
};
