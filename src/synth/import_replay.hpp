// How the importer will judge one person's dose rows once some are spoiled.
//
// A spoiled row is rejected and not stored, so the valid rows after it are
// judged without it: an AZ second dose with an impossible date makes the
// Pfizer booster read as a mixed second dose, which may be too early. The
// generator replays the schedule engine over the rows as written to count
// those rejections exactly, so a test can expect them.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "domain/date.hpp"
#include "domain/person.hpp"
#include "domain/vaccination.hpp"
#include "domain/vaccination_rules.hpp"

namespace phongdich::synth {

struct WrittenDose {
  Date date;
  std::string_view product;
  bool spoiled = false;  // made invalid on purpose
  bool readable = true;  // false: the importer cannot parse it (impossible date, unknown code)
};

class ImportReplay {
 public:
  explicit ImportReplay(const VaccinationRules& rules) : rules_(rules) {}

  // How many rows that were not spoiled the importer will reject, judging
  // `rows` in file order under `today`.
  int valid_rows_rejected(const Person& person, std::span<const WrittenDose> rows, Date today);

 private:
  const VaccinationRules& rules_;
  std::vector<DoseRecord> stored_;  // what the importer keeps, by date
};

}  // namespace phongdich::synth
