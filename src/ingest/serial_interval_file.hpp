// A serial interval distribution file for Rt estimation (docs/rt.md): the
// probabilities w_0, w_1, ... that the serial interval is 0, 1, ... days.
//
// Either one column of probabilities, with or without a header line (any name,
// e.g. "w" or "si_distr"), or the two columns "k,w" with k = 0, 1, 2, ... as in
// EpiEstim's example files. Whether the values make a distribution (w_0 = 0,
// sum 1) is the domain's to say (SerialInterval::from_distribution).
#pragma once

#include <cstddef>
#include <istream>
#include <variant>
#include <vector>

#include "ingest/line_violation.hpp"

namespace phongdich {

// The probabilities from k = 0, or every bad line (at most `max_violations`).
std::variant<std::vector<double>, LineViolations> read_serial_interval_csv(
    std::istream& in, size_t max_violations = 20);

}  // namespace phongdich
