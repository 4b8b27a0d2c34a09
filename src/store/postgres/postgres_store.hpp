// The server store: one PostgreSQL connection (libpq), same semantics as the
// embedded SqliteStore method for method (store.hpp, sqlite/sqlite_store.hpp).
//
// Threading: a PostgresStore is one connection, used from one thread at a time;
// open one per thread. (Read-only stores also share the connections of
// pg_shared_reads.hpp for a person's page; that sharing is safe across
// threads.) Transactions are READ COMMITTED; every write that can fail on a
// constraint runs under a savepoint when it is inside a caller's transaction,
// so that a failure the caller catches undoes only that write, as a failed
// statement does in SQLite (PostgreSQL would otherwise abort the whole
// transaction).
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <string>

#include "store/postgres/pg_connection.hpp"
#include "store/postgres/pg_shared_reads.hpp"
#include "store/store.hpp"

namespace phongdich {

class PostgresStore final : public Store {
 public:
  // Connects with `conninfo` (a postgres:// URL, passed to libpq as given). In
  // read_write mode pending migrations are applied; in read_only mode the
  // session refuses writes (default_transaction_read_only) and never migrates.
  explicit PostgresStore(const std::string& conninfo, OpenMode mode = OpenMode::read_write);
  ~PostgresStore() override;

  // Nested calls join the outer transaction through a savepoint: an inner failure
  // that the outer work catches undoes only the inner writes.
  void transaction(const std::function<void()>& work) override;

  // Areas absent from `forest` are deleted, which fails (StoreError) while a
  // person, household or dose still refers to one.
  void replace_areas(const AreaForest& forest) override;
  AreaForest load_areas() override;
  std::optional<std::string> meta(std::string_view key) override;
  void set_meta(std::string_view key, std::string_view value) override;

  HouseholdId upsert_household(const Household& household) override;
  std::vector<HouseholdId> upsert_households(std::span<const Household> households) override;
  std::optional<Household> household(HouseholdId id) override;
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
  // The rules of SqliteStore::search_persons: every query word begins a word of
  // the folded name; in any order inside up to 32 communes; the first word
  // begins the name nationwide and over more communes (first 1000 results).
  std::vector<StoredPerson> search_persons(const NameQuery& query) override;
  int64_t person_count() override;

  // For already_present the result's id is the dose already recorded on that date.
  DoseInsertResult insert_dose(const DoseRecord& dose) override;
  std::vector<DoseRecord> doses_of(PersonId person) override;
  std::optional<std::pair<StoredPerson, std::vector<DoseRecord>>> person_with_doses(
      PersonId id) override;
  int64_t dose_count() override;

  // Read through a cursor in one snapshot, a batch of rows at a time; the
  // visitor may read from the store between rows.
  void scan_persons(const std::function<void(const StoredPerson&)>& visit) override;
  void scan_doses(const std::function<void(const DoseRecord&)>& visit) override;

  // The outcome of each row decided in order (as row-by-row inserts would),
  // then one COPY of the rows to insert: postgres_store_bulk.cpp.
  std::vector<PersonInsertResult> insert_persons_bulk(std::span<const StoredPerson> rows) override;
  std::vector<DoseInsertResult> insert_doses_bulk(std::span<const DoseRecord> rows) override;
  std::optional<ImportJournal> import_journal(std::string_view file_digest) override;
  void save_import_journal(const ImportJournal& journal) override;

  // Accounts, sessions, audit trail and idempotency keys: postgres_store_accounts.cpp.
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

  // The entry keeps the seq it is given; a seq already used throws StoreError.
  void append_audit(const AuditEntry& entry) override;
  void append_audit_entries(std::span<const AuditEntry> entries) override;
  std::optional<AuditEntry> last_audit_entry() override;
  std::vector<AuditEntry> search_audit(const AuditQuery& query) override;
  void scan_audit(const std::function<void(const AuditEntry&)>& visit) override;

  std::optional<IdempotencyRecord> idempotent_response(int64_t user_id,
                                                       std::string_view key) override;
  void save_idempotent_response(const IdempotencyRecord& record) override;
  void delete_idempotency_before(int64_t unix_seconds) override;

