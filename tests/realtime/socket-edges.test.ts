/**
 * The Socket.IO edge of the whole app (main.ts composition, real Redis and Postgres, real socket.io-client):
 * handshake tokens, session end on logout / erasure / expiry, event rate limit and flood disconnect, message size,
 * payload validation, private rooms, the long-polling refusal in WebSocket-only mode, and shutdown.
 */
import { randomBytes } from 'node:crypto';
import { SignJWT, type JWTPayload } from 'jose';
import request from 'supertest';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { WalletAddressCodec, type WalletAddress } from '../../src/domain/address/wallet-address';
import type { RiskAlertPayload } from '../../src/domain/alerts/risk-alert';
import type { RunningServer } from '../../src/main';
import { signIn } from '../auth/sign-in';
import { startSpareRedis } from '../support/app/spare-redis';
import { REAL_REDIS_URL, startTestServer } from '../support/app/start-test-server';
import { counterValue, waitForCount } from '../support/metric-count';
import { waitUntil } from '../support/wait-until';
import { collect, connectClient, connectRefusal, disconnection, emitWithAck, nextEvent, type Ack, type ClientSocket } from './support/socket-client';

const JWT_SECRET = 'realtime-test-secret-0123456789abcdef01234567';
const newAccount = () => privateKeyToAccount(generatePrivateKey());
const walletAddress = (input: string): WalletAddress => {
  const decoded = WalletAddressCodec.decode(input);
  if (decoded._tag === 'Left') throw new Error(`not an address: ${input}`);
  return decoded.right;
};
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A token exactly like the server issues, with the given lifetime. */
const tokenFor = (wallet: string, lifetimeSeconds: number, overrides: JWTPayload = {}): Promise<string> =>
  new SignJWT({ iss: 'sei-portfolio-manager', aud: 'sei-portfolio-manager-api', sub: wallet, iat: nowSeconds(), exp: nowSeconds() + lifetimeSeconds, jti: randomBytes(18).toString('base64url'), ...overrides })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(JWT_SECRET));

interface SystemMessage {
  readonly type: string;
  readonly message: string;
  readonly timestamp: string;
}

