/**
 * Limits and defaults shared by the API (validation, config defaults) and the web app
 * (input limits, counters). The API's effective values come from configuration and are
 * sent to clients in `session:ack.limits`; these are the defaults and the fixed bounds.
 */
export const NICKNAME_MIN_LENGTH = 1;
export const NICKNAME_MAX_LENGTH = 32;

export const DEFAULT_MAX_MESSAGE_LENGTH = 500;
export const DEFAULT_RATE_LIMIT_MAX = 5;
export const DEFAULT_RATE_LIMIT_WINDOW_MS = 5000;
export const DEFAULT_MESSAGE_HISTORY_LIMIT = 50;
export const DEFAULT_VN_BACKGROUND_DEBOUNCE_MS = 1500;
export const DEFAULT_TREATMENT_SHARE = 0.5;

/** `history:before`: messages per page when the client names no limit, and the most it may ask for. */
export const DEFAULT_HISTORY_PAGE_SIZE = 50;
export const MAX_HISTORY_PAGE_SIZE = 100;

/**
 * `session:rename`: at most this many renames per user in this window (ms), across all their
 * tabs. Generous for a person fixing a typo, tight enough that a name cannot flicker through a
 * crowd's presence lists.
 */
export const RENAME_RATE_LIMIT_MAX = 3;
export const RENAME_RATE_LIMIT_WINDOW_MS = 60_000;

/** A client-chosen idempotency key: short and printable. */
export const CLIENT_MESSAGE_ID_MAX_LENGTH = 64;
export const CLIENT_MESSAGE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** The session token is `<userId>.<signature>`; anything much longer is not ours. */
export const SESSION_TOKEN_MAX_LENGTH = 256;

/**
 * Largest client event the server handles, in bytes on the wire (its frames summed: the text
 * frame and any binary attachments). A larger one is answered with `error:invalid_payload`
 * without being parsed any further, nothing of it is stored, and the connection stays up. No
 * valid payload comes near it: the longest one is a few kilobytes.
 */
export const MAX_SOCKET_FRAME_BYTES = 64 * 1024;

/**
 * Largest single frame the transport reads at all (Socket.IO's `maxHttpBufferSize`). A frame
 * over it cannot be answered without reading it, so the transport closes that connection (the
 * client reconnects); this bounds what one socket can make the server hold in memory.
 */
export const MAX_SOCKET_TRANSPORT_BYTES = 1024 * 1024;

/** C0 and C1 control characters, DEL included. Nicknames may not contain any. */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/** Matches a string with no control characters (the complement of CONTROL_CHARACTERS). */
// eslint-disable-next-line no-control-regex
export const NO_CONTROL_CHARACTERS = /^[^\u0000-\u001f\u007f-\u009f]*$/;
