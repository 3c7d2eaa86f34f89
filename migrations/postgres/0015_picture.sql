-- The user's picture (OIDC Core §5.1 `picture`): a URL, as an upstream identity provider gave it.
ALTER TABLE users ADD COLUMN picture TEXT;
