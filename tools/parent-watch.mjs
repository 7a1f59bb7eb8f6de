// Notices that the process which started this one is gone (killed with SIGKILL, say, so it could
// not stop its children): the orphan is re-parented (to init or a subreaper), so process.ppid
// changes. `npm start`'s launcher, the sidecar's serve.mjs and (through exit-with-parent.mjs) the
// API use it, so a killed launcher leaves nothing running.

/** Calls `onGone` once, within `intervalMs`, after the parent process has gone. */
export function onParentExit(onGone, intervalMs = 500) {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    onGone();
  }, intervalMs);
  timer.unref();
}
