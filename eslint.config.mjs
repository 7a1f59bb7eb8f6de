import { fileURLToPath } from 'node:url';
import nx from '@nx/eslint-plugin';
import apiLayers from './apps/api/lint/api-layers.mjs';

/** The kinds of library an app's own code builds on. */
const APP_LIBRARIES = ['type:feature', 'type:data-access', 'type:ui', 'type:util'];

/**
 * Who may import whom. Scope: the shared lib depends on nothing of the apps; the apps never
 * import each other. Type: apps and e2e suites build on libraries, libraries on utils; the test
 * helpers (type:testing) serve e2e suites, and apps' specs (see below).
 */
function moduleBoundaries(appMayUse) {
  return [
    'error',
    {
      enforceBuildableLibDependency: true,
      allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
      depConstraints: [
        { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
        { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:api', 'scope:shared'] },
        { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'] },
        { sourceTag: 'scope:sidecar', onlyDependOnLibsWithTags: [] },
        { sourceTag: 'type:app', onlyDependOnLibsWithTags: appMayUse },
        { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:util', 'type:testing'] },
        { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:util'] },
        { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
      ],
    },
  ];
}

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/.venv', '**/node_modules', '**/.angular', 'bench/.cache'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: {
      '@nx/enforce-module-boundaries': moduleBoundaries(APP_LIBRARIES),
      '@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Inside the API: the platform imports no domain, a domain no other domain's entity, admin
    // only other domains' exported services, migrations nothing (apps/api/lint/api-layers.mjs).
    // The rule places files by absolute path, so it acts on apps/api/src only, whichever
    // project's lint runs it.
    files: ['**/*.ts'],
    plugins: { 'api-layers': apiLayers },
    rules: { 'api-layers/layers': ['error', { sourceRoot: fileURLToPath(new URL('./apps/api/src', import.meta.url)) }] },
  },
  {
    // An app's specs and their support code (src/testing/) may use libs/testing's helpers
    // (throwaway databases, ports, processes); the app itself never does.
    files: ['**/*.spec.ts', '**/src/testing/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': moduleBoundaries([...APP_LIBRARIES, 'type:testing']) },
  },
];
