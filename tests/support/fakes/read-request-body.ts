import type { IncomingMessage } from 'node:http';

// Reads the whole request body as UTF-8 text.
export const readRequestBody = async (req: IncomingMessage): Promise<string> => {
  const parts: Buffer[] = [];
  for await (const part of req) {
    parts.push(typeof part === 'string' ? Buffer.from(part) : (part as Buffer));
  }
  return Buffer.concat(parts).toString('utf8');
};
