import { sequenceT } from 'fp-ts/Apply';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { encodeFunctionData, erc20Abi, formatUnits, type Address } from 'viem';
import type { AppError } from '../../domain/app-error';
import type { ActionPlan, AllowanceNeed, PlanContext, PlannedCall } from '../../domain/tx/action-plan';
import { approvalAmount, mergeAllowanceNeeds } from '../../domain/tx/approval-amount';
import type { DescribedBalanceChange, PreparedTransactions, SimulationOutcome } from '../../domain/tx/prepared-transactions';
import { estimateGas } from './estimate-gas';
import { shortBalanceOf } from './short-balance';
import { simulationOverrides, type SimulationOverrides } from './simulation-overrides';
import { simulateCalls, type SimulationVerdict } from './simulate-calls';
import type { AllowanceSlotBook, LendingHealth, TokenDescription, TokenDescriptions, TxChain } from './ports';
import type { ChainId } from '../../domain/address/chain-id';

/** An action family's planner: reads what it needs at `ctx.blockNumber` and returns the plan (action-plan.ts). */
export type Planner = (ctx: PlanContext) => TE.TaskEither<AppError, ActionPlan>;

export interface TxEngineDeps {
  readonly chain: TxChain;
  readonly health: LendingHealth;
  readonly slots: AllowanceSlotBook;
  readonly tokens: TokenDescriptions;
  readonly chainId: ChainId;
  /** How long a preparation stays good: `expiresAt` = now + this (TX_PREPARE_TTL_SECONDS). */
  readonly ttlSeconds: number;
  readonly now: () => Date;
  /** The RPC deadline and circuit around the whole preparation: a hung RPC answers 503 RPC_UNAVAILABLE. */
  readonly guard: <A>(work: TE.TaskEither<AppError, A>) => TE.TaskEither<AppError, A>;
}

/** An approval the wallet must sign first: its allowance is below what the plan needs. */
interface ShortAllowance {
  readonly need: AllowanceNeed;
  readonly amount: bigint;
}

/** Gas bound of an ERC-20 approve whose estimate reverts (a plain approve costs 25–60k). */
const APPROVE_GAS_UPPER_BOUND = 100_000n;

const shortAllowances = (deps: TxEngineDeps, ctx: PlanContext, plan: ActionPlan): TE.TaskEither<AppError, ReadonlyArray<ShortAllowance>> =>
  pipe(
    mergeAllowanceNeeds(plan.allowances),
    TE.traverseArray((need) => {
      const amount = approvalAmount(need, plan.approvalCoversAccrualUntilExpiry === true, deps.ttlSeconds);
      return pipe(
        deps.chain.allowance(need.token, ctx.wallet, need.spender, ctx.blockNumber),
        TE.map((current) => (current < amount ? [{ need, amount }] : [])),
      );
    }),
    TE.map((lists) => lists.flat()),
  );

/** Every token the answer names (approvals and balance changes), described once. */
const describeTokens = (deps: TxEngineDeps, plan: ActionPlan): TE.TaskEither<AppError, ReadonlyMap<string, TokenDescription>> => {
  const tokens = [...new Set([...plan.allowances.map((a) => a.token), ...plan.balanceChanges.flatMap((c) => (c.token === 'native' ? [] : [c.token]))])];
  return pipe(
    tokens,
    TE.traverseArray((token) => pipe(deps.tokens.describe(token), TE.map((d) => [token, d] as const))),
    TE.map((entries) => new Map(entries)),
  );
};

const NATIVE: TokenDescription = { symbol: 'SEI', decimals: 18 };
const descriptionOf = (descriptions: ReadonlyMap<string, TokenDescription>, token: Address | 'native'): TokenDescription =>
  token === 'native' ? NATIVE : (descriptions.get(token) ?? { symbol: token, decimals: 0 });

const approveCall = (s: ShortAllowance, d: TokenDescription): PlannedCall => ({
  to: s.need.token,
  data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [s.need.spender, s.amount] }),
  value: 0n,
  description: `Approve ${formatUnits(s.amount, d.decimals)} ${d.symbol} for ${s.need.spender}`,
  gasUpperBound: APPROVE_GAS_UPPER_BOUND,
});

const outcomeOf = (verdict: SimulationVerdict): Pick<SimulationOutcome, 'ok' | 'error'> =>
  verdict.ok === true ? { ok: true } : verdict.ok === false ? { ok: false, error: verdict.error } : { ok: null, error: { code: 'NOT_SIMULATED', message: verdict.reason } };

