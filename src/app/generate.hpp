// Synthetic population of a real area: the generator spread over the area's communes.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>

#include "domain/area.hpp"
#include "domain/vaccination_rules.hpp"
#include "synth/generate_population.hpp"

namespace phongdich {

struct GenerateRequest {
  uint64_t persons = 10'000;
  uint64_t seed = 1;
  std::filesystem::path output_dir;
  Date as_of = *Date::from_ymd(2022, 9, 30);
  double invalid_rate = 0.002;
  // The rules the histories keep; when null, data/rules/vaccination.json of
  // default_data_dir() is loaded (callers with a Registry pass its rules()).
  const VaccinationRules* rules = nullptr;
  std::function<void(uint64_t persons, uint64_t doses)> progress;
};

// Persons are spread evenly over the communes of `area` (in its own tree);
// citizen IDs carry the area's province as their birth-registration province.
synth::SynthSummary generate_for_area(const AreaForest& areas, const Area& area,
                                      const GenerateRequest& request);

}  // namespace phongdich
