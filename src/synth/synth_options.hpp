// What the caller asks of the generator, and what it reports back.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "domain/date.hpp"
#include "domain/vaccination_rules.hpp"
#include "domain/violation.hpp"
#include "synth/invalid_records.hpp"

namespace phongdich::synth {

struct SynthCommune {
  std::string code;     // 5-digit commune code of the area tree
  double weight = 1.0;  // share of the persons, proportional to population
};

struct SynthOptions {
  uint64_t seed = 1;
  uint64_t person_count = 10'000;             // 1 .. 10 million
  std::vector<SynthCommune> communes;         // from the area tree, chosen by the caller
  std::string birth_province = "079";         // digits 1-3 of the citizen IDs
  std::string tree = "vn2022";                // the tree the commune codes belong to
  double invalid_rate = 0.002;                // share of rows made invalid, in each file
  std::filesystem::path output_dir;           // gets persons.csv and doses.csv
  Date as_of = *Date::from_ymd(2022, 9, 30);  // no dose after this date
  int threads = 2;                            // output does not depend on it
  // The rules every valid dose keeps (data/rules/vaccination.json, loaded by
  // the caller); must outlive the call. Required.
  const VaccinationRules* rules = nullptr;
  // Called after each block of rows is written (persons so far, doses so far).
  std::function<void(uint64_t persons, uint64_t doses)> on_progress;
};

struct SynthSummary {
  std::filesystem::path persons_file;
  std::filesystem::path doses_file;
  uint64_t persons = 0;  // data rows, header not counted
  uint64_t doses = 0;
  InvalidCounts invalid{};  // rows made invalid, per kind
  // Rows the importer will reject besides the invalid ones: the doses of an
  // invalid person (the person is not registered), and valid doses judged
  // differently because a spoiled dose before them is missing (e.g. an AZ
  // second dose rejected, so the Pfizer booster reads as a mixed second dose
  // given too early).
  uint64_t doses_of_invalid_persons = 0;
  uint64_t doses_rejected_after_invalid = 0;

  uint64_t invalid_in_persons() const;
  uint64_t invalid_in_doses() const;
  // Every doses.csv row the importer will reject.
  uint64_t doses_rejected() const {
    return invalid_in_doses() + doses_of_invalid_persons + doses_rejected_after_invalid;
  }
};

// Every problem with the options (empty when they are usable).
Violations check_options(const SynthOptions& options);

}  // namespace phongdich::synth
