import * as t from 'io-ts';
import * as E from 'fp-ts/Either';
import type { ValidationIssue } from '../app-error';
import { AlertTypeCodec, isPriceAlertType, type AlertType } from './alert-rule';

const FiniteNumber = t.refinement(t.number, Number.isFinite, 'finite number');
const BoundedString = (max: number) => t.refinement(t.string, (s) => s.length <= max, `string of at most ${max} characters`);

const optional = <C extends t.Mixed>(codec: C) => t.union([codec, t.undefined]);

/** `POST /api/alerts` body: unknown keys are stripped; the owner is never read from it. */
export const NewAlertBodyCodec = t.exact(t.type({ type: AlertTypeCodec, threshold: optional(FiniteNumber), token: optional(BoundedString(64)) }));
export type NewAlertBody = t.TypeOf<typeof NewAlertBodyCodec>;

/** A rule a wallet asked for, checked: `token` is a registry token key or "native" for price alerts and null otherwise. */
export interface NewAlert {
  readonly type: AlertType;
  readonly threshold: number;
  readonly token: string | null;
}

/** Largest threshold per type: a health factor, a percentage, a USD price. */
const LIMITS: Record<AlertType, { readonly expected: string; readonly isValid: (n: number) => boolean }> = {
  health_factor_below: { expected: 'health factor above 0 and at most 100', isValid: (n) => n > 0 && n <= 100 },
  value_change_pct: { expected: 'percentage above 0 and at most 1000', isValid: (n) => n > 0 && n <= 1000 },
  price_above: { expected: 'USD price above 0', isValid: (n) => n > 0 && n <= 1e15 },
  price_below: { expected: 'USD price above 0', isValid: (n) => n > 0 && n <= 1e15 },
  lp_out_of_range: { expected: 'no threshold, or 0', isValid: (n) => n === 0 },
};

/**
 * Checks the per-type rules of a decoded body, reporting every problem at once. `tokenKeyOf` turns a token the client
 * sent into its key ("native" or the checksummed registry address), or undefined when it is not one we know.
 */
export const validateNewAlert = (body: NewAlertBody, tokenKeyOf: (input: string) => string | undefined): E.Either<ReadonlyArray<ValidationIssue>, NewAlert> => {
  const issues: ValidationIssue[] = [];
  const limit = LIMITS[body.type];
  const threshold = body.threshold ?? (body.type === 'lp_out_of_range' ? 0 : undefined);
  if (threshold === undefined || !limit.isValid(threshold)) issues.push({ path: 'body.threshold', expected: limit.expected });
  let token: string | null = null;
  if (isPriceAlertType(body.type)) {
    const key = body.token === undefined ? undefined : tokenKeyOf(body.token);
    if (key === undefined) issues.push({ path: 'body.token', expected: '"native" or the address of a token in GET /api/tokens' });
    else token = key;
  } else if (body.token !== undefined) {
    issues.push({ path: 'body.token', expected: 'no token (only price_above and price_below take one)' });
  }
  return issues.length > 0 || threshold === undefined ? E.left(issues) : E.right({ type: body.type, threshold, token });
};
