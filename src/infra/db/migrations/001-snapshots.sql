-- Portfolio snapshots: one per fresh chain read (rate-limited per wallet), downsampled by the retention job.
CREATE TABLE IF NOT EXISTS portfolio_snapshots (
  id            bigserial PRIMARY KEY,
  wallet        text        NOT NULL,
  chain_id      integer     NOT NULL,
  block_number  numeric(78) NOT NULL,
  taken_at      timestamptz NOT NULL DEFAULT now(),
  total_value_usd double precision NOT NULL,
  net_worth_usd   double precision NOT NULL,
  holdings      jsonb       NOT NULL,
  portfolio     jsonb       NOT NULL,
  resolution    text        NOT NULL DEFAULT 'raw' CHECK (resolution IN ('raw', 'hourly', 'daily'))
);

CREATE INDEX IF NOT EXISTS portfolio_snapshots_wallet_time ON portfolio_snapshots (wallet, chain_id, taken_at DESC);
