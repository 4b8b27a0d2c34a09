#include "store/sqlite/migrations.hpp"

#include <array>
#include <string>

namespace phongdich {
namespace {

// Dates are INTEGER days since 1970-01-01 (Date::days()); text is UTF-8.
constexpr std::string_view kRegistrySchema = R"sql(
CREATE TABLE areas (
  id INTEGER PRIMARY KEY,
  tree TEXT NOT NULL,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  level INTEGER NOT NULL,
  -- Deferred so that a whole tree can be written in any order inside one transaction.
  parent_id INTEGER REFERENCES areas(id) DEFERRABLE INITIALLY DEFERRED,
  official_population INTEGER,
  UNIQUE (tree, code)
);
CREATE INDEX areas_parent ON areas(parent_id);

-- An old commune and the commune (in a newer tree) that holds its records now.
CREATE TABLE area_successors (
  old_id INTEGER PRIMARY KEY REFERENCES areas(id) DEFERRABLE INITIALLY DEFERRED,
  new_id INTEGER NOT NULL REFERENCES areas(id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE households (
  id INTEGER PRIMARY KEY,
  area_id INTEGER NOT NULL REFERENCES areas(id),
  code TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  UNIQUE (area_id, code)
);

CREATE TABLE persons (
  id INTEGER PRIMARY KEY,
  external_ref TEXT,
  citizen_id TEXT,
  full_name TEXT NOT NULL,
  folded_name TEXT NOT NULL,  -- fold_vietnamese(full_name): lower case, no diacritics
  sex INTEGER NOT NULL,       -- 0 male, 1 female
  birth_date INTEGER NOT NULL,
  area_id INTEGER NOT NULL REFERENCES areas(id),
  household_id INTEGER REFERENCES households(id),
  phone TEXT,
  comorbidities INTEGER NOT NULL DEFAULT 0,  -- bit i-1 = item i of annex 1, 4038/QĐ-BYT
  flags INTEGER NOT NULL DEFAULT 0,          -- person booleans as bits (sqlite_store.cpp)
  created_at INTEGER NOT NULL DEFAULT (unixepoch())
);
-- Partial: most children have no citizen ID and many rows no external ref, so
-- NULLs are left out of the index rather than stored in it.
CREATE UNIQUE INDEX persons_external_ref ON persons(external_ref) WHERE external_ref IS NOT NULL;
CREATE UNIQUE INDEX persons_citizen_id ON persons(citizen_id) WHERE citizen_id IS NOT NULL;
-- Name search. Staff search inside their commune(s): this index hands over one
-- commune's names already in result order, and the word-prefix test runs on the
-- index entry before any table row is read; a commune holds at most some tens of
-- thousands of people, so that scan is bounded. A nationwide search seeks the
-- first word's range in every area of this same index and keeps only the best
-- names so far (SqliteStore::search_nationwide). One index serves both because
-- each secondary index on a random key costs about as much as the row itself at
-- bulk import; a separate (folded_name) index or an FTS5 table would halve it.
CREATE INDEX persons_area_name ON persons(area_id, folded_name);

CREATE TABLE doses (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  dose_date INTEGER NOT NULL,
  product TEXT NOT NULL,
  site_area_id INTEGER REFERENCES areas(id),  -- NULL when unknown
  lot TEXT NOT NULL DEFAULT '',
  kind INTEGER NOT NULL,  -- DoseKind: 0 primary, 1 additional, 2 booster1, 3 booster2
  number_in_series INTEGER NOT NULL,
  overridden INTEGER NOT NULL DEFAULT 0,
  override_reason TEXT NOT NULL DEFAULT '',
  override_by TEXT NOT NULL DEFAULT '',
  override_rule TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT '',
  -- One dose per person per day; also the index for "doses of a person" in date order.
  UNIQUE (person_id, dose_date)
);

CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
)sql";

constexpr std::string_view kImportJournalSchema = R"sql(
-- One row per imported file, so a killed import resumes after its last committed line.
CREATE TABLE import_journal (
  file_digest TEXT PRIMARY KEY,  -- SHA-256 of the file, hex
  kind TEXT NOT NULL,            -- "persons" or "doses"
  lines_committed INTEGER NOT NULL,
  finished INTEGER NOT NULL,
  updated_at INTEGER NOT NULL DEFAULT (unixepoch())
) WITHOUT ROWID;
)sql";

constexpr std::string_view kAccountsSchema = R"sql(
-- Times here are unix seconds (audit: milliseconds), not days: sessions and
-- lockouts last minutes or hours.
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,  -- lower case already (accounts.cpp), so no COLLATE NOCASE
  password_hash TEXT NOT NULL,    -- argon2id, libsodium crypto_pwhash_str format
  role TEXT NOT NULL,             -- role_name(): stable names, readable in a dump
  area_id INTEGER NOT NULL REFERENCES areas(id),
  person_id INTEGER REFERENCES persons(id),  -- citizens only
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER NOT NULL DEFAULT 0,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);

-- Keyed by the SHA-256 of the bearer token: a stolen copy of the file holds no
-- usable token, and a lookup is one primary-key seek.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
-- Logout everywhere (password change, role change) and the expiry sweep.
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expires ON sessions(expires_at);

-- Append-only: rows are never updated or deleted by the program. seq is the
-- rowid, so entries sit in chain order; the chain's head is kept in meta
-- ("audit.head") so that a deleted tail is noticed. No foreign keys: an entry
-- outlives the user or record it names, and a failed login names nobody.
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at_ms INTEGER NOT NULL,
  user_id INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  area_id INTEGER NOT NULL,
  remote TEXT NOT NULL,
  outcome TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
-- The auditor's searches: by time, by who, by which record, by area; each
-- ends with seq so that results come in chain order without a sort.
CREATE INDEX audit_log_at ON audit_log(at_ms, seq);
CREATE INDEX audit_log_actor ON audit_log(actor, seq);
CREATE INDEX audit_log_target ON audit_log(target, seq);
CREATE INDEX audit_log_area ON audit_log(area_id, seq);

-- The answer to a POST, replayed when a client retries with the same key.
-- Keys are per user: two users picking the same key do not collide.
CREATE TABLE idempotency_keys (
  user_id INTEGER NOT NULL,
  key TEXT NOT NULL,
  request_digest TEXT NOT NULL,
  status INTEGER NOT NULL,
  response_body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, key)
) WITHOUT ROWID;
CREATE INDEX idempotency_keys_created ON idempotency_keys(created_at);
)sql";

