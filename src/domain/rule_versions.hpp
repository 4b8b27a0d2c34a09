// Picking the rule version in force on a date, for every versioned rule model
// (case definition, home care, progression risk, epidemic levels, targets).
#pragma once

#include <cassert>
#include <vector>

#include "domain/date.hpp"

namespace phongdich {

// The latest version whose effective_from <= date; before the first version,
// the first one (callers that must refuse such dates check covers()).
// `versions` is sorted by effective_from and not empty (the loaders check).
template <typename Version>
const Version& version_in_force(const std::vector<Version>& versions, Date date) {
  assert(!versions.empty());
  const Version* found = &versions.front();
  for (const Version& v : versions) {
    if (v.effective_from > date) break;
    found = &v;
  }
  return *found;
}

template <typename Version>
bool versions_cover(const std::vector<Version>& versions, Date date) {
  return !versions.empty() && date >= versions.front().effective_from;
}

}  // namespace phongdich
