import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { envSpecs } from './env-specs';

describe('.env.example', () => {
  const text = readFileSync(path.resolve(__dirname, '../../.env.example'), 'utf8');
  const documented = new Map(
    [...text.matchAll(/^#? ?([A-Z][A-Z0-9_]+)=(.*)$/gm)].map((m) => [m[1] ?? '', m[2] ?? '']),
  );

  it('documents every variable the server reads, with its default', () => {
    for (const [name, spec] of Object.entries(envSpecs)) {
      expect([name, documented.has(name)]).toEqual([name, true]);
      expect([name, documented.get(name)]).toEqual([name, spec.default ?? '']);
    }
  });

  it('documents nothing the server does not read', () => {
    expect([...documented.keys()].filter((k) => !(k in envSpecs))).toEqual([]);
  });
});
