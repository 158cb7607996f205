import type { Redis } from 'ioredis';
import type { TokenUsageCounter } from '../../services/ai/ports';
import type { Logger } from '../../services/ports/logger';

/**
 * Token counts shared across workers (`INCRBY`, expiring at `expireAt`). While Redis is not ready, or a command fails,
 * counts are read from and written to `local` (this process), and a read takes the larger of the two.
 */
export const makeRedisTokenCounter = (redis: Redis, local: TokenUsageCounter, logger: Logger): TokenUsageCounter => {
  const isReady = () => redis.status === 'ready';
  return {
    read: async (key) => {
      if (isReady()) {
        try {
          const value = await redis.get(key);
          return Math.max(Number(value ?? 0), await local.read(key));
        } catch (cause) {
          logger.warn('AI budget read failed; using the per-process count', { cause });
        }
      }
      return local.read(key);
    },
    add: async (key, tokens, expireAt) => {
      if (isReady()) {
        try {
          await redis.multi().incrby(key, tokens).expireat(key, Math.floor(expireAt.getTime() / 1000)).exec();
          return;
        } catch (cause) {
          logger.warn('AI budget write failed; counting in this process', { cause });
        }
      }
      await local.add(key, tokens, expireAt);
    },
  };
};
