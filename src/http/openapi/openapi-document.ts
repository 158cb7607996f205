/**
 * The OpenAPI 3.1 document of the public contract (shared/API.md), served at /api/docs.
 * Schemas are kept coarse where API.md is the detailed reference; paths, parameters, auth and error codes are exact.
 */
type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const envelope = (data: Schema): Schema => ({ type: 'object', required: ['success', 'data'], properties: { success: { const: true }, data } });
const obj = (properties: Record<string, Schema>, required: ReadonlyArray<string> = Object.keys(properties)): Schema => ({ type: 'object', properties, required });
const str: Schema = { type: 'string' };
const num: Schema = { type: 'number' };
const nullableNum: Schema = { type: ['number', 'null'] };
const arr = (items: Schema): Schema => ({ type: 'array', items });

const errors = (...statuses: ReadonlyArray<number>) =>
  Object.fromEntries(statuses.map((s) => [String(s), { description: ERROR_TEXT[s] ?? 'Error', content: { 'application/json': { schema: ref('Error') } } }]));

const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid input (VALIDATION_ERROR, INVALID_ADDRESS, BAD_REQUEST)',
  401: 'Not signed in or bad token (UNAUTHORIZED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SIWE_*)',
  403: 'Signed in as another wallet (FORBIDDEN), or a position NFT another wallet owns (NOT_OWNER)',
  404: 'Unknown resource (NOT_FOUND)',
  409: 'Conflict (CONFLICT)',
  413: 'Body too large (PAYLOAD_TOO_LARGE)',
  415: 'Content-Encoding or charset not supported (UNSUPPORTED_MEDIA_TYPE)',
  422: 'A sei1 address with no EVM association (ADDRESS_NOT_ASSOCIATED); a transaction that cannot be prepared (UNKNOWN_ASSET, NO_ROUTE, NOTHING_TO_DO)',
  429: 'Rate limited or budget spent (RATE_LIMITED, AI_RATE_LIMITED, AI_BUDGET_EXCEEDED); see Retry-After',
  502: 'An upstream answered badly (UPSTREAM_BAD_RESPONSE)',
  503: 'An upstream or dependency is unreachable (RPC_UNAVAILABLE, UPSTREAM_UNAVAILABLE, TIMEOUT)',
};

const ok = (data: Schema, description = 'OK') => ({ '200': { description, content: { 'application/json': { schema: envelope(data) } } } });
const json = (schema: Schema) => ({ required: true, content: { 'application/json': { schema } } });
const addressParam = { name: 'address', in: 'path', required: true, description: '0x… (any case) or sei1… address', schema: str };
const rangeParam = (values: ReadonlyArray<string>) => ({ name: 'range', in: 'query', required: false, schema: { type: 'string', enum: values } });
const authed = { security: [{ bearer: [] }] };
const trackedStatus: Schema = { enum: ['pending', 'confirmed', 'failed', 'dropped'] };
/** API.md's tracked transaction: blockNumber and gasUsed once mined, action for a call to a known contract. */
const trackedTransaction = obj(
  { hash: str, from: str, to: { type: ['string', 'null'] }, status: trackedStatus, blockNumber: num, gasUsed: str, action: str, createdAt: str, updatedAt: str },
  ['hash', 'from', 'to', 'status', 'createdAt', 'updatedAt'],
);

const baseUnits: Schema = { type: 'string', description: 'base units: a decimal string of a positive integer below 2^256' };

/** A prepare route of API.md "Transactions": the signed-in wallet's unsigned transactions, simulated. */
const txPrepare = (summary: string, body: Schema) => ({
  post: { tags: ['Transactions'], ...authed, summary, requestBody: json(body), responses: { ...ok(ref('PreparedTransactions')), ...errors(400, 401, 403, 422, 503) } },
});

const portfolioRead = (summary: string, data: Schema, extra: ReadonlyArray<Schema> = []) => ({
  get: { tags: ['Portfolio'], summary, parameters: [addressParam, ...extra], responses: { ...ok(data), ...errors(400, 422, 429, 503) } },
});

