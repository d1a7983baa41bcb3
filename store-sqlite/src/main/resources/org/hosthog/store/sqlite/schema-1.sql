-- schema 1: reservations and their history. Times are epoch milliseconds (UTC).
CREATE TABLE reservation (
  id          INTEGER PRIMARY KEY AUTOINCREMENT, -- AUTOINCREMENT: ids are never reused
  uuid        TEXT    NOT NULL UNIQUE,
  host        TEXT    NOT NULL,
  owner       TEXT    NOT NULL,
  claims      TEXT    NOT NULL,                  -- e.g. "gpu:0-3=exclusive host=shared"
  start_ms    INTEGER NOT NULL,
  end_ms      INTEGER NOT NULL,
  message     TEXT    NOT NULL,
  created_ms  INTEGER NOT NULL,
  updated_ms  INTEGER NOT NULL,
  updated_by  TEXT    NOT NULL,
  released_ms INTEGER
);
-- "what overlaps [from, to)" scans only rows ending after `from`: history stays out of the way
CREATE INDEX reservation_by_end ON reservation (end_ms);
CREATE INDEX reservation_by_start ON reservation (start_ms);
CREATE INDEX reservation_by_owner ON reservation (owner, end_ms);
CREATE TABLE change (
  seq            INTEGER PRIMARY KEY AUTOINCREMENT,
  reservation_id INTEGER NOT NULL REFERENCES reservation (id),
  at_ms          INTEGER NOT NULL,
  actor          TEXT    NOT NULL,
  kind           TEXT    NOT NULL,
  detail         TEXT    NOT NULL
);
CREATE INDEX change_by_reservation ON change (reservation_id, seq);
