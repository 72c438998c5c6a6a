module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'scoring',
  rootDir: __dirname,
  roots: ['<rootDir>/src', '<rootDir>/test'],
};
