import fc from 'fast-check';
import { getAddress, type Address } from 'viem';
import { bytes32 } from '../../../../tests/support/arbitraries';
import type { WalletAddress } from '../../address/wallet-address';
import { checkDelayMs, nextTrackingStep, type TrackingSettings, type TrackingState } from './next-tracking-step';
import { TxHashCodec } from '../../address/tx-hash';

const settings: TrackingSettings = { pollIntervalMs: 1000, maxPollIntervalMs: 15_000, dropAfterSeconds: 600 };
const wallet = getAddress('0x00000000000000000000000000000000000000aa') as WalletAddress;
const other: Address = getAddress('0x00000000000000000000000000000000000000bb');
const pool: Address = getAddress('0x0000000000000000000000000000000000000001');
const t0 = new Date('2026-01-01T00:00:00.000Z');
const after = (ms: number) => new Date(t0.getTime() + ms);
const fresh: TrackingState = { wallet, attempts: 0, missingSince: null, from: null, to: null, action: null };
const known = { aavePool: pool, tokens: [] };
/** Aave Pool borrow(address,uint256,uint256,uint16,address) selector and zero arguments. */
const borrowInput = `0xa415bcad${'0'.repeat(64 * 5)}` as const;

describe('nextTrackingStep', () => {
  it('mined and successful → confirmed with its block, gas and action', () => {
    const step = nextTrackingStep(fresh, { kind: 'mined', from: wallet.toLowerCase() as Address, to: pool, input: borrowInput, blockNumber: 42n, gasUsed: 21_000n, succeeded: true }, t0, settings, known);
    expect(step).toEqual({ kind: 'final', status: 'confirmed', from: wallet, to: pool, action: 'borrow', blockNumber: 42n, gasUsed: 21_000n });
  });

  it('mined and reverted → failed', () => {
    const step = nextTrackingStep(fresh, { kind: 'mined', from: wallet, to: other, input: '0x', blockNumber: 7n, gasUsed: 50_000n, succeeded: false }, t0, settings, known);
    expect(step).toEqual({ kind: 'final', status: 'failed', from: wallet, to: other, action: null, blockNumber: 7n, gasUsed: 50_000n });
  });

  it('seen from another sender, mined or waiting → not_owner', () => {
    expect(nextTrackingStep(fresh, { kind: 'in_mempool', from: other, to: pool, input: '0x' }, t0, settings, known)).toEqual({ kind: 'not_owner' });
    expect(nextTrackingStep(fresh, { kind: 'mined', from: other, to: pool, input: '0x', blockNumber: 1n, gasUsed: 1n, succeeded: true }, t0, settings, known)).toEqual({ kind: 'not_owner' });
  });

  it('in the mempool → pending, the drop timer reset, checked again after the backoff', () => {
    const state = { ...fresh, attempts: 3, missingSince: after(-500_000) };
    expect(nextTrackingStep(state, { kind: 'in_mempool', from: wallet, to: pool, input: borrowInput }, t0, settings, known)).toEqual({
      kind: 'wait',
      from: wallet,
      to: pool,
      action: 'borrow',
      attempts: 4,
      nextCheckAt: after(8000),
      missingSince: null,
    });
  });

  it('unknown to the node: the drop timer starts, and at TX_DROP_AFTER_SECONDS (not a millisecond before) it is dropped', () => {
    const first = nextTrackingStep(fresh, { kind: 'unknown' }, t0, settings, known);
    expect(first).toEqual({ kind: 'wait', from: null, to: null, action: null, attempts: 1, nextCheckAt: after(1000), missingSince: t0 });
    const missing = { ...fresh, attempts: 9, missingSince: t0 };
    expect(nextTrackingStep(missing, { kind: 'unknown' }, after(599_999), settings, known)).toMatchObject({ kind: 'wait', missingSince: t0, attempts: 10 });
    expect(nextTrackingStep(missing, { kind: 'unknown' }, after(600_000), settings, known)).toEqual({ kind: 'final', status: 'dropped', from: null, to: null, action: null, blockNumber: null, gasUsed: null });
  });

  it('waits 1, 2, 4, 8 s… between checks, never more than TX_POLL_MAX_INTERVAL_MS', () => {
    expect([1, 2, 3, 4, 5, 6, 50, 5000].map((n) => checkDelayMs(n, settings))).toEqual([1000, 2000, 4000, 8000, 15_000, 15_000, 15_000, 15_000]);
  });
});

describe('TxHashCodec', () => {
  it('accepts any 32 bytes in hex of either case, as lower case', () => {
    fc.assert(
      fc.property(bytes32, fc.boolean(), (bytes, upper) => {
        const hex = Buffer.from(bytes).toString('hex');
        const decoded = TxHashCodec.decode(`0x${upper ? hex.toUpperCase() : hex}`);
        expect(decoded).toEqual({ _tag: 'Right', right: `0x${hex}` });
      }),
    );
  });

  it.each([['0x1234'], [`0x${'a'.repeat(63)}`], [`0x${'a'.repeat(65)}`], [`${'a'.repeat(64)}`], [`0x${'g'.repeat(64)}`], [42], [null]])('refuses %p', (input) => {
    expect(TxHashCodec.decode(input)._tag).toBe('Left');
  });
});
