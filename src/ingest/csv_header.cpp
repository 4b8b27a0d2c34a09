#include "ingest/csv_header.hpp"

#include <string>

#include "ingest/row_checks.hpp"

namespace phongdich {
namespace {

constexpr std::string_view kRule = "docs/import-format.md: header names the columns";

}  // namespace

CsvHeader::CsvHeader(std::span<const std::string_view> header, std::span<const CsvColumn> columns)
    : width_(header.size()), position_(columns.size()) {
  for (size_t i = 0; i < header.size(); ++i) {
    const std::string_view name = trim_blanks(header[i]);
    size_t column = 0;
    while (column < columns.size() && columns[column].name != name) ++column;
    const std::string shown = shown_value(name);
    if (column == columns.size()) {
      violations_.push_back({"csv.unknown_column", std::string(name), std::string(kRule),
                             "Cột " + shown + " không thuộc định dạng tệp nhập.",
                             "Column " + shown + " is not part of the import format."});
    } else if (position_[column]) {
      violations_.push_back({"csv.duplicate_column", std::string(name), std::string(kRule),
                             "Cột " + shown + " xuất hiện hai lần.",
                             "Column " + shown + " appears twice."});
    } else {
      position_[column] = i;
    }
  }
  for (size_t column = 0; column < columns.size(); ++column) {
    if (columns[column].required && !position_[column]) {
      const std::string name(columns[column].name);
      violations_.push_back({"csv.missing_column", name, std::string(kRule),
                             "Thiếu cột bắt buộc \"" + name + "\".",
                             "The required column \"" + name + "\" is missing."});
    }
  }
}

std::optional<Violation> CsvHeader::check_width(std::span<const std::string_view> row) const {
  if (row.size() == width_) return std::nullopt;
  const std::string expected = std::to_string(width_), got = std::to_string(row.size());
  return Violation{"csv.column_count", "", "every row has as many fields as the header",
                   "Dòng có " + got + " trường nhưng tiêu đề có " + expected + " cột.",
                   "The row has " + got + " fields but the header has " + expected + " columns."};
}

std::string_view CsvHeader::value(std::span<const std::string_view> row, size_t column) const {
  const auto& position = position_[column];
  return position ? row[*position] : std::string_view{};
}

}  // namespace phongdich
