#include "domain/coverage.hpp"

#include <algorithm>
#include <cmath>
#include <thread>
#include <utility>

namespace phongdich {

void CoverageCell::add(const CoverageCell& other) {
  for (int r = 0; r < 2; ++r)
    for (int g = 0; g < kAgeGroupCount; ++g)
      for (int s = 0; s < kVaccinationStatusCount; ++s) counts[r][g][s] += other.counts[r][g][s];
}

uint64_t CoverageCell::total() const {
  uint64_t n = 0;
  for (int r = 0; r < 2; ++r)
    for (int g = 0; g < kAgeGroupCount; ++g)
      for (int s = 0; s < kVaccinationStatusCount; ++s) n += counts[r][g][s];
  return n;
}

uint64_t CoverageCell::count_group(AgeGroup group, VaccinationStatus at_least) const {
  uint64_t n = 0;
  const auto g = static_cast<int>(group);
  for (int r = 0; r < 2; ++r)
    for (int s = static_cast<int>(at_least); s < kVaccinationStatusCount; ++s) n += counts[r][g][s];
  return n;
}

uint64_t CoverageCell::count_high_risk_adults(VaccinationStatus at_least) const {
  uint64_t n = 0;
  for (AgeGroup g : {AgeGroup::age18_49, AgeGroup::age50_plus})
    for (int s = static_cast<int>(at_least); s < kVaccinationStatusCount; ++s)
      n += counts[1][static_cast<int>(g)][s];
  return n;
}

uint64_t CoverageCell::count(TargetPopulation population, VaccinationStatus at_least) const {
  switch (population) {
    case TargetPopulation::age50_plus_and_high_risk: {
      // Union: everyone >= 50, plus high-risk adults aged 18-49.
      uint64_t n = count_group(AgeGroup::age50_plus, at_least);
      for (int s = static_cast<int>(at_least); s < kVaccinationStatusCount; ++s)
        n += counts[1][static_cast<int>(AgeGroup::age18_49)][s];
      return n;
    }
    case TargetPopulation::age18_49:
      return count_group(AgeGroup::age18_49, at_least);
    case TargetPopulation::age12_17:
      return count_group(AgeGroup::age12_17, at_least);
    case TargetPopulation::age5_11:
      return count_group(AgeGroup::age5_11, at_least);
    case TargetPopulation::age18_plus:
      return count_group(AgeGroup::age18_49, at_least) +
             count_group(AgeGroup::age50_plus, at_least);
    case TargetPopulation::everyone: {
      uint64_t n = 0;
      for (int g = 0; g < kAgeGroupCount; ++g) n += count_group(static_cast<AgeGroup>(g), at_least);
      return n;
    }
  }
  return 0;
}

CoverageCell CoverageCube::sum() const {
  CoverageCell total;
  for (const CoverageCell& c : cells) total.add(c);
  return total;
}

namespace {

// Birth-date cut-offs of one query as 16-bit day offsets (the rows' own unit),
// so a row's age group is four comparisons without a branch.
struct BirthCutoffs {
  explicit BirthCutoffs(Date as_of) {
    const int ages[4] = {50, 18, 12, 5};
    for (int i = 0; i < 4; ++i) {
      const int32_t offset =
          AgeGroupCutoffs::latest_birth_for_age(as_of, ages[i]).days() - PersonRow::kDayBase;
      born_by[i] = static_cast<uint16_t>(std::clamp<int32_t>(offset, 0, 0xFFFF));
    }
  }
  // 4 = 50+, 3 = 18-49, 2 = 12-17, 1 = 5-11, 0 = under 5 (AgeGroup's order).
  int group(uint16_t birth) const {
    return 4 - (birth > born_by[0]) - (birth > born_by[1]) - (birth > born_by[2]) -
           (birth > born_by[3]);
  }
  uint16_t born_by[4];
};

constexpr int kCellCounters = 2 * kAgeGroupCount * kVaccinationStatusCount;

// Counts rows [begin, end) into flat per-commune counters. Rows of communes
// outside the area go to one extra sink cell, which keeps the loop free of
// branches; the hot loop reads 16 bytes per person and touches one counter.
void count_rows(const RegistryIndex& index, const std::vector<uint32_t>& cell_of_commune,
                const BirthCutoffs& cutoffs, uint16_t day, size_t begin, size_t end,
                std::vector<uint32_t>& counters) {
  const PersonRow* rows = index.rows().data();
  const uint32_t* cell_of = cell_of_commune.data();
  uint32_t* out = counters.data();
  for (size_t i = begin; i < end; ++i) {
    const PersonRow& row = rows[i];
    const uint32_t base = cell_of[row.commune_slot] * kCellCounters;
    const int risk = (row.flags & PersonRow::kHighRisk) ? 1 : 0;
    const int at =
        (risk * kAgeGroupCount + cutoffs.group(row.birth_offset)) * kVaccinationStatusCount +
        row.status_on(day);
    ++out[base + static_cast<uint32_t>(at)];
  }
}

void count_slots(const RegistryIndex& index, const std::vector<RegistryIndex::Slot>& slots,
                 int32_t cell, const AgeGroupCutoffs& cutoffs, uint16_t day,
                 std::vector<CoverageCell>& cells) {
  const auto& rows = index.rows();
  for (RegistryIndex::Slot slot : slots) {
    const PersonRow& row = rows[slot];
    const auto group = static_cast<int>(cutoffs.classify_days(row.birth_days()));
    const int risk = (row.flags & PersonRow::kHighRisk) ? 1 : 0;
    ++cells[static_cast<size_t>(cell)].counts[risk][group][row.status_on(day)];
  }
}

}  // namespace

CoverageCube compute_coverage_cube(const RegistryIndex& index,
                                   std::span<const uint16_t> commune_slots, Date as_of,
                                   unsigned threads) {
  CoverageCube cube;
  cube.as_of = as_of;
  std::vector<int32_t> cell_of_commune(index.communes().size(), -1);
  size_t members = 0;
  for (uint16_t slot : commune_slots) {
    if (slot >= cell_of_commune.size() || cell_of_commune[slot] >= 0) continue;
    cell_of_commune[slot] = static_cast<int32_t>(cube.communes.size());
    cube.communes.push_back(index.communes()[slot]);
    members += index.persons_in_commune(slot).size();
  }
  cube.cells.assign(cube.communes.size(), CoverageCell{});
  const AgeGroupCutoffs cutoffs(as_of);
  const uint16_t day = PersonRow::to_offset(as_of);

  // A few communes: visit their members. Much of the registry: stream every row,
  // which is faster than jumping around memory by member lists.
  if (members * 4 < index.size()) {
    for (uint16_t slot : commune_slots) {
      // Each commune once, even if listed twice; slots of no commune are skipped.
      const int32_t cell =
          slot < cell_of_commune.size() ? std::exchange(cell_of_commune[slot], -1) : -1;
      if (cell >= 0)
        count_slots(index, index.persons_in_commune(slot), cell, cutoffs, day, cube.cells);
    }
    return cube;
  }
  threads = std::max(1u, threads);
  // Communes outside the area count into the sink cell after the last real one.
  const auto sink = static_cast<uint32_t>(cube.communes.size());
  std::vector<uint32_t> cell_of(cell_of_commune.size(), sink);
  for (size_t c = 0; c < cell_of_commune.size(); ++c)
    if (cell_of_commune[c] >= 0) cell_of[c] = static_cast<uint32_t>(cell_of_commune[c]);
  const BirthCutoffs birth_cutoffs(as_of);
  std::vector<std::vector<uint32_t>> partial(
      threads, std::vector<uint32_t>((cube.communes.size() + 1) * kCellCounters, 0));
  std::vector<std::thread> workers;
  const size_t n = index.size();
  for (unsigned t = 0; t < threads; ++t) {
    const size_t begin = n * t / threads, end = n * (t + 1) / threads;
    auto work = [&, t, begin, end] {
      count_rows(index, cell_of, birth_cutoffs, day, begin, end, partial[t]);
    };
    if (t + 1 == threads) {
      work();
    } else {
      workers.emplace_back(work);
    }
  }
  for (auto& w : workers) w.join();
  for (const auto& part : partial)
    for (size_t c = 0; c < cube.cells.size(); ++c) {
      uint32_t* cell = &cube.cells[c].counts[0][0][0];
      for (int k = 0; k < kCellCounters; ++k) cell[k] += part[c * kCellCounters + k];
    }
  return cube;
}

CoverageReport build_coverage_report(const CoverageCell& totals, Date as_of,
                                     const TargetVersion* targets,
                                     std::optional<int64_t> official_population) {
  CoverageReport report;
  report.as_of = as_of;
  for (AgeGroup g :
       {AgeGroup::age5_11, AgeGroup::age12_17, AgeGroup::age18_49, AgeGroup::age50_plus}) {
    GroupRow row;
    row.group = to_string(g);
    for (int s = 0; s < kVaccinationStatusCount; ++s) {
      row.by_status[s] =
          totals.counts[0][static_cast<int>(g)][s] + totals.counts[1][static_cast<int>(g)][s];
      row.registered += row.by_status[s];
    }
    report.groups.push_back(row);
  }
  GroupRow high_risk;
  high_risk.group = "high-risk";
  for (int g = 0; g < kAgeGroupCount; ++g)
    for (int s = 0; s < kVaccinationStatusCount; ++s) {
      high_risk.by_status[s] += totals.counts[1][g][s];
      high_risk.registered += totals.counts[1][g][s];
    }
  report.groups.push_back(high_risk);

  if (targets == nullptr) return report;
  report.targets_version = targets->id;
  for (const Target& t : targets->targets) {
    TargetResult r;
    r.target = t;
    if (t.population == TargetPopulation::everyone) {
      // T6: registered persons against the official headcount of the area.
      r.numerator = totals.total();
      r.denominator =
          official_population.value_or(0) > 0 ? static_cast<uint64_t>(*official_population) : 0;
      r.denominator_source = "official population";
    } else {
      r.numerator = totals.count(t.population, t.at_least);
      r.denominator = totals.count(t.population, VaccinationStatus::none);
      r.denominator_source = "registry";
    }
    if (r.denominator > 0) {
      r.share = static_cast<double>(r.numerator) / static_cast<double>(r.denominator);
      const auto needed =
          static_cast<int64_t>(std::ceil(t.threshold * static_cast<double>(r.denominator) - 1e-9));
      r.gap = std::max<int64_t>(0, needed - static_cast<int64_t>(r.numerator));
      r.met = r.gap == 0;
    }
    report.targets.push_back(std::move(r));
  }
  return report;
}

}  // namespace phongdich
