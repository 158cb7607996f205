import type { EIP1193Provider } from 'hardhat/types';

/** A Hardhat provider extender that reports reverts as geth and Sei do: code 3, "execution reverted[: reason]", revert data. */
export declare const withGethStyleReverts: (provider: EIP1193Provider) => EIP1193Provider;
