import { Router, type Response } from 'express';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as t from 'io-ts';
import type { AppError, ValidationIssue } from '../../domain/app-error';
import { parseTokenAddress, type TokenAddress } from '../../domain/address/token-address';
import type { TokenRef } from '../../domain/tokens/token-ref';
import type { PriceFeed } from '../../services/pricing/price-feed';
import type { HistoryToken, PriceHistoryService } from '../../services/pricing/price-history';
import { PriceRange } from '../../services/pricing/price-range';
import { decodePart } from '../decode-request';
import { sendError, sendOk } from '../envelope';
import { respond } from '../respond';
import { toHttpError } from '../to-http-error';

export interface PriceRouteDeps {
  readonly priceFeed: PriceFeed;
  readonly history: PriceHistoryService;
  /** The coin id `native` and `sei` stand for (`sei-network`). */
  readonly nativeCoingeckoId: string;
  /** Most tokens and ids in one `/prices` request; 50 by default. */
  readonly maxTokens?: number;
  /** The registry's view of a token, so its CoinGecko id is a second chance when its contract is unknown to CoinGecko. */
  readonly knownToken?: (address: `0x${string}`) => TokenRef | undefined;
}

const DEFAULT_MAX_TOKENS = 50;
const COIN_ID = /^[a-z0-9][a-z0-9._-]{0,99}$/;
const ADDRESS_EXPECTED = '0x-prefixed 20-byte hex address';
const COIN_ID_EXPECTED = 'CoinGecko coin id (lower-case letters, digits, ".", "_", "-")';

/** `a,b` or a repeated parameter `?x=a&x=b`. */
const ListParameter = t.union([t.string, t.array(t.string)]);
const PricesQuery = t.partial({ tokens: ListParameter, ids: ListParameter });
const HistoryQuery = t.partial({ range: PriceRange });

const splitList = (value: string | ReadonlyArray<string> | undefined): ReadonlyArray<string> =>
  (typeof value === 'string' ? [value] : (value ?? []))
    .flatMap((part) => part.split(','))
    .map((item) => item.trim())
    .filter((item) => item !== '');

const tokenRefOf = (address: TokenAddress): TokenRef => ({ key: address, address, symbol: '', decimals: 0, coingeckoId: null });
const coinRefOf = (id: string): TokenRef => ({ key: id, address: null, symbol: '', decimals: 0, coingeckoId: id });

/** Validates `tokens` and `ids` into token refs (deduplicated), or every problem at once. */
const parsePricesQuery = (query: t.TypeOf<typeof PricesQuery>, deps: PriceRouteDeps): E.Either<AppError, ReadonlyArray<TokenRef>> => {
  const max = deps.maxTokens ?? DEFAULT_MAX_TOKENS;
  const issues: ValidationIssue[] = [];
  const refs = new Map<string, TokenRef>();
  for (const [i, input] of splitList(query.tokens).entries()) {
    const address = parseTokenAddress(input);
    if (E.isRight(address)) refs.set(address.right, deps.knownToken?.(address.right) ?? tokenRefOf(address.right));
    else issues.push({ path: `query.tokens.${i}`, expected: ADDRESS_EXPECTED });
  }
  for (const [i, input] of splitList(query.ids).entries()) {
    const id = input.toLowerCase();
    if (COIN_ID.test(id)) refs.set(id, coinRefOf(id));
    else issues.push({ path: `query.ids.${i}`, expected: COIN_ID_EXPECTED });
  }
  if (issues.length === 0 && refs.size === 0) issues.push({ path: 'query.tokens', expected: 'at least one token address (tokens) or coin id (ids)' });
  if (refs.size > max) issues.push({ path: 'query.tokens', expected: `at most ${max} tokens and ids in total` });
  return issues.length > 0 ? E.left({ _tag: 'ValidationFailed', details: issues }) : E.right([...refs.values()]);
};

/** `native`/`sei`, a contract address, or a CoinGecko coin id. */
const parseHistoryToken = (input: string, nativeCoingeckoId: string): E.Either<AppError, HistoryToken> => {
  const lower = input.trim().toLowerCase();
  if (lower === 'native' || lower === 'sei') return E.right({ kind: 'coin', id: nativeCoingeckoId });
  if (lower.startsWith('0x'))
    return pipe(
      parseTokenAddress(input),
      E.bimap((): AppError => ({ _tag: 'InvalidAddress', input }), (address): HistoryToken => ({ kind: 'contract', address })),
    );
  if (COIN_ID.test(lower)) return E.right({ kind: 'coin', id: lower });
  return E.left({ _tag: 'ValidationFailed', details: [{ path: 'params.token', expected: `native, a ${ADDRESS_EXPECTED} or a ${COIN_ID_EXPECTED}` }] });
};

const fail = (res: Response, e: AppError): void => sendError(res, toHttpError(e));

/** `GET /prices?tokens=0x…,0x…&ids=sei-network` and `GET /prices/:token/history?range=…`, mounted under /api. */
export const priceRoutes = (deps: PriceRouteDeps): Router => {
  const router = Router();

  router.get('/prices', async (req, res) => {
    const refs = pipe(
      decodePart('query', PricesQuery, req.query),
      E.flatMap((query) => parsePricesQuery(query, deps)),
    );
    if (E.isLeft(refs)) return fail(res, refs.left);
    const prices = await deps.priceFeed.getPrices(refs.right)();
    sendOk(res, {
      prices: Object.fromEntries(prices),
      unpriced: refs.right.filter((ref) => !prices.has(ref.key)).map((ref) => ref.key),
    });
  });

  router.get('/prices/:token/history', async (req, res) => {
    const parsed = pipe(
      decodePart('query', HistoryQuery, req.query),
      E.flatMap((query) => pipe(parseHistoryToken(req.params.token, deps.nativeCoingeckoId), E.map((token) => ({ token, range: query.range ?? '7d' })))),
    );
    if (E.isLeft(parsed)) return fail(res, parsed.left);
    await respond(res, deps.history.getPriceHistory(parsed.right.token, parsed.right.range));
  });

  return router;
};
