-- The after-sales world: customers and their phones, products, orders, serial numbers, warranties, cases,
-- agents and queues. One file serves SQLite and PostgreSQL: ${pk} is the only dialect placeholder.
-- Instants are epoch milliseconds (BIGINT), calendar dates ISO-8601 text (YYYY-MM-DD), money minor units.

CREATE TABLE agents (
    id          ${pk},
    login       TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,
    interface   TEXT    NOT NULL UNIQUE,          -- e.g. PJSIP/agent1 or Local/agent1@agents
    language    TEXT    NOT NULL DEFAULT 'en',
    created_at  BIGINT  NOT NULL
);

CREATE TABLE queues (
    name                   TEXT    PRIMARY KEY,   -- the app_queue name
    description            TEXT    NOT NULL DEFAULT '',
    service_level_seconds  INTEGER NOT NULL DEFAULT 20 CHECK (service_level_seconds > 0),
    short_abandon_seconds  INTEGER NOT NULL DEFAULT 5  CHECK (short_abandon_seconds >= 0),
    wrapup_seconds         INTEGER NOT NULL DEFAULT 60 CHECK (wrapup_seconds >= 0),
    time_zone              TEXT    NOT NULL DEFAULT 'UTC'
);

CREATE TABLE customers (
    id              ${pk},
    external_ref    TEXT    UNIQUE,               -- the shop's or ERP's customer number
    name            TEXT    NOT NULL,
    email           TEXT,
    language        TEXT    NOT NULL DEFAULT 'en',
    tier            TEXT    NOT NULL DEFAULT 'standard' CHECK (tier IN ('standard', 'silver', 'gold', 'vip')),
    country         TEXT,                         -- ISO 3166 region
    time_zone       TEXT,                         -- IANA zone; NULL means "derive from the phone number"
    survey_consent  BOOLEAN NOT NULL DEFAULT TRUE,
    do_not_call     BOOLEAN NOT NULL DEFAULT FALSE,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL
);

CREATE TABLE customer_phones (
    e164         TEXT    PRIMARY KEY,             -- one number belongs to one customer
    customer_id  BIGINT  NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    kind         TEXT    NOT NULL DEFAULT 'mobile' CHECK (kind IN ('mobile', 'home', 'work', 'other')),
    created_at   BIGINT  NOT NULL
);
CREATE INDEX customer_phones_customer ON customer_phones (customer_id);

CREATE TABLE products (
    sku              TEXT    PRIMARY KEY,
    name             TEXT    NOT NULL,
    category         TEXT    NOT NULL,
    warranty_months  INTEGER NOT NULL DEFAULT 24 CHECK (warranty_months >= 0)
);

CREATE TABLE orders (
    id            ${pk},
    order_number  TEXT    NOT NULL UNIQUE,
    customer_id   BIGINT  NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    ordered_on    TEXT    NOT NULL,
    total_minor   BIGINT  NOT NULL CHECK (total_minor >= 0),
    currency      TEXT    NOT NULL,
    channel       TEXT    NOT NULL,               -- web, store, phone, marketplace ...
    created_at    BIGINT  NOT NULL
);
CREATE INDEX orders_customer ON orders (customer_id, ordered_on);

CREATE TABLE order_lines (
    id                ${pk},
    order_id          BIGINT  NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    line_no           INTEGER NOT NULL CHECK (line_no > 0),
    sku               TEXT    NOT NULL REFERENCES products (sku),
    quantity          INTEGER NOT NULL CHECK (quantity > 0),
    unit_price_minor  BIGINT  NOT NULL CHECK (unit_price_minor >= 0),
    UNIQUE (order_id, line_no)
);
CREATE INDEX order_lines_sku ON order_lines (sku);

CREATE TABLE order_line_serials (
    order_line_id  BIGINT NOT NULL REFERENCES order_lines (id) ON DELETE CASCADE,
    serial_number  TEXT   NOT NULL,
    PRIMARY KEY (order_line_id, serial_number)
);
CREATE INDEX order_line_serials_serial ON order_line_serials (serial_number);

CREATE TABLE warranties (
    id             ${pk},
    customer_id    BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    serial_number  TEXT   NOT NULL,
    sku            TEXT   NOT NULL REFERENCES products (sku),
    plan           TEXT   NOT NULL,               -- manufacturer, extended-2y, accidental ...
    starts_on      TEXT   NOT NULL,
    ends_on        TEXT   NOT NULL,
    CHECK (ends_on >= starts_on),
    UNIQUE (serial_number, plan)
);
CREATE INDEX warranties_customer ON warranties (customer_id);

CREATE TABLE cases (
    id              ${pk},
    customer_id     BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    type            TEXT   NOT NULL CHECK (type IN ('repair', 'return', 'technical', 'complaint', 'callback')),
    status          TEXT   NOT NULL DEFAULT 'open'
                           CHECK (status IN ('open', 'in_progress', 'waiting_customer', 'resolved', 'closed')),
    subject         TEXT   NOT NULL DEFAULT '',
    sku             TEXT   REFERENCES products (sku),
    serial_number   TEXT,
    owner_agent_id  BIGINT REFERENCES agents (id),
    opened_at       BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    closed_at       BIGINT
);
CREATE INDEX cases_customer ON cases (customer_id, status);
