-- schema 3: a reservation may be one occurrence of a series (hosthog claim ... --every).
-- Every occurrence carries its series: the id they share, the rule, where the rule placed the
-- first start, and its place in the rule ("3 of 12"). NULL for a reservation on its own.
ALTER TABLE reservation ADD COLUMN series_id       TEXT;
ALTER TABLE reservation ADD COLUMN series_every    TEXT;
ALTER TABLE reservation ADD COLUMN series_first_ms INTEGER;
ALTER TABLE reservation ADD COLUMN series_index    INTEGER;
ALTER TABLE reservation ADD COLUMN series_count    INTEGER;
