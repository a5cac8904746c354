-- Wallboard thresholds per queue: a figure at or past amber shows amber, at or past red shows red.
-- Waiting calls and longest wait turn bad as they grow; service level (percent answered within the queue's
-- target, the serviceLevelOffered variant) turns bad as it falls, so its red is at or below its amber.
-- Same SQL on SQLite and PostgreSQL.

ALTER TABLE queues ADD COLUMN waiting_amber INTEGER NOT NULL DEFAULT 3 CHECK (waiting_amber >= 0);
ALTER TABLE queues ADD COLUMN waiting_red INTEGER NOT NULL DEFAULT 6 CHECK (waiting_red >= 0);
ALTER TABLE queues ADD COLUMN longest_wait_amber_seconds INTEGER NOT NULL DEFAULT 30
    CHECK (longest_wait_amber_seconds >= 0);
ALTER TABLE queues ADD COLUMN longest_wait_red_seconds INTEGER NOT NULL DEFAULT 60
    CHECK (longest_wait_red_seconds >= 0);
ALTER TABLE queues ADD COLUMN service_level_amber_percent INTEGER NOT NULL DEFAULT 80
    CHECK (service_level_amber_percent BETWEEN 0 AND 100);
ALTER TABLE queues ADD COLUMN service_level_red_percent INTEGER NOT NULL DEFAULT 60
    CHECK (service_level_red_percent BETWEEN 0 AND 100);
