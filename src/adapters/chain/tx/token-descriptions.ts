import { sequenceT } from 'fp-ts/Apply';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { erc20Abi } from 'viem';
import { findRegistryToken, type Registry } from '../../../config/registry';
import type { AppError } from '../../../domain/app-error';
import { MAX_SYMBOL_LENGTH, sanitizeChainString } from '../../../domain/tokens/sanitize-chain-string';
import type { TokenDescription, TokenDescriptions } from '../../../services/tx/ports';
import type { SeiClient } from '../make-sei-client';

/** Symbol and decimals from the registry, else read once from the token (symbol sanitised) and kept in this process. */
export const makeTokenDescriptions = (client: SeiClient, registry: Registry): TokenDescriptions => {
  const read = new Map<string, TokenDescription>();
  return {
    describe: (token) => {
      const listed = findRegistryToken(registry, token) ?? read.get(token.toLowerCase());
      if (listed !== undefined) return TE.right({ symbol: listed.symbol, decimals: listed.decimals });
      const call = <A>(run: () => Promise<A>) => TE.tryCatch(run, (cause): AppError => ({ _tag: 'RpcUnavailable', cause }));
      return pipe(
        sequenceT(TE.ApplyPar)(
          call(() => client.readContract({ address: token, abi: erc20Abi, functionName: 'symbol' })),
          call(() => client.readContract({ address: token, abi: erc20Abi, functionName: 'decimals' })),
        ),
        TE.map(([symbol, decimals]) => ({ symbol: sanitizeChainString(symbol, MAX_SYMBOL_LENGTH), decimals })),
        TE.tap((d) => TE.fromIO(() => read.set(token.toLowerCase(), d))),
      );
    },
  };
};
