import * as winston from 'winston';
import DailyRotateFile from 'winston-daily-rotate-file';
import { registerFastAccessLine } from './access-line';
import { currentRequestId } from './request-context';
import { redactText, redactValue } from './redact';
import type { Logger } from '../../services/ports/logger';

export interface LoggerOptions {
  readonly level: string;
  readonly env: string;
  readonly dir: string | undefined;
  readonly maxSize: string;
  readonly maxDays: number;
  readonly service?: string;
}

const LEVEL_AND_META = new Set(['level', 'message', 'service', 'environment', '@timestamp', 'requestId']);

/** Adds the request id from the async context and redacts secrets in the message and every field. */
const enrich = winston.format((info) => {
  const requestId = info['requestId'] ?? currentRequestId();
  if (requestId !== undefined) info['requestId'] = requestId;
  info['@timestamp'] = new Date().toISOString();
  if (typeof info.message === 'string') info.message = redactText(info.message);
  for (const key of Object.keys(info)) {
    if (!LEVEL_AND_META.has(key)) info[key] = redactValue(info[key]);
  }
  return info;
});

const readable = winston.format.printf((info) => {
  const { level, message, requestId, service: _s, environment: _e, '@timestamp': ts, ...rest } = info;
  const extra = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
  return `${String(ts)} ${level} ${typeof requestId === 'string' ? `[${requestId}] ` : ''}${String(message)}${extra}`;
});

/** The process logger: JSON lines (daily-rotated files when a directory is set), readable console in development. */
export const makeLogger = (options: LoggerOptions): Logger => {
  const json = winston.format.combine(enrich(), winston.format.json());
  const transports: winston.transport[] = [
    new winston.transports.Console({
      format: options.env === 'development' ? winston.format.combine(enrich(), winston.format.colorize(), readable) : json,
      stderrLevels: ['error'],
    }),
  ];
  if (options.dir !== undefined) {
    const rotate = (filename: string, level?: string) =>
      new DailyRotateFile({
        dirname: options.dir,
        filename,
        datePattern: 'YYYY-MM-DD',
        maxSize: options.maxSize,
        maxFiles: `${options.maxDays}d`,
        format: json,
        ...(level === undefined ? {} : { level }),
      });
    transports.push(rotate('app-%DATE%.log'), rotate('error-%DATE%.log', 'error'));
  }
  const service = options.service ?? 'sei-portfolio-backend';
  const logger = winston.createLogger({ level: options.level, defaultMeta: { service, environment: options.env }, transports, exitOnError: false });
  registerFastAccessLine(logger, { level: options.level, env: options.env, dir: options.dir, service });
  return logger;
};

/** A logger that writes nothing, for tests that do not look at logs. */
export const makeSilentLogger = (): Logger => winston.createLogger({ silent: true, transports: [new winston.transports.Console({ silent: true })] });
