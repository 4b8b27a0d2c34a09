// Who in a commune is due, or overdue, for their next dose as of a date
// (catch-up lists, "tiêm vét"): high-risk people and people aged 50+ first.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/date.hpp"
#include "domain/registry_index.hpp"
#include "domain/vaccination.hpp"
#include "domain/vaccination_rules.hpp"

namespace phongdich {

struct DueEntry {
  PersonId person_id = 0;
  VaccinationStatus status = VaccinationStatus::none;
  DoseKind next_kind = DoseKind::primary;
  Date next_due;
  std::vector<std::string> products;
  int days_late = 0;  // as_of - next_due
  bool overdue = false;
  bool priority = false;  // high-risk or aged 50+: listed first
  bool high_risk = false;
  bool age50_plus = false;
  bool home_visit = false;  // cannot travel: the team goes to them
};

struct DueList {
  Date as_of;
  AreaId commune = 0;
  int overdue_after_days = 30;
  std::vector<DueEntry> entries;  // priority first, then most overdue first
  size_t due_count = 0;
  size_t overdue_count = 0;
};

// The list order: priority people first, then the longest waiting, then by id.
bool due_entry_before(const DueEntry& a, const DueEntry& b);

// Persons of one commune (index slot) whose next dose is due on or before as_of.
// A dose is overdue when more than `overdue_after_days` have passed since it fell due.
DueList compute_due_list(const RegistryIndex& index, uint16_t commune_slot,
                         const VaccinationRules& rules, Date as_of, int overdue_after_days);

}  // namespace phongdich
