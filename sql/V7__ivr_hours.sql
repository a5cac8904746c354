-- IVR menus as data, the digits callers press, and business hours with holidays per queue.
-- Same file for SQLite and PostgreSQL. Sound names are Asterisk file names without extension
-- (checked by the service to [A-Za-z0-9_/-]+). A queue without weekly hours is open around the clock.

CREATE TABLE ivr_menus (
    name              TEXT    PRIMARY KEY,
    description       TEXT    NOT NULL DEFAULT '',
    default_language  TEXT    NOT NULL DEFAULT 'en',
    timeout_ms        INTEGER NOT NULL DEFAULT 5000 CHECK (timeout_ms BETWEEN 1000 AND 30000),
    max_retries       INTEGER NOT NULL DEFAULT 2 CHECK (max_retries BETWEEN 0 AND 5),
    default_queue     TEXT    NOT NULL REFERENCES queues (name),  -- after the last retry
    updated_at        BIGINT  NOT NULL
);

-- kind: greeting (the menu), invalid (a digit with no option), case_repair, case_return, case_technical,
-- case_complaint, case_callback (the personal offer "press 1 about your repair" for a caller with that case).
CREATE TABLE ivr_prompts (
    menu      TEXT NOT NULL REFERENCES ivr_menus (name) ON DELETE CASCADE,
    kind      TEXT NOT NULL,
    language  TEXT NOT NULL,
    sound     TEXT NOT NULL,
    PRIMARY KEY (menu, kind, language)
);

-- Exactly one of queue and submenu; the submenu is checked by the service (menus may refer to each other).
CREATE TABLE ivr_options (
    menu     TEXT NOT NULL REFERENCES ivr_menus (name) ON DELETE CASCADE,
    digit    TEXT NOT NULL CHECK (digit IN ('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#')),
    label    TEXT NOT NULL DEFAULT '',
    queue    TEXT REFERENCES queues (name),
    submenu  TEXT,
    CHECK ((queue IS NULL AND submenu IS NOT NULL) OR (queue IS NOT NULL AND submenu IS NULL)),
    PRIMARY KEY (menu, digit)
);

-- What each caller did in an IVR: the digits in order (comma separated) and where they ended.
CREATE TABLE ivr_selections (
    id          ${pk},
    uniqueid    TEXT    NOT NULL,
    linkedid    TEXT,
    pbx_id      TEXT    NOT NULL,
    menu        TEXT    NOT NULL,
    digits      TEXT    NOT NULL DEFAULT '',
    outcome     TEXT    NOT NULL CHECK (outcome IN ('option', 'case', 'timeout', 'invalid', 'fallback')),
    queue       TEXT    NOT NULL,
    case_id     BIGINT,
    created_at  BIGINT  NOT NULL
);
CREATE INDEX ivr_selections_uniqueid ON ivr_selections (pbx_id, uniqueid);
CREATE INDEX ivr_selections_linkedid ON ivr_selections (linkedid);

-- Business hours: local wall-clock windows in the queue's time_zone; closes '24:00' means end of day.
CREATE TABLE queue_hours (
    queue        TEXT    NOT NULL REFERENCES queues (name) ON DELETE CASCADE,
    day_of_week  INTEGER NOT NULL CHECK (day_of_week BETWEEN 1 AND 7),   -- ISO: 1 Monday .. 7 Sunday
    opens        TEXT    NOT NULL,                                       -- HH:MM
    closes       TEXT    NOT NULL,                                       -- HH:MM, after opens
    PRIMARY KEY (queue, day_of_week, opens)
);

CREATE TABLE queue_holidays (
    queue  TEXT NOT NULL REFERENCES queues (name) ON DELETE CASCADE,
    day    TEXT NOT NULL,                                                -- YYYY-MM-DD, closed all day
    name   TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (queue, day)
);

-- What a caller gets when the queue is closed.
ALTER TABLE queues ADD COLUMN after_hours_action TEXT NOT NULL DEFAULT 'voicemail'
    CHECK (after_hours_action IN ('voicemail', 'callback'));

-- The demo menu: 1 repairs, 2 returns, 3 technical, 4 order status (general support), 0 operator.
INSERT INTO queues (name, description, service_level_seconds) VALUES ('returns', 'Returns and RMA', 30)
    ON CONFLICT (name) DO NOTHING;
INSERT INTO queues (name, description, service_level_seconds) VALUES ('technical', 'Technical help', 30)
    ON CONFLICT (name) DO NOTHING;
INSERT INTO queues (name, description, service_level_seconds) VALUES ('supervisors', 'Complaints and follow-ups', 60)
    ON CONFLICT (name) DO NOTHING;

INSERT INTO ivr_menus (name, description, default_language, timeout_ms, max_retries, default_queue, updated_at)
VALUES ('main', 'Main menu for callers aftercare does not route directly', 'en', 5000, 2, 'general-support', 0);
INSERT INTO ivr_prompts (menu, kind, language, sound) VALUES ('main', 'greeting', 'en', 'aftercare/en/main-menu');
INSERT INTO ivr_prompts (menu, kind, language, sound) VALUES ('main', 'greeting', 'fr', 'aftercare/fr/main-menu');
INSERT INTO ivr_prompts (menu, kind, language, sound) VALUES ('main', 'greeting', 'de', 'aftercare/de/main-menu');
INSERT INTO ivr_prompts (menu, kind, language, sound) VALUES ('main', 'invalid', 'en', 'option-is-invalid');
INSERT INTO ivr_prompts (menu, kind, language, sound) VALUES ('main', 'case_repair', 'en', 'aftercare/en/press-1-repair');
INSERT INTO ivr_prompts (menu, kind, language, sound) VALUES ('main', 'case_return', 'en', 'aftercare/en/press-1-return');
INSERT INTO ivr_prompts (menu, kind, language, sound)
    VALUES ('main', 'case_technical', 'en', 'aftercare/en/press-1-technical');
INSERT INTO ivr_prompts (menu, kind, language, sound)
    VALUES ('main', 'case_complaint', 'en', 'aftercare/en/press-1-complaint');
INSERT INTO ivr_prompts (menu, kind, language, sound)
    VALUES ('main', 'case_callback', 'en', 'aftercare/en/press-1-callback');
INSERT INTO ivr_options (menu, digit, label, queue) VALUES ('main', '1', 'Repairs', 'repairs');
INSERT INTO ivr_options (menu, digit, label, queue) VALUES ('main', '2', 'Returns', 'returns');
INSERT INTO ivr_options (menu, digit, label, queue) VALUES ('main', '3', 'Technical help', 'technical');
INSERT INTO ivr_options (menu, digit, label, queue) VALUES ('main', '4', 'Order status', 'general-support');
INSERT INTO ivr_options (menu, digit, label, queue) VALUES ('main', '0', 'Operator', 'general-support');
