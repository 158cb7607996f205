import * as t from 'io-ts';
import type { ValidationIssue } from '../app-error';

const isCombinator = (type: t.Decoder<unknown, unknown> | undefined): boolean =>
  type instanceof t.UnionType || type instanceof t.IntersectionType || type instanceof t.RefinementType;

/** Turns io-ts errors into `{ path: "body.amount", expected: "decimal string" }` issues. */
export const toValidationIssues = (where: string, errors: t.Errors): ReadonlyArray<ValidationIssue> => {
  const issues = errors.map((e) => {
    const keys = e.context.filter((c, i) => c.key !== '' && !isCombinator(e.context[i - 1]?.type)).map((c) => c.key);
    const last = e.context[e.context.length - 1];
    return { path: [where, ...keys].join('.'), expected: e.message ?? last?.type.name ?? 'valid value' };
  });
  return issues.filter((issue, i) => issues.findIndex((x) => x.path === issue.path) === i);
};
