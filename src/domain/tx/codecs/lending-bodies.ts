import type * as t from 'io-ts';
import { WalletAddressCodec } from '../../address/wallet-address';
import { AmountOrMaxCodec, BaseUnitAmount } from './base-unit-amount';
import { TokenAddressField } from './tx-body-fields';
import { txBody } from './tx-body';

/** POST /api/tx/lending/supply `{ asset, amount | "max", onBehalfOf? }`. */
export const SupplyBody = txBody({ asset: TokenAddressField, amount: AmountOrMaxCodec }, { onBehalfOf: WalletAddressCodec });
/** POST /api/tx/lending/withdraw `{ asset, amount | "max", to? }`. */
export const WithdrawBody = txBody({ asset: TokenAddressField, amount: AmountOrMaxCodec }, { to: WalletAddressCodec });
/** POST /api/tx/lending/borrow `{ asset, amount }` (variable rate; no "max"). */
export const BorrowBody = txBody({ asset: TokenAddressField, amount: BaseUnitAmount }, {});
/** POST /api/tx/lending/repay `{ asset, amount | "max", onBehalfOf? }`. */
export const RepayBody = txBody({ asset: TokenAddressField, amount: AmountOrMaxCodec }, { onBehalfOf: WalletAddressCodec });

export type SupplyBody = t.TypeOf<typeof SupplyBody>;
export type WithdrawBody = t.TypeOf<typeof WithdrawBody>;
export type BorrowBody = t.TypeOf<typeof BorrowBody>;
export type RepayBody = t.TypeOf<typeof RepayBody>;
