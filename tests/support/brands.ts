import * as E from 'fp-ts/Either';
import { ChainIdCodec, type ChainId } from '../../src/domain/address/chain-id';
import { parseTokenAddress, type TokenAddress, type TokenKey } from '../../src/domain/address/token-address';
import { TokenAmountCodec, type TokenAmount } from '../../src/domain/address/token-amount';
import { parseWalletAddress, type WalletAddress } from '../../src/domain/address/wallet-address';

// Fixture values through the brands' own decoders: a typo in a fixture fails the test that uses it, loudly.

const orThrow = <A>(decoded: E.Either<unknown, A>, what: string): A => {
  if (E.isLeft(decoded)) throw new Error(`fixture ${what} does not decode`);
  return decoded.right;
};

export const tokenAddress = (text: string): TokenAddress => orThrow(parseTokenAddress(text), text);
/** "native", or a token address. */
export const tokenKey = (text: string): TokenKey => (text === 'native' ? 'native' : tokenAddress(text));
export const walletAddress = (text: string): WalletAddress => orThrow(parseWalletAddress(text), text);
export const tokenAmount = (text: string): TokenAmount => orThrow(TokenAmountCodec.decode(text), text);
export const chainId = (id: number): ChainId => orThrow(ChainIdCodec.decode(id), `chain id ${id}`);
