// The embedded store: one SQLite file in WAL mode.
//
// Threading: a SqliteStore is one connection and is used from one thread at a time
// (the caller serialises, e.g. one store per worker thread). Other processes and
// other SqliteStore objects may open the same file: WAL lets readers run beside the
// one writer, and a writer waits up to the busy timeout for the write lock.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "store/sqlite/audit_key_index.hpp"
#include "store/sqlite/sqlite_db.hpp"
#include "store/store.hpp"

namespace phongdich {

struct SqliteOptions {
  int64_t cache_kib = 256 * 1024;  // page cache per connection
  int busy_timeout_ms = 10'000;    // how long a writer waits for the write lock
  // Memory-mapped reads speed up scans; mapped pages count as resident memory,
  // so the map is kept to a quarter of the page budget of a large import.
  int64_t mmap_bytes = 256LL << 20;
  // Map the whole file once and keep it mapped (mapped_file_vfs.hpp) instead
  // of SQLite's own map of mmap_bytes: for the server's readers.
  bool map_whole_file = false;
  // Refuse every write through this connection (PRAGMA query_only), and do not
  // migrate (the writer's connection did): a reader beside the writer must
  // never take the write lock.
  bool query_only = false;
  // A commit checkpoints the log once it holds this many pages: ~64 MB rather
  // than SQLite's 4 MB, so that a bulk import copies a page that many rows
  // touch into the database once, not once per checkpoint.
  int64_t checkpoint_on_commit_pages = 16384;
  // The same after set_checkpoint_on_commit(false): ~1 GB, the bound on the
  // log should the connection that checkpoints instead stop doing it.
  int64_t checkpoint_on_commit_backstop_pages = 262144;
};

class SqliteStore final : public Store {
 public:
  // Opens or creates the file at `path` and applies pending migrations.
  explicit SqliteStore(const std::string& path, const SqliteOptions& options = {});
  ~SqliteStore() override;

  // Nested calls join the outer transaction through a savepoint: an inner failure
  // that the outer work catches undoes only the inner writes.
  void transaction(const std::function<void()>& work) override;
  // PASSIVE: copies what no reader still needs and never waits for a lock.
  // Busy while another connection's checkpoint is in progress.
  LogCheckpoint checkpoint() override;
  void set_checkpoint_on_commit(bool on) override;

  // Areas absent from `forest` are deleted, which fails (StoreError) while a
  // person, household or dose still refers to one.
  void replace_areas(const AreaForest& forest) override;
  AreaForest load_areas() override;
  std::optional<std::string> meta(std::string_view key) override;
  void set_meta(std::string_view key, std::string_view value) override;

  HouseholdId upsert_household(const Household& household) override;
  std::vector<HouseholdId> upsert_households(std::span<const Household> households) override;
  std::optional<Household> household(HouseholdId id) override;
  // Reads the household's commune through the name index (no index on
  // household_id: it would slow every import for a rare question).
  std::vector<StoredPerson> household_members(const Household& household) override;

  // A person with id 0 gets a new id; a non-zero id is kept. For citizen_id_taken
  // the result's id is the person who holds the number.
  PersonInsertResult insert_person(const StoredPerson& person) override;
  // Throws StoreError when the person does not exist or another person holds the
  // citizen ID (nothing is written then).
  void update_person(const Person& person) override;
  std::optional<StoredPerson> person(PersonId id) override;
  std::optional<StoredPerson> person_by_citizen_id(std::string_view citizen_id) override;
  std::optional<StoredPerson> person_by_external_ref(std::string_view ref) override;
  // In the order of `ids`; ids not found are left out.
  std::vector<StoredPerson> persons_by_ids(std::span<const PersonId> ids) override;
  // Every query word must begin a word of the folded name. Inside a few
  // communes the words may come in any order; nationwide (no communes) or over
  // more than 32 communes (a province) the first word must begin the name (the
  // family name, as Vietnamese names are written), so that the search seeks a
  // range of the name index in each commune instead of reading every person.
  std::vector<StoredPerson> search_persons(const NameQuery& query) override;
  int64_t person_count() override;

