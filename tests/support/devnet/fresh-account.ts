import { createWalletClient, http } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import type { Devnet, DevnetAccount } from './start-devnet';

/** A new account on the devnet (a random key, unfunded: give it gas money with `devnet.setBalance`), signing its own transactions. */
export const freshAccount = (devnet: Pick<Devnet, 'chain' | 'url'>): DevnetAccount => {
  const privateKey = generatePrivateKey();
  const account = privateKeyToAccount(privateKey);
  const walletClient = createWalletClient({ account, chain: devnet.chain, transport: http(devnet.url) });
  return { address: account.address, privateKey, account, walletClient };
};
