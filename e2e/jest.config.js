// Browser tests against the built app (apps/api/dist + apps/web/dist): one server and one
// Chromium per test file, run one file at a time (`jest --runInBand`).
module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'e2e',
  rootDir: __dirname,
  roots: ['<rootDir>/tests'],
  testTimeout: 120000,
};
