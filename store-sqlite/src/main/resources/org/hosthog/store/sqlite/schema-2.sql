-- schema 2: the longest reservation ever stored bounds interval queries.
-- A window [from, to) can only meet reservations that start in [from - longest, to), so a range
-- scan of reservation_by_start replaces a scan of everything that ends after `from`.
CREATE TABLE longest_span (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  span_ms INTEGER NOT NULL
);
INSERT INTO longest_span (id, span_ms) SELECT 1, coalesce(max(end_ms - start_ms), 0) FROM reservation;
