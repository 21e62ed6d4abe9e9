-- 0017: data handling (issue 16). Two conversions need the application's keys and are done by the app at start
-- (Web/Pages/Privacy/PrivacyStartup); these partial indexes hold exactly the rows still to convert, so that check
-- costs nothing once they are done.
-- National IDs bound to their row: ciphertexts written before this start with their key id (1-255), the new format
-- with a 0 byte (Domain/Privacy/NationalIdProtector).
CREATE INDEX ix_trainees_national_id_unbound ON trainees (id)
    WHERE national_id_cipher IS NOT NULL AND get_byte(national_id_cipher, 0) <> 0;
-- Reminder-log recipients that are plain e-mail addresses, replaced by keyed hashes (Domain/Reminders/RecipientKeys).
CREATE INDEX ix_reminder_log_plain_email ON reminder_log (id) WHERE recipient_key LIKE 'email:%';
-- The retention purge (Jobs/Privacy/RetentionPurge) finds old sent and failed mail by date.
CREATE INDEX ix_email_outbox_status_created_at ON email_outbox (status, created_at);
-- The row-bound format is one byte longer (0, key id, nonce, tag, 13 bytes); the column-bound one (42 bytes, key id
-- first) stays valid until the start-up conversion has rewritten it.
ALTER TABLE trainees DROP CONSTRAINT ck_trainees_national_id_sealed;
ALTER TABLE trainees ADD CONSTRAINT ck_trainees_national_id_sealed CHECK (
    (national_id_cipher IS NULL) = (national_id_hash IS NULL) AND (national_id_hash IS NULL) = (national_id_masked IS NULL)
    AND (national_id_cipher IS NULL
         OR (octet_length(national_id_cipher) = 43 AND get_byte(national_id_cipher, 0) = 0)
         OR (octet_length(national_id_cipher) = 42 AND get_byte(national_id_cipher, 0) <> 0))
    AND (national_id_hash IS NULL OR octet_length(national_id_hash) = 32));
