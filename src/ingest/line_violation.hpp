// A rejected input found in a file, with the line it is on, for readers of
// whole files (incidence series, serial interval distributions) that report
// every bad line at once.
#pragma once

#include <cstdint>
#include <vector>

#include "domain/violation.hpp"

namespace phongdich {

struct LineViolation {
  int64_t line = 0;  // 1-based physical line; 0 for the file as a whole
  Violation violation;
};

using LineViolations = std::vector<LineViolation>;

// The violation with "Dòng N: " / "Line N: " in front of its messages, for
// output that has no place for the line of its own.
Violation with_line_in_message(const LineViolation& v);

}  // namespace phongdich
