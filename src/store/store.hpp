// The one storage interface. The embedded SQLite store implements it now; the
// PostgreSQL store will implement it without changes above this line.
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
  std::string folded_name;       // fold_vietnamese() of the words searched
  std::vector<AreaId> communes;  // restrict to these communes; empty = anywhere
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

class Store {
 public:
  virtual ~Store() = default;

  // Runs `work` in one transaction: committed when it returns, rolled back when it throws.
  // Nested calls join the outer transaction.
  virtual void transaction(const std::function<void()>& work) = 0;

  // Reference data.
  virtual void replace_areas(const AreaForest& forest) = 0;
  virtual AreaForest load_areas() = 0;
  virtual std::optional<std::string> meta(std::string_view key) = 0;
  virtual void set_meta(std::string_view key, std::string_view value) = 0;

  // Households.
  virtual HouseholdId upsert_household(const Household& household) = 0;  // by (area, code)
  virtual std::optional<Household> household(HouseholdId id) = 0;

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
};

// Opens the store named by `url`: a file path or "sqlite:PATH" for the embedded
// store (created and migrated on first open).
std::unique_ptr<Store> open_store(const std::string& url);

}  // namespace phongdich
