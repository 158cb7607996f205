import * as t from 'io-ts';
import { BorrowBody, RepayBody, SupplyBody, WithdrawBody } from '../../domain/tx/codecs/lending-bodies';
import { CollectBody, IncreaseBody, MintBody, RemoveBody } from '../../domain/tx/liquidity/liquidity-bodies';
import { SwapBody } from '../routes/tx-swap-routes';
import { ListQuery, TrackBody } from '../routes/tx-track-routes';
import { WrapBody } from '../routes/tx-wrap-routes';
import { NullableNumber, type RouteContract } from './route-contract';

const TxAction = t.keyof({ supply: null, withdraw: null, borrow: null, repay: null, swap: null, add_liquidity: null, remove_liquidity: null, collect: null, wrap: null, unwrap: null });
const TrackedStatus = t.keyof({ pending: null, confirmed: null, failed: null, dropped: null });

const SwapQuoteCodec = t.type({
  amountOut: t.string,
  amountOutMin: t.string,
  route: t.readonlyArray(t.intersection([t.type({ pool: t.string, version: t.keyof({ v1: null, v2: null }) }), t.partial({ fee: t.number })])),
  priceImpactBps: t.number,
});
const LiquidityQuoteCodec = t.type({ amount0: t.string, amount1: t.string, amount0Min: t.string, amount1Min: t.string, liquidity: t.string });

/** API.md's answer of every prepare route (src/domain/tx/prepared-transactions-json.ts writes it). */
export const PreparedTransactionsCodec = t.intersection([
  t.type({
    action: TxAction,
    wallet: t.string,
    chainId: t.number,
    blockNumber: t.string,
    transactions: t.readonlyArray(
      t.type({ to: t.string, data: t.string, value: t.string, chainId: t.number, gas: t.string, description: t.string, kind: t.keyof({ approve: null, action: null }) }),
    ),
    simulation: t.intersection([
      t.type({
        ok: t.union([t.boolean, t.null]),
        healthFactorBefore: NullableNumber,
        healthFactorAfter: NullableNumber,
        balanceChanges: t.readonlyArray(t.type({ token: t.string, symbol: t.string, delta: t.string, deltaFormatted: t.string })),
      }),
      t.partial({ error: t.type({ code: t.string, message: t.string }) }),
    ]),
    expiresAt: t.string,
  }),
  t.partial({ quote: t.union([SwapQuoteCodec, LiquidityQuoteCodec]) }),
]);

export const TrackedTransactionCodec = t.intersection([
  t.type({ hash: t.string, from: t.string, to: t.union([t.string, t.null]), status: TrackedStatus, createdAt: t.string, updatedAt: t.string }),
  t.partial({ blockNumber: t.number, gasUsed: t.string, action: t.keyof({ ...TxAction.keys, approve: null }) }),
]);

/** Validation (400) comes before ownership (403); a failing simulation is a 200 with `simulation.ok: false`. */
const PREPARE_ERRORS = [400, 401, 403, 422, 429, 503];

const prepare = (path: string, summary: string, body: t.Mixed, errors: ReadonlyArray<number> = PREPARE_ERRORS): RouteContract => ({
  method: 'post',
  path,
  tag: 'Transactions',
  auth: 'bearer',
  summary,
  body,
  answers: { 200: { description: 'the unsigned transactions in signing order, simulated as the wallet at blockNumber', data: PreparedTransactionsCodec } },
  errors,
});

/** Position routes also answer 404 for an NFT that was never minted (or was burned). */
const POSITION_ERRORS = [...PREPARE_ERRORS, 404];

/** Preparing (never signing) and following transactions: API.md "Transactions". */
export const txContract: ReadonlyArray<RouteContract> = [
  prepare('/api/tx/lending/supply', 'Supply an asset to Yei (Aave v3 Pool.supply); "max" supplies the whole balance', SupplyBody),
  prepare('/api/tx/lending/withdraw', 'Withdraw from Yei; "max" withdraws everything withdrawable', WithdrawBody),
  prepare('/api/tx/lending/borrow', 'Borrow from Yei at the variable rate', BorrowBody),
  prepare('/api/tx/lending/repay', 'Repay Yei debt; "max" leaves zero debt, interest accrued until landing included', RepayBody),
  prepare('/api/tx/wrap', 'Wrap native SEI into WSEI', WrapBody),
  prepare('/api/tx/unwrap', 'Unwrap WSEI into native SEI', WrapBody),
  prepare('/api/tx/swap', 'Swap on DragonSwap: the best of every single hop and every two-hop route through WSEI, over V2 fee tiers and V1 pairs', SwapBody),
  prepare('/api/tx/liquidity/add', 'Mint a DragonSwap V2 position, or add to one (with tokenId)', t.union([MintBody, IncreaseBody]), POSITION_ERRORS),
  prepare('/api/tx/liquidity/remove', 'Decrease a position by percent and collect everything owed, in one transaction', RemoveBody, POSITION_ERRORS),
  prepare('/api/tx/liquidity/collect', "Collect a position's fees", CollectBody, POSITION_ERRORS),
  {
    method: 'post',
    path: '/api/tx/track',
    tag: 'Transactions',
    auth: 'bearer',
    summary: 'Follow a sent transaction until confirmed, failed or dropped (pushes transaction_update, then re-reads the portfolio)',
    body: TrackBody,
    answers: { 202: { description: 'tracked: pending, or the final status when it already landed', data: t.type({ hash: t.string, status: TrackedStatus }) } },
    errors: [400, 401, 403, 409, 429, 503],
  },
  {
    method: 'get',
    path: '/api/tx',
    tag: 'Transactions',
    auth: 'bearer',
    summary: 'Your tracked transactions, newest tracked first (before = the nextBefore of the previous page)',
    query: ListQuery,
    answers: { 200: { description: 'one page', data: t.intersection([t.type({ transactions: t.readonlyArray(TrackedTransactionCodec) }), t.partial({ nextBefore: t.string })]) } },
    errors: [400, 401, 429, 503],
  },
  {
    method: 'get',
    path: '/api/tx/{hash}',
    tag: 'Transactions',
    auth: 'bearer',
    summary: "One of your tracked transactions (another wallet's answers 404, like an unknown one)",
    params: { hash: '0x + 64 hex' },
    answers: { 200: { description: 'the tracked transaction', data: TrackedTransactionCodec } },
    errors: [400, 401, 404, 429, 503],
  },
];
