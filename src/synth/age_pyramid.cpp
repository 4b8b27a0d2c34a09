#include "synth/age_pyramid.hpp"

#include <array>

#include "synth/weighted_choice.hpp"

namespace phongdich::synth {
namespace {

// 2019 Population and Housing Census (GSO), population by 5-year age group,
// in thousands; the sex ratios by age are assumptions shaped by the census
// figures (sex ratio at birth 111.5, 99.1 overall, falling with age).
constexpr std::array<AgeBand, 18> kBands{{
    {0, 4, 7805, 111},
    {5, 9, 8324, 110},
    {10, 14, 7153, 110},
    {15, 19, 6388, 108},
    {20, 24, 6718, 103},
    {25, 29, 7785, 101},
    {30, 34, 8089, 100},
    {35, 39, 7515, 100},
    {40, 44, 6899, 99},
    {45, 49, 6240, 97},
    {50, 54, 5708, 94},
    {55, 59, 5090, 91},
    {60, 64, 4041, 87},
    {65, 69, 2830, 82},
    {70, 74, 1713, 75},
    {75, 79, 1143, 68},
    {80, 84, 866, 58},
    {85, 100, 1000, 45},
}};

const WeightedChoice& band_choice() {
  static const WeightedChoice choice = [] {
    std::array<double, kBands.size()> weights{};
    for (size_t i = 0; i < kBands.size(); ++i) weights[i] = kBands[i].population_thousands;
    return WeightedChoice(weights);
  }();
  return choice;
}

}  // namespace

std::span<const AgeBand> age_pyramid_2019() { return kBands; }

SexAndBirth draw_sex_and_birth(Rng& rng, Date as_of) {
  const AgeBand& band = kBands[band_choice().draw(rng)];
  int age = 0;
  if (band.age_to - band.age_from <= 4) {
    age = rng.between(band.age_from, band.age_to);
  } else {
    // The open-ended oldest band thins out quickly: a geometric tail, capped at 100.
    age = band.age_from;
    while (age < band.age_to && rng.chance(0.82)) ++age;
  }
  const double male_share = band.males_per_100_females / (100.0 + band.males_per_100_females);
  const Sex sex = rng.chance(male_share) ? Sex::male : Sex::female;
  // A birthday uniformly within the year that makes the person `age` on as_of.
  const int32_t days_back = static_cast<int32_t>(age * 365.2425 + rng.real() * 365.0) + 1;
  return {sex, as_of.plus_days(-days_back)};
}

}  // namespace phongdich::synth
