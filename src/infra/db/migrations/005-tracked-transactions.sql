-- Transactions a wallet asked the server to follow (POST /api/tx/track), one row per wallet and hash: another wallet
-- claiming a hash first never blocks its sender. `from_address`/`to_address` are null until the node has seen it.
-- The follower picks pending rows whose `next_check_at` has come (backoff: `attempts`); `first_seen_missing_at` is
-- when the node last stopped knowing the hash (mined nor in its mempool), the start of the drop timer.
CREATE TABLE IF NOT EXISTS tracked_transactions (
  wallet                text          NOT NULL,
  hash                  text          NOT NULL,
  from_address          text,
  to_address            text,
  status                text          NOT NULL CHECK (status IN ('pending', 'confirmed', 'failed', 'dropped')),
  block_number          bigint,
  gas_used              numeric(78, 0),
  action                text,
  created_at            timestamptz   NOT NULL,
  updated_at            timestamptz   NOT NULL,
  attempts              integer       NOT NULL DEFAULT 0,
  next_check_at         timestamptz   NOT NULL,
  first_seen_missing_at timestamptz,
  PRIMARY KEY (wallet, hash)
);

CREATE INDEX IF NOT EXISTS tracked_transactions_due ON tracked_transactions (next_check_at) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS tracked_transactions_newest ON tracked_transactions (wallet, created_at DESC, hash DESC);
