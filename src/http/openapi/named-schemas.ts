import * as t from 'io-ts';
import { LendingPositionCodec, LiquidityPositionCodec, PortfolioCodec, RiskCodec, TokenBalanceCodec } from '../../domain/portfolio/portfolio';
import type { NamedCodecs } from './codec-to-json-schema';

/** `{ success: false, error: { code, message, details? } }`: every error answer. */
export const ErrorEnvelopeCodec = t.type({
  success: t.literal(false),
  error: t.intersection([t.type({ code: t.string, message: t.string }), t.partial({ details: t.unknown })]),
});

/** Codecs both documents show once, under components.schemas, and reference elsewhere. */
export const NAMED_SCHEMAS: NamedCodecs = new Map<t.Mixed, string>([
  [PortfolioCodec, 'Portfolio'],
  [TokenBalanceCodec, 'TokenBalance'],
  [LendingPositionCodec, 'LendingPosition'],
  [LiquidityPositionCodec, 'LiquidityPosition'],
  [RiskCodec, 'Risk'],
  [ErrorEnvelopeCodec, 'Error'],
]);
