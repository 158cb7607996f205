-- Sign-in (SIWE) nonces: issued by any worker, consumed exactly once by any worker, whether Redis is up or not.
-- Consuming is one DELETE ... RETURNING, so of any number of concurrent verifications exactly one gets the row.
-- Expired rows are purged as new nonces are issued.
CREATE TABLE IF NOT EXISTS auth_nonces (
  nonce       text        PRIMARY KEY,
  expires_at  timestamptz NOT NULL
);

CREATE INDEX IF NOT EXISTS auth_nonces_expiry ON auth_nonces (expires_at);