  // Tests, cases, checks, alerts and facilities: postgres_store_surveillance.cpp.
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
  std::optional<double> standby_lag_seconds() override;

  // Whole-table copy for `phongdich migrate`: postgres_store_copy.cpp. province_id
  // is derived on import (from the area, or the person for doses) and never exported.
  std::vector<std::string> copy_tables() override;
  std::vector<std::string> copy_columns(std::string_view table) override;
  int64_t copy_row_count(std::string_view table) override;
  void export_rows(std::string_view table, std::span<const std::string> columns, size_t batch_rows,
                   const std::function<void(const TableRows&)>& visit) override;
  void import_rows(std::string_view table, const TableRows& rows) override;
  void finish_import() override;

  // Transaction-level advisory locks: postgres_store_accounts.cpp.
  void lock_idempotency_key(int64_t user_id, std::string_view key) override;

  // The connection, for maintenance and tests.
  PgConnection& db() { return db_; }

 private:
  // Runs `calls` as one write that is all or nothing, in one round trip (pipeline
  // mode): alone outside a transaction, between BEGIN and COMMIT when there are
  // several; inside a caller's transaction between SAVEPOINT and RELEASE, rolled
  // back to the savepoint on failure (see the class comment).
  std::vector<PgResult> write(std::initializer_list<PgCall> calls);
  std::vector<PgResult> write(std::span<const PgCall> calls);
  PgResult write(const PgStatement& statement, const PgParams& params);
  // Runs `select_sql` through a cursor, handing each batch of rows to `visit_batch`.
  void scan(const std::string& select_sql, const std::function<void(const PgResult&)>& visit_batch);
  // Moves the id sequence of `table` past `id`, so that later rows without an
  // id never get one that was given explicitly (SQLite's rowids never do).
  void advance_id_sequence(std::string_view table, int64_t id);

  PersonInsertResult insert_person_row(const StoredPerson& row);
  DoseInsertResult insert_dose_row(const DoseRecord& row);
  // How a bulk batch learns which of its keys the table already holds
  // (postgres_store_bulk.cpp).
  enum class KeysTaken { assumed_free, looked_up };
  // Decides a batch's rows and copies the new ones, inside the caller's
  // transaction; a taken key met by the COPY throws, and the caller undoes it.
  std::vector<PersonInsertResult> write_persons_batch(std::span<const StoredPerson> rows,
                                                      KeysTaken keys);
  std::vector<DoseInsertResult> write_doses_batch(std::span<const DoseRecord> rows, KeysTaken keys);
  std::optional<StoredPerson> person_where(const PgStatement& lookup, const PgParams& params);
  // Names that begin with the first word and hold the others, in `areas` (all when null).
  std::vector<StoredPerson> search_anchored(const std::vector<std::string_view>& words,
                                            const std::vector<AreaId>* areas, size_t limit,
                                            size_t offset);
  // Reads the steps of `cases` (already read without them) in one query.
  void read_case_steps(std::vector<CovidCase>& cases);
  void rollback_quietly();
  void undo_savepoint_quietly();

  PgConnection db_;
  // Read-only stores: a person's page is read through the connection they all
  // share, together with the other reads of the moment (pg_shared_reads.hpp).
  std::shared_ptr<PgSharedReads> shared_reads_;
  int transaction_depth_ = 0;
  // Whether the next bulk batch copies without looking its keys up: true until
  // a batch meets a taken key, and again after a looked-up batch finds none.
  bool person_keys_assumed_free_ = true;
  bool dose_keys_assumed_free_ = true;
  int cursor_count_ = 0;  // names nested cursors apart
};

// The row readers shared by the store's translation units.
// `first_column`: where the record's columns begin in the result row.
void read_person_row(const PgResult& result, int row, StoredPerson& out, int first_column = 0);
void read_dose_row(const PgResult& result, int row, DoseRecord& out, int first_column = 0);
int64_t person_flags_of(const Person& person);

}  // namespace phongdich
