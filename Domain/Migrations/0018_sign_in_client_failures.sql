-- Failed sign-ins per account and client address (issue 16): failures from one address lock that address out of the
-- account, not the account itself, so nobody can keep a known user out by failing on purpose. The account-wide lock
-- (users.access_failed_count) stays as a backstop with a much higher count. Read and written by the web app only
-- (SignInThrottle), not an EF entity. Rows go when the sign-in succeeds, when the user is deleted, and a day after the
-- last failure (the address is personal data).
CREATE TABLE sign_in_client_failures (
    user_id uuid NOT NULL,
    client character varying(64) NOT NULL,
    failures integer NOT NULL,
    last_failure_at timestamp with time zone NOT NULL,
    locked_until timestamp with time zone,
    CONSTRAINT pk_sign_in_client_failures PRIMARY KEY (user_id, client),
    CONSTRAINT fk_sign_in_client_failures_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE INDEX ix_sign_in_client_failures_last_failure_at ON sign_in_client_failures (last_failure_at);
