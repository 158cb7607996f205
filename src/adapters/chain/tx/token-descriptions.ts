import { sequenceT } from 'fp-ts/Apply';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { BaseError, erc20Abi } from 'viem';
import { findRegistryToken, type Registry } from '../../../config/registry';
import type { AppError } from '../../../domain/app-error';
import { MAX_SYMBOL_LENGTH, sanitizeChainString } from '../../../domain/tokens/sanitize-chain-string';
import type { TokenDescription, TokenDescriptions } from '../../../services/tx/ports';
import type { SeiClient } from '../make-sei-client';
import { isOutage } from '../rpc-errors';

/**
 * Symbol and decimals from the registry, else read once from the token (symbol sanitised) and kept in this process;
 * a token that does not answer them is named by its address with amounts in base units (decimals 0).
 */
export const makeTokenDescriptions = (client: SeiClient, registry: Registry): TokenDescriptions => {
  const read = new Map<string, TokenDescription>();
  return {
    describe: (token) => {
      const listed = findRegistryToken(registry, token) ?? read.get(token.toLowerCase());
      if (listed !== undefined) return TE.right({ symbol: listed.symbol, decimals: listed.decimals });
      const call = <A>(run: () => Promise<A>) => TE.tryCatch(run, (cause) => cause);
      return pipe(
        sequenceT(TE.ApplyPar)(
          call(() => client.readContract({ address: token, abi: erc20Abi, functionName: 'symbol' })),
          call(() => client.readContract({ address: token, abi: erc20Abi, functionName: 'decimals' })),
        ),
        TE.map(([symbol, decimals]): TokenDescription => ({ symbol: sanitizeChainString(symbol, MAX_SYMBOL_LENGTH), decimals })),
        // A token without symbol()/decimals() is named by its address, its amounts in base units.
        TE.orElse((cause) => (cause instanceof BaseError && !isOutage(cause) ? TE.right<AppError, TokenDescription>({ symbol: token, decimals: 0 }) : TE.left<AppError>({ _tag: 'RpcUnavailable', cause }))),
        TE.tap((d) => TE.fromIO(() => read.set(token.toLowerCase(), d))),
      );
    },
  };
};
