// One row of persons.csv (docs/import-format.md) checked and turned into a person.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "domain/area.hpp"
#include "domain/date.hpp"
#include "domain/person.hpp"
#include "domain/violation.hpp"
#include "ingest/csv_header.hpp"

namespace phongdich {

struct ParsedPerson {
  StoredPerson person;         // person.id stays 0; external_ref = person_ref
  std::string household_code;  // "" when the row names no household
};

class PersonRowParser {
 public:
  // `header` is the file's first record; `areas` must outlive the parser.
  // `tree` is the area tree whose commune codes the file uses ("vn2022").
  PersonRowParser(std::span<const std::string_view> header, const AreaForest& areas,
                  std::string tree, Date today);

  // Unknown, duplicate or missing columns; the file cannot be read when not empty.
  const Violations& header_violations() const { return header_.violations(); }

  // The person, or every rule the row breaks (one violation per bad field).
  // When the header has violations, returns those.
  std::variant<ParsedPerson, Violations> parse(std::span<const std::string_view> row) const;

 private:
  CsvHeader header_;
  const AreaForest* areas_;
  std::string tree_;
  Date today_;
};

}  // namespace phongdich
