-- 0013: invalidation of cached figures (issue 9). The dashboards, the programme report and the MOU list's per-partner
-- load aggregate hundreds of thousands of rows; the portal caches them per instance (Web/Infrastructure/FigureCache.cs)
-- and checks this sequence on every read. Every statement that changes a table the figures read moves it, so a write
-- on any instance is seen by the next request on every instance. A sequence, not a counter row: nextval takes no row
-- lock, so writers never queue behind each other, and it costs one call per statement (not per row: COPY and bulk
-- updates stay cheap).
CREATE SEQUENCE figure_data_version;

-- Readable inside any query (a list page reads it with its rows: AppDbContext.FigureDataVersion()).
CREATE FUNCTION figure_data_version_value() RETURNS bigint LANGUAGE sql STABLE AS 'SELECT last_value FROM figure_data_version';

CREATE FUNCTION bump_figure_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM nextval('figure_data_version');
    RETURN NULL;
END
$$;

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['organizations', 'mous', 'mou_parties', 'mou_actions', 'courses', 'cohorts', 'cohort_partners',
                             'enrollments', 'certificates', 'communities', 'provinces']
    LOOP
        EXECUTE format('CREATE TRIGGER tr_%s_figure_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
                        FOR EACH STATEMENT EXECUTE FUNCTION bump_figure_data_version()', t, t);
    END LOOP;
END
$$;
