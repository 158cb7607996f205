import * as E from 'fp-ts/Either';
import type { Pool } from 'pg';
import { WalletAddressCodec, type WalletAddress } from '../../domain/address/wallet-address';

/**
 * The wallets that have at least one alert (armed or not: a fired alert re-arms only when a read sees its condition
 * clear), so the watcher re-reads them and alerts fire while nobody has the app open. The list is cached for
 * `ttlMs`, since the leader asks on every poll.
 * (Reads the alerts table directly: a `listAlertedWallets` on the alerts repository would be its natural home.)
 */
export const makeAlertedWallets = (pool: Pick<Pool, 'query'>, ttlMs = 5000, now: () => number = Date.now): (() => Promise<ReadonlyArray<WalletAddress>>) => {
  let cached: { readonly at: number; readonly wallets: ReadonlyArray<WalletAddress> } | undefined;
  return async () => {
    if (cached !== undefined && now() - cached.at < ttlMs) return cached.wallets;
    const result = await pool.query<{ wallet: string }>('SELECT DISTINCT wallet FROM alerts');
    const wallets = result.rows.flatMap((row) => {
      const decoded = WalletAddressCodec.decode(row.wallet);
      return E.isRight(decoded) ? [decoded.right] : [];
    });
    cached = { at: now(), wallets };
    return wallets;
  };
};
