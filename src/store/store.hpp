// The one storage interface, implemented by the embedded SQLite store
// (store/sqlite) and the PostgreSQL store (store/postgres) alike.
//
// Every method is one statement or one transaction unless it says otherwise.
// Methods throw StoreError on failure; expected conflicts are reported in return values.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/area.hpp"
#include "domain/care_alert.hpp"
#include "domain/covid_case.hpp"
#include "domain/facility.hpp"
#include "domain/observation.hpp"
#include "domain/person.hpp"
#include "domain/test_result.hpp"
#include "domain/vaccination.hpp"

namespace phongdich {

class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The store cannot be reached for now (database server down or restarting, the
// connection lost): the same request may succeed later. The server answers 503.
class StoreUnavailable : public StoreError {
 public:
  using StoreError::StoreError;
};

enum class InsertOutcome { inserted, already_present, citizen_id_taken };

struct PersonInsertResult {
  InsertOutcome outcome;
  PersonId id = 0;  // the new id, or the id of the existing person with that external_ref
};

struct DoseInsertResult {
  InsertOutcome outcome;  // already_present: the person has a dose on that date already
  DoseId id = 0;
};

struct NameQuery {
  std::string folded_name;  // fold_vietnamese() of the words searched
  // Restrict to these communes; empty = anywhere. Within a few communes any
  // word may begin with the first query word; over many (more than 32) or
  // anywhere, the name must begin with it (the family name), which an index
  // can answer without reading every name.
  std::vector<AreaId> communes;
  size_t limit = 50;
  size_t offset = 0;
};

// Progress of one import file, so a killed import resumes where it stopped.
struct ImportJournal {
  std::string file_digest;  // SHA-256 of the file contents, hex
  std::string kind;         // "persons" or "doses"
  int64_t lines_committed = 0;
  bool finished = false;
};

// An account. The role is stored by its name (domain/role.hpp); the password
// only as an argon2id hash string (libsodium crypto_pwhash_str format).
struct UserRecord {
  int64_t id = 0;  // 0 until stored
  std::string username;
  std::string password_hash;
  std::string role;
  AreaId area_id = 0;
  std::optional<PersonId> person_id;  // citizens: their own record
  int32_t failed_logins = 0;          // consecutive, reset by a good login
  int64_t locked_until = 0;           // unix seconds; 0 = not locked
  bool disabled = false;
  int64_t created_at = 0;  // unix seconds
};

// A login session. Only a SHA-256 of the bearer token is kept, so a copy of the
// database does not hand out live sessions.
struct SessionRecord {
  std::string token_hash;  // hex
  int64_t user_id = 0;
  int64_t created_at = 0;  // unix seconds
  int64_t expires_at = 0;
  bool revoked = false;
};

// One entry of the append-only audit trail; `hash` chains it to the entry before.
struct AuditEntry {
  int64_t seq = 0;        // 1, 2, 3 ... without gaps
  int64_t at_ms = 0;      // unix milliseconds
  int64_t user_id = 0;    // 0: nobody logged in (failed login, CLI)
  std::string actor;      // username, or "cli:<os user>", or the name tried at a failed login
  std::string action;     // "person.read", "dose.create", "login.failed", "user.role_change" ...
  std::string target;     // "person:123", "user:7", "" when none
  AreaId area_id = 0;     // the area of the record touched (for the auditor's scope); 0 when none
  std::string remote;     // client address, "cli" for the command line
  std::string outcome;    // "ok", "denied", "rejected", "failed"
  std::string detail;     // short free text, never personal health data
  std::string prev_hash;  // hex; 64 zeros for the first entry
  std::string hash;       // hex SHA-256 over this entry's fields and prev_hash
};

struct AuditQuery {
  std::optional<int64_t> from_ms, to_ms;  // at_ms in [from, to)
  std::optional<std::string> actor;
  std::optional<std::string> action;  // exact, or a prefix ending in '.' ("person.")
  std::optional<std::string> target;
  std::vector<AreaId> areas;  // any of these areas; empty = all
  int64_t after_seq = 0;      // keyset pagination: entries with seq > after_seq
  size_t limit = 100;
};

// The answer kept for a POST's idempotency key, replayed when the key comes again.
struct IdempotencyRecord {
  int64_t user_id = 0;
  std::string key;
  std::string request_digest;  // method, path and body; a key reused for another request is refused
  int32_t status = 0;
  std::string response_body;
  int64_t created_at = 0;  // unix seconds
};

// Cases for a list: newest confirmation first (then id, descending).
struct CaseQuery {
  std::vector<AreaId> areas;  // the cases' communes; empty = everywhere
  bool active_only = false;   // home care, hospital or ICU
  // Recovered on or after this day (the 12-month follow-up list).
  std::optional<Date> recovered_since;
  size_t limit = 100;
  size_t offset = 0;
};

// A count per area (the area a row is recorded in).
struct AreaCount {
  AreaId area_id = 0;
  int64_t count = 0;
};

// Alerts for the health station's list: oldest first, by id.
struct AlertQuery {
  std::vector<AreaId> areas;  // empty = everywhere
  std::optional<AlertState> state;
  AlertId after_id = 0;  // keyset pagination
  size_t limit = 100;
};

// Rows of one table as `phongdich migrate` moves them (Store::export_rows).
struct TableRows {
  std::vector<std::string> columns;
  std::vector<std::optional<std::string>> values;  // row after row; nullopt = SQL NULL
  size_t rows() const { return columns.empty() ? 0 : values.size() / columns.size(); }
};

// What a checkpoint left: the frames in the write-ahead log, and how many of
// them are now in the main file. Once all are, the next commit starts the log
// afresh at its beginning.
struct LogCheckpoint {
  int64_t log_frames = 0;
  int64_t copied_frames = 0;
  bool busy = false;  // another connection was checkpointing: nothing done, nothing known
  bool complete() const { return !busy && copied_frames >= log_frames; }
};

class Store {
 public:
  virtual ~Store() = default;

  // Runs `work` in one transaction: committed when it returns, rolled back when it throws.
  // Nested calls join the outer transaction.
  virtual void transaction(const std::function<void()>& work) = 0;

  // Moves committed changes from a write-ahead log into the main file without
  // making writers wait; a server calls it from a connection of its own so that
  // the writer never stops to do it. A no-op for stores without such a log.
  virtual LogCheckpoint checkpoint() { return {}; }
  // Whether this connection's commits checkpoint the log by themselves once it
  // has grown (the default). A server that checkpoints from another connection
  // turns it off on its writer, whose commits would otherwise stop to copy what
  // that connection has not copied yet (see api/background_checkpointer).
  virtual void set_checkpoint_on_commit(bool /*on*/) {}

  // Reference data.
  virtual void replace_areas(const AreaForest& forest) = 0;
  virtual AreaForest load_areas() = 0;
  virtual std::optional<std::string> meta(std::string_view key) = 0;
  virtual void set_meta(std::string_view key, std::string_view value) = 0;

  // Households.
  virtual HouseholdId upsert_household(const Household& household) = 0;  // by (area, code)
  // Many at once, as upsert_household would one after another (a later entry
  // with the same area and code gives its address): the id of each, in order.
  // One round trip on a server store, where an import's households would
  // otherwise cost one each.
  virtual std::vector<HouseholdId> upsert_households(std::span<const Household> households) = 0;
  virtual std::optional<Household> household(HouseholdId id) = 0;
  // The persons of a household, by id.
  virtual std::vector<StoredPerson> household_members(const Household& household) = 0;

  // Persons.
  virtual PersonInsertResult insert_person(const StoredPerson& person) = 0;
  virtual void update_person(const Person& person) = 0;  // e.g. link a citizen ID later
  virtual std::optional<StoredPerson> person(PersonId id) = 0;
  virtual std::optional<StoredPerson> person_by_citizen_id(std::string_view citizen_id) = 0;
  virtual std::optional<StoredPerson> person_by_external_ref(std::string_view ref) = 0;
  virtual std::vector<StoredPerson> persons_by_ids(std::span<const PersonId> ids) = 0;
  virtual std::vector<StoredPerson> search_persons(const NameQuery& query) = 0;
  virtual int64_t person_count() = 0;

  // Doses.
  virtual DoseInsertResult insert_dose(const DoseRecord& dose) = 0;
  virtual std::vector<DoseRecord> doses_of(PersonId person) = 0;
  virtual int64_t dose_count() = 0;
  // A person with their doses by date, as person() and doses_of() would give
  // them: what a person's page shows. One round trip on a server store.
  virtual std::optional<std::pair<StoredPerson, std::vector<DoseRecord>>> person_with_doses(
      PersonId id) = 0;

  // Full scans in person-id order (doses: by person, then date), to build the
  // in-memory registry index at start-up.
  virtual void scan_persons(const std::function<void(const StoredPerson&)>& visit) = 0;
  virtual void scan_doses(const std::function<void(const DoseRecord&)>& visit) = 0;

  // Bulk import: many rows in one transaction, fast path. Rows already present
  // (same external_ref, or same person and dose date) are skipped, not duplicated.
  virtual std::vector<PersonInsertResult> insert_persons_bulk(
      std::span<const StoredPerson> rows) = 0;
  virtual std::vector<DoseInsertResult> insert_doses_bulk(std::span<const DoseRecord> rows) = 0;
  virtual std::optional<ImportJournal> import_journal(std::string_view file_digest) = 0;
  virtual void save_import_journal(const ImportJournal& journal) = 0;
  // The first bulk load of a registry: while no person is stored yet, a store
  // may drop the persons' secondary indexes (citizen ID, person_ref, name), so
  // that they are built once after the rows instead of kept row by row (on
  // SQLite several times faster at millions of persons). Returns true when it
  // did; until build_person_indexes() the caller keeps person_ref and citizen ID
  // unique itself, and no name or citizen-ID look-up may be made. A store left
  // without them (a process killed meanwhile) builds them when next opened.
  virtual bool defer_person_indexes() { return false; }
  virtual void build_person_indexes() {}

  // Accounts. insert_user returns the new id, or nullopt when the username is taken.
  virtual std::optional<int64_t> insert_user(const UserRecord& user) = 0;
  virtual void update_user(const UserRecord& user) = 0;  // by id; every field but created_at
  virtual std::optional<UserRecord> user_by_id(int64_t id) = 0;
  virtual std::optional<UserRecord> user_by_name(std::string_view username) = 0;
  virtual std::vector<UserRecord> list_users() = 0;  // by username
  virtual int64_t user_count() = 0;

  // Sessions.
  virtual void insert_session(const SessionRecord& session) = 0;
  virtual std::optional<SessionRecord> session(std::string_view token_hash) = 0;
  virtual void revoke_session(std::string_view token_hash) = 0;
  virtual void revoke_sessions_of(int64_t user_id) = 0;
  virtual void delete_sessions_expired_before(int64_t unix_seconds) = 0;

  // Audit trail: appended in seq order, never updated. The head (seq and hash of
  // the last entry) is also kept in meta so that a deleted tail is noticed.
  virtual void append_audit(const AuditEntry& entry) = 0;
  // Entries that follow each other in the chain, in order (one round trip where
  // the store can).
  virtual void append_audit_entries(std::span<const AuditEntry> entries) {
    for (const AuditEntry& entry : entries) append_audit(entry);
  }
  virtual std::optional<AuditEntry> last_audit_entry() = 0;
  virtual std::vector<AuditEntry> search_audit(const AuditQuery& query) = 0;
  // Every entry in seq order (for verification).
  virtual void scan_audit(const std::function<void(const AuditEntry&)>& visit) = 0;
  // Brings the store's index of the trail by record, user and area up to date, at
  // most `max_entries` entries at a time; true while more are waiting. A store
  // whose tables index the trail as it is written (PostgreSQL) has nothing to do.
  // Searches are complete either way: what is not indexed yet is read directly.
  virtual bool index_audit_trail(size_t /*max_entries*/) { return false; }
  // Whether index_audit_trail has work to do on this store at all.
  virtual bool audit_index_needs_upkeep() const { return false; }

  // Idempotency keys of POST requests.
  virtual std::optional<IdempotencyRecord> idempotent_response(int64_t user_id,
                                                               std::string_view key) = 0;
  virtual void save_idempotent_response(const IdempotencyRecord& record) = 0;
  virtual void delete_idempotency_before(int64_t unix_seconds) = 0;

  // Surveillance: tests, cases and their steps of care, home-care checks, alerts,
  // facilities and their daily occupancy. Ids are given by the store.
  virtual TestId insert_test(const TestResult& test) = 0;
  virtual std::vector<TestResult> tests_of(PersonId person) = 0;  // by sample date, then id
  virtual void scan_tests(const std::function<void(const TestResult&)>& visit) = 0;  // by id

  // The case with its steps; the person has at most one active case (the
  // use-case checks; the store does not).
  virtual CaseId insert_case(const CovidCase& covid_case) = 0;
  virtual void append_case_step(CaseId id, const CaseStep& step) = 0;
  virtual void set_isolation_end(CaseId id, std::optional<Date> ended_on) = 0;
  virtual std::optional<CovidCase> covid_case(CaseId id) = 0;
  virtual std::vector<CovidCase> cases_of(PersonId person) = 0;  // by confirmation date
  virtual std::vector<CovidCase> search_cases(const CaseQuery& query) = 0;
  virtual void scan_cases(const std::function<void(const CovidCase&)>& visit) = 0;  // by id
  virtual int64_t case_count() = 0;

  virtual ObservationId insert_observation(const Observation& observation) = 0;
  // By date, half-day, then id.
  virtual std::vector<Observation> observations_of(CaseId id) = 0;
  virtual int64_t observation_count() = 0;

  // nullopt when a missed-check alert for that case and half-day exists already
  // (a sweep that runs twice raises it once).
  virtual std::optional<AlertId> insert_alert(const CareAlert& alert) = 0;
  virtual void update_alert(const CareAlert& alert) = 0;  // state, handled_*, referred_to, note
  virtual std::optional<CareAlert> care_alert(AlertId id) = 0;
  virtual std::vector<CareAlert> search_alerts(const AlertQuery& query) = 0;

  virtual FacilityId upsert_facility(const Facility& facility) = 0;  // by code
  virtual std::vector<Facility> facilities() = 0;                    // by code
  // One report per facility and day: a second report of the day replaces the first.
  virtual void save_occupancy(const FacilityOccupancy& occupancy) = 0;
  // Reports dated in [from, to], by date then facility.
  virtual std::vector<FacilityOccupancy> occupancy_between(Date from, Date to) = 0;

  // Commune care capacity (target T8): the households of each area, and those
  // with a member in home care now (an active home-care case whose isolation
  // has not ended), each household once.
  virtual std::vector<AreaCount> households_per_area() = 0;
  virtual std::vector<AreaCount> households_in_home_care() = 0;

  // ---- Whole-table copy, used only by `phongdich migrate` (cli/migrate_command.cpp) ----
  // A table travels as rows of nullable text values in SQLite's storage classes,
  // which both schemas' columns map onto: integers in decimal, reals in their
  // shortest exact form, booleans as 0 and 1, text as it is. Columns a store
  // derives from the others (PostgreSQL's province_id) are neither listed nor
  // exported; that store computes them on import.
  // Implemented in sqlite/sqlite_store_copy.cpp and postgres/postgres_store_copy.cpp.

  // The tables of the schema, without the migration bookkeeping, by name.
  virtual std::vector<std::string> copy_tables() = 0;
  // The stored columns of `table`, in declared order.
  virtual std::vector<std::string> copy_columns(std::string_view table) = 0;
  virtual int64_t copy_row_count(std::string_view table) = 0;
  // Every row of `table` (the values of `columns`), in primary-key order, handed
  // over `batch_rows` rows at a time in one snapshot.
  virtual void export_rows(std::string_view table, std::span<const std::string> columns,
                           size_t batch_rows,
                           const std::function<void(const TableRows&)>& visit) = 0;
  // Appends `rows` to `table` in one transaction, ids as given (COPY on PostgreSQL).
  virtual void import_rows(std::string_view table, const TableRows& rows) = 0;
  // After the last import_rows: id sequences continue after the largest id copied.
  virtual void finish_import() = 0;

  // ---- Several servers on one database (api/change_catch_up.hpp) ----
  // Inside a transaction: until it ends, no other transaction of any process
  // passes this call for the same user and key, so that a request retried on
  // another server waits for the first to commit and then finds its answer
  // (idempotent_response). A no-op where one process writes at a time (SQLite).
  virtual void lock_idempotency_key(int64_t /*user_id*/, std::string_view /*key*/) {}

  // ---- Read replicas (api/reader_pool.hpp) ----
  // On a hot standby: how far its data is behind the primary, in seconds (0
  // when it has replayed all it received). nullopt on a primary or an embedded store.
  virtual std::optional<double> standby_lag_seconds() { return std::nullopt; }
};

enum class OpenMode {
  read_write,
  // A connection that only reads (the server's concurrent reads): smaller cache,
  // and the store refuses any write through it.
  read_only,
};

// Opens the store named by `url`: a file path or "sqlite:PATH" for the embedded
// store (created and migrated on first open), "postgres://..." or
// "postgresql://..." for a PostgreSQL server (migrated on a read-write open).
std::unique_ptr<Store> open_store(const std::string& url, OpenMode mode = OpenMode::read_write);

}  // namespace phongdich
