#include "ingest/line_violation.hpp"

#include <string>

namespace phongdich {

Violation with_line_in_message(const LineViolation& v) {
  Violation shown = v.violation;
  if (v.line > 0) {
    const std::string line = std::to_string(v.line);
    shown.message_vi = "Dòng " + line + ": " + shown.message_vi;
    shown.message_en = "Line " + line + ": " + shown.message_en;
  }
  return shown;
}

}  // namespace phongdich
