-- 0015: the one-click unsubscribe address (RFC 8058) of a reminder, kept with its message so the sender can put it in
-- the List-Unsubscribe header. Empty for mail that is not a reminder (invitations, password resets).
ALTER TABLE email_outbox ADD COLUMN unsubscribe_url character varying(2000);
