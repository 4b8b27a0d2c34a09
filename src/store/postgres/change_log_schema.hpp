// Migration 5 of the PostgreSQL schema: the change log that lets several
// servers share one database (store/change_feed.hpp).
//
// Why a log table filled by statement triggers, not LISTEN/NOTIFY:
// - A notification is lost when the listening connection is down (a server
//   reconnecting after a fault, or starting); the log is read from where the
//   reader stopped.
// - "Before a coverage answer, drain the notifications" depends on the
//   listener's backend having taken its signal before the round trip; the log
//   is read with a snapshot, which sees every commit before it, by definition.
// - Triggers catch every writer (the server, the command line, an import, a
//   migrate) without a line in the store's write paths, and a statement
//   trigger writes one row per statement: a bulk batch of 100,000 persons is
//   one row naming the range of ids.
//
// Order: rows are read by transaction id (xid8), not by seq: seq values are
// handed out before commit, so a later seq can commit first. A reader keeps a
// watermark, the oldest transaction still running when it last looked
// (pg_snapshot_xmin); every row below it has been seen or rolled back.
#pragma once

#include <string_view>

namespace phongdich {

inline constexpr std::string_view kChangeLogSchema = R"sql(
CREATE TABLE change_log (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  -- The writing process (phongdich.origin, set by each read-write connection),
  -- so that a server skips its own writes, which its index has already.
  origin text NOT NULL DEFAULT coalesce(current_setting('phongdich.origin', true), ''),
  at_ms bigint NOT NULL DEFAULT (extract(epoch FROM clock_timestamp()) * 1000)::bigint,
  tbl text NOT NULL,
  first_id bigint,  -- the statement's rows: ids in [first_id, last_id] (NULL: no id column)
  last_id bigint,
  row_count bigint NOT NULL
);
CREATE INDEX change_log_xid ON change_log(xid);
CREATE INDEX change_log_at ON change_log(at_ms);

CREATE FUNCTION change_log_ids() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO change_log(tbl, first_id, last_id, row_count)
  SELECT TG_TABLE_NAME, min(id), max(id), count(*) FROM changed HAVING count(*) > 0;
  RETURN NULL;
END $$;

CREATE FUNCTION change_log_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO change_log(tbl, row_count)
  SELECT TG_TABLE_NAME, count(*) FROM changed HAVING count(*) > 0;
  RETURN NULL;
END $$;

-- A trigger with a transition table serves one event: one for inserts, one for updates.
CREATE TRIGGER persons_inserted AFTER INSERT ON persons REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION change_log_ids();
CREATE TRIGGER persons_updated AFTER UPDATE ON persons REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION change_log_ids();
CREATE TRIGGER doses_inserted AFTER INSERT ON doses REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION change_log_ids();
CREATE TRIGGER doses_updated AFTER UPDATE ON doses REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION change_log_ids();

-- The surveillance tables (migration 4): which were written is enough, the
-- servers reread their picture of them.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['tests', 'cases', 'case_steps', 'observations', 'care_alerts',
                           'facilities', 'facility_occupancy'] LOOP
    IF to_regclass(t) IS NOT NULL THEN
      EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed '
                     'FOR EACH STATEMENT EXECUTE FUNCTION change_log_rows()', t || '_inserted', t);
      EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS changed '
                     'FOR EACH STATEMENT EXECUTE FUNCTION change_log_rows()', t || '_updated', t);
    END IF;
  END LOOP;
END $$;
)sql";

}  // namespace phongdich
