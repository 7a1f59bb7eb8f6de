/** The whole e2e suite on PostgreSQL (plus the scale-out spec, which needs Redis): `npm run test:postgres`. */
const base = require('./jest.config.cts');

process.env.TEST_DATABASE = 'postgres';

module.exports = { ...base, displayName: 'api-e2e (postgres)', testPathIgnorePatterns: ['/node_modules/'] };
