// Reads the figures docker/test/run.sh wrote ($CONTAINER_FIGURES) and fails unless they show the
// whole container test ran and passed: `docker-compose up --build -d` of docker/compose.yml for
// the native platform and for linux/arm64, each with its images of that platform, real clients
// chatting, a stop under load and a second `up -d` that finds every acknowledged message; and
// `up --build -d` of docker/compose.scale.yml with a message crossing replicas. run.sh already
// stops at the first failed step; this is the proof, in .ci/run, of what passed.
//
//   node docker/test/check-figures.mjs <figures.json> <native arch>
import { readFileSync } from 'node:fs';

const [file, nativeArch] = process.argv.slice(2);
if (!file || !nativeArch) {
  console.error('usage: check-figures.mjs <figures.json> <native arch: amd64|arm64>');
  process.exit(2);
}

const SINGLE_STEPS = [
  'up --build -d',
  'both health checks healthy',
  'images: platform, non-root, read-only',
  "bob's message reaches alice",
  'message:mood_updated: a happy line comes back happy',
  'stop with two clients sending: the API exits 0 within 5 s',
  'up -d again: every acknowledged message is there',
];
const SCALE_STEPS = ['up --build -d (PostgreSQL, Redis, sidecar, 2 API replicas, proxy)', 'a message through replica A reaches a client on replica B (and back)'];

const runs = JSON.parse(readFileSync(file, 'utf8'));
const problems = [];
const expect = (mode, arch, steps) => {
  const run = runs.find((r) => r.mode === mode && r.arch === arch);
  if (!run) return problems.push(`no ${mode} run on linux/${arch}`);
  const before = problems.length;
  for (const step of steps) if (run.steps?.[step] === undefined) problems.push(`${mode} ${arch}: step "${step}" did not pass`);
  const images = Object.entries(run.images ?? {});
  if (images.length < 2) problems.push(`${mode} ${arch}: the images were not inspected`);
  for (const [service, image] of images) if (image.arch !== arch) problems.push(`${mode} ${arch}: the ${service} image is ${image.arch}`);
  if (mode === 'single' && !(run.ackedUnderLoad > 0)) problems.push(`${mode} ${arch}: no message was acknowledged under load`);
  if (problems.length > before) return;
  const acked = run.ackedUnderLoad ? `; ${run.ackedUnderLoad} messages acked under load, every one back after the second up` : '';
  console.log(`${mode} linux/${arch}: \`${steps[0]}\` and ${steps.length - 1} more steps passed${acked}`);
};

expect('single', nativeArch, SINGLE_STEPS);
if (nativeArch !== 'arm64') expect('single', 'arm64', SINGLE_STEPS);
expect('scale', nativeArch, SCALE_STEPS);

if (problems.length > 0) {
  console.error(`container test figures incomplete:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