export const openApiDocument = (version: string) => ({
  openapi: '3.1.0',
  info: {
    title: 'Sei AI Portfolio Manager API',
    version,
    description: 'Portfolio, DeFi positions, prices, sign-in, alerts and AI for Sei EVM wallets. Every response is `{ success, data }` or `{ success: false, error: { code, message, details? } }` and carries `X-Request-Id`.',
  },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT (from POST /api/auth/verify)' } },
    schemas: {
      Error: obj({ success: { const: false }, error: obj({ code: str, message: str, details: arr(obj({ path: str, expected: str })) }, ['code', 'message']) }),
      TokenBalance: obj({
        token: { type: 'string', description: '"native" or the checksummed token address' }, symbol: str, name: str, decimals: num,
        balance: { type: 'string', description: 'base units' }, balanceFormatted: str, priceUSD: nullableNum, valueUSD: nullableNum,
        change24h: { type: ['number', 'null'], description: 'percent' }, priceSource: { enum: ['coingecko', 'dex', null] }, priceStale: { type: 'boolean' },
      }),
      LendingPosition: obj({ id: str, platform: str, type: { enum: ['supply', 'borrow'] }, token: str, tokenSymbol: str, amount: str, amountFormatted: str, valueUSD: nullableNum, apy: { type: 'number', description: 'percent' }, usageAsCollateral: { type: 'boolean' }, liquidationThreshold: { type: 'number', description: 'fraction' } }),
      LiquidityPosition: obj({
        id: str, platform: str, kind: { enum: ['concentrated', 'full-range'] }, poolAddress: str, token0: str, token1: str, token0Symbol: str, token1Symbol: str,
        fee: { type: 'number', description: 'hundredths of a bip (3000 = 0.3%)' }, liquidity: str, token0Amount: str, token1Amount: str, valueUSD: nullableNum,
        uncollectedFees: obj({ token0: str, token1: str, valueUSD: nullableNum }), priceRange: obj({ lower: nullableNum, upper: nullableNum, current: nullableNum }), isInRange: { type: 'boolean' },
      }),
      Risk: obj({
        level: { enum: ['low', 'medium', 'high', 'critical'] }, score: { type: 'number', description: '0-100, the weighted sum of the factors' }, healthFactor: nullableNum,
        liquidationRisk: { enum: ['none', 'low', 'medium', 'high', 'critical'] }, concentration: obj({ hhi: num, topAsset: { type: ['string', 'null'] }, topWeight: num }),
        stablecoinShare: num, impermanentLossRisk: num, factors: arr(obj({ id: str, weight: num, value: num, explanation: str })),
        liquidationPrice: { type: ['object', 'null'], properties: { asset: str, symbol: str, priceUSD: num } },
      }),
      PreparedTransactions: obj(
        {
          action: str, wallet: str, chainId: num, blockNumber: str,
          transactions: arr(obj({ to: str, data: str, value: str, chainId: num, gas: { type: 'string', description: 'estimate × 1.2, or an upper bound after an approval' }, description: str, kind: { enum: ['approve', 'action'] } })),
          simulation: obj(
            {
              ok: { type: ['boolean', 'null'], description: 'null: could not be simulated faithfully (error.code NOT_SIMULATED says why)' },
              error: obj({ code: { enum: ['INSUFFICIENT_BALANCE', 'INSUFFICIENT_COLLATERAL', 'HEALTH_FACTOR_TOO_LOW', 'SLIPPAGE', 'REVERTED', 'NOT_SIMULATED'] }, message: str }),
              healthFactorBefore: nullableNum, healthFactorAfter: nullableNum,
              balanceChanges: arr(obj({ token: { type: 'string', description: '"native" or the token address' }, symbol: str, delta: { type: 'string', description: 'signed base units, gas excluded' }, deltaFormatted: str })),
            },
            ['ok', 'healthFactorBefore', 'healthFactorAfter', 'balanceChanges'],
          ),
          quote: { type: 'object' }, expiresAt: str,
        },
        ['action', 'wallet', 'chainId', 'blockNumber', 'transactions', 'simulation', 'expiresAt'],
      ),
      Portfolio: obj(
        {
          walletAddress: str, chainId: num, blockNumber: num, totalValueUSD: num, netWorthUSD: num, totalSuppliedUSD: num, totalBorrowedUSD: num, totalLiquidityUSD: num,
          healthFactor: { type: ['number', 'null'], description: 'null when there is no debt' }, tokenBalances: arr(ref('TokenBalance')), lendingPositions: arr(ref('LendingPosition')),
          liquidityPositions: arr(ref('LiquidityPosition')), risk: ref('Risk'), unpricedTokens: num, warnings: arr(obj({ source: str, message: str })), lastUpdated: str,
          cachedAt: { type: 'string', description: 'present when served from cache' }, stale: { type: 'boolean', description: 'true when the chain failed and a stored snapshot is served' },
        },
        ['walletAddress', 'chainId', 'blockNumber', 'totalValueUSD', 'netWorthUSD', 'tokenBalances', 'lendingPositions', 'liquidityPositions', 'risk', 'unpricedTokens', 'warnings', 'lastUpdated'],
      ),
    },
  },
  paths: {
    '/health': { get: { tags: ['Operations'], summary: 'Dependency health: healthy | degraded (200) or unhealthy (503)', responses: { '200': { description: 'healthy or degraded' }, '503': { description: 'unhealthy' } } } },
    '/health/live': { get: { tags: ['Operations'], summary: 'Process liveness (no dependency checks)', responses: { '200': { description: 'alive' } } } },
    '/health/ready': { get: { tags: ['Operations'], summary: 'Readiness: 503 while starting or shutting down', responses: { '200': { description: 'ready' }, '503': { description: 'not ready' } } } },
    '/metrics': { get: { tags: ['Operations'], summary: 'Prometheus metrics (bearer METRICS_TOKEN, or loopback only)', responses: { '200': { description: 'text/plain; version=0.0.4' } } } },
    '/api/portfolio/{address}': portfolioRead('The whole portfolio at one block (ETag / 304 supported)', ref('Portfolio'), [{ name: 'tokens', in: 'query', required: false, description: 'extra token addresses, comma-separated (bounded)', schema: str }]),
    '/api/portfolio/{address}/summary': portfolioRead(
      'Totals, value-weighted APYs and allocation',
      obj(
        {
          totalValueUSD: num, netWorthUSD: num, totalSuppliedUSD: num, totalBorrowedUSD: num, totalLiquidityUSD: num, healthFactor: nullableNum,
          apy: obj({ lending: nullableNum, liquidity: nullableNum, total: nullableNum }), allocation: arr(obj({ symbol: str, valueUSD: num, weight: num })),
          cachedAt: { type: 'string', description: 'when the stored snapshot was taken (with stale)' }, stale: { type: 'boolean', description: 'true when the chain failed and a stored snapshot is summarised' },
        },
        ['totalValueUSD', 'netWorthUSD', 'totalSuppliedUSD', 'totalBorrowedUSD', 'totalLiquidityUSD', 'healthFactor', 'apy', 'allocation'],
      ),
    ),
    '/api/portfolio/{address}/history': portfolioRead('Stored snapshots over a range, at most ~200 points', obj({ range: str, points: arr(obj({ timestamp: str, totalValueUSD: num, netWorthUSD: num })) }), [rangeParam(['1d', '7d', '30d', '90d', '1y', 'all'])]),
    '/api/portfolio/{address}/performance': portfolioRead(
      'Time-weighted return, market PnL (price effect on held quantities) and net flows (everything else: deposits, withdrawals, yield, fees), drawdown, volatility, attribution',
      obj({ range: str, startValueUSD: num, endValueUSD: num, netFlowsUSD: num, marketPnlUSD: num, timeWeightedReturn: num, maxDrawdown: num, volatility: num, byAsset: arr(obj({ symbol: str, pnlUSD: num, contribution: num })) }),
      [rangeParam(['1d', '7d', '30d', '90d', '1y', 'all'])],
    ),
    '/api/portfolio/{address}/risk': portfolioRead('Explainable risk with the factors behind the score', { allOf: [ref('Risk'), obj({ alerts: arr(obj({ factor: str, severity: str, message: str })) })] }),
    '/api/portfolio/{address}/refresh': { post: { tags: ['Portfolio'], summary: 'Read the chain now, store a snapshot, push portfolio_update (tightly rate limited)', parameters: [addressParam], responses: { ...ok(ref('Portfolio')), ...errors(400, 422, 429, 503) } } },
    '/api/portfolio/data': { get: { tags: ['Portfolio'], summary: 'Compatibility: same as /api/portfolio/{address}', parameters: [{ name: 'walletAddress', in: 'query', required: true, schema: str }], responses: { ...ok(ref('Portfolio')), ...errors(400, 422, 503) } } },
    '/api/portfolio/summary': { get: { tags: ['Portfolio'], summary: 'Compatibility: same as /api/portfolio/{address}/summary', parameters: [{ name: 'walletAddress', in: 'query', required: true, schema: str }], responses: { ...ok({ type: 'object' }), ...errors(400, 422, 503) } } },
    '/api/prices': { get: { tags: ['Prices'], summary: 'USD prices by token address and CoinGecko id', parameters: [{ name: 'tokens', in: 'query', schema: str }, { name: 'ids', in: 'query', schema: str }], responses: { ...ok(obj({ prices: { type: 'object', additionalProperties: obj({ usd: num, change24h: nullableNum, updatedAt: str, source: str, stale: { type: 'boolean' } }) } })), ...errors(400) } } },
    '/api/prices/{token}/history': { get: { tags: ['Prices'], summary: 'Market chart', parameters: [{ name: 'token', in: 'path', required: true, description: 'CoinGecko id, token address, or native', schema: str }, rangeParam(['1d', '7d', '30d', '90d', '1y'])], responses: { ...ok(obj({ points: arr(obj({ timestamp: str, usd: num })) })), ...errors(400, 404, 502, 503) } } },
    '/api/tokens': { get: { tags: ['Prices'], summary: 'The token registry in use', responses: ok(obj({ chainId: num, tokens: arr(obj({ address: str, symbol: str, name: str, decimals: num, coingeckoId: { type: ['string', 'null'] } })) })) } },
    '/api/auth/nonce': { get: { tags: ['Auth'], summary: 'A single-use SIWE nonce', responses: ok(obj({ nonce: str, expiresAt: str })) } },
    '/api/auth/verify': { post: { tags: ['Auth'], summary: 'Verify a signed EIP-4361 message; returns a JWT', requestBody: json(obj({ message: str, signature: str })), responses: { ...ok(obj({ token: str, expiresAt: str, address: str })), ...errors(400, 401, 503) } } },
    '/api/auth/me': { get: { tags: ['Auth'], ...authed, summary: 'The signed-in wallet', responses: { ...ok(obj({ address: str, expiresAt: str })), ...errors(401) } } },
    '/api/auth/logout': { post: { tags: ['Auth'], ...authed, summary: 'Revoke this token', responses: { ...ok({ type: 'object' }), ...errors(401) } } },
    '/api/alerts': {
      get: { tags: ['Alerts'], ...authed, summary: "The signed-in wallet's alerts", responses: { ...ok({ type: 'object' }), ...errors(401) } },
      post: { tags: ['Alerts'], ...authed, summary: 'Create an alert', requestBody: json(obj({ type: { enum: ['health_factor_below', 'value_change_pct', 'price_above', 'price_below', 'lp_out_of_range'] }, threshold: num, token: str }, ['type', 'threshold'])), responses: { '201': { description: 'created' }, ...errors(400, 401, 409) } },
    },
    '/api/alerts/{id}': { delete: { tags: ['Alerts'], ...authed, summary: 'Delete one of your alerts', parameters: [{ name: 'id', in: 'path', required: true, schema: str }], responses: { ...ok({ type: 'object' }), ...errors(401, 404) } } },
    '/api/tx/wrap': txPrepare('Wrap native SEI into WSEI ("max": the SEI balance less a gas reserve)', obj({ amount: { anyOf: [baseUnits, { const: 'max' }] } })),
    '/api/tx/unwrap': txPrepare('Unwrap WSEI into native SEI ("max": the WSEI balance)', obj({ amount: { anyOf: [baseUnits, { const: 'max' }] } })),
    '/api/tx/track': {
      post: {
        tags: ['Transactions'],
        ...authed,
        summary: 'Follow a sent transaction until confirmed, failed or dropped (pushes transaction_update, then re-reads the portfolio)',
        requestBody: json(obj({ hash: str }, ['hash'])),
        responses: { '202': { description: 'tracked', content: { 'application/json': { schema: envelope(obj({ hash: str, status: trackedStatus })) } } }, ...errors(400, 401, 403, 503) },
      },
    },
    '/api/tx': {
      get: {
        tags: ['Transactions'],
        ...authed,
        summary: 'Your tracked transactions, newest tracked first (before = the nextBefore of the previous page)',
        parameters: [{ name: 'limit', in: 'query', schema: num }, { name: 'before', in: 'query', schema: str }],
        responses: { ...ok(obj({ transactions: arr(trackedTransaction), nextBefore: str }, ['transactions'])), ...errors(400, 401) },
      },
    },
    '/api/tx/{hash}': {
      get: { tags: ['Transactions'], ...authed, summary: "One of your tracked transactions (another wallet's answers 404)", parameters: [{ name: 'hash', in: 'path', required: true, schema: str }], responses: { ...ok(trackedTransaction), ...errors(400, 401, 404) } },
    },
    '/api/me/data': { delete: { tags: ['Account'], ...authed, summary: "Erase the wallet's chat history, alerts and sessions", responses: { ...ok(obj({ erased: { type: 'object' } })), ...errors(401) } } },
    '/api/tx/liquidity/add': {
      post: {
        tags: ['Transactions'],
        ...authed,
        summary: 'Prepare a DragonSwap V2 mint (token0 < token1, ticks on the pool spacing) or, with tokenId, an increase of your position',
        requestBody: json({
          oneOf: [
            obj({ token0: str, token1: str, fee: num, tickLower: num, tickUpper: num, amount0Desired: str, amount1Desired: str, slippageBps: num }, ['token0', 'token1', 'fee', 'tickLower', 'tickUpper', 'amount0Desired', 'amount1Desired']),
            obj({ tokenId: str, amount0Desired: str, amount1Desired: str, slippageBps: num }, ['tokenId', 'amount0Desired', 'amount1Desired']),
          ],
        }),
        responses: { ...ok({ type: 'object' }), ...errors(400, 401, 403, 404, 422, 503) },
      },
    },
    '/api/tx/liquidity/remove': {
      post: { tags: ['Transactions'], ...authed, summary: 'Prepare decrease (percent 1–100, default 100) + collect of your DragonSwap V2 position', requestBody: json(obj({ tokenId: str, percent: num, slippageBps: num }, ['tokenId'])), responses: { ...ok({ type: 'object' }), ...errors(400, 401, 403, 404, 422, 503) } },
    },
    '/api/tx/liquidity/collect': {
      post: { tags: ['Transactions'], ...authed, summary: 'Prepare collecting everything your DragonSwap V2 position owes', requestBody: json(obj({ tokenId: str })), responses: { ...ok({ type: 'object' }), ...errors(400, 401, 403, 404, 422, 503) } },
    },
    '/api/ai/analyze': { post: { tags: ['AI'], ...authed, summary: 'Portfolio analysis (provider "openai" or "heuristic")', requestBody: json(obj({ walletAddress: str, analysisType: { enum: ['basic', 'detailed', 'risk_focused'] } }, [])), responses: { ...ok({ type: 'object' }), ...errors(400, 401, 429) } } },
    '/api/ai/suggest': { post: { tags: ['AI'], ...authed, summary: 'Suggestions toward goals and a risk tolerance', requestBody: json({ type: 'object' }), responses: { ...ok({ type: 'object' }), ...errors(400, 401, 429) } } },
    '/api/ai/explain': { post: { tags: ['AI'], ...authed, summary: 'Explain a DeFi concept', requestBody: json(obj({ concept: str, context: str, complexity: { enum: ['beginner', 'intermediate', 'advanced'] } }, ['concept'])), responses: { ...ok({ type: 'object' }), ...errors(400, 401, 429) } } },
    '/api/ai/risk-assessment': { post: { tags: ['AI'], ...authed, summary: 'Assess a strategy against the portfolio', requestBody: json(obj({ strategy: str, walletAddress: str }, ['strategy'])), responses: { ...ok({ type: 'object' }), ...errors(400, 401, 429) } } },
    '/api/ai/market-insights': { get: { tags: ['AI'], ...authed, summary: "Insights grounded in the registry tokens' price moves", parameters: [{ name: 'focus', in: 'query', schema: { enum: ['defi', 'lending', 'dex', 'general'] } }, { name: 'timeframe', in: 'query', schema: { enum: ['1d', '7d', '30d'] } }], responses: { ...ok({ type: 'object' }), ...errors(400, 401, 429) } } },
    '/api/chat/message': { post: { tags: ['Chat'], ...authed, summary: 'Ask about your portfolio (Accept: text/event-stream streams chunk/done events)', requestBody: json(obj({ message: str, context: { type: 'object' } }, ['message'])), responses: { ...ok(obj({ id: str, response: str, suggestions: arr(str), actions: arr(obj({ action: str, rationale: str, expectedImpact: str, prepare: obj({ route: str, body: { type: 'object' } }) })), toolCalls: arr(obj({ name: str, arguments: { type: 'object' } })), provider: str, model: str, createdAt: str })), ...errors(400, 401, 429) } } },
    '/api/chat/history': {
      get: { tags: ['Chat'], ...authed, summary: 'Your chat history (paginated)', parameters: [{ name: 'limit', in: 'query', schema: num }, { name: 'before', in: 'query', schema: str }], responses: { ...ok(obj({ messages: arr(obj({ id: str, role: str, content: str, createdAt: str })) })), ...errors(401) } },
      delete: { tags: ['Chat'], ...authed, summary: 'Delete your chat history', responses: { ...ok(obj({ deleted: num })), ...errors(401) } },
    },
    '/api/chat/analysis': { post: { tags: ['Chat'], ...authed, summary: 'A chat-style analysis of the portfolio', requestBody: json(obj({ focus: { enum: ['performance', 'risk', 'opportunities', 'comprehensive'] } }, [])), responses: { ...ok({ type: 'object' }), ...errors(400, 401, 429) } } },
  },
});
