#include "app/apply_store_changes.hpp"

#include <algorithm>

namespace phongdich {
namespace {

bool has_dose_on(const RegistryIndex& index, RegistryIndex::Slot slot, Date date) {
  const uint16_t day = PersonRow::to_offset(date);
  const auto doses = index.doses(slot);
  return std::any_of(doses.begin(), doses.end(),
                     [day](const CompactDose& dose) { return dose.day == day; });
}

}  // namespace

bool apply_store_changes(Registry& registry, const StoreChanges& changes) {
  if (changes.lost) {
    registry.drop_index();
    return true;
  }
  if (!registry.index_loaded()) return false;
  for (const StoredPerson& person : changes.persons) {
    registry.index_person(person.person, person.external_ref);
  }
  RegistryIndex& index = registry.index();
  for (const DoseRecord& dose : changes.doses) {
    const RegistryIndex::Slot* slot = index.find_slot(dose.person_id);
    if (slot == nullptr) {
      // Reads the person and every dose of theirs, this one included.
      registry.area_of_person(dose.person_id);
      continue;
    }
    if (!has_dose_on(index, *slot, dose.date)) registry.index_dose(dose);
  }
  return !changes.persons.empty() || !changes.doses.empty();
}

}  // namespace phongdich
