import * as t from 'io-ts';
import * as E from 'fp-ts/Either';

/** How one environment variable is read: its codec, and the default used when it is unset or empty. */
export interface EnvSpec<A> {
  readonly codec: t.Decoder<unknown, A>;
  readonly default?: string;
  readonly description: string;
}

export interface EnvProblem {
  readonly variable: string;
  readonly expected: string;
  readonly got?: string;
}

export type EnvSpecs = Record<string, EnvSpec<unknown>>;

export type DecodedEnv<S extends EnvSpecs> = {
  readonly [K in keyof S]: S[K] extends EnvSpec<infer A> ? (S[K] extends { default: string } ? A : A | undefined) : never;
};

const SECRET_HINT = /SECRET|KEY|PASSWORD|TOKEN/;

/** Decodes every variable of `specs` from `env`, collecting all problems at once. */
export const decodeEnv = <S extends EnvSpecs>(specs: S, env: NodeJS.ProcessEnv): E.Either<ReadonlyArray<EnvProblem>, DecodedEnv<S>> => {
  const problems: EnvProblem[] = [];
  const out: Record<string, unknown> = {};
  for (const [variable, spec] of Object.entries(specs)) {
    const raw = env[variable];
    const input = raw === undefined || raw.trim() === '' ? spec.default : raw;
    if (input === undefined) {
      out[variable] = undefined;
      continue;
    }
    const result = spec.codec.decode(input);
    if (E.isLeft(result)) {
      problems.push({
        variable,
        expected: spec.codec.name,
        ...(SECRET_HINT.test(variable) ? {} : { got: input }),
      });
    } else {
      out[variable] = result.right;
    }
  }
  return problems.length > 0 ? E.left(problems) : E.right(out as DecodedEnv<S>);
};

/** One line per problem, e.g. `PORT: expected port (0-65535), got "abc"`. */
export const formatEnvProblems = (problems: ReadonlyArray<EnvProblem>): string =>
  problems.map((p) => `${p.variable}: expected ${p.expected}${p.got === undefined ? '' : `, got "${p.got}"`}`).join('\n');
