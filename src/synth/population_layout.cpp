#include "synth/population_layout.hpp"

#include <algorithm>
#include <cmath>

#include "synth/age_pyramid.hpp"
#include "synth/random.hpp"

namespace phongdich::synth {
namespace {

// Persons per commune proportional to weight, by largest remainder, so the
// counts add up exactly and do not depend on floating-point summation order
// beyond the weights themselves.
std::vector<uint64_t> commune_starts(const std::vector<SynthCommune>& communes, uint64_t total) {
  double weight_sum = 0;
  for (const auto& c : communes) weight_sum += c.weight;
  std::vector<uint64_t> counts(communes.size());
  std::vector<std::pair<double, size_t>> remainders;
  uint64_t assigned = 0;
  for (size_t i = 0; i < communes.size(); ++i) {
    const double exact = static_cast<double>(total) * communes[i].weight / weight_sum;
    counts[i] = static_cast<uint64_t>(std::floor(exact));
    assigned += counts[i];
    remainders.emplace_back(exact - std::floor(exact), i);
  }
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t k = 0; assigned < total; ++k, ++assigned)
    ++counts[remainders[k % remainders.size()].second];
  std::vector<uint64_t> starts(communes.size() + 1, 0);
  for (size_t i = 0; i < communes.size(); ++i) starts[i + 1] = starts[i] + counts[i];
  return starts;
}

}  // namespace

PopulationLayout::PopulationLayout(const SynthOptions& options) : options_(options) {
  chunk_count_ = (options.person_count + kChunkPersons - 1) / kChunkPersons;
  commune_starts_ = commune_starts(options.communes, options.person_count);
  // Ages run to 100 plus the day offset: 103 years covers every birth year drawn.
  group_count_ = 2 * 103;

  // First pass: replay each chunk's demographic stream (sex and birth only,
  // cheap) to count its persons per group; prefix sums give every chunk the
  // rank at which its group members start.
  rank_offsets_.assign(chunk_count_ * static_cast<uint64_t>(group_count_), 0);
  std::vector<uint32_t> running(static_cast<size_t>(group_count_), 0);
  for (uint64_t chunk = 0; chunk < chunk_count_; ++chunk) {
    std::copy(running.begin(), running.end(),
              rank_offsets_.begin() + static_cast<std::ptrdiff_t>(chunk * group_count_));
    Rng rng(options.seed, static_cast<uint64_t>(Stream::demographics), chunk);
    const uint64_t first = chunk * kChunkPersons;
    const uint64_t last = std::min(first + kChunkPersons, options.person_count);
    for (uint64_t i = first; i < last; ++i) {
      const SexAndBirth p = draw_sex_and_birth(rng, options.as_of);
      ++running[static_cast<size_t>(group_of(p.sex, p.birth_date.year()))];
    }
  }
}

size_t PopulationLayout::commune_of(uint64_t index) const {
  const auto it = std::upper_bound(commune_starts_.begin(), commune_starts_.end(), index);
  return static_cast<size_t>(it - commune_starts_.begin()) - 1;
}

int PopulationLayout::group_of(Sex sex, int birth_year) const {
  const int years_back = std::clamp(options_.as_of.year() - birth_year, 0, group_count_ / 2 - 1);
  return years_back * 2 + (sex == Sex::female ? 1 : 0);
}

}  // namespace phongdich::synth
