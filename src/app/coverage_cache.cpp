#include "app/coverage_cache.hpp"

namespace phongdich {

CoverageCube CoverageCache::cube(const RegistryIndex& index,
                                 std::span<const uint16_t> commune_slots, Date as_of,
                                 unsigned threads) {
  const size_t communes = index.communes().size();
  // Each commune once, in the order asked (as compute_coverage_cube counts them).
  std::vector<uint16_t> slots;
  std::vector<bool> seen(communes, false);
  for (uint16_t slot : commune_slots) {
    if (slot < communes && !seen[slot]) {
      seen[slot] = true;
      slots.push_back(slot);
    }
  }
  std::vector<uint16_t> stale;
  {
    std::lock_guard lock(mutex_);
    if (!by_date_.contains(as_of.days()) && by_date_.size() >= kDatesKept) by_date_.clear();
    std::vector<Entry>& entries = by_date_[as_of.days()];
    entries.resize(communes);
    for (uint16_t slot : slots) {
      const Entry& entry = entries[slot];
      if (!entry.valid || entry.version != index.commune_version(slot)) stale.push_back(slot);
    }
  }
  // Counted without the lock: other readers of other dates go on meanwhile.
  const CoverageCube fresh = compute_coverage_cube(index, stale, as_of, threads);

  CoverageCube out;
  out.as_of = as_of;
  {
    std::lock_guard lock(mutex_);
    std::vector<Entry>& entries = by_date_[as_of.days()];
    entries.resize(communes);
    for (size_t i = 0; i < stale.size(); ++i) {
      entries[stale[i]] = Entry{true, index.commune_version(stale[i]), fresh.cells[i]};
    }
    bool whole = true;
    for (uint16_t slot : slots) {
      const Entry& entry = entries[slot];
      // Dropped meanwhile by another date's request (only when many dates are asked).
      if (!entry.valid) whole = false;
      if (!whole) break;
      out.communes.push_back(index.communes()[slot]);
      out.cells.push_back(entry.cell);
    }
    if (whole) return out;
  }
  return compute_coverage_cube(index, commune_slots, as_of, threads);
}

void CoverageCache::clear() {
  std::lock_guard lock(mutex_);
  by_date_.clear();
}

}  // namespace phongdich