/** What is known once the plan and its allowances are read: everything the simulation batch needs. */
interface ReadPlan {
  readonly ctx: PlanContext;
  readonly plan: ActionPlan;
  readonly short: ReadonlyArray<ShortAllowance>;
  readonly descriptions: ReadonlyMap<string, TokenDescription>;
  readonly overrides: SimulationOverrides;
}

/** Simulation, gas, health factor and balances in one batch, then API.md's answer. */
const simulateAndAnswer = (deps: TxEngineDeps, { ctx, plan, short, descriptions, overrides }: ReadPlan): TE.TaskEither<AppError, PreparedTransactions> => {
  const { wallet, blockNumber } = ctx;
  const approvals = short.map((s) => approveCall(s, descriptionOf(descriptions, s.need.token)));
  const listed = [...approvals.map((call) => ({ call, kind: 'approve' as const })), ...plan.calls.map((call) => ({ call, kind: 'action' as const }))];
  const request = (call: PlannedCall) => ({ from: wallet, to: call.to, data: call.data, value: call.value });
  const simulation: TE.TaskEither<AppError, SimulationVerdict> =
    overrides.kind === 'unavailable'
      ? TE.right({ ok: null, reason: overrides.reason })
      : simulateCalls(deps.chain, listed.map(({ call, kind }) => ({ call: request(call), kind })), overrides.overrides, blockNumber);
  const gas = estimateGas(
    deps.chain,
    listed.map(({ call, kind }) => ({ call: request(call), gasUpperBound: call.gasUpperBound, dependsOnEarlier: kind === 'action' && approvals.length > 0 })),
    blockNumber,
  );
  const balanceChanges: ReadonlyArray<DescribedBalanceChange> = plan.balanceChanges.map((c) => ({ ...c, ...descriptionOf(descriptions, c.token) }));
  return pipe(
    sequenceT(TE.ApplyPar)(simulation, gas, deps.health.healthFactorAt(wallet, blockNumber), shortBalanceOf(deps.chain, wallet, balanceChanges, blockNumber)),
    TE.map(
      ([verdict, gasList, healthFactorBefore, shortBalance]): PreparedTransactions => ({
        action: plan.action,
        wallet,
        chainId: deps.chainId,
        blockNumber,
        transactions: listed.map(({ call, kind }, i) => ({
          to: call.to,
          data: call.data,
          value: call.value,
          chainId: deps.chainId,
          gas: gasList[i] ?? call.gasUpperBound,
          description: call.description,
          kind,
        })),
        simulation: {
          ...(shortBalance === undefined ? outcomeOf(verdict) : { ok: false, error: shortBalance }),
          healthFactorBefore,
          healthFactorAfter: plan.healthFactorAfter === undefined ? healthFactorBefore : plan.healthFactorAfter,
          balanceChanges,
        },
        ...(plan.quote === undefined ? {} : { quote: plan.quote }),
        expiresAt: new Date(deps.now().getTime() + deps.ttlSeconds * 1000),
      }),
    ),
  );
};

/**
 * The engine: reads the block, runs the planner at it, prepends an exact approve for each allowance that is short,
 * simulates the whole list as the wallet at that block (actions see the approvals through a state override of the
 * allowance slot), estimates gas and answers API.md's shape. Refusals are the planner's (422) or the RPC's (503); a
 * failing simulation is an answer (`ok: false`), and one that cannot be run faithfully is `ok: null`, never `true`.
 */
export const prepareAction =
  (deps: TxEngineDeps) =>
  (wallet: Address, planner: Planner): TE.TaskEither<AppError, PreparedTransactions> =>
    deps.guard(
      pipe(
        deps.chain.latestBlockNumber(),
        TE.map((blockNumber): PlanContext => ({ wallet, blockNumber })),
        TE.bindTo('ctx'),
        TE.bind('plan', ({ ctx }) => planner(ctx)),
        // The allowances and any token names the registry lacks, in one batch.
        TE.bind('reads', ({ ctx, plan }) => sequenceT(TE.ApplyPar)(shortAllowances(deps, ctx, plan), describeTokens(deps, plan))),
        TE.map(({ ctx, plan, reads: [short, descriptions] }) => ({ ctx, plan, short, descriptions })),
        TE.bind('overrides', ({ ctx, short }) => simulationOverrides(deps, ctx, short.map((s) => ({ token: s.need.token, spender: s.need.spender, amount: s.amount })))),
        TE.flatMap((read) => simulateAndAnswer(deps, read)),
      ),
    );