  // For already_present the result's id is the dose already recorded on that date.
  DoseInsertResult insert_dose(const DoseRecord& dose) override;
  std::vector<DoseRecord> doses_of(PersonId person) override;
  std::optional<std::pair<StoredPerson, std::vector<DoseRecord>>> person_with_doses(
      PersonId id) override;
  int64_t dose_count() override;

  // The visitor may read from the store but must not start another scan.
  void scan_persons(const std::function<void(const StoredPerson&)>& visit) override;
  void scan_doses(const std::function<void(const DoseRecord&)>& visit) override;

  std::vector<PersonInsertResult> insert_persons_bulk(std::span<const StoredPerson> rows) override;
  std::vector<DoseInsertResult> insert_doses_bulk(std::span<const DoseRecord> rows) override;
  std::optional<ImportJournal> import_journal(std::string_view file_digest) override;
  void save_import_journal(const ImportJournal& journal) override;
  // Drops them only when the persons table is empty (store/sqlite/person_indexes.hpp).
  bool defer_person_indexes() override;
  void build_person_indexes() override;

  // Accounts, sessions, audit trail and idempotency keys: sqlite_store_accounts.cpp.
  std::optional<int64_t> insert_user(const UserRecord& user) override;
  // Throws StoreError when there is no such user, or the new username is taken.
  void update_user(const UserRecord& user) override;
  std::optional<UserRecord> user_by_id(int64_t id) override;
  std::optional<UserRecord> user_by_name(std::string_view username) override;
  std::vector<UserRecord> list_users() override;
  int64_t user_count() override;

  void insert_session(const SessionRecord& session) override;
  std::optional<SessionRecord> session(std::string_view token_hash) override;
  void revoke_session(std::string_view token_hash) override;
  void revoke_sessions_of(int64_t user_id) override;
  void delete_sessions_expired_before(int64_t unix_seconds) override;

  // The entry keeps the seq it is given; a seq already used throws StoreError, so
  // two writers that read the same head cannot both extend the chain.
  void append_audit(const AuditEntry& entry) override;
  void append_audit_entries(std::span<const AuditEntry> entries) override;
  std::optional<AuditEntry> last_audit_entry() override;
  // By record or by user through the index beside the file (audit_key_index)
  // for what it covers, and by reading the entries after that.
  std::vector<AuditEntry> search_audit(const AuditQuery& query) override;
  void scan_audit(const std::function<void(const AuditEntry&)>& visit) override;
  bool index_audit_trail(size_t max_entries) override;
  bool audit_index_needs_upkeep() const override { return audit_index_.has_file(); }

  std::optional<IdempotencyRecord> idempotent_response(int64_t user_id,
                                                       std::string_view key) override;
  // Saves the record, replacing an earlier one with the same user and key.
  void save_idempotent_response(const IdempotencyRecord& record) override;
  void delete_idempotency_before(int64_t unix_seconds) override;

  // Tests, cases, checks, alerts and facilities: sqlite_store_surveillance.cpp.
  TestId insert_test(const TestResult& test) override;
  std::vector<TestResult> tests_of(PersonId person) override;
  void scan_tests(const std::function<void(const TestResult&)>& visit) override;
  CaseId insert_case(const CovidCase& covid_case) override;
  void append_case_step(CaseId id, const CaseStep& step) override;
  void set_isolation_end(CaseId id, std::optional<Date> ended_on) override;
  std::optional<CovidCase> covid_case(CaseId id) override;
  std::vector<CovidCase> cases_of(PersonId person) override;
  std::vector<CovidCase> search_cases(const CaseQuery& query) override;
  void scan_cases(const std::function<void(const CovidCase&)>& visit) override;
  int64_t case_count() override;
  ObservationId insert_observation(const Observation& observation) override;
  std::vector<Observation> observations_of(CaseId id) override;
  int64_t observation_count() override;
  std::optional<AlertId> insert_alert(const CareAlert& alert) override;
  void update_alert(const CareAlert& alert) override;
  std::optional<CareAlert> care_alert(AlertId id) override;
  std::vector<CareAlert> search_alerts(const AlertQuery& query) override;
  FacilityId upsert_facility(const Facility& facility) override;
  std::vector<Facility> facilities() override;
  void save_occupancy(const FacilityOccupancy& occupancy) override;
  std::vector<FacilityOccupancy> occupancy_between(Date from, Date to) override;
  std::vector<AreaCount> households_per_area() override;
  std::vector<AreaCount> households_in_home_care() override;

