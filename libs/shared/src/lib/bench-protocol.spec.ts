import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ClientEvent, ServerEvent } from './events';
import { MAX_SOCKET_TRANSPORT_BYTES } from './limits';

/**
 * The benchmarks (plain Node ESM, no build step) keep their own copy of the few protocol
 * strings they use in bench/lib/protocol.mjs. Read as text here, so a copy that drifts from
 * the shared definitions fails `npm test` rather than a benchmark.
 */
const source = readFileSync(join(__dirname, '../../../../bench/lib/protocol.mjs'), 'utf8');

function frozenObject(name: string): Record<string, string> {
  const body = new RegExp(`export const ${name} = Object\\.freeze\\(\\{([^}]*)\\}\\)`).exec(source)?.[1];
  if (body === undefined) throw new Error(`bench/lib/protocol.mjs has no ${name}`);
  return Object.fromEntries([...body.matchAll(/(\w+): '([^']+)'/g)].map(([, key, value]) => [key, value]));
}

describe('bench/lib/protocol.mjs', () => {
  it.each([
    ['ClientEvent', ClientEvent as Record<string, string>],
    ['ServerEvent', ServerEvent as Record<string, string>],
  ])('copies %s names and values exactly', (name, shared) => {
    const copied = frozenObject(name);
    expect(Object.keys(copied).length).toBeGreaterThan(0);
    for (const [key, value] of Object.entries(copied)) expect([key, value]).toEqual([key, shared[key]]);
  });

  it('copies MAX_SOCKET_TRANSPORT_BYTES', () => {
    const expression = /export const MAX_SOCKET_TRANSPORT_BYTES = ([\d\s*]+);/.exec(source)?.[1];
    expect(expression).toBeDefined();
    const value = (expression as string).split('*').reduce((product, factor) => product * Number(factor.trim()), 1);
    expect(value).toBe(MAX_SOCKET_TRANSPORT_BYTES);
  });
});
