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
#include <vector>

#include "domain/area.hpp"
#include "domain/person.hpp"
#include "domain/vaccination.hpp"

namespace phongdich {

class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
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

class Store {
 public:
  virtual ~Store() = default;

  // Runs `work` in one transaction: committed when it returns, rolled back when it throws.
  // Nested calls join the outer transaction.
  virtual void transaction(const std::function<void()>& work) = 0;

  // Moves committed changes from a write-ahead log into the main file without
  // making writers wait; a server calls it from a connection of its own so that
  // the writer never stops to do it. A no-op for stores without such a log.
  virtual void checkpoint() {}

  // Reference data.
  virtual void replace_areas(const AreaForest& forest) = 0;
  virtual AreaForest load_areas() = 0;
  virtual std::optional<std::string> meta(std::string_view key) = 0;
  virtual void set_meta(std::string_view key, std::string_view value) = 0;

  // Households.
  virtual HouseholdId upsert_household(const Household& household) = 0;  // by (area, code)
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
  virtual std::optional<AuditEntry> last_audit_entry() = 0;
  virtual std::vector<AuditEntry> search_audit(const AuditQuery& query) = 0;
  // Every entry in seq order (for verification).
  virtual void scan_audit(const std::function<void(const AuditEntry&)>& visit) = 0;

  // Idempotency keys of POST requests.
  virtual std::optional<IdempotencyRecord> idempotent_response(int64_t user_id,
                                                               std::string_view key) = 0;
  virtual void save_idempotent_response(const IdempotencyRecord& record) = 0;
  virtual void delete_idempotency_before(int64_t unix_seconds) = 0;
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
