-- Jobs run on Hangfire (schema "hangfire", created by the app at start): its dashboard replaces the portal's own
-- log of job runs.
DROP TABLE IF EXISTS job_runs;

-- One running issue per cohort: a second click (or a second staff member) joins the running batch rather than
-- starting another job for the same certificates.
CREATE UNIQUE INDEX ux_certificate_batches_one_active_per_cohort ON certificate_batches (cohort_id)
    WHERE status IN ('Queued', 'Running');
