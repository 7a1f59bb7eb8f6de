/**
 * What may import what inside the API (an ESLint rule; apps/api/eslint.config.mjs turns it on).
 *
 *   src/app/platform/   infrastructure: database, realtime, logging, redis, config, health,
 *                       shutdown, web hosting, validation. Imports no domain.
 *   src/app/<domain>/   lobby, chat, experiment, inference, admin, stats. May use the platform
 *                       and other domains' exported services, never another domain's entity;
 *                       admin reads other domains only through their exported providers
 *                       (*.service, *.store, *.reader, *.writer) and modules.
 *   src/app/*.ts        the composition root (app.module.ts, entities.ts): imports anything;
 *                       neither the platform nor a domain imports it.
 *   src/migrations/     frozen: imports nothing but typeorm (and each other).
 *
 * Imports are resolved from the importing file, so the rule sees where an import really lands
 * whatever the number of `../`.
 */
import { dirname, relative, resolve, sep } from 'node:path';

export const DOMAINS = ['lobby', 'chat', 'experiment', 'inference', 'admin', 'stats'];
/** The files of a domain another domain's code may import from admin: the providers it exports, and its module. */
const EXPORTED = /\.(service|store|reader|writer|module)$/;

/** Where a file sits: `{ layer: 'platform' | 'domain' | 'root' | 'migrations' | 'other', domain?, path }`. */
function place(file, sourceRoot) {
  const path = relative(sourceRoot, file).split(sep).join('/').replace(/\.(ts|js|mjs|cjs)$/, '');
  if (path.startsWith('..')) return { layer: 'outside', path };
  const [top, next] = path.split('/');
  if (top === 'migrations') return { layer: 'migrations', path };
  if (top !== 'app') return { layer: 'other', path };
  if (next === 'platform') return { layer: 'platform', path };
  if (DOMAINS.includes(next)) return { layer: 'domain', domain: next, path };
  if (!path.slice('app/'.length).includes('/')) return { layer: 'root', path };
  return { layer: 'other', path };
}

/** Why importing `target` from `source` breaks the layering, or null when it does not. */
export function violation(source, target) {
  if (source.layer === 'platform') {
    if (target.layer === 'domain') return `the platform must not import a domain (${target.path})`;
    if (target.layer === 'root') return `the platform must not import the composition root (${target.path})`;
  }
  if (source.layer === 'domain') {
    if (target.layer === 'root') return `a domain must not import the composition root (${target.path})`;
    if (target.layer === 'domain' && target.domain !== source.domain) {
      if (/\.entity$/.test(target.path)) return `a domain must not import another domain's entity (${target.path}); use that domain's exported service`;
      if (source.domain === 'admin' && !EXPORTED.test(target.path)) {
        return `admin reads other domains only through their exported services or modules (${target.path})`;
      }
    }
  }
  return null;
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Keeps the API layered: platform, domains, composition root, frozen migrations' },
    schema: [{ type: 'object', properties: { sourceRoot: { type: 'string' } }, required: ['sourceRoot'], additionalProperties: false }],
    messages: { layer: '{{why}}', frozen: 'migrations are frozen: import nothing from the application or other packages ({{what}})' },
  },
  create(context) {
    const sourceRoot = resolve(context.options[0].sourceRoot);
    const file = context.filename;
    const source = place(file, sourceRoot);
    if (source.layer !== 'platform' && source.layer !== 'domain' && source.layer !== 'migrations') return {};
    const check = (node) => {
      const what = node?.type === 'Literal' && typeof node.value === 'string' ? node.value : null;
      if (what === null) return;
      if (!what.startsWith('.')) {
        if (source.layer === 'migrations' && what !== 'typeorm') context.report({ node, messageId: 'frozen', data: { what } });
        return;
      }
      const target = place(resolve(dirname(file), what), sourceRoot);
      if (source.layer === 'migrations') {
        if (target.layer !== 'migrations') context.report({ node, messageId: 'frozen', data: { what } });
        return;
      }
      const why = violation(source, target);
      if (why) context.report({ node, messageId: 'layer', data: { why } });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node.arguments[0]);
      },
    };
  },
};

export default { rules: { layers: rule } };