describe('Socket.IO edge', () => {
  let server: RunningServer;
  const sockets: ClientSocket[] = [];
  const connect = async (options: Parameters<typeof connectClient>[1] = {}): Promise<ClientSocket> => {
    const socket = await connectClient(server.url, options);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    server = await startTestServer({
      REDIS_URL: REAL_REDIS_URL,
      JWT_SECRET,
      ALLOWED_ORIGINS: 'https://app.example',
      SOCKET_AUTH_RECHECK_MS: '250',
      SOCKET_EVENT_RATE_MAX: '20',
      SOCKET_EVENT_RATE_WINDOW_MS: '1000',
      SOCKET_FLOOD_DISCONNECT: '40',
    });
  }, 60_000);
  afterEach(() => sockets.splice(0).forEach((s) => s.close()));
  afterAll(() => server?.shutdown('test done'));

  describe('handshake token', () => {
    it('connects without a token (portfolio and price events are public)', async () => {
      const socket = await connect();
      expect(socket.connected).toBe(true);
    });

    it('refuses a malformed, forged, expired or non-string token at connect, with the REST codes', async () => {
      expect(await connectRefusal(server.url, { auth: { token: 'not-a-jwt' } })).toEqual({ message: 'The session token is not valid: sign in again', code: 'TOKEN_INVALID' });
      const forged = await new SignJWT({ sub: newAccount().address, jti: randomBytes(18).toString('base64url') })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode('another-secret-0123456789abcdef0123456789'));
      expect((await connectRefusal(server.url, { auth: { token: forged } })).code).toBe('TOKEN_INVALID');
      const expired = await tokenFor(newAccount().address, -60, { iat: nowSeconds() - 3600 });
      expect(await connectRefusal(server.url, { auth: { token: expired } })).toEqual({ message: 'The session token has expired: sign in again', code: 'TOKEN_EXPIRED' });
      expect((await connectRefusal(server.url, { auth: { token: 42 } })).code).toBe('TOKEN_INVALID');
    });

    it('refuses a revoked token at connect (TOKEN_REVOKED)', async () => {
      const token = await signIn(server.app, newAccount());
      expect((await request(server.app).post('/api/auth/logout').set('Authorization', `Bearer ${token}`)).status).toBe(200);
      expect((await connectRefusal(server.url, { auth: { token } })).code).toBe('TOKEN_REVOKED');
    });
  });

  describe('session end', () => {
    it('disconnects a socket whose token is revoked by logout, after telling it why', async () => {
      const token = await signIn(server.app, newAccount());
      const socket = await connect({ auth: { token } });
      const messages = collect<SystemMessage>(socket, 'system_message');
      const gone = disconnection(socket, 5000);
      expect((await request(server.app).post('/api/auth/logout').set('Authorization', `Bearer ${token}`)).status).toBe(200);
      expect(await gone).toBe('io server disconnect');
      expect(messages.map((m) => [m.type, m.message])).toEqual([['warning', 'Your session has ended: sign in again']]);
    });

    it('disconnects every socket of a wallet that erases its data (DELETE /api/me/data), and no other', async () => {
      const account = newAccount();
      const token = await signIn(server.app, account);
      const [first, second] = await Promise.all([connect({ auth: { token } }), connect({ auth: { token: await signIn(server.app, account) } })]);
      const bystander = await connect({ auth: { token: await signIn(server.app, newAccount()) } });
      const gone = Promise.all([disconnection(first, 5000), disconnection(second, 5000)]);
      expect((await request(server.app).delete('/api/me/data').set('Authorization', `Bearer ${token}`)).status).toBe(200);
      const sweeps = await counterValue(server.metrics.loopRuns, { loop: 'session_recheck' });
      expect(await gone).toEqual(['io server disconnect', 'io server disconnect']);
      // Two more session sweeps: one began after the erasure and re-checked the bystander's token too.
      await waitForCount(server.metrics.loopRuns, { loop: 'session_recheck' }, sweeps + 2);
      expect(await emitWithAck(bystander, 'unsubscribe_prices')).toEqual({ ok: true, data: { tokens: [] } });
      expect(bystander.connected).toBe(true);
    });

    it('disconnects a socket when its token expires, not before the expiry time', async () => {
      const wallet = newAccount().address;
      const exp = nowSeconds() + 2;
      const token = await tokenFor(wallet, 2, { exp });
      // A session record as sign-in would have written it: without one the token is refused at connect.
      await server.database.pool.query("INSERT INTO auth_sessions (jti, wallet, issued_at, expires_at) VALUES ($1, $2, now(), now() + interval '2 seconds')", [
        JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()).jti,
        wallet,
      ]);
      const socket = await connect({ auth: { token } });
      const expired = nextEvent<SystemMessage>(socket, 'system_message', 5000);
      const gone = disconnection(socket, 5000);
      expect(await emitWithAck(socket, 'unsubscribe_prices')).toEqual({ ok: true, data: { tokens: [] } });
      expect(await gone).toBe('io server disconnect');
      const told = await expired;
      expect(told.message).toBe('Your session has expired: sign in again');
      // The server's own clock when it ended the session (a timer can fire a millisecond early).
      expect(Date.parse(told.timestamp)).toBeGreaterThanOrEqual(exp * 1000 - 1);
    });
  });

  describe('private pushes', () => {
    it('sends risk_alert only to the sockets signed in as that wallet', async () => {
      const owner = newAccount();
      const mine = await connect({ auth: { token: await signIn(server.app, owner) } });
      const other = await connect({ auth: { token: await signIn(server.app, newAccount()) } });
      const anonymous = await connect();
      const seenByOther = collect(other, 'risk_alert');
      const seenByAnonymous = collect(anonymous, 'risk_alert');
      const alert: RiskAlertPayload = {
        id: 'a1',
        type: 'health_factor_below',
        severity: 'critical',
        message: 'Health factor 1.05 is below 1.2',
        walletAddress: owner.address,
        metadata: { healthFactor: 1.05 },
        timestamp: new Date().toISOString(),
      };
      const received = nextEvent<RiskAlertPayload>(mine, 'risk_alert', 2000);
      server.realtime.push.riskAlert(walletAddress(owner.address), alert);
      expect(await received).toEqual(alert);
      // The push went to the room at once; an ack on each other socket arrives after anything sent to it before.
      await Promise.all([emitWithAck(other, 'unsubscribe_prices'), emitWithAck(anonymous, 'unsubscribe_prices')]);
      expect([seenByOther, seenByAnonymous]).toEqual([[], []]);
    });
  });

  describe('payloads', () => {
    it('acknowledges a malformed payload VALIDATION_ERROR with the path, and an unknown price token too', async () => {
      const socket = await connect();
      expect(await emitWithAck(socket, 'subscribe', { wallet: '0x1' })).toEqual({
        ok: false,
        error: { code: 'VALIDATION_ERROR', message: 'The subscribe payload is not valid', details: [{ path: 'payload.walletAddress', expected: '0x… or sei1… address' }] },
      });
      expect(await emitWithAck(socket, 'subscribe', { walletAddress: 'not-an-address' })).toEqual({
        ok: false,
        error: { code: 'INVALID_ADDRESS', message: 'Not a valid 0x or sei1 address', details: [{ path: 'address', expected: '0x… or sei1… address' }] },
      });
      const unknown = await emitWithAck(socket, 'subscribe_prices', { tokens: ['native', '0x000000000000000000000000000000000000dEaD'] });
      expect(unknown).toEqual({
        ok: false,
        error: { code: 'VALIDATION_ERROR', message: 'The subscribe_prices payload names unknown tokens', details: [{ path: 'payload.tokens.1', expected: 'a token the server tracks (GET /api/tokens) or "native"' }] },
      });
      expect(await emitWithAck(socket, 'subscribe_prices', { tokens: ['NATIVE'] })).toEqual({ ok: true, data: { tokens: ['native'] } });
      expect(await emitWithAck(socket, 'subscribe_prices')).toEqual({ ok: true, data: { tokens: 'all' } });
      expect(await emitWithAck(socket, 'unsubscribe_prices')).toEqual({ ok: true, data: { tokens: [] } });
    });

    it('disconnects a socket that sends a message over the size limit (16 KB), and only that one', async () => {
      const big = await connect();
      const bystander = await connect();
      big.emit('subscribe', { walletAddress: 'x'.repeat(20_000) });
      expect(await disconnection(big, 2000)).toBe('transport close');
      expect(await emitWithAck(bystander, 'unsubscribe_prices')).toEqual({ ok: true, data: { tokens: [] } });
    });
  });

  describe('event rate limit', () => {
    it('throttles a flooding socket after its burst of 20, keeps answering others, and disconnects it if it keeps on', async () => {
      const flooder = await connect();
      const neighbour = await connect();
      const acks: Array<Promise<Ack>> = [];
      const flood = (count: number): void => {
        for (let i = 0; i < count; i++) acks.push(emitWithAck(flooder, 'unsubscribe_prices').catch(() => ({ ok: false, error: { code: 'NO_ACK', message: '' } })));
      };
      // 30 events at once: within one window of the limiter.
      flood(30);
      const first = await Promise.all(acks);
      expect(first.map((a) => (a.ok ? 'ok' : a.error?.code))).toEqual([...Array<string>(20).fill('ok'), ...Array<string>(10).fill('RATE_LIMITED')]);
      expect(first[25]?.error).toEqual({ code: 'RATE_LIMITED', message: expect.stringMatching(/^Too many events: slow down/), details: { retryAfterSeconds: 1 } });

      // Meanwhile the server answers everyone else.
      expect(await emitWithAck(neighbour, 'unsubscribe_prices')).toEqual({ ok: true, data: { tokens: [] } });
      expect((await request(server.app).get('/health/live')).status).toBe(200);

      // Keeping on: 40 refusals within 10 s disconnect it.
      const told = nextEvent<SystemMessage>(flooder, 'system_message', 5000);
      const reason = disconnection(flooder, 5000);
      flood(250);
      expect(await reason).toBe('io server disconnect');
      expect(await told).toEqual({ type: 'error', message: 'Too many events: disconnected', timestamp: expect.any(String) });
      expect(neighbour.connected).toBe(true);
    }, 20_000);
  });

  describe('origins', () => {
    it('refuses a browser handshake from an origin outside ALLOWED_ORIGINS and accepts one from inside', async () => {
      const refused = await connectRefusal(server.url, { extraHeaders: { origin: 'https://evil.example' } });
      expect(refused.message).toBe('websocket error');
      const allowed = await connect({ extraHeaders: { origin: 'https://app.example' } });
      expect(allowed.connected).toBe(true);
    });
  });
});

