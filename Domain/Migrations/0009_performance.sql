-- 0009: performance at national scale (issue 9).
-- Trainee search (Trainees/Index: ILIKE '%…%' on the full name, the English name, the community and the phone) was a
-- sequential scan of every trainee: 19 s at 1,000,000 trainees. Trigram indexes on exactly the expressions the EF
-- query sends let PostgreSQL combine them in a bitmap OR. pg_trgm came with 0002.
CREATE INDEX IF NOT EXISTS ix_trainees_full_name_trgm ON trainees USING gin ((first_name || ' ' || last_name) gin_trgm_ops);
CREATE INDEX IF NOT EXISTS ix_trainees_full_name_en_trgm ON trainees USING gin ((COALESCE(first_name_en, '') || ' ' || COALESCE(last_name_en, '')) gin_trgm_ops);
CREATE INDEX IF NOT EXISTS ix_trainees_community_trgm ON trainees USING gin (community gin_trgm_ops);
CREATE INDEX IF NOT EXISTS ix_trainees_phone_trgm ON trainees USING gin (phone gin_trgm_ops);
