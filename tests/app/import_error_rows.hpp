// An import's error file read back, for the import tests.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <vector>

namespace phongdich::testing {

struct ErrorRow {
  int64_t line;
  std::string field;
  std::string code;
  friend auto operator<=>(const ErrorRow&, const ErrorRow&) = default;
};

// Every row of the error file at `path`, read with the product's own CSV reader;
// fails the test when the file is malformed or a message is missing.
std::vector<ErrorRow> read_error_file(const std::string& path);

}  // namespace phongdich::testing