constexpr std::string_view kSurveillanceSchema = R"sql(
-- Dates are days since 1970-01-01 (Date::days()); enums are the numbers of
-- their C++ enums (domain/test_result.hpp, covid_case.hpp, observation.hpp,
-- care_alert.hpp, facility.hpp).
CREATE TABLE tests (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  area_id INTEGER NOT NULL REFERENCES areas(id),
  kind INTEGER NOT NULL,
  sample_date INTEGER NOT NULL,
  result_date INTEGER NOT NULL,
  outcome INTEGER NOT NULL,
  site TEXT NOT NULL,
  variant TEXT NOT NULL,
  supervised INTEGER NOT NULL
);
CREATE INDEX tests_person ON tests(person_id, sample_date, id);

CREATE TABLE cases (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  area_id INTEGER NOT NULL REFERENCES areas(id),
  confirmed_on INTEGER NOT NULL,
  onset_date INTEGER,
  confirming_test INTEGER NOT NULL,
  criterion TEXT NOT NULL,
  imported INTEGER NOT NULL,
  isolation_ended_on INTEGER,
  -- The last step's state and date, kept here so that lists of active or
  -- recovered cases need not read every case's steps.
  state INTEGER NOT NULL,
  state_since INTEGER NOT NULL
);
CREATE INDEX cases_person ON cases(person_id, confirmed_on);
CREATE INDEX cases_area ON cases(area_id, confirmed_on, id);
CREATE INDEX cases_state ON cases(state, area_id, state_since);

-- The steps of a case's care, in order (seq 0 is where the case began).
CREATE TABLE case_steps (
  case_id INTEGER NOT NULL REFERENCES cases(id),
  seq INTEGER NOT NULL,
  date INTEGER NOT NULL,
  state INTEGER NOT NULL,
  place TEXT NOT NULL,
  oxygen INTEGER NOT NULL,
  PRIMARY KEY (case_id, seq)
) WITHOUT ROWID;

CREATE TABLE observations (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  date INTEGER NOT NULL,
  half INTEGER NOT NULL,
  spo2 INTEGER,
  respiratory_rate INTEGER,
  pulse INTEGER,
  temperature_dc INTEGER,  -- tenths of a degree Celsius
  systolic INTEGER,
  diastolic INTEGER,
  symptoms INTEGER NOT NULL,  -- bit i = Symptom i
  entered_by INTEGER NOT NULL,
  recorded_at_ms INTEGER NOT NULL
);
CREATE INDEX observations_case ON observations(case_id, date, half, id);

