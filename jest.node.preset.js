/**
 * Jest for the TypeScript projects that run on Node (the API, its e2e suite, the shared library):
 * the workspace preset, a Node environment, and ts-jest with the project's tsconfig.spec.json.
 */
const workspace = require('./jest.preset.js');

module.exports = {
  ...workspace,
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
};
