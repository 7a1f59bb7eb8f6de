/**
 * A fresh idempotency key for `message:send`. `crypto.randomUUID` exists only on secure origins
 * (https, localhost); elsewhere 16 random bytes are formatted the same way. Either form matches
 * the shared `CLIENT_MESSAGE_ID_PATTERN`.
 */
export function newClientMessageId(cryptoApi: Partial<Crypto> | null = globalThis.crypto ?? null): string {
  if (typeof cryptoApi?.randomUUID === 'function') return cryptoApi.randomUUID();
  const bytes = new Uint8Array(16);
  if (typeof cryptoApi?.getRandomValues === 'function') {
    cryptoApi.getRandomValues(bytes);
  } else {
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  }
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
