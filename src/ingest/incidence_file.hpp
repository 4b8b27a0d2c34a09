// A daily incidence file for Rt estimation (docs/rt.md): one row per day, in
// order, day 1 first.
//
// Columns, in any order, names in any case:
//   I (or incidence)          cases with onset that day, or instead
//   local, imported           cases infected locally / elsewhere
//   dates (or date)           optional: consecutive ISO dates, or consecutive day numbers
//   day                       optional: consecutive day numbers
// This covers EpiEstim's data frames and the files of its example data
// ("day,I", "dates,I", "Date,Incidence", "dates,local,imported").
#pragma once

#include <cstddef>
#include <cstdint>
#include <istream>
#include <string>
#include <variant>
#include <vector>

#include "ingest/line_violation.hpp"

namespace phongdich {

struct IncidenceTable {
  // Per day: its date as written in the dates column (ISO dates are
  // normalised), else its day column value, else its number 1..T.
  std::vector<std::string> labels;
  bool has_dates = false;
  // With an I column: the cases, and `imported` is empty. With local and
  // imported columns: both.
  std::vector<int64_t> local;
  std::vector<int64_t> imported;

  size_t days() const { return local.size(); }
};

// The table, or every bad line (at most `max_violations`, then reading stops).
std::variant<IncidenceTable, LineViolations> read_incidence_csv(std::istream& in,
                                                                size_t max_violations = 20);

}  // namespace phongdich
