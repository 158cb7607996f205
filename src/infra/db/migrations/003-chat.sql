-- Chat history, owned by a wallet. `content` is encrypted at rest: iv (12 bytes) | GCM tag (16 bytes) | AES-256-GCM
-- ciphertext, under a key derived from ENCRYPTION_KEY, with "wallet:id" as additional data (a row cannot be moved to
-- another wallet or id and still decrypt). `seq` orders messages written in the same instant and pages the history.
-- Only complete exchanges are stored: an answer the client abandoned mid-stream leaves no row at all.
CREATE TABLE IF NOT EXISTS chat_messages (
  seq         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id          uuid        NOT NULL UNIQUE,
  wallet      text        NOT NULL,
  role        text        NOT NULL CHECK (role IN ('user', 'assistant')),
  content     bytea       NOT NULL,
  provider    text,
  model       text,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS chat_messages_wallet ON chat_messages (wallet, seq DESC);
