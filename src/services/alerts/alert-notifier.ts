import type { WalletAddress } from '../../domain/address/wallet-address';
import type { RiskAlertPayload } from '../../domain/alerts/risk-alert';

/**
 * Where triggered alerts go: the Socket.IO layer emits `risk_alert` to the wallet's room. Must not throw or block;
 * delivery is best effort (the event is already stored when this is called).
 */
export type AlertNotifier = (wallet: WalletAddress, alert: RiskAlertPayload) => void;
