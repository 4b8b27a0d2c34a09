// One chunk of consecutive persons, generated on its own: their persons.csv
// rows and their doses.csv rows, ready to be written in chunk order.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "synth/invalid_records.hpp"
#include "synth/population_layout.hpp"

namespace phongdich::synth {

inline constexpr std::string_view kPersonsHeader =
    "person_ref,citizen_id,full_name,sex,birth_date,commune_code,household_code,phone,"
    "comorbidities,pregnant,immunodeficient,high_exposure,other_risk,needs_home_visit\n";
inline constexpr std::string_view kDosesHeader =
    "person_ref,dose_date,product,site_commune_code,lot\n";

struct ChunkOutput {
  std::string persons;  // rows without header
  std::string doses;
  uint64_t person_rows = 0;
  uint64_t dose_rows = 0;
  InvalidCounts invalid{};
  uint64_t doses_of_invalid_persons = 0;  // see SynthSummary
  uint64_t doses_rejected_after_invalid = 0;
};

// Fills `out` (reusing its buffers) with chunk `chunk` of the layout.
void generate_chunk(const PopulationLayout& layout, uint64_t chunk, ChunkOutput& out);

}  // namespace phongdich::synth
