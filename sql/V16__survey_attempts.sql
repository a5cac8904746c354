-- Issue 14: a survey answered ends its job, whatever its lease says. The survey call of attempt N (survey-<job>-<N>)
-- that is answered takes the job by setting answered_attempt = N in one conditional UPDATE, only while it is still
-- NULL, from scheduled (a retry is then cancelled), dialing, answered, or busy | no_answer | failed (the dialer's
-- own timeout or an earlier outcome that the answer belies); the job goes to answered and then completed |
-- opted_out. So a later attempt, a rescheduled retry or a restarted instance never surveys the customer twice.
-- The same file runs on SQLite and PostgreSQL.
ALTER TABLE survey_jobs ADD COLUMN answered_attempt INTEGER;
