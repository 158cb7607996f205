import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import type { KeptSecret } from '../../config/app-config';

/** The file, inside DATA_DIR, that keeps the generated development secrets (next to the embedded Postgres data). */
export const SECRETS_FILE_NAME = 'secrets.json';
const OWNER_ONLY = 0o600;

const SecretsFileCodec = t.record(t.string, t.string);

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

const readSecrets = (file: string): Readonly<Record<string, string>> => {
  if (!existsSync(file)) return {};
  const decoded = SecretsFileCodec.decode(parseJson(readFileSync(file, 'utf8')));
  if (E.isLeft(decoded)) throw new Error(`${file} is not a JSON object of strings: repair it, or remove it to start with new secrets (signing everyone out, chat history unreadable)`);
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, OWNER_ONLY);
  return decoded.right;
};

/** Writes the whole file under a temporary name, owner-only, then renames it over the old one: never half-written. */
const writeSecrets = (file: string, secrets: Readonly<Record<string, string>>): void => {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(secrets, null, 2)}\n`, { mode: OWNER_ONLY, flag: 'w' });
  chmodSync(temporary, OWNER_ONLY);
  renameSync(temporary, file);
};

/**
 * The secret `name` kept in `<dataDir>/secrets.json`: read from there, or generated (32 random bytes, hex) and written
 * there (mode 0600) on first use, so that a development server on the embedded database keeps its session tokens and
 * encrypted chat history across restarts. Throws when the file exists but is not ours to read.
 */
export const keepSecretInDataDir: KeptSecret = (name, dataDir) => {
  const file = path.resolve(dataDir, SECRETS_FILE_NAME);
  const secrets = readSecrets(file);
  const kept = secrets[name];
  const value = kept !== undefined && kept !== '' ? kept : randomBytes(32).toString('hex');
  if (value !== kept) writeSecrets(file, { ...secrets, [name]: value });
  return { value, warning: `${name} is not set: using the one kept in ${file} (generated on first start; set ${name} to use your own)` };
};
