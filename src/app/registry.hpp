// The registry's use-cases: register persons, record doses, status, coverage,
// due lists. Each write is one store transaction; the in-memory index follows
// each commit so that every report includes the last committed dose.
//
// One Registry is used from one thread at a time, except that its const
// members, status() through a reader and the index may be read from several
// threads at once while no write runs (the server's read lock guarantees it).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/coverage_cache.hpp"
#include "app/person_ref_map.hpp"
#include "domain/area.hpp"
#include "domain/coverage.hpp"
#include "domain/due_list.hpp"
#include "domain/name_index.hpp"
#include "domain/registry_index.hpp"
#include "domain/schedule.hpp"
#include "domain/vaccination_rules.hpp"
#include "domain/violation.hpp"
#include "rules/targets_json.hpp"
#include "store/store.hpp"

namespace phongdich {

struct RegistryOptions {
  std::string db_url;    // "var/demo.db", "sqlite:PATH"
  std::string data_dir;  // reference data; default_data_dir() when empty
  unsigned threads = 2;  // for scans
};

// PHONGDICH_DATA if set, else the data/ directory of the source tree.
std::string default_data_dir();

using Progress = std::function<void(int64_t done, int64_t total)>;

struct DoseOverride {
  std::string by;      // the authorised user
  std::string reason;  // written reason, required
};

struct RecordDoseRequest {
  PersonId person_id = 0;
  Date date;
  std::string product;
  std::optional<AreaId> site_area_id;  // default: the person's commune
  std::string lot;
  std::optional<DoseOverride> override_rules;
  std::string source = "manual";
};

struct RecordDoseResult {
  bool stored = false;
  DoseRecord dose;        // as stored (kind, number in series, override)
  Violations violations;  // why it was rejected, or the rules overridden
  // When stored: the person's status as of `today` with this dose, so that the
  // caller need not read the person and the doses again to answer.
  std::optional<StatusAsOf> status_after;
};

struct RegisterPersonResult {
  std::optional<PersonId> id;
  bool already_present = false;  // same external reference: nothing new written
  Violations violations;
};

struct PersonStatus {
  StoredPerson person;
  std::vector<DoseRecord> doses;
  StatusAsOf status;
};

class Registry {
 public:
  explicit Registry(RegistryOptions options);
  ~Registry();
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  Store& store() { return *store_; }
  // Another connection to the same store: read-only ones for requests that
  // run beside each other and beside the writer (see api/reader_pool), a
  // read-write one for background checkpoints.
  std::unique_ptr<Store> open_connection(OpenMode mode) const;
  const AreaForest& areas() const { return areas_; }
  const VaccinationRules& rules() const { return *rules_; }
  const TargetRulesFile& targets() const { return targets_; }
  const std::string& data_dir() const { return options_.data_dir; }

  // Finds an area by "tree:code" ("vn2022:772") or a bare code in the 2022 tree.
  const Area* find_area(std::string_view spec) const;

  // The in-memory index, loaded from the store on first use.
  RegistryIndex& index(const Progress& progress = {});
  bool index_loaded() const { return index_ != nullptr; }
  // Forgets the index (after a failed write that it may already reflect); the
  // next use reloads it from the store.
  void drop_index() {
    index_.reset();
    names_.reset();
    coverage_cache_.clear();
  }
  PersonRefMap& person_refs(const Progress& progress = {});

  RegisterPersonResult register_person(const StoredPerson& person,
                                       const std::string& household_code);
  // Links a citizen ID to a person registered without one.
  Violations link_citizen_id(PersonId id, const std::string& citizen_id);
  RecordDoseResult record_dose(const RecordDoseRequest& request, Date today);
  // The commune a person was registered in, from the index (a person the
  // index lacks, registered by another process, is read and added to it);
  // nullopt when no such person is registered.
  std::optional<AreaId> area_of_person(PersonId id);
  std::optional<PersonStatus> status(PersonId id, Date as_of) { return status(*store_, id, as_of); }
  // The same through a reader connection (the rules and the store's data only).
  std::optional<PersonStatus> status(Store& reader, PersonId id, Date as_of) const;
  // The same for a person already read through `reader` (their doses are read).
  PersonStatus status(Store& reader, StoredPerson person, Date as_of) const;
  // The same for a person read with their doses (Store::person_with_doses).
  PersonStatus status(StoredPerson person, std::vector<DoseRecord> doses, Date as_of) const;

  // The communes (index slots) whose persons count in `area` (any tree, any level).
  std::vector<uint16_t> commune_slots_in(const Area& area);
  // The same communes by id: those, of any tree, whose records count in `area`.
  std::vector<AreaId> communes_in(const Area& area);
  CoverageCube coverage_cube(const Area& area, Date as_of);
  // The persons of `area` whose names hold every word of `query` (each word
  // beginning a word of the name, diacritics ignored), in name order, found in
  // the name index in memory and read through `reader`.
  std::vector<StoredPerson> search_persons(Store& reader, const Area& area, std::string_view query,
                                           size_t limit, size_t offset);
  CoverageReport coverage_report(const Area& area, Date as_of);
  DueList due_list(const Area& commune, Date as_of);

  // Keeps the index in step with a committed write (used by the importer too).
  void index_person(const Person& person, std::string_view external_ref);
  void index_dose(const DoseRecord& dose);

 private:
  void refresh_reached(RegistryIndex::Slot slot);
  void load_index(const Progress& progress);

  RegistryOptions options_;
  std::unique_ptr<Store> store_;
  AreaForest areas_;
  std::unique_ptr<VaccinationRules> rules_;
  TargetRulesFile targets_;
  std::unique_ptr<RegistryIndex> index_;
  std::unique_ptr<NameIndex> names_;  // by index slot; loaded and dropped with the index
  CoverageCache coverage_cache_;      // per commune; cleared with the index
  PersonRefMap refs_;
};

}  // namespace phongdich
