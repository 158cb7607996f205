import type { Address } from 'viem';

/** Multicall3's canonical address, the same on Sei mainnet and testnet. */
export const MULTICALL3_ADDRESS: Address = '0xcA11bde05977b3631167028862bE2a173976CA11';

/** Sei's Addr precompile (sei1… bech32 <-> 0x association). */
export const ADDR_PRECOMPILE_ADDRESS: Address = '0x0000000000000000000000000000000000001004';
