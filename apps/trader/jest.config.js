module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'trader',
  rootDir: __dirname,
  // Two workers, where jest would take one on two cores: the e2e specs mostly wait on real time
  // (live-parity and first-ten-minutes used 21 s of CPU in 243 s), so a second worker runs other
  // specs meanwhile. The suite took 437 s instead of 655 s beside the events and tools suites.
  maxWorkers: 2,
};