describe('Socket.IO in WebSocket-only mode (as under PM2 with several workers)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer({ SOCKET_TRANSPORTS: 'websocket' });
  }, 60_000);
  afterAll(() => server?.shutdown('test done'));

  it("refuses a long-polling client (and a polling-first client) with a connect_error saying to use transports: ['websocket']", async () => {
    const expected = { message: "This server runs several workers and accepts WebSocket only: connect with io(url, { transports: ['websocket'] })", code: 'WEBSOCKET_REQUIRED' };
    expect(await connectRefusal(server.url, { transports: ['polling'] })).toEqual(expected);
    expect(await connectRefusal(server.url, { transports: ['polling', 'websocket'] })).toEqual(expected);
    const socket = await connectClient(server.url, { transports: ['websocket'] });
    expect(socket.connected).toBe(true);
    socket.close();
  });
});

describe('Socket.IO on shutdown', () => {
  it('tells connected clients, then closes their connections so that they reconnect (to another worker)', async () => {
    const server = await startTestServer({});
    const socket = await connectClient(server.url);
    const told = nextEvent<SystemMessage>(socket, 'system_message', 3000);
    const reason = disconnection(socket, 3000);
    const stopping = server.shutdown('test');
    expect(await told).toEqual({ type: 'info', message: 'The server is restarting: reconnecting', timestamp: expect.any(String) });
    // "transport close", not "io server disconnect": the client's reconnection logic takes over.
    expect(await reason).toBe('transport close');
    await stopping;
    socket.close();
  }, 30_000);
});

