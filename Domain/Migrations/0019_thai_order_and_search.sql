-- 0019 (issue 18): Thai names sort as Thai dictionaries do, and a phone is found however it is typed.
--
-- The database was created with the C locale, so ORDER BY compared code points: names that begin with a leading vowel
-- (เ แ โ ใ ไ) came last — เชียงใหม่ after อ่างทอง, เกษม after อำนาจ. ICU's Thai collation orders them by the consonant
-- as the Royal Institute dictionary does. Giving the columns that collation (rather than COLLATE in each query) keeps
-- the B-tree indexes usable for ORDER BY … LIMIT: PostgreSQL rebuilds them in Thai order. The trigram indexes the
-- searches use do not depend on the collation; they are rebuilt on the same expressions.
CREATE COLLATION IF NOT EXISTS thai (provider = icu, locale = 'th-TH');

ALTER TABLE trainees
    ALTER COLUMN first_name TYPE character varying(100) COLLATE thai,
    ALTER COLUMN last_name TYPE character varying(100) COLLATE thai;
ALTER TABLE organizations
    ALTER COLUMN name_th TYPE character varying(300) COLLATE thai,
    ALTER COLUMN short_name TYPE character varying(50) COLLATE thai;
ALTER TABLE users ALTER COLUMN display_name TYPE character varying(200) COLLATE thai;
ALTER TABLE courses ALTER COLUMN title_th TYPE character varying(300) COLLATE thai;
ALTER TABLE cohorts ALTER COLUMN name TYPE character varying(200) COLLATE thai;
ALTER TABLE mous ALTER COLUMN title TYPE character varying(500) COLLATE thai;
ALTER TABLE communities ALTER COLUMN name TYPE character varying(300) COLLATE thai;
ALTER TABLE provinces ALTER COLUMN name_th TYPE character varying(100) COLLATE thai;
ALTER TABLE districts ALTER COLUMN name_th TYPE character varying(100) COLLATE thai;
ALTER TABLE sub_districts ALTER COLUMN name_th TYPE character varying(100) COLLATE thai;

-- A phone is searched by its digits: "081-234-5678", "0812345678" and "๐๘๑ ๒๓๔ ๕๖๗๘" are one number. The digits are a
-- generated column (Thai digits read as Arabic, everything else dropped) with a trigram index, replacing the index on
-- the phone as typed.
ALTER TABLE trainees ADD COLUMN phone_digits text GENERATED ALWAYS AS (
    regexp_replace(translate(phone, '๐๑๒๓๔๕๖๗๘๙', '0123456789'), '[^0-9]', '', 'g')) STORED;
DROP INDEX IF EXISTS ix_trainees_phone_trgm;
CREATE INDEX ix_trainees_phone_digits_trgm ON trainees USING gin (phone_digits gin_trgm_ops);

-- The MOU change history is kept as phrases (an English template and typed arguments), shown in the reader's language
-- with names and dates as the rest of the page; entries written before keep their English text.
ALTER TABLE mou_audit ADD COLUMN phrases jsonb;
