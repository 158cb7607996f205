import * as t from 'io-ts';
import { describeCodec } from '../codecs/describe-codec';

/** Most tokens one `subscribe_prices` may name. */
export const MAX_PRICE_TOKENS = 100;
const MAX_ADDRESS_INPUT = 128;

const AddressInput = describeCodec(
  new t.Type<string, string, unknown>(
  `address (at most ${MAX_ADDRESS_INPUT} characters)`,
  (u): u is string => typeof u === 'string' && u.length <= MAX_ADDRESS_INPUT,
  (u, c) => (typeof u === 'string' && u.length > 0 && u.length <= MAX_ADDRESS_INPUT ? t.success(u) : t.failure(u, c, '0x… or sei1… address')),
  (s) => s,
  ),
  { type: 'string', minLength: 1, maxLength: MAX_ADDRESS_INPUT, description: '0x… or sei1… address' },
);

/** `subscribe` / `join_portfolio` / `unsubscribe`: `{ walletAddress }` (0x… or sei1…); other keys are dropped. */
export const WalletPayload = t.exact(t.type({ walletAddress: AddressInput }));

const TokenList = describeCodec(
  new t.Type<ReadonlyArray<string>, ReadonlyArray<string>, unknown>(
  `at most ${MAX_PRICE_TOKENS} token addresses or "native"`,
  (u): u is ReadonlyArray<string> => Array.isArray(u) && u.every((x) => typeof x === 'string'),
  (u, c) =>
    Array.isArray(u) && u.length <= MAX_PRICE_TOKENS && u.every((x) => typeof x === 'string' && x.length <= MAX_ADDRESS_INPUT)
      ? t.success(u as ReadonlyArray<string>)
      : t.failure(u, c, `a list of at most ${MAX_PRICE_TOKENS} token addresses or "native"`),
  (xs) => xs,
  ),
  { type: 'array', maxItems: MAX_PRICE_TOKENS, items: { type: 'string', maxLength: MAX_ADDRESS_INPUT, description: 'token address or "native"' } },
);

/** `subscribe_prices`: `{ tokens? }` (absent = every price), or nothing at all. */
export const PricesPayload = t.union([t.undefined, t.null, t.exact(t.partial({ tokens: TokenList }))]);

/** `unsubscribe_prices`: no payload needed. */
export const NoPayload = t.unknown;
