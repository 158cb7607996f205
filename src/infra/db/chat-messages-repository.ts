import * as t from 'io-ts';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import type { Pool } from 'pg';
import type { AppError } from '../../domain/app-error';
import type { WalletAddress } from '../../domain/address/wallet-address';
import type { Logger } from '../../services/ports/logger';
import type { ChatCipher } from './chat-cipher';
import type { ChatMessagesRepository, StoredChatMessage } from '../../services/chat/ports';

const dbError = (cause: unknown): AppError => ({ _tag: 'DependencyUnavailable', dependency: 'database', cause });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const RowCodec = t.type({
  id: t.string,
  role: t.keyof({ user: null, assistant: null }),
  content: t.unknown,
  created_at: t.unknown,
});

const associatedData = (wallet: string, id: string) => `${wallet}:${id.toLowerCase()}`;

export const makeChatMessagesRepository = (pool: Pick<Pool, 'query'>, cipher: ChatCipher, logger: Logger): ChatMessagesRepository => {
  const toMessages = (wallet: WalletAddress, rows: ReadonlyArray<unknown>): ReadonlyArray<StoredChatMessage> =>
    rows.flatMap((raw) => {
      const row = RowCodec.decode(raw);
      if (E.isLeft(row) || !Buffer.isBuffer(row.right.content) || !(row.right.created_at instanceof Date)) {
        logger.warn('chat row of unexpected shape skipped', { wallet });
        return [];
      }
      const content = cipher.decrypt(row.right.content, associatedData(wallet, row.right.id));
      if (content === undefined) {
        logger.warn('chat message could not be decrypted (altered, or another key); skipped', { wallet, id: row.right.id });
        return [];
      }
      return [{ id: row.right.id, role: row.right.role, content, createdAt: row.right.created_at }];
    });

  return {
    append: (wallet, messages) =>
      TE.tryCatch(async () => {
        if (messages.length === 0) return;
        const params: unknown[] = [];
        const tuples = messages.map((m) => {
          params.push(m.id, wallet, m.role, cipher.encrypt(m.content, associatedData(wallet, m.id)), m.provider ?? null, m.model ?? null, m.createdAt);
          const n = params.length;
          return `($${n - 6}::uuid, $${n - 5}, $${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $${n})`;
        });
        await pool.query(`INSERT INTO chat_messages (id, wallet, role, content, provider, model, created_at) VALUES ${tuples.join(', ')}`, params);
      }, dbError),

    page: (wallet, limit, before) => async () => {
      try {
        if (before !== undefined) {
          const anchor = UUID.test(before) ? await pool.query<{ seq: string }>('SELECT seq FROM chat_messages WHERE wallet = $1 AND id = $2::uuid', [wallet, before]) : { rows: [] };
          const seq = anchor.rows[0]?.seq;
          if (seq === undefined) return E.left({ _tag: 'NotFound', resource: 'Chat message' });
          const { rows } = await pool.query(
            'SELECT id, role, content, created_at FROM (SELECT * FROM chat_messages WHERE wallet = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3) m ORDER BY seq',
            [wallet, seq, limit],
          );
          return E.right(toMessages(wallet, rows));
        }
        const { rows } = await pool.query('SELECT id, role, content, created_at FROM (SELECT * FROM chat_messages WHERE wallet = $1 ORDER BY seq DESC LIMIT $2) m ORDER BY seq', [
          wallet,
          limit,
        ]);
        return E.right(toMessages(wallet, rows));
      } catch (cause) {
        return E.left(dbError(cause));
      }
    },

    recent: (wallet, count) =>
      TE.tryCatch(async () => {
        const { rows } = await pool.query('SELECT id, role, content, created_at FROM (SELECT * FROM chat_messages WHERE wallet = $1 ORDER BY seq DESC LIMIT $2) m ORDER BY seq', [
          wallet,
          count,
        ]);
        return toMessages(wallet, rows);
      }, dbError),

    deleteAll: (wallet) =>
      TE.tryCatch(async () => {
        const res = await pool.query('DELETE FROM chat_messages WHERE wallet = $1', [wallet]);
        return res.rowCount ?? 0;
      }, dbError),
  };
};
