// Fuzzes the CSV reader and both row parsers on arbitrary bytes.
//
// Invariants checked: the reader always ends; record lines strictly increase
// and stay within the input; a good record's fields are valid UTF-8 within the
// limits and a bad one has no fields; a parser either yields a consistent row
// or explains every rejection in both languages.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/citizen_id.hpp"
#include "domain/text_fold.hpp"
#include "ingest/area_files.hpp"
#include "ingest/csv_reader.hpp"
#include "ingest/dose_row.hpp"
#include "ingest/person_row.hpp"

namespace {

using namespace phongdich;

void require(bool condition) {
  if (!condition) __builtin_trap();
}

const AreaForest& areas() {
  static const AreaForest loaded = load_area_forest(PHONGDICH_DATA_DIR);
  return loaded;
}

const Date kToday = *Date::parse_iso("2022-06-01");

bool is_known_product(std::string_view code) {
  return code == "AZ" || code == "PFIZER" || code == "MODERNA" || code == "VERO_CELL";
}

void require_explained(const Violations& violations) {
  require(!violations.empty());
  for (const Violation& v : violations) {
    require(!v.code.empty() && !v.message_vi.empty() && !v.message_en.empty());
  }
}

void check_person(const std::variant<ParsedPerson, Violations>& result) {
  if (const auto* violations = std::get_if<Violations>(&result)) {
    require_explained(*violations);
    return;
  }
  const auto& parsed = std::get<ParsedPerson>(result);
  const Person& p = parsed.person.person;
  require(!p.full_name.empty() && !parsed.person.external_ref.empty());
  require(p.birth_date <= kToday && p.birth_date.year() >= 1900);
  const Area* commune = areas().find(p.area_id);
  require(commune != nullptr && commune->level == AreaLevel::commune && commune->tree == "vn2022");
  if (p.citizen_id) require(!check_citizen_id(*p.citizen_id, p.sex, p.birth_date));
  require(!p.pregnant || p.sex == Sex::female);
}

void check_dose(const std::variant<ParsedDose, Violations>& result) {
  if (const auto* violations = std::get_if<Violations>(&result)) {
    require_explained(*violations);
    return;
  }
  const auto& parsed = std::get<ParsedDose>(result);
  require(!parsed.person_ref.empty() && parsed.dose.date <= kToday);
  require(is_known_product(parsed.dose.product));
  require(parsed.site_given == (parsed.dose.site_area_id != 0));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  // The first byte picks small limits half of the time, to reach the limit paths.
  CsvLimits limits;
  if (data[0] & 1) {
    limits.max_field_bytes = 1 + (data[0] >> 1) % 32;
    limits.max_record_bytes = limits.max_field_bytes + (data[0] >> 3) % 64;
  }
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  int64_t lines = 1;
  for (char c : text) lines += c == '\n';

  std::istringstream in(text);
  CsvReader reader(in, limits);
  CsvRecord record;
  int64_t previous_line = 0;
  std::unique_ptr<PersonRowParser> persons;
  std::unique_ptr<DoseRowParser> doses;
  while (reader.next(record)) {
    require(record.line() > previous_line && record.line() <= lines);
    previous_line = record.line();
    if (!record.ok()) {
      require(record.size() == 0);
      continue;
    }
    require(record.size() >= 1);
    size_t record_bytes = 0;
    for (std::string_view field : record.fields()) {
      require(field.size() <= limits.max_field_bytes);
      require(is_valid_utf8(field));
      record_bytes += field.size();
    }
    require(record_bytes <= limits.max_record_bytes);

    if (!persons) {  // the first good record is the header
      persons = std::make_unique<PersonRowParser>(record.fields(), areas(), "vn2022", kToday);
      doses = std::make_unique<DoseRowParser>(record.fields(), areas(), "vn2022", kToday,
                                              is_known_product);
      continue;
    }
    check_person(persons->parse(record.fields()));
    check_dose(doses->parse(record.fields()));
  }
  return 0;
}
