import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import type { RunningServer } from '../../src/main';
import { startTestServer } from '../support/app/start-test-server';
import { compileContracts, startDevnet, type Devnet } from '../support/devnet';
import { fetchNonce, siweMessage } from './sign-in';

const buildDir = mkdtempSync(path.join(tmpdir(), 'seipm-auth-contracts-'));

describe('Sign-In with Ethereum against a chain (devnet)', () => {
  let devnet: Devnet;
  let server: RunningServer;
  beforeAll(async () => {
    devnet = await startDevnet({ accountCount: 2 });
    server = await startTestServer({ SEI_RPC_URL: devnet.url, RPC_TIMEOUT_MS: '5000' });
  }, 120_000);
  afterAll(async () => {
    await server?.shutdown('test done');
    await devnet?.stop();
    rmSync(buildDir, { recursive: true, force: true });
  });

  const verify = (body: object) => request(server.app).post('/api/auth/verify').send(body);

  it('signs in an ERC-1271 contract wallet whose owner signed, and refuses one signed by another key', async () => {
    const { artifacts } = compileContracts({ sourceDirs: [path.join(__dirname, 'contracts')], buildDir });
    const artifact = artifacts['Erc1271Wallet'];
    if (artifact === undefined) throw new Error('Erc1271Wallet did not compile');
    const owner = privateKeyToAccount(generatePrivateKey());
    const wallet = await devnet.deployContract(artifact.abi, artifact.bytecode, [owner.address]);

    const message = siweMessage(wallet, await fetchNonce(server.app));
    const res = await verify({ message, signature: await owner.signMessage({ message }) });
    expect(res.status).toBe(200);
    expect(res.body.data.address).toBe(wallet);
    expect((await request(server.app).get('/api/auth/me').set('Authorization', `Bearer ${res.body.data.token}`)).body.data.address).toBe(wallet);

    const stranger = privateKeyToAccount(generatePrivateKey());
    const other = siweMessage(wallet, await fetchNonce(server.app));
    const refused = await verify({ message: other, signature: await stranger.signMessage({ message: other }) });
    expect([refused.status, refused.body.error.code]).toEqual([401, 'SIWE_BAD_SIGNATURE']);
  });

  it('refuses an EOA message signed by another key as a bad signature once the chain says the address has no code', async () => {
    const claimed = privateKeyToAccount(generatePrivateKey());
    const signer = privateKeyToAccount(generatePrivateKey());
    const message = siweMessage(claimed.address, await fetchNonce(server.app));
    const res = await verify({ message, signature: await signer.signMessage({ message }) });
    expect([res.status, res.body.error.code]).toEqual([401, 'SIWE_BAD_SIGNATURE']);
  });

  it('refuses a garbage signature for an EOA as a bad signature', async () => {
    const claimed = privateKeyToAccount(generatePrivateKey());
    const message = siweMessage(claimed.address, await fetchNonce(server.app));
    const res = await verify({ message, signature: `0x${'ab'.repeat(65)}` });
    expect([res.status, res.body.error.code]).toEqual([401, 'SIWE_BAD_SIGNATURE']);
  });
});
