#include "domain/due_list.hpp"

#include <algorithm>

#include "domain/age_group.hpp"
#include "domain/schedule.hpp"

namespace phongdich {

DueList compute_due_list(const RegistryIndex& index, uint16_t commune_slot,
                         const VaccinationRules& rules, Date as_of, int overdue_after_days) {
  DueList list;
  list.as_of = as_of;
  list.commune = index.communes().at(commune_slot);
  list.overdue_after_days = overdue_after_days;
  const Date born_by_50 = AgeGroupCutoffs::latest_birth_for_age(as_of, 50);

  for (RegistryIndex::Slot slot : index.persons_in_commune(commune_slot)) {
    const PersonRow& row = index.row(slot);
    const Person person = index.rule_view(slot);
    const auto doses = index.dose_records(slot);
    // Doses recorded after as_of do not exist yet as of that date.
    const StatusAsOf status = status_as_of(rules, person, doses_until(doses, as_of), as_of);
    if (!status.next_kind || !status.next_due || *status.next_due > as_of) continue;
    if (status.next_products.empty()) continue;
    DueEntry e;
    e.person_id = person.id;
    e.status = status.status;
    e.next_kind = *status.next_kind;
    e.next_due = *status.next_due;
    e.products = status.next_products;
    e.days_late = as_of - e.next_due;
    e.overdue = e.days_late > overdue_after_days;
    e.high_risk = row.flags & PersonRow::kHighRisk;
    e.age50_plus = person.birth_date <= born_by_50;
    e.priority = e.high_risk || e.age50_plus;
    e.home_visit = row.flags & PersonRow::kHomeVisit;
    (e.overdue ? list.overdue_count : list.due_count) += 1;
    list.entries.push_back(std::move(e));
  }
  std::sort(list.entries.begin(), list.entries.end(), due_entry_before);
  return list;
}

bool due_entry_before(const DueEntry& a, const DueEntry& b) {
  if (a.priority != b.priority) return a.priority;
  if (a.next_due != b.next_due) return a.next_due < b.next_due;
  return a.person_id < b.person_id;
}

}  // namespace phongdich
