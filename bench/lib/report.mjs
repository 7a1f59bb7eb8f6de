/**
 * Output of a bench run: the console table, the raw JSON under bench/.cache/results/, and the
 * generated blocks of docs/BENCHMARKS.md. Each benchmark owns one block between
 * `<!-- bench:<name>:begin -->` and `<!-- bench:<name>:end -->`, carrying its figures as JSON in
 * a comment, so a later run of one benchmark (`--only drain`) replaces only its block and the
 * summary table is rebuilt from all blocks. Text outside the markers is left alone.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeMachine } from './machine.mjs';
import { STATUS_TEXT } from './result.mjs';
import { CACHE, ROOT } from './services.mjs';

export const DOC = join(ROOT, 'docs/BENCHMARKS.md');
const ORDER = ['lobby', 'drain', 'admin', 'bundle'];

/** Plain-text table of every row of every benchmark. */
export function formatTable(results) {
  const lines = [['benchmark / metric', 'value', 'target', 'result']];
  for (const result of results) {
    for (const r of result.rows) lines.push([r.metric, r.value, r.target, STATUS_TEXT[r.status]]);
  }
  const widths = lines[0].map((_, column) => Math.min(column === 0 ? 80 : 60, Math.max(...lines.map((line) => line[column].length))));
  const render = (line) => line.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd();
  return [render(lines[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.slice(1).map(render)].join('\n');
}

export function saveJson(results) {
  const dir = join(CACHE, 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${results[0]?.startedAt.replace(/[:.]/g, '-') ?? 'empty'}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}

/** Writes (or rewrites) the blocks of these results into docs/BENCHMARKS.md and rebuilds the summary. */
export function writeDoc(results) {
  let doc = existsSync(DOC) ? readFileSync(DOC, 'utf8') : TEMPLATE;
  for (const result of results) doc = replaceBlock(doc, result.name, block(result));
  doc = replaceBlock(doc, 'summary', summaryTable(doc));
  writeFileSync(DOC, doc);
  return DOC;
}

function replaceBlock(doc, name, body) {
  const begin = `<!-- bench:${name}:begin -->`;
  const end = `<!-- bench:${name}:end -->`;
  const text = `${begin}\n${body.trim()}\n${end}`;
  const from = doc.indexOf(begin);
  const to = doc.indexOf(end);
  if (from >= 0 && to > from) return doc.slice(0, from) + text + doc.slice(to + end.length);
  return `${doc.trimEnd()}\n\n${text}\n`;
}

function block(result) {
  const m = result.machine;
  const load = result.load;
  const lines = [
    `### ${result.title}`,
    '',
    `- **Run:** ${result.startedAt.slice(0, 16).replace('T', ' ')} UTC, ${result.mode} mode, ${result.durationS.toFixed(0)} s — \`${result.command}\``,
    `- **Code:** commit ${result.git.commit}${result.git.dirty ? ' (with uncommitted changes under apps/, libs/ or python-sidecar/)' : ''}${result.apiBuild ? `, API bundle sha256 ${result.apiBuild.sha256.slice(0, 12)}` : ''}`,
    `- **Machine:** ${describeMachine(m)}`,
    `- **Load average (1 min):** ${load.before.toFixed(2)} before${load.waitedS > 1 ? ` (after waiting ${load.waitedS.toFixed(0)} s)` : ''} → ${load.after.toFixed(2)} after; limit ${load.limit}${load.quiet ? '' : ' — **NOT MET: the machine was busy, figures are pessimistic**'}`,
    '',
    '| metric | value | target | result |',
    '| --- | --- | --- | --- |',
    ...result.rows.map((r) => `| ${cell(r.metric)} | ${cell(r.value)} | ${cell(r.target)} | ${r.status === 'info' ? '' : `**${STATUS_TEXT[r.status]}**`} |`),
  ];
  if (result.notes.length) lines.push('', ...result.notes.map((note) => `- ${note}`));
  if (result.markdown) lines.push('', result.markdown.trim());
  const data = { name: result.name, title: result.title, startedAt: result.startedAt, mode: result.mode, quiet: load.quiet, rows: result.rows };
  lines.push('', `<!-- bench:data ${JSON.stringify(data).replace(/-->/g, '--\\u003e')} -->`);
  return lines.join('\n');
}

/** The summary: every targeted row of the latest block of each benchmark. */
function summaryTable(doc) {
  const blocks = [...doc.matchAll(/<!-- bench:data (.*?) -->/g)].map((match) => JSON.parse(match[1]));
  blocks.sort((a, b) => ORDER.indexOf(a.name) - ORDER.indexOf(b.name));
  const lines = ['| benchmark | metric | value | target | result | run |', '| --- | --- | --- | --- | --- | --- |'];
  for (const b of blocks) {
    for (const r of b.rows.filter((r) => r.status !== 'info')) {
      lines.push(`| ${b.title} | ${cell(r.metric)} | ${cell(r.value)} | ${cell(r.target)} | **${STATUS_TEXT[r.status]}** | ${b.startedAt.slice(0, 10)} ${b.mode}${b.quiet ? '' : ' (busy machine)'} |`);
    }
  }
  return blocks.length ? lines.join('\n') : '_No results yet: run `npm run bench -- --full`._';
}

function cell(text) {
  return String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

const TEMPLATE = `# Benchmarks

Figures from \`npm run bench\` (see [bench/README.md](../bench/README.md) for what each benchmark
does and how). The blocks below are written by the bench itself; the text around them is not.

## Summary

<!-- bench:summary:begin -->
<!-- bench:summary:end -->
`;
