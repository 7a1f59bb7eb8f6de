/** The API's specs with their databases on PostgreSQL instead of SQLite files: `npm run test:postgres`. */
const base = require('./jest.config.cts');

process.env.TEST_DATABASE = 'postgres';

module.exports = {
  ...base,
  displayName: 'api (postgres)',
  // The lint config's spec uses no database, and its two ESLint runs cost seconds of CPU that the
  // e2e suite, running beside it, needs for its timing-sensitive cases.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/lint/'],
};