CREATE TABLE care_alerts (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  person_id INTEGER NOT NULL,
  area_id INTEGER NOT NULL,
  kind INTEGER NOT NULL,
  date INTEGER NOT NULL,
  half INTEGER NOT NULL,
  observation_id INTEGER NOT NULL,
  signs TEXT NOT NULL,
  raised_at_ms INTEGER NOT NULL,
  state INTEGER NOT NULL,
  handled_by INTEGER NOT NULL,
  handled_at_ms INTEGER NOT NULL,
  referred_to TEXT NOT NULL,
  note TEXT NOT NULL
);
-- A missed half-day is raised once, however often the sweep runs.
CREATE UNIQUE INDEX care_alerts_missed ON care_alerts(case_id, date, half) WHERE kind = 1;
CREATE INDEX care_alerts_area ON care_alerts(area_id, state, id);

CREATE TABLE facilities (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  area_id INTEGER NOT NULL REFERENCES areas(id),
  kind INTEGER NOT NULL,
  beds INTEGER NOT NULL,
  icu_beds INTEGER NOT NULL,
  oxygen_beds INTEGER NOT NULL
);

CREATE TABLE facility_occupancy (
  facility_id INTEGER NOT NULL REFERENCES facilities(id),
  date INTEGER NOT NULL,
  occupied_beds INTEGER NOT NULL,
  occupied_icu_beds INTEGER NOT NULL,
  patients_on_oxygen INTEGER NOT NULL,
  PRIMARY KEY (date, facility_id)
) WITHOUT ROWID;
)sql";

// A commune station declares how many households with a patient it can care
// for at once (target T8; criterion C3 of 218/QĐ-BYT).
constexpr std::string_view kCareCapacitySchema = R"sql(
ALTER TABLE facilities ADD COLUMN home_care_households INTEGER NOT NULL DEFAULT 0;
)sql";

// The trail's indexes by record and by user move to the key index beside the
// file (store/sqlite/audit_key_index.hpp): kept here, each read of a random
// person dirtied a page of its own in them.
constexpr std::string_view kAuditKeysBesideSchema = R"sql(
DROP INDEX audit_log_actor;
DROP INDEX audit_log_target;
)sql";

// The index by area joins them: the entries of a group commit of doses fall in
// as many communes, so it dirtied about one page per dose.
constexpr std::string_view kAuditAreaBesideSchema = R"sql(
DROP INDEX audit_log_area;
)sql";

constexpr std::array kMigrations = {
    Migration{1, "registry: areas, households, persons, doses, meta", kRegistrySchema},
    Migration{2, "import journal", kImportJournalSchema},
    Migration{3, "accounts, sessions, audit trail, idempotency keys", kAccountsSchema},
    Migration{4, "surveillance: tests, cases, home-care checks, alerts, facilities",
              kSurveillanceSchema},
    Migration{5, "home-care capacity of commune stations", kCareCapacitySchema},
    Migration{6, "audit trail: indexes by record and by user kept beside the file",
              kAuditKeysBesideSchema},
    Migration{7, "audit trail: index by area kept beside the file", kAuditAreaBesideSchema},
};

void ensure_migrations_table(SqliteDb& db) {
  db.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version INTEGER PRIMARY KEY,"
      " applied_at INTEGER NOT NULL)");
}

}  // namespace

std::span<const Migration> sqlite_migrations() { return kMigrations; }

int schema_version(SqliteDb& db) {
  ensure_migrations_table(db);
  return static_cast<int>(
      db.query_int64("SELECT coalesce(max(version), 0) FROM schema_migrations").value_or(0));
}

int apply_migrations(SqliteDb& db, std::span<const Migration> migrations) {
  // IMMEDIATE takes the write lock first, so two processes opening the same new
  // file do not both try to create the schema.
  int applied = 0;
  run_in_transaction(db, "BEGIN IMMEDIATE", [&] {
    const int current = schema_version(db);
    const int known = migrations.empty() ? 0 : migrations.back().version;
    if (current > known) {
      throw StoreError("database schema version " + std::to_string(current) +
                       " is newer than this program knows (" + std::to_string(known) + ")");
    }
    Statement record =
        db.prepare("INSERT INTO schema_migrations(version, applied_at) VALUES (?, unixepoch())");
    for (const Migration& migration : migrations) {
      if (migration.version <= current) continue;
      db.exec(migration.sql);
      record.bind(1, int64_t{migration.version}).run();
      ++applied;
    }
  });
  return applied;
}

}  // namespace phongdich
