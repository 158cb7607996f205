import * as t from 'io-ts';
import { PortfolioCodec, PortfolioTotalsCodec, RiskCodec } from '../../domain/portfolio/portfolio';
import { HistoryRangeCodec } from '../../services/portfolio/portfolio-history';
import { NullableNumber, type RouteContract } from './route-contract';

export const PortfolioSummaryCodec = t.intersection([
  PortfolioTotalsCodec,
  t.type({
    apy: t.type({ lending: NullableNumber, liquidity: NullableNumber, total: NullableNumber }),
    allocation: t.readonlyArray(t.type({ symbol: t.string, valueUSD: t.number, weight: t.number })),
  }),
  t.partial({ stale: t.literal(true), cachedAt: t.string }),
]);

export const PortfolioHistoryCodec = t.type({
  range: HistoryRangeCodec,
  points: t.readonlyArray(t.type({ timestamp: t.string, totalValueUSD: t.number, netWorthUSD: t.number })),
});

export const PortfolioPerformanceCodec = t.type({
  range: HistoryRangeCodec,
  startValueUSD: t.number,
  endValueUSD: t.number,
  netFlowsUSD: t.number,
  marketPnlUSD: t.number,
  timeWeightedReturn: t.number,
  maxDrawdown: t.number,
  volatility: t.number,
  byAsset: t.readonlyArray(t.type({ key: t.string, symbol: t.string, pnlUSD: t.number, contribution: t.number })),
});

export const RiskReportCodec = t.intersection([
  RiskCodec,
  t.type({
    alerts: t.readonlyArray(t.type({ factor: t.string, severity: t.keyof({ info: null, warning: null, critical: null }), message: t.string })),
    blockNumber: t.number,
  }),
  t.partial({ stale: t.literal(true) }),
]);

export const TokenListCodec = t.type({
  chainId: t.number,
  tokens: t.readonlyArray(t.type({ address: t.string, symbol: t.string, name: t.string, decimals: t.number, coingeckoId: t.union([t.string, t.null]) })),
});

export const RangeQuery = t.partial({ range: HistoryRangeCodec });
export const WalletQuery = t.type({ walletAddress: t.string });
export const ExtraTokensQuery = t.partial({ tokens: t.string });

const ADDRESS = { address: '0x… (any case) or sei1… address' };
const READ_ERRORS = [400, 422, 429, 503];

export const portfolioContract: ReadonlyArray<RouteContract> = [
  {
    method: 'get',
    path: '/api/portfolio/{address}',
    tag: 'Portfolio',
    summary: 'The whole portfolio at one block (ETag / If-None-Match → 304)',
    params: ADDRESS,
    query: ExtraTokensQuery,
    answers: { 200: { description: 'the portfolio', data: PortfolioCodec }, 304: { description: 'unchanged since the ETag sent', empty: true } },
    errors: READ_ERRORS,
  },
  { method: 'get', path: '/api/portfolio/{address}/summary', tag: 'Portfolio', summary: 'Totals, value-weighted APYs and allocation', params: ADDRESS, query: ExtraTokensQuery, answers: { 200: { description: 'the summary', data: PortfolioSummaryCodec } }, errors: READ_ERRORS },
  { method: 'get', path: '/api/portfolio/{address}/history', tag: 'Portfolio', summary: 'Stored snapshots over a range, at most ~200 points', params: ADDRESS, query: RangeQuery, answers: { 200: { description: 'the history', data: PortfolioHistoryCodec } }, errors: READ_ERRORS },
  {
    method: 'get',
    path: '/api/portfolio/{address}/performance',
    tag: 'Portfolio',
    summary: 'Time-weighted return, market PnL (price effect on held quantities) and net flows, drawdown, volatility, attribution',
    params: ADDRESS,
    query: RangeQuery,
    answers: { 200: { description: 'the performance', data: PortfolioPerformanceCodec } },
    errors: READ_ERRORS,
  },
  { method: 'get', path: '/api/portfolio/{address}/risk', tag: 'Portfolio', summary: 'Explainable risk with the factors behind the score', params: ADDRESS, answers: { 200: { description: 'the risk', data: RiskReportCodec } }, errors: READ_ERRORS },
  {
    method: 'post',
    path: '/api/portfolio/{address}/refresh',
    tag: 'Portfolio',
    summary: 'Read the chain now, store a snapshot, push portfolio_update (tightly rate limited)',
    params: ADDRESS,
    answers: { 200: { description: 'the fresh portfolio', data: PortfolioCodec } },
    errors: READ_ERRORS,
  },
  { method: 'get', path: '/api/portfolio/data', tag: 'Portfolio', summary: 'Compatibility: same as /api/portfolio/{address}', query: t.intersection([WalletQuery, ExtraTokensQuery]), answers: { 200: { description: 'the portfolio', data: PortfolioCodec }, 304: { description: 'unchanged', empty: true } }, errors: READ_ERRORS },
  { method: 'get', path: '/api/portfolio/summary', tag: 'Portfolio', summary: 'Compatibility: same as /api/portfolio/{address}/summary', query: WalletQuery, answers: { 200: { description: 'the summary', data: PortfolioSummaryCodec } }, errors: READ_ERRORS },
  { method: 'get', path: '/api/tokens', tag: 'Prices', summary: 'The token registry in use', answers: { 200: { description: 'the registry tokens', data: TokenListCodec } }, errors: [] },
];
