// Whether a TCP port can be listened on, and the error a user sees when it cannot.
import { createServer } from 'node:net';

/** Resolves true when `host:port` is free to listen on, false when something holds it. */
export function portIsFree(port, host) {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error) => (error.code === 'EADDRINUSE' ? resolve(false) : reject(error)));
    probe.listen({ port: Number(port), host, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/** "port 8000 (127.0.0.1) is in use by another program: stop it, or set SIDECAR_URL …". */
export function portTakenMessage(port, host, setting) {
  return `port ${port} (${host}) is in use by another program: stop it, or set ${setting} to use another port`;
}
