// Field checks shared by the import row parsers (persons, doses). Each check
// appends a Violation naming the field and the rule when the value is bad.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/area.hpp"
#include "domain/date.hpp"
#include "domain/violation.hpp"

namespace phongdich {

// How a field is named to the user, for messages.
struct FieldLabel {
  std::string_view field;  // column name, e.g. "birth_date"
  std::string_view vi;     // "Ngày sinh"
  std::string_view en;     // "The birth date"
};

// Spaces and tabs around a value are ignored (spreadsheets add them).
std::string_view trim_blanks(std::string_view text);
// Characters (code points) in valid UTF-8 text.
size_t utf8_length(std::string_view text);
// The value as shown inside a message: quoted and cut short at a character boundary.
std::string shown_value(std::string_view value);

// A required value that is empty: "<prefix>.missing".
Violation missing_violation(std::string_view prefix, const FieldLabel& label);

// A required text of at most `max_chars` characters: "<prefix>.missing", "<prefix>.too_long".
bool check_required_text(std::string_view value, size_t max_chars, std::string_view prefix,
                         const FieldLabel& label, Violations& out);

// A required ISO date not after `today` and not before `earliest` (when given):
// "<prefix>.missing", ".invalid", ".future", ".too_early".
std::optional<Date> check_past_date(std::string_view value, Date today,
                                    std::optional<Date> earliest, std::string_view prefix,
                                    const FieldLabel& label, Violations& out);

// A non-empty commune code of `tree`: "<prefix>.unknown", "<prefix>.not_commune".
std::optional<AreaId> check_commune(std::string_view code, const AreaForest& areas,
                                    std::string_view tree, std::string_view prefix,
                                    const FieldLabel& label, Violations& out);

// A flag column: empty or 0 = false, 1 = true; anything else "<prefix>.invalid".
bool check_flag(std::string_view value, std::string_view prefix, const FieldLabel& label,
                Violations& out);

}  // namespace phongdich
