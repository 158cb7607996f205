import type { Address, Hex } from 'viem';

/** A prepare route's answer as a client receives it (API.md "Transactions"). */
export interface PreparedJson {
  action: string;
  wallet: string;
  chainId: number;
  blockNumber: string;
  transactions: Array<{ to: Address; data: Hex; value: string; chainId: number; gas: string; description: string; kind: 'approve' | 'action' }>;
  simulation: {
    ok: boolean | null;
    error?: { code: string; message: string };
    healthFactorBefore: number | null;
    healthFactorAfter: number | null;
    balanceChanges: Array<{ token: string; symbol: string; delta: string; deltaFormatted: string }>;
  };
  expiresAt: string;
}
