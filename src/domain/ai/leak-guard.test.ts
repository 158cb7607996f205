import fc from 'fast-check';
import { makeLeakGuard } from './leak-guard';

const SECRET = 'spm-0123456789abcdef';

const run = (secret: string, deltas: ReadonlyArray<string>) => {
  const guard = makeLeakGuard(secret);
  const out = deltas.map((d) => guard.push(d));
  out.push(guard.flush());
  return { text: out.join(''), pieces: out, tripped: guard.isTripped() };
};

/** `text` cut at the given points (each taken modulo its length + 1). */
const chunked = (text: string, cuts: ReadonlyArray<number>): ReadonlyArray<string> => {
  const bounds = [0, ...[...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b), text.length];
  return bounds.slice(1).map((end, i) => text.slice(bounds[i], end));
};

describe('leak guard', () => {
  it('passes text that never contains the secret through unchanged, chunk for chunk when no chunk ends like the secret begins', () => {
    expect(run(SECRET, ['Your health ', 'factor is ', '2.00.'])).toEqual({ text: 'Your health factor is 2.00.', pieces: ['Your health ', 'factor is ', '2.00.', ''], tripped: false });
  });

  it('holds back a tail that could begin the secret until it is clearly not the secret', () => {
    expect(run(SECRET, ['costs sp', 'ent: $5'])).toEqual({ text: 'costs spent: $5', pieces: ['costs ', 'spent: $5', ''], tripped: false });
  });

  it('trips on the secret split across any chunks and passes nothing from then on', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.array(fc.nat(40), { maxLength: 6 }), (before, after, cuts) => {
        const text = `${before}${SECRET}${after}`;
        const result = run(SECRET, chunked(text, cuts));
        expect(result.tripped).toBe(true);
        expect(result.text).not.toContain(SECRET);
      }),
    );
  });

  it('gives back exactly the input when the secret is absent, however it is chunked', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.array(fc.nat(200), { maxLength: 10 }), (text, cuts) => {
        const withSecretPieces = `${text}${SECRET.slice(0, 7)}`;
        fc.pre(!withSecretPieces.includes(SECRET));
        const result = run(SECRET, chunked(withSecretPieces, cuts));
        expect(result.tripped).toBe(false);
        expect(result.text).toBe(withSecretPieces);
      }),
    );
  });
});
