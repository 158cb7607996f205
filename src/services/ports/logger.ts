/** Structured context of a log line (`{ wallet, cause }`); secrets are redacted by the logger, not by callers. */
export type LogFields = Readonly<Record<string, unknown>>;

/**
 * The logging port services write to: one message and its fields per line, at four levels. The request id is added
 * by the logger from the async context. Filled by infra/logging/logger.ts (winston).
 */
export interface Logger {
  readonly error: (message: string, fields?: LogFields) => void;
  readonly warn: (message: string, fields?: LogFields) => void;
  readonly info: (message: string, fields?: LogFields) => void;
  readonly debug: (message: string, fields?: LogFields) => void;
}

/** The structured fields of one access-log line (message `request`, level info). */
export interface AccessLogEntry {
  readonly requestId: string;
  readonly method: string;
  readonly route: string;
  readonly path: string;
  readonly status: number;
  readonly durationMs: number;
  readonly ip: string | undefined;
}