describe('Socket.IO while Redis is down', () => {
  it('keeps serving its own sockets (acks, local pushes), rejects no promise, and closes Socket.IO promptly', async () => {
    const redis = await startSpareRedis();
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const server = await startTestServer({ REDIS_URL: redis.url });
    try {
      const socket = await connectClient(server.url);
      expect(await emitWithAck(socket, 'subscribe_prices')).toEqual({ ok: true, data: { tokens: 'all' } });
      await redis.stop();
      await waitUntil(() => (server.redis?.status === 'ready' ? undefined : true), 5000, () => 'the app to see Redis gone');
      const told = nextEvent<SystemMessage>(socket, 'system_message', 2000);
      server.realtime.push.systemMessage({ type: 'warning', message: 'maintenance at noon' });
      expect((await told).message).toBe('maintenance at noon');
      expect(await emitWithAck(socket, 'unsubscribe_prices')).toEqual({ ok: true, data: { tokens: [] } });
      const gone = disconnection(socket, 3000);
      // Closing must not wait on the dead Redis: the connection is closed within the deadline of `gone`.
      const closing = server.realtime.close('restarting');
      expect(await gone).toBe('transport close');
      await closing;
      socket.close();
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      // The rest of the shutdown with Redis back, as in production after an outage (a QUIT into a dead Redis waits).
      await redis.start();
      await server.shutdown('test done');
      await redis.stop();
    }
  }, 30_000);
});
