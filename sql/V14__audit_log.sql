-- Who did what, when and from where: sign-ins (failed ones too), sign-outs, accounts and tokens created, changed or
-- revoked, and every write by an admin or to an admin-only route. Append-only: aftercare never updates or deletes a row.

CREATE TABLE audit_log (
    id          ${pk},
    at          BIGINT  NOT NULL,            -- epoch milliseconds
    account_id  BIGINT,                      -- null when nobody was signed in (e.g. a failed sign-in)
    actor       TEXT    NOT NULL,            -- the account's username, or '-' for none
    role        TEXT,
    address     TEXT    NOT NULL,            -- the client's IP address as the HTTP server saw it
    method      TEXT    NOT NULL,
    path        TEXT    NOT NULL,
    status      INTEGER NOT NULL,            -- the HTTP status answered
    action      TEXT    NOT NULL,            -- sign-in, sign-out, account-created, account-changed, token-created,
                                             -- token-revoked, or write
    detail      TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor, id);
