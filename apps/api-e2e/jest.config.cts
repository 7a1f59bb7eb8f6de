/** Tests against the built server (dist/apps/api) as a real process, with real sockets and SQLite files. */
module.exports = {
  displayName: 'api-e2e',
  preset: '../../jest.node.preset.js',
  testTimeout: 60_000,
  // Needs PostgreSQL and Redis: runs in jest.postgres.config.cts (`npm run test:postgres`).
  testPathIgnorePatterns: ['/node_modules/', 'scale-out'],
  maxWorkers: 2,
  coverageDirectory: '../../coverage/apps/api-e2e',
};
