import * as t from 'io-ts';
import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { AppError } from '../../domain/app-error';
import { TokenAddressCodec, type TokenAddress } from '../../domain/address/token-address';
import { classifyAddressInput, WalletAddressCodec, type WalletAddress } from '../../domain/address/wallet-address';
import type { PortfolioDeps } from './portfolio-deps';

const ASSOCIATION_TTL_SECONDS = 30 * 24 * 3600;

/** A 0x address in any case, or a sei1 address resolved through the Addr precompile (cached: associations do not change). */
export const resolveWallet =
  (deps: Pick<PortfolioDeps, 'resolveSeiAddress' | 'cache' | 'registry'>) =>
  (input: string): TE.TaskEither<AppError, WalletAddress> => {
    const parsed = classifyAddressInput(input);
    if (parsed.kind === 'invalid') return TE.left({ _tag: 'InvalidAddress', input });
    if (parsed.kind === 'evm') return TE.right(parsed.address);
    const key = `sei-assoc:${deps.registry.chainId}:${parsed.bech32}`;
    return pipe(
      TE.fromTask(deps.cache.get(key, WalletAddressCodec)),
      TE.flatMap(
        O.match(
          () =>
            pipe(
              deps.resolveSeiAddress(parsed.bech32),
              TE.flatMap((evm) => {
                const decoded = WalletAddressCodec.decode(evm);
                return decoded._tag === 'Right' && evm !== '0x0000000000000000000000000000000000000000'
                  ? TE.right(decoded.right)
                  : TE.left<AppError, WalletAddress>({ _tag: 'AddressNotAssociated', input });
              }),
              TE.tap((evm) => TE.fromTask(deps.cache.set(key, evm, ASSOCIATION_TTL_SECONDS, WalletAddressCodec))),
            ),
          (cached) => TE.right(cached),
        ),
      ),
    );
  };

/** Decodes `?tokens=0x…,0x…` (bounded count) into checksummed addresses. */
export const parseExtraTokens = (raw: string | undefined, max: number): TE.TaskEither<AppError, ReadonlyArray<TokenAddress>> => {
  if (raw === undefined || raw.trim() === '') return TE.right([]);
  const items = [...new Set(raw.split(',').map((s) => s.trim()).filter((s) => s !== ''))];
  if (items.length > max) return TE.left({ _tag: 'ValidationFailed', details: [{ path: 'query.tokens', expected: `at most ${max} token addresses` }] });
  // As strict as a wallet address (a mixed-case address must carry its checksum), then branded a token.
  const decoded = pipe(t.array(WalletAddressCodec).decode(items), E.flatMap((wallets) => t.array(TokenAddressCodec).decode(wallets)));
  return decoded._tag === 'Right'
    ? TE.right([...new Set(decoded.right)].sort())
    : TE.left({ _tag: 'ValidationFailed', details: [{ path: 'query.tokens', expected: 'comma-separated 0x token addresses' }] });
};
