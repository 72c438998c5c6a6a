// Shared Jest settings: TypeScript through ts-jest, workspace libraries resolved to their sources
// so a test never depends on a stale build.
const path = require('node:path');

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@jingsai/contracts$': path.join(__dirname, 'libs/contracts/src/index.ts'),
    '^@jingsai/scoring$': path.join(__dirname, 'libs/scoring/src/index.ts'),
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};
