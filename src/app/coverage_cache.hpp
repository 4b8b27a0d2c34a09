// Coverage cells per commune and date, kept while the commune's rows are
// unchanged, so that a province's coverage after a dose recounts the one
// commune the dose changed instead of the whole province: at 10 M persons,
// under a stream of writes, every report had been a 40 ms recount.
//
// Safe to call from several threads at once while the index does not change
// (the server's read lock); forget everything when a new index is loaded.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <span>
#include <vector>

#include "domain/coverage.hpp"
#include "domain/registry_index.hpp"

namespace phongdich {

class CoverageCache {
 public:
  // As compute_coverage_cube(index, commune_slots, as_of, threads).
  CoverageCube cube(const RegistryIndex& index, std::span<const uint16_t> commune_slots, Date as_of,
                    unsigned threads);
  void clear();

 private:
  struct Entry {
    bool valid = false;
    uint64_t version = 0;  // RegistryIndex::commune_version when counted
    CoverageCell cell;
  };
  static constexpr size_t kDatesKept = 8;  // "today" and a few dates asked about

  std::mutex mutex_;
  std::map<int32_t, std::vector<Entry>> by_date_;  // by day number; one entry per commune slot
};

}  // namespace phongdich
