// Input checks of a test result before it is stored: the dates must be
// possible and a sequencing result must name what it found. Pure: "today" is
// passed in.
#pragma once

#include "domain/date.hpp"
#include "domain/test_result.hpp"
#include "domain/violation.hpp"

namespace phongdich {

// Every problem of `test`, or none. The testing site may be empty or unknown:
// labs report it in many spellings and a missing site must not lose a result.
Violations check_test_result(const TestResult& test, Date today);

}  // namespace phongdich
