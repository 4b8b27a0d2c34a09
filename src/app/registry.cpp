#include "app/registry.hpp"

#include <algorithm>
#include <cstdlib>
#include <stdexcept>

#include "app/registry_violations.hpp"
#include "domain/citizen_id.hpp"
#include "domain/name_words.hpp"
#include "domain/text_fold.hpp"
#include "ingest/area_files.hpp"
#include "rules/vaccination_rules_json.hpp"

namespace phongdich {
namespace {

#ifndef PHONGDICH_DATA_DIR
#define PHONGDICH_DATA_DIR "data"
#endif

// Data errors are facts, not rules: no authority can override them.
bool overridable(const Violation& v) {
  return !(v.code.starts_with("dose.date.") || v.code == "dose.product.unknown" ||
           v.code == "dose.same_day");
}

std::array<uint16_t, kReachedLevels> reached_offsets(const StatusAsOf& status) {
  std::array<uint16_t, kReachedLevels> out;
  for (int level = 1; level < kVaccinationStatusCount; ++level) {
    const auto& d = status.reached[level];
    out[static_cast<size_t>(level - 1)] = d ? PersonRow::to_offset(*d) : PersonRow::kNever;
  }
  return out;
}

}  // namespace

std::string default_data_dir() {
  if (const char* env = std::getenv("PHONGDICH_DATA"); env != nullptr && *env != '\0') return env;
  return PHONGDICH_DATA_DIR;
}

Registry::Registry(RegistryOptions options) : options_(std::move(options)) {
  if (options_.data_dir.empty()) options_.data_dir = default_data_dir();
  store_ = open_store(options_.db_url);
  areas_ = store_->load_areas();
  if (areas_.all().empty()) {
    // First open: the reference area trees go into the store once, so that
    // area ids stay fixed for the records that point at them.
    areas_ = load_area_forest(options_.data_dir);
    store_->transaction([&] { store_->replace_areas(areas_); });
  }
  rules_ = std::make_unique<VaccinationRules>(
      load_vaccination_rules(options_.data_dir + "/rules/vaccination.json"));
  targets_ = load_target_rules(options_.data_dir + "/rules/targets.json");
}

Registry::~Registry() = default;

const Area* Registry::find_area(std::string_view spec) const {
  const auto colon = spec.find(':');
  if (colon == std::string_view::npos) return areas_.find_code("vn2022", spec);
  return areas_.find_code(spec.substr(0, colon), spec.substr(colon + 1));
}

RegistryIndex& Registry::index(const Progress& progress) {
  if (!index_) load_index(progress);
  return *index_;
}

PersonRefMap& Registry::person_refs(const Progress& progress) {
  index(progress);
  return refs_;
}

void Registry::load_index(const Progress& progress) {
  index_ = std::make_unique<RegistryIndex>();
  names_ = std::make_unique<NameIndex>();
  coverage_cache_.clear();
  refs_ = PersonRefMap();
  const int64_t persons = store_->person_count();
  const int64_t total = persons + store_->dose_count();
  // Room for a quarter more persons: an array that outgrows its capacity copies
  // itself whole, and the first person added after the load (a registration,
  // an import's first batch) did so for every per-person array at once, while
  // all other requests waited. Capacity not yet written takes no memory.
  const size_t room = static_cast<size_t>(persons) + static_cast<size_t>(persons) / 4 + 4096;
  index_->reserve(room);
  names_->begin_load(room);
  // Its table rounds up to a power of two (at most 70% full) and so has room of its own.
  refs_.reserve(static_cast<size_t>(persons));
  int64_t done = 0;
  store_->scan_persons([&](const StoredPerson& p) {
    names_->set_name(index_->upsert_person(p.person), fold_vietnamese(p.person.full_name));
    refs_.insert(p.external_ref, p.person.id);
    if (progress && (++done & 0xFFFF) == 0) progress(done, total);
  });
  names_->finish_load();
  done = persons;
  PersonId current = 0;
  store_->scan_doses([&](const DoseRecord& d) {
    if (d.person_id != current) {
      if (current != 0) refresh_reached(index_->slot(current));
      current = d.person_id;
    }
    index_->add_dose(d.person_id, d);
    if (progress && (++done & 0xFFFF) == 0) progress(done, total);
  });
  if (current != 0) refresh_reached(index_->slot(current));
  if (progress) progress(total, total);
}

void Registry::refresh_reached(RegistryIndex::Slot slot) {
  const auto doses = index_->dose_records(slot);
  if (doses.empty()) return;
  const StatusAsOf s = status_as_of(*rules_, index_->rule_view(slot), doses, doses.back().date);
  index_->set_reached(slot, reached_offsets(s));
}

void Registry::index_person(const Person& person, std::string_view external_ref) {
  if (!index_) return;  // built later from the store, with this person in it
  names_->set_name(index_->upsert_person(person), fold_vietnamese(person.full_name));
  refs_.insert(external_ref, person.id);
}

void Registry::index_dose(const DoseRecord& dose) {
  if (!index_) return;
  index_->add_dose(dose.person_id, dose);
  refresh_reached(index_->slot(dose.person_id));
}

RegisterPersonResult Registry::register_person(const StoredPerson& input,
                                               const std::string& household_code) {
  RegisterPersonResult result;
  // Every caller (CLI, server, tests) gets the same check, not only the CSV parser's.
  if (input.person.citizen_id) {
    if (auto bad =
            check_citizen_id(*input.person.citizen_id, input.person.sex, input.person.birth_date)) {
      result.violations.push_back(*bad);
      return result;
    }
  }
  StoredPerson person = input;
  struct Rollback {};
  try {
    store_->transaction([&] {
      if (!household_code.empty()) {
        Household h;
        h.code = household_code;
        h.area_id = person.person.area_id;
        person.person.household_id = store_->upsert_household(h);
      }
      const PersonInsertResult r = store_->insert_person(person);
      if (r.outcome == InsertOutcome::citizen_id_taken) {
        result.violations.push_back(citizen_id_taken());
        throw Rollback{};  // nothing of the rejected person is stored, household included
      }
      result.id = r.id;
      result.already_present = r.outcome == InsertOutcome::already_present;
      person.person.id = r.id;
    });
  } catch (const Rollback&) {
    return result;
  }
  if (!result.already_present) index_person(person.person, person.external_ref);
  return result;
}

Violations Registry::link_citizen_id(PersonId id, const std::string& citizen_id) {
  auto stored = store_->person(id);
  if (!stored) {
    return {person_not_found()};
  }
  if (auto bad = check_citizen_id(citizen_id, stored->person.sex, stored->person.birth_date))
    return {*bad};
  if (auto other = store_->person_by_citizen_id(citizen_id); other && other->person.id != id) {
    return {citizen_id_taken()};
  }
  stored->person.citizen_id = citizen_id;
  store_->transaction([&] { store_->update_person(stored->person); });
  return {};
}

RecordDoseResult Registry::record_dose(const RecordDoseRequest& request, Date today) {
  RecordDoseResult result;
  // What the rules read: from the index when it is in memory (current with
  // every write, so the writer reads nothing), else from the store.
  Person person;
  std::vector<DoseRecord> doses;
  if (index_) {
    const RegistryIndex::Slot* slot = index_->find_slot(request.person_id);
    if (!slot) {
      result.violations.push_back(person_not_found());
      return result;
    }
    person = index_->rule_view(*slot);
    doses = index_->dose_records(*slot);
  } else {
    auto stored = store_->person(request.person_id);
    if (!stored) {
      result.violations.push_back(person_not_found());
      return result;
    }
    person = std::move(stored->person);
    doses = store_->doses_of(person.id);
  }
  // Judge the dose after the doses given before it (back-entered paper records
  // may arrive after later doses).
  const DoseAssessment assessment = assess_dose(*rules_, person, doses_before(doses, request.date),
                                                request.date, request.product, today);
  result.violations = assessment.violations;

  DoseRecord dose;
  dose.person_id = person.id;
  dose.date = request.date;
  dose.product = request.product;
  dose.site_area_id = request.site_area_id.value_or(person.area_id);
  dose.lot = request.lot;
  dose.kind = assessment.kind;
  dose.number_in_series = assessment.number_in_series;
  dose.source = request.source;

  if (!assessment.accepted) {
    const bool can_override =
        request.override_rules && !request.override_rules->reason.empty() &&
        !request.override_rules->by.empty() &&
        std::all_of(assessment.violations.begin(), assessment.violations.end(), overridable);
    if (!can_override) {
      if (request.override_rules && request.override_rules->reason.empty()) {
        result.violations.push_back(override_reason_required());
      }
      return result;
    }
    dose.overridden = true;
    dose.override_by = request.override_rules->by;
    dose.override_reason = request.override_rules->reason;
    std::string codes;
    for (const Violation& v : assessment.violations) codes += (codes.empty() ? "" : ",") + v.code;
    dose.override_rule = codes;
  }
  const DoseInsertResult inserted = store_->insert_dose(dose);
  if (inserted.outcome == InsertOutcome::already_present) {
    result.violations.push_back(duplicate_dose(request.date));
    return result;
  }
  dose.id = inserted.id;
  result.stored = true;
  result.dose = dose;
  index_dose(dose);
  // The history keeps date order: a back-entered dose goes after those of its day.
  const auto at =
      std::upper_bound(doses.begin(), doses.end(), dose,
                       [](const DoseRecord& a, const DoseRecord& b) { return a.date < b.date; });
  doses.insert(at, dose);
  result.status_after = status_as_of(*rules_, person, doses_until(doses, today), today);
  return result;
}

std::optional<AreaId> Registry::area_of_person(PersonId id) {
  const RegistryIndex& idx = index();
  if (const RegistryIndex::Slot* slot = idx.find_slot(id)) {
    return idx.communes()[idx.row(*slot).commune_slot];
  }
  // Registered by another process since the index was loaded: take them in.
  auto stored = store_->person(id);
  if (!stored) return std::nullopt;
  index_person(stored->person, stored->external_ref);
  for (const DoseRecord& dose : store_->doses_of(id)) index_dose(dose);
  return stored->person.area_id;
}

std::unique_ptr<Store> Registry::open_connection(OpenMode mode) const {
  return open_store(options_.db_url, mode);
}

std::optional<PersonStatus> Registry::status(Store& reader, PersonId id, Date as_of) const {
  auto stored = reader.person(id);
  if (!stored) return std::nullopt;
  return status(reader, std::move(*stored), as_of);
}

PersonStatus Registry::status(Store& reader, StoredPerson person, Date as_of) const {
  std::vector<DoseRecord> doses = reader.doses_of(person.person.id);
  return status(std::move(person), std::move(doses), as_of);
}

PersonStatus Registry::status(StoredPerson person, std::vector<DoseRecord> doses,
                              Date as_of) const {
  PersonStatus out;
  out.doses = std::move(doses);
  out.status = status_as_of(*rules_, person.person, doses_until(out.doses, as_of), as_of);
  out.person = std::move(person);
  return out;
}

std::vector<uint16_t> Registry::commune_slots_in(const Area& area) {
  RegistryIndex& idx = index();
  std::vector<uint16_t> slots;
  const auto& communes = idx.communes();
  for (size_t s = 0; s < communes.size(); ++s) {
    // A record keeps the commune it was made in; it counts in the commune of
    // the area's tree that holds that commune now.
    const auto counted_in = areas_.commune_in_tree(communes[s], area.tree);
    if (counted_in && areas_.contains(area.id, *counted_in))
      slots.push_back(static_cast<uint16_t>(s));
  }
  return slots;
}

std::vector<AreaId> Registry::communes_in(const Area& area) {
  std::vector<AreaId> ids;
  const auto& communes = index().communes();
  for (uint16_t slot : commune_slots_in(area)) ids.push_back(communes[slot]);
  return ids;
}

CoverageCube Registry::coverage_cube(const Area& area, Date as_of) {
  const auto slots = commune_slots_in(area);
  return coverage_cache_.cube(index(), slots, as_of, options_.threads);
}

CoverageReport Registry::coverage_report(const Area& area, Date as_of) {
  const CoverageCube cube = coverage_cube(area, as_of);
  std::vector<std::pair<std::string, std::string>> path;
  for (AreaId id : areas_.path_to_root(area.id)) {
    const Area* a = areas_.find(id);
    path.emplace_back(a->tree, a->code);
  }
  const TargetVersion* targets = targets_.targets.in_force(as_of, path);
  return build_coverage_report(cube.sum(), as_of, targets, area.official_population);
}

std::vector<StoredPerson> Registry::search_persons(Store& reader, const Area& area,
                                                   std::string_view query, size_t limit,
                                                   size_t offset) {
  const std::string folded = fold_vietnamese(query);
  const std::vector<uint16_t> communes = commune_slots_in(area);

  std::vector<uint8_t> in_area(index_->communes().size(), 0);
  const RegistryIndex& index = *index_;
  NameIndex::Area where;
  for (uint16_t slot : communes) {
    in_area[slot] = 1;
    where.members.emplace_back(index.persons_in_commune(slot));
  }
  where.contains = [&](NameIndex::Slot slot) { return in_area[index.row(slot).commune_slot] != 0; };
  const std::vector<NameIndex::Slot> slots =
      names_->search(name_words(folded), where, limit, offset, options_.threads);
  std::vector<PersonId> ids;
  ids.reserve(slots.size());
  for (NameIndex::Slot slot : slots) ids.push_back(index.person_id(slot));
  return reader.persons_by_ids(ids);
}

DueList Registry::due_list(const Area& commune, Date as_of) {
  RegistryIndex& idx = index();
  DueList merged;
  merged.as_of = as_of;
  merged.commune = commune.id;
  merged.overdue_after_days = targets_.due_lists.overdue_after_days;
  // Usually one commune slot; after a reorganisation, the old communes it absorbed too.
  for (uint16_t slot : commune_slots_in(commune)) {
    DueList part =
        compute_due_list(idx, slot, *rules_, as_of, targets_.due_lists.overdue_after_days);
    merged.due_count += part.due_count;
    merged.overdue_count += part.overdue_count;
    merged.entries.insert(merged.entries.end(), std::make_move_iterator(part.entries.begin()),
                          std::make_move_iterator(part.entries.end()));
  }
  std::sort(merged.entries.begin(), merged.entries.end(), due_entry_before);
  return merged;
}

}  // namespace phongdich
