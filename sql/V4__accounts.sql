-- Accounts of people and integrations, their roles, and the session and API tokens they sign in with.
-- Tokens are stored as SHA-256 hashes only: a database leak does not hand out live sessions.

CREATE TABLE accounts (
    id             ${pk},
    username       TEXT    NOT NULL UNIQUE,
    display_name   TEXT    NOT NULL,
    role           TEXT    NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
    agent_id       BIGINT  REFERENCES agents (id),   -- the agent an 'agent' account acts as
    password_hash  TEXT    NOT NULL,                 -- bcrypt
    disabled       BOOLEAN NOT NULL DEFAULT FALSE,
    created_at     BIGINT  NOT NULL
);

CREATE TABLE auth_tokens (
    token_hash   TEXT    PRIMARY KEY,               -- hex SHA-256 of the bearer token
    account_id   BIGINT  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    kind         TEXT    NOT NULL CHECK (kind IN ('session', 'api')),
    label        TEXT    NOT NULL DEFAULT '',
    created_at   BIGINT  NOT NULL,
    expires_at   BIGINT  NOT NULL,
    revoked_at   BIGINT
);
CREATE INDEX auth_tokens_account ON auth_tokens (account_id);
