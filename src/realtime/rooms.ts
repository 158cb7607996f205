/**
 * Room names. Wallet rooms are public (portfolio data is public chain data); account rooms hold only the sockets
 * signed in as that wallet, for what belongs to it (risk alerts, transaction updates).
 */
export const walletRoom = (wallet: string): string => `wallet:${wallet}`;
export const accountRoom = (wallet: string): string => `account:${wallet}`;
/** Sockets that asked for every price. */
export const ALL_PRICES_ROOM = 'prices:*';
/** Sockets that asked for one token's price (`native` or a checksummed address). */
export const priceRoom = (key: string): string => `prices:${key}`;
