-- 0008: indexes for the dashboards and reports (issue 8). Figures are counted in SQL under the query filters; these
-- let PostgreSQL answer them from indexes at national scale (1,000,000 trainees, 200,000 MOU actions).

-- Cohorts of a year (the filter on every trainee figure), and by province (report filter and breakdown).
CREATE INDEX ix_cohorts_start_date ON cohorts (start_date) INCLUDE (course_id, province, status);
CREATE INDEX ix_cohorts_province ON cohorts (province);

-- Enrolments of those cohorts counted without reading the table (index-only scans): registered, completed, attendance.
CREATE INDEX ix_enrollments_cohort_id_report ON enrollments (cohort_id) INCLUDE (status, completed, attended_sessions, session_count);

-- Open actions by due date (overdue, due this month); the predicate is the one the queries write.
CREATE INDEX ix_mou_actions_open_due_date ON mou_actions (due_date) INCLUDE (responsible_organization_id, mou_id)
    WHERE status <> 'Done' AND status <> 'Cancelled';
