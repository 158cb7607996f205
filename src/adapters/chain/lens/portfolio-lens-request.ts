import { encodeDeployData, getAddress, type Address, type Hex } from 'viem';
import type { TokenToRead } from '../../protocols/erc20/token-balances-plan';
import { PORTFOLIO_LENS_BYTECODE, portfolioLensAbi } from './portfolio-lens-artifact';
import type { PortfolioLensSetup } from './portfolio-lens-setup';

/** Whose portfolio to read: the wallet and its tokens (the registry's and the caller's), as the token plan reads them. */
export interface WalletReadHint {
  readonly wallet: Address;
  readonly tokens: ReadonlyArray<TokenToRead>;
}

/**
 * The data of the lens's eth_call without `to`: its creation code followed by the ABI-encoded Request. A caller-added
 * token without cached metadata gets decimals(), symbol() and name() read, as the token plan reads them.
 */
export const portfolioLensCallData = (setup: PortfolioLensSetup, hint: WalletReadHint, bytecode: Hex = PORTFOLIO_LENS_BYTECODE): Hex =>
  encodeDeployData({
    abi: portfolioLensAbi,
    bytecode,
    args: [
      {
        wallet: getAddress(hint.wallet),
        multicall3: setup.multicall3,
        tokens: hint.tokens.map((t) => getAddress('known' in t ? t.known.address : t.unknown)),
        readMetadata: hint.tokens.map((t) => 'unknown' in t && t.cachedMetadata === undefined),
        knownTokens: setup.knownTokens,
        aave: setup.aave,
        uniswapV3: setup.uniswapV3,
        uniswapV2: setup.uniswapV2,
      },
    ],
  });
