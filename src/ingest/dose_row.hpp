// One row of doses.csv (docs/import-format.md) checked and turned into a dose.
//
// Only what the row itself shows is checked here; the rules that need the
// person (dose before birth, schedule intervals) are the importer's, which
// knows the person.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "domain/area.hpp"
#include "domain/date.hpp"
#include "domain/vaccination.hpp"
#include "domain/violation.hpp"
#include "ingest/csv_header.hpp"

namespace phongdich {

struct ParsedDose {
  std::string person_ref;
  DoseRecord dose;  // person_id 0; site_area_id set when the row names a site
  bool site_given = false;
};

class DoseRowParser {
 public:
  // `is_known_product` answers for a catalogue code ("AZ", "PFIZER", ...);
  // `areas` must outlive the parser.
  DoseRowParser(std::span<const std::string_view> header, const AreaForest& areas, std::string tree,
                Date today, std::function<bool(std::string_view)> is_known_product);

  const Violations& header_violations() const { return header_.violations(); }

  // The dose, or every rule the row breaks. When the header has violations, returns those.
  std::variant<ParsedDose, Violations> parse(std::span<const std::string_view> row) const;

 private:
  CsvHeader header_;
  const AreaForest* areas_;
  std::string tree_;
  Date today_;
  std::function<bool(std::string_view)> is_known_product_;
};

}  // namespace phongdich
