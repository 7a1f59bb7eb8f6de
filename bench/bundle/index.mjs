/**
 * Client bundle: what a first visit downloads before the app runs. The initial set is every
 * script and modulepreload tag of dist/apps/web/browser/index.html, plus anything those files
 * import statically (so nothing loaded at start is missed); each file is gzipped with zlib
 * (default level 6, what a typical server uses). The VN and admin views must be lazy: the chunk
 * defining `ml-vn` / `ml-admin` must not be in the initial set.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { row, targetRow } from '../lib/result.mjs';
import { newestSource, webIndexPath } from '../lib/services.mjs';

export const TARGET_BYTES = 200_000;
const LAZY_VIEWS = { vn: 'ml-vn', admin: 'ml-admin' };

export async function runBundle({ options, log }) {
  const indexPath = webIndexPath({ rebuild: options.rebuild });
  const dir = dirname(indexPath);
  const html = readFileSync(indexPath, 'utf8');
  const tags = initialTags(html);
  const initial = staticClosure(dir, tags.scripts);
  const extra = [...initial].filter((file) => !tags.scripts.includes(file));
  const size = (file) => {
    const bytes = readFileSync(join(dir, file));
    return { file, raw: bytes.length, gzip: gzipSync(bytes).length };
  };
  const initialSizes = [...initial].map(size).sort((a, b) => b.gzip - a.gzip);
  const total = initialSizes.reduce((sum, s) => ({ raw: sum.raw + s.raw, gzip: sum.gzip + s.gzip }), { raw: 0, gzip: 0 });
  const css = tags.styles.map(size);
  const jsFiles = readdirSync(dir).filter((file) => file.endsWith('.js'));
  const views = Object.fromEntries(
    Object.entries(LAZY_VIEWS).map(([view, selector]) => {
      const files = jsFiles.filter((file) => readFileSync(join(dir, file), 'utf8').includes(`selectors:[["${selector}"]]`));
      return [view, { selector, files, lazy: files.length > 0 && files.every((file) => !initial.has(file)), size: files.map(size) }];
    }),
  );
  const lazySizes = jsFiles.filter((file) => !initial.has(file)).map(size).sort((a, b) => b.gzip - a.gzip);
  const stale = !options.rebuild && newestSource(['apps/web/src', 'libs/shared/src']) > statSync(indexPath).mtimeMs;
  log(`bundle: initial JS ${kB(total.gzip)} gzip in ${initial.size} files; vn lazy ${views.vn.lazy}, admin lazy ${views.admin.lazy}`);

  const rows = [
    targetRow(
      'bundle: initial JS, gzip',
      `${kB(total.gzip)} (${total.gzip.toLocaleString('en-US')} bytes; raw ${kB(total.raw)}) in ${initial.size} files`,
      total.gzip,
      '<=',
      TARGET_BYTES,
      `≤ ${kB(TARGET_BYTES)}`,
    ),
    ...Object.entries(views).map(([view, v]) =>
      targetRow(
        `bundle: ${view} view (${v.selector}) is a lazy chunk`,
        v.files.length ? `${v.lazy ? 'lazy' : 'IN THE INITIAL SET'}: ${v.size.map((s) => `${s.file} ${kB(s.gzip)}`).join(', ')}` : 'component not found in the build',
        v.lazy ? 1 : 0,
        '>=',
        1,
        'lazy',
      ),
    ),
    row('bundle: initial CSS, gzip', css.map((s) => `${s.file} ${kB(s.gzip)}`).join(', ') || 'none'),
    row('bundle: lazy chunks, gzip', lazySizes.map((s) => `${s.file} ${kB(s.gzip)}`).join(', ')),
  ];
  const notes = [];
  if (extra.length) notes.push(`Loaded at start through static imports but not preloaded by index.html: ${extra.join(', ')} (counted).`);
  if (stale) notes.push('dist/apps/web may be stale (a source under apps/web/src or libs/shared/src is newer than index.html): `--build` rebuilds.');
  const markdown = [
    '| initial file | raw | gzip |',
    '| --- | --- | --- |',
    ...initialSizes.map((s) => `| ${s.file} | ${kB(s.raw)} | ${kB(s.gzip)} |`),
    `| **total** | **${kB(total.raw)}** | **${kB(total.gzip)}** |`,
  ].join('\n');
  return { rows, notes, markdown, details: { initial: initialSizes, total, css, views, lazy: lazySizes, stale } };
}

function kB(bytes) {
  return `${(bytes / 1000).toFixed(1)} kB`;
}

/** The script and modulepreload files (initial JS) and stylesheets of index.html, in order. */
function initialTags(html) {
  const scripts = [];
  const styles = [];
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/g)) {
    const attr = (name) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
    const local = (url) => url && !/^[a-z]+:|^\/\//i.test(url) ? url.replace(/^\.?\//, '') : null;
    if (tag.startsWith('<script')) {
      const src = local(attr('src'));
      if (src) scripts.push(src);
    } else if (attr('rel') === 'modulepreload') {
      const href = local(attr('href'));
      if (href) scripts.push(href);
    } else if (attr('rel') === 'stylesheet') {
      const href = local(attr('href'));
      if (href) styles.push(href);
    }
  }
  return { scripts, styles };
}

/** The files plus everything they import statically (`import … from "./x.js"`, `import "./x.js"`); `import()` is lazy. */
function staticClosure(dir, entries) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(dir, file), 'utf8');
    for (const match of code.matchAll(/\b(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["']\.\/([\w.-]+\.js)["']/g)) visit(match[1]);
  };
  entries.forEach(visit);
  return seen;
}
