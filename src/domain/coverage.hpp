// Vaccination coverage as of a date: person counts per commune x risk x age
// group x status (the cube), and the report of an area against its targets.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/age_group.hpp"
#include "domain/date.hpp"
#include "domain/registry_index.hpp"
#include "domain/targets.hpp"
#include "domain/vaccination.hpp"

namespace phongdich {

// Counts for one commune, or summed over many.
struct CoverageCell {
  // counts[risk][age group][status]; risk 1 = high-risk.
  uint32_t counts[2][kAgeGroupCount][kVaccinationStatusCount] = {};

  void add(const CoverageCell& other);
  uint64_t total() const;
  // Persons of the population with status >= at_least (at_least = none counts everyone).
  uint64_t count(TargetPopulation population, VaccinationStatus at_least) const;
  uint64_t count_group(AgeGroup group, VaccinationStatus at_least) const;
  uint64_t count_high_risk_adults(VaccinationStatus at_least) const;
};

struct CoverageCube {
  Date as_of;
  std::vector<AreaId> communes;     // the communes counted, in index order
  std::vector<CoverageCell> cells;  // one per commune

  CoverageCell sum() const;
};

// Counts the persons of the given communes (index slots) as of a date, on
// `threads` threads. Every person in those communes is counted once.
CoverageCube compute_coverage_cube(const RegistryIndex& index,
                                   std::span<const uint16_t> commune_slots, Date as_of,
                                   unsigned threads = 1);

struct TargetResult {
  Target target;
  uint64_t numerator = 0;
  uint64_t denominator = 0;  // 0 when no denominator is known
  double share = 0.0;        // numerator / denominator
  int64_t gap = 0;           // more people needed to reach the threshold; 0 when met
  bool met = false;
  std::string denominator_source;  // "registry" or "official population"
};

struct GroupRow {
  std::string group;  // "5-11", "12-17", "18-49", "50+", "high-risk"
  uint64_t registered = 0;
  uint64_t by_status[kVaccinationStatusCount] = {};
};

struct CoverageReport {
  Date as_of;
  std::string targets_version;
  std::vector<GroupRow> groups;
  std::vector<TargetResult> targets;
};

// official_population: the area's official headcount where known (T6's denominator).
CoverageReport build_coverage_report(const CoverageCell& totals, Date as_of,
                                     const TargetVersion* targets,
                                     std::optional<int64_t> official_population);

}  // namespace phongdich
