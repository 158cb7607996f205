-- Sign-in sessions: one row per issued token, so a wallet's live tokens can be listed and revoked (logout, data erasure).
CREATE TABLE IF NOT EXISTS auth_sessions (
  jti         text        PRIMARY KEY,
  wallet      text        NOT NULL,
  issued_at   timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  revoked_at  timestamptz
);

CREATE INDEX IF NOT EXISTS auth_sessions_wallet ON auth_sessions (wallet, expires_at);

-- Alert rules, owned by a wallet. `armed` is the hysteresis state: false after a trigger until the condition clears.
-- `baseline_value_usd` is the reference value of a value_change_pct rule (null until the first evaluation).
CREATE TABLE IF NOT EXISTS alerts (
  id                 uuid             PRIMARY KEY,
  wallet             text             NOT NULL,
  type               text             NOT NULL CHECK (type IN ('health_factor_below', 'value_change_pct', 'price_above', 'price_below', 'lp_out_of_range')),
  threshold          double precision NOT NULL,
  token              text,
  armed              boolean          NOT NULL DEFAULT true,
  baseline_value_usd double precision,
  last_triggered_at  timestamptz,
  created_at         timestamptz      NOT NULL DEFAULT now(),
  CHECK ((type IN ('price_above', 'price_below')) = (token IS NOT NULL))
);

CREATE INDEX IF NOT EXISTS alerts_wallet ON alerts (wallet, created_at);

-- Every time an alert fired: what the wallet was told.
CREATE TABLE IF NOT EXISTS alert_events (
  id          uuid        PRIMARY KEY,
  alert_id    uuid        REFERENCES alerts (id) ON DELETE SET NULL,
  wallet      text        NOT NULL,
  type        text        NOT NULL,
  severity    text        NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
  message     text        NOT NULL,
  metadata    jsonb       NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS alert_events_wallet ON alert_events (wallet, created_at DESC);
