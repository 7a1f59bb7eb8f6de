/** The API's specs with their databases on PostgreSQL instead of SQLite files: `npm run test:postgres`. */
const base = require('./jest.config.cts');

process.env.TEST_DATABASE = 'postgres';

module.exports = { ...base, displayName: 'api (postgres)' };
