import type * as TE from 'fp-ts/TaskEither';
import type { Address } from 'viem';
import type { RegistryToken } from '../../config/sei-networks';
import type { AppError } from '../../domain/app-error';
import type { WalletAddress } from '../../domain/address/wallet-address';
import type { TokenAddress } from '../../domain/address/token-address';
import type { Portfolio } from '../../domain/portfolio/portfolio';
import type { UnpricedLendingPosition, UnpricedLiquidityPosition } from '../../domain/portfolio/unpriced-positions';
import type { ReadWarning, TokenHolding } from '../../domain/tokens/token-holding';
import type { ChainId } from '../../domain/address/chain-id';

// What the portfolio use-cases need from outside, filled in src/composition/portfolio.ts.

export interface TokenMetadata {
  readonly symbol: string;
  readonly name: string;
  readonly decimals: number;
}

/** A token to read: from the registry (metadata known), or added by the caller (metadata read on chain unless cached). */
export type TokenToRead = { readonly known: RegistryToken } | { readonly unknown: TokenAddress; readonly cachedMetadata?: TokenMetadata };

/** Everything a wallet holds at one block, before pricing. */
export interface WalletOnChain {
  readonly blockNumber: bigint;
  readonly holdings: ReadonlyArray<TokenHolding>;
  readonly lending: ReadonlyArray<UnpricedLendingPosition>;
  readonly liquidity: ReadonlyArray<UnpricedLiquidityPosition>;
  /** The lowest health factor a lending market reported; null when none did (no debt, or no lending). */
  readonly healthFactor: number | null;
  /** Parts that could not be read while the rest could: a token, a position, or a whole protocol (its source). */
  readonly warnings: ReadonlyArray<ReadWarning>;
  /** Metadata of caller-added tokens newly read from the chain, for the caller to cache for good. */
  readonly discoveredMetadata: ReadonlyArray<{ readonly address: Address; readonly metadata: TokenMetadata }>;
}

/**
 * Reads a wallet's balances and positions at one block (filled by adapters/chain/make-wallet-chain-reader.ts: the
 * PortfolioLens in one request, or the read-plan rounds).
 */
export interface WalletChainReader {
  /** The lending and liquidity sources ("yei", …): a warning naming one means some positions may be missing. */
  readonly positionSources: ReadonlySet<string>;
  /** RpcUnavailable when the chain cannot be read, or the balances cannot; a failed protocol is a warning. */
  readonly readWallet: (wallet: WalletAddress, tokens: ReadonlyArray<TokenToRead>) => TE.TaskEither<AppError, WalletOnChain>;
}

/** The EVM address a sei1 address is associated with (Sei's Addr precompile); AddressNotAssociated when none. */
export type ResolveSeiAddress = (bech32: string) => TE.TaskEither<AppError, Address>;

/** A short cross-process lock: `tryAcquire` resolves to a release function, or null when someone else holds it. */
export interface Lock {
  readonly tryAcquire: (key: string, ttlMs: number) => Promise<(() => Promise<void>) | null>;
}

/** What a snapshot keeps per asset for performance attribution (see snapshot-holdings.ts). */
export interface SnapshotHolding {
  readonly key: string;
  readonly symbol: string;
  readonly quantity: number;
  readonly priceUSD: number | null;
}

export interface SnapshotRow {
  readonly id: string;
  readonly takenAt: Date;
  readonly totalValueUSD: number;
  readonly netWorthUSD: number;
  readonly holdings: ReadonlyArray<SnapshotHolding>;
}

export interface NewSnapshot {
  readonly wallet: string;
  readonly chainId: ChainId;
  readonly blockNumber: number;
  readonly takenAt: Date;
  readonly portfolio: Portfolio;
  readonly holdings: ReadonlyArray<SnapshotHolding>;
}

/** Stored portfolio snapshots: written per fresh read, read back for history, performance and the stale fallback. */
export interface SnapshotsRepository {
  readonly insert: (s: NewSnapshot) => TE.TaskEither<AppError, void>;
  readonly lastTakenAt: (wallet: string, chainId: ChainId) => TE.TaskEither<AppError, Date | null>;
  readonly latest: (wallet: string, chainId: ChainId) => TE.TaskEither<AppError, { readonly takenAt: Date; readonly portfolio: Portfolio } | null>;
  readonly range: (wallet: string, chainId: ChainId, from: Date, to: Date) => TE.TaskEither<AppError, ReadonlyArray<SnapshotRow>>;
  /** Snapshots older than `before`, grouped by wallet and chain, for the retention job. */
  readonly olderThan: (before: Date) => TE.TaskEither<AppError, ReadonlyArray<{ readonly group: string; readonly id: string; readonly takenAt: Date }>>;
  readonly deleteMany: (ids: ReadonlyArray<string>) => TE.TaskEither<AppError, number>;
}