  // Whole-table copy for `phongdich migrate`: sqlite_store_copy.cpp.
  std::vector<std::string> copy_tables() override;
  std::vector<std::string> copy_columns(std::string_view table) override;
  int64_t copy_row_count(std::string_view table) override;
  void export_rows(std::string_view table, std::span<const std::string> columns, size_t batch_rows,
                   const std::function<void(const TableRows&)>& visit) override;
  void import_rows(std::string_view table, const TableRows& rows) override;
  void finish_import() override {}  // a rowid table continues after its largest id by itself

  // The connection, for maintenance and tests (integrity checks, pragmas).
  SqliteDb& db() { return db_; }

 private:
  struct Statements;
  // The accounts translation unit's statements, prepared on first use so that
  // sqlite_store.cpp need not know them.
  struct AccountStatements;
  struct AccountStatementsDeleter {
    void operator()(AccountStatements* statements) const;
  };
  AccountStatements& account_sql();
  struct SurveillanceStatements;
  struct SurveillanceStatementsDeleter {
    void operator()(SurveillanceStatements* statements) const;
  };
  SurveillanceStatements& surveillance_sql();
  // Reads the steps of `cases` (already read without them) in one statement per case.
  void read_steps(std::vector<CovidCase>& cases);

  PersonInsertResult insert_person_row(const StoredPerson& row);
  DoseInsertResult insert_dose_row(const DoseRecord& row);
  std::optional<StoredPerson> person_where(Statement& lookup);
  std::vector<StoredPerson> search_nationwide(const std::string& folded, size_t limit,
                                              size_t offset);
  // Names that begin with the first word and hold the others, in `areas`.
  std::vector<StoredPerson> search_anchored(const std::string& folded,
                                            std::span<const AreaId> areas, size_t limit,
                                            size_t offset);
  void rollback_quietly();
  // The audit searches (sqlite_store_accounts.cpp): through the key index, or
  // nullopt when it covers nothing this trail holds; and by reading the trail
  // from after_seq on.
  std::optional<std::vector<AuditEntry>> search_audit_by_key(const AuditQuery& query);
  std::vector<AuditEntry> search_audit_by_scan(const AuditQuery& query, int64_t after_seq,
                                               size_t limit);
  // Whether the trail's entry at the covered seq is the one the index names.
  bool audit_trail_holds(const AuditKeyIndex::Coverage& covered);

  // BEGIN, COMMIT and the savepoints, prepared once: a server request nests a
  // few transactions, and parsing their SQL each time cost more than running it.
  struct TransactionControl;
  struct TransactionControlDeleter {
    void operator()(TransactionControl* control) const;
  };

  SqliteDb db_;  // declared first: destroyed after the statements that use it
  SqliteOptions options_;
  // The audit trail's key index beside the file, opened on first use.
  AuditKeyIndex audit_index_;
  std::unique_ptr<Statements> sql_;
  std::unique_ptr<TransactionControl, TransactionControlDeleter> control_;
  std::unique_ptr<AccountStatements, AccountStatementsDeleter> account_sql_;
  std::unique_ptr<SurveillanceStatements, SurveillanceStatementsDeleter> surveillance_sql_;
  int transaction_depth_ = 0;
};

}  // namespace phongdich
