import { Writable } from 'node:stream';
import * as winston from 'winston';
import type { Logger } from '../../../src/services/ports/logger';

/** A JSON logger whose lines a test can read back. */
export const makeCaptureLogger = (): { logger: Logger; lines: Array<Record<string, unknown>> } => {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write: (chunk: Buffer, _encoding, callback) => {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      callback();
    },
  });
  return { logger: winston.createLogger({ format: winston.format.json(), transports: [new winston.transports.Stream({ stream })] }), lines };
};
