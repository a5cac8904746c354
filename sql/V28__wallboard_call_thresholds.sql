-- More wallboard thresholds per queue (issue 18), read like V9's: a figure at or past amber shows amber, at or
-- past red shows red, and all three turn bad as they grow. Abandon rate in percent (abandoned / (answered +
-- abandoned), short abandons excluded; doc/metrics.md), like service_level_*_percent; ASA and AHT in seconds.
-- Same SQL on SQLite and PostgreSQL.

ALTER TABLE queues ADD COLUMN abandon_rate_amber_percent INTEGER NOT NULL DEFAULT 5
    CHECK (abandon_rate_amber_percent BETWEEN 0 AND 100);
ALTER TABLE queues ADD COLUMN abandon_rate_red_percent INTEGER NOT NULL DEFAULT 10
    CHECK (abandon_rate_red_percent BETWEEN 0 AND 100);
ALTER TABLE queues ADD COLUMN asa_amber_seconds INTEGER NOT NULL DEFAULT 20 CHECK (asa_amber_seconds >= 0);
ALTER TABLE queues ADD COLUMN asa_red_seconds INTEGER NOT NULL DEFAULT 40 CHECK (asa_red_seconds >= 0);
ALTER TABLE queues ADD COLUMN aht_amber_seconds INTEGER NOT NULL DEFAULT 360 CHECK (aht_amber_seconds >= 0);
ALTER TABLE queues ADD COLUMN aht_red_seconds INTEGER NOT NULL DEFAULT 480 CHECK (aht_red_seconds >= 0);
