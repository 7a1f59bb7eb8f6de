const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');

module.exports = {
  output: {
    path: join(__dirname, '../../dist/apps/api'),
    clean: true,
    ...(process.env.NODE_ENV !== 'production' && {
      devtoolModuleFilenameTemplate: '[absolute-resource-path]',
    }),
  },
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      // `npm run seed`: the deterministic dataset of src/seed/SEED.md.
      additionalEntryPoints: [{ entryName: 'seed', entryPath: './src/seed/main.ts' }],
      tsConfig: './tsconfig.app.json',
      // The WAL checkpoint worker runs as a file of its own, beside main.js.
      assets: [{ input: './src/app/platform/database', glob: 'wal-checkpoint.worker.cjs', output: '.' }],
      optimization: false,
      outputHashing: 'none',
      generatePackageJson: true,
      sourceMap: true,
    })
  ],
};
