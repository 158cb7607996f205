import * as fc from 'fast-check';
import { deserializeValue, serializeValue } from './json-value';

describe('bigint-safe JSON', () => {
  it('round-trips bigints anywhere in a value', () => {
    fc.assert(
      fc.property(fc.bigInt(), fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), (big, s, n) => {
        const value = { a: big, nested: [{ b: big, s }], n: Object.is(n, -0) ? 0 : n };
        expect(deserializeValue(serializeValue(value))).toEqual(value);
      }),
    );
  });

  it('leaves a lookalike with other keys alone', () => {
    expect(deserializeValue('{"x":{"$bigint":"12","y":1}}')).toEqual({ x: { $bigint: '12', y: 1 } });
  });
});
