import * as t from 'io-ts';
import * as E from 'fp-ts/Either';
import type { WalletAddress } from '../../domain/address/wallet-address';
import { portfolioPromptView, riskPromptView } from '../../domain/ai/portfolio-prompt-view';
import { sanitizePromptData } from '../../domain/ai/sanitize-prompt-data';
import { NATIVE_KEY, type TokenRef } from '../../domain/tokens/token-ref';
import { registryTokenRef } from '../../config/registry';
import { MAX_SYMBOL_LENGTH, sanitizeChainString } from '../../domain/tokens/sanitize-chain-string';
import { toErrorReply } from '../../domain/errors/to-error-reply';
import type { PreparedTransactions } from '../../domain/tx/prepared-transactions';
import { preparedTransactionsJson } from '../../domain/tx/prepared-transactions-json';
import { HistoryRangeCodec, type HistoryPoint } from '../portfolio/portfolio-history';
import type { WalletData } from './wallet-data';

/** Most points of a history series handed to a model. */
const MAX_HISTORY_POINTS = 30;
const MAX_PRICE_TOKENS = 20;

const RangeArgs = t.exact(t.type({ range: HistoryRangeCodec }));
const PrepareArgs = t.exact(t.type({ route: t.string, body: t.UnknownRecord }));
const PricesArgs = t.exact(t.type({ tokens: t.array(t.string) }));

/** A tool's outcome: the arguments as parsed (for the response's `toolCalls`) and the data for the model. */
export interface ToolOutcome {
  readonly arguments: unknown;
  readonly result: unknown;
}

const parseArguments = (text: string): unknown => {
  try {
    return JSON.parse(text === '' ? '{}' : text);
  } catch {
    return text;
  }
};

const thin = (points: ReadonlyArray<HistoryPoint>): ReadonlyArray<HistoryPoint> => {
  if (points.length <= MAX_HISTORY_POINTS) return points;
  const step = (points.length - 1) / (MAX_HISTORY_POINTS - 1);
  return Array.from({ length: MAX_HISTORY_POINTS }, (_, i) => points[Math.round(i * step)]).filter((p): p is HistoryPoint => p !== undefined);
};

/** The registry tokens (and native SEI) a model named by symbol or address; names nobody knows are reported back. */
export const resolvePriceTokens = (data: Pick<WalletData, 'registry'>, asked: ReadonlyArray<string>): { refs: ReadonlyArray<TokenRef>; unknown: ReadonlyArray<string> } => {
  const refs: TokenRef[] = [];
  const unknown: string[] = [];
  for (const raw of asked.slice(0, MAX_PRICE_TOKENS)) {
    const q = raw.trim().toLowerCase();
    if (q === 'sei' || q === NATIVE_KEY) {
      refs.push({ key: NATIVE_KEY, address: null, symbol: 'SEI', decimals: 18, coingeckoId: data.registry.nativeCoingeckoId });
      continue;
    }
    const found = data.registry.tokens.find((tk) => tk.address.toLowerCase() === q || tk.symbol.toLowerCase() === q);
    if (found === undefined) unknown.push(sanitizeChainString(raw, MAX_SYMBOL_LENGTH));
    else refs.push(registryTokenRef(found));
  }
  return { refs: refs.filter((r, i) => refs.findIndex((x) => x.key === r.key) === i), unknown };
};

/** What the model is told of a preparation: the transactions in words and the simulation, without the calldata. */
const simulationForModel = (prepared: PreparedTransactions) => {
  const json = preparedTransactionsJson(prepared);
  return {
    action: json.action,
    transactions: json.transactions.map((tx) => ({ kind: tx.kind, description: tx.description })),
    simulation: json.simulation,
    expiresAt: json.expiresAt,
    note: 'Prepared and simulated only: nothing was signed or sent; the user signs in their wallet.',
  };
};

/**
 * Runs one read-only tool for `wallet`, the signed-in wallet: the model cannot name another one. A failure
 * (bad arguments, a data source down) becomes `{ error }` data the model can explain, never an exception.
 */
export const runWalletTool =
  (data: WalletData, wallet: WalletAddress) =>
  async (name: string, argumentsText: string): Promise<ToolOutcome> => {
    const args = parseArguments(argumentsText);
    const fail = (error: string): ToolOutcome => ({ arguments: args, result: { error } });
    const unavailable = (what: string) => fail(`${what} is unavailable right now`);
    switch (name) {
      case 'get_portfolio': {
        const p = await data.getPortfolio(wallet)();
        return E.isRight(p) ? { arguments: args, result: portfolioPromptView(p.right) } : unavailable('the portfolio');
      }
      case 'get_risk': {
        const p = await data.getPortfolio(wallet)();
        return E.isRight(p) ? { arguments: args, result: riskPromptView(p.right.risk) } : unavailable('the risk assessment');
      }
      case 'get_performance':
      case 'get_history': {
        const decoded = RangeArgs.decode(args);
        if (E.isLeft(decoded)) return fail('arguments must be {"range": "1d"|"7d"|"30d"|"90d"|"1y"|"all"}');
        const range = decoded.right.range;
        if (name === 'get_performance') {
          const perf = await data.getPerformance(wallet, range)();
          return E.isRight(perf) ? { arguments: args, result: sanitizePromptData(perf.right) } : unavailable('performance');
        }
        const history = await data.getHistory(wallet, range)();
        return E.isRight(history) ? { arguments: args, result: { range, points: thin(history.right.points) } } : unavailable('history');
      }
      case 'get_prices': {
        const decoded = PricesArgs.decode(args);
        if (E.isLeft(decoded)) return fail('arguments must be {"tokens": ["SYMBOL or 0x address", …]}');
        const { refs, unknown } = resolvePriceTokens(data, decoded.right.tokens);
        const prices = await data.priceFeed.getPrices(refs)();
        return {
          arguments: args,
          result: sanitizePromptData({
            prices: refs.map((r) => {
              const p = prices.get(r.key);
              return { symbol: r.symbol, token: r.key, usd: p?.usd ?? null, change24hPercent: p?.change24h ?? null, stale: p?.stale ?? false };
            }),
            unknownTokens: unknown,
          }),
        };
      }
      case 'prepare_transaction': {
        const decoded = PrepareArgs.decode(args);
        if (E.isLeft(decoded)) return fail('arguments must be {"route": "/api/tx/…", "body": {…}}');
        const prepare = data.prepareRoutes?.[decoded.right.route];
        if (prepare === undefined) return fail(`there is no prepare route ${sanitizeChainString(decoded.right.route, 60)}; routes: ${Object.keys(data.prepareRoutes ?? {}).join(', ')}`);
        const prepared = await prepare(wallet, decoded.right.body)();
        if (E.isLeft(prepared)) {
          const reply = toErrorReply(prepared.left);
          return { arguments: args, result: sanitizePromptData({ error: { code: reply.code, message: reply.message, details: reply.details ?? null } }) };
        }
        return { arguments: args, result: sanitizePromptData(simulationForModel(prepared.right)) };
      }
      default:
        return fail(`there is no tool named ${sanitizeChainString(name, 40)}`);
    }
  };
