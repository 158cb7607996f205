import type { ModelToolSpec } from './chat-model';

const RANGE = { type: 'string', enum: ['1d', '7d', '30d', '90d', '1y', 'all'], description: 'Time range' } as const;
const noParameters = { type: 'object', properties: {}, required: [], additionalProperties: false } as const;

/**
 * The read-only tools a chat model may call. None takes a wallet: each reads the signed-in wallet only.
 * None moves funds: prepare_transaction only prepares and simulates (the wallet would have to sign and send).
 */
export const WALLET_TOOL_SPECS: ReadonlyArray<ModelToolSpec> = [
  { name: 'get_portfolio', description: "The signed-in wallet's current portfolio: totals, token balances, lending and liquidity positions.", parameters: noParameters },
  { name: 'get_risk', description: "The signed-in wallet's risk assessment: level, score, health factor, concentration, stablecoin share, factors.", parameters: noParameters },
  {
    name: 'get_performance',
    description: "The signed-in wallet's performance over a range: time-weighted return, market P&L, net flows, max drawdown, volatility.",
    parameters: { type: 'object', properties: { range: RANGE }, required: ['range'], additionalProperties: false },
  },
  {
    name: 'get_history',
    description: "The signed-in wallet's value over a range, from stored snapshots.",
    parameters: { type: 'object', properties: { range: RANGE }, required: ['range'], additionalProperties: false },
  },
  {
    name: 'get_prices',
    description: 'Current USD prices and 24h changes of tokens, by symbol or address (tokens of the registry; "SEI" for the native coin).',
    parameters: {
      type: 'object',
      properties: { tokens: { type: 'array', items: { type: 'string' }, description: 'Symbols or 0x addresses, at most 20' } },
      required: ['tokens'],
      additionalProperties: false,
    },
  },
  {
    name: 'prepare_transaction',
    description:
      'Prepares and simulates, for the signed-in wallet, the transactions of one action (API.md prepare routes, e.g. /api/tx/lending/repay with {"asset": "0x…", "amount": "<base units>"|"max"}); answers the simulation: ok or the error, health factor before and after, balance changes. Nothing is signed or sent.',
    parameters: {
      type: 'object',
      properties: {
        route: { type: 'string', description: 'A prepare route, e.g. /api/tx/lending/repay' },
        body: { type: 'object', description: 'The route\'s JSON body; amounts are base-unit decimal strings or "max"', additionalProperties: { type: 'string' } },
      },
      required: ['route', 'body'],
      additionalProperties: false,
    },
  },
];
