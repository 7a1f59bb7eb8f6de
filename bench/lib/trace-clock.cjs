/**
 * The one clock every stamp of a delivery trace is on, in ms: the machine's monotonic clock, the
 * same in every process (why not each process's own clock: lib/deliverytrace.mjs). CommonJS, so
 * the server preload (lib/delivery-trace.cjs) can require it as the generator and tests import it.
 */
exports.traceClockMs = function traceClockMs() {
  return Number(process.hrtime.bigint()) / 1e6;
};
