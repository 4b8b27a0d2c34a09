// The header line of an import file: which known column sits at which position.
//
// Columns may come in any order and optional ones may be left out; unknown,
// duplicate and missing required columns are reported (docs/import-format.md).
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "domain/violation.hpp"

namespace phongdich {

struct CsvColumn {
  std::string_view name;
  bool required;
};

class CsvHeader {
 public:
  // `columns` lists the columns the file kind allows; a column is named in the
  // other methods by its position in that list.
  CsvHeader(std::span<const std::string_view> header, std::span<const CsvColumn> columns);

  bool ok() const { return violations_.empty(); }
  const Violations& violations() const { return violations_; }

  // Number of fields every row must have.
  size_t width() const { return width_; }
  // A `csv.column_count` violation when `row` does not have width() fields.
  std::optional<Violation> check_width(std::span<const std::string_view> row) const;
  // The row's text for column `column` (position in `columns`), or "" when the
  // file has no such column. `row` must have width() fields.
  std::string_view value(std::span<const std::string_view> row, size_t column) const;

 private:
  size_t width_ = 0;
  std::vector<std::optional<size_t>> position_;  // by column
  Violations violations_;
};

}  // namespace phongdich
