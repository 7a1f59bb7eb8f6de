// Preload for a child process that should not outlive its launcher:
//   node --import <this file's URL> app.js
// When the parent is gone, the process sends itself SIGTERM, so its own graceful shutdown runs.
import { onParentExit } from './parent-watch.mjs';

onParentExit(() => process.kill(process.pid, 'SIGTERM'));
