// Fuzzes the Rt input files (incidence, serial interval distribution) and the
// estimate run on whatever they accept.
//
// Invariants checked: a parser either yields a consistent table (one label per
// day, no negative count, imported empty or as long as local; finite
// non-negative probabilities) or explains every rejection in both languages
// with a line inside the input; an accepted series gives finite estimates with
// ordered quantiles, or an explained refusal.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "domain/reproduction_number.hpp"
#include "ingest/incidence_file.hpp"
#include "ingest/serial_interval_file.hpp"

namespace {

using namespace phongdich;

void require(bool condition) {
  if (!condition) __builtin_trap();
}

void require_explained(const LineViolations& violations, int64_t lines) {
  require(!violations.empty());
  for (const LineViolation& v : violations) {
    require(v.line >= 0 && v.line <= lines);
    require(!v.violation.code.empty() && !v.violation.message_vi.empty() &&
            !v.violation.message_en.empty());
  }
}

void check_estimate(const IncidenceTable& table, const SerialInterval& si) {
  const auto result =
      estimate_reproduction_number({.local = table.local, .imported = table.imported}, si, {});
  if (const auto* bad = std::get_if<Violations>(&result)) {
    require(!bad->empty());
    for (const Violation& v : *bad) require(!v.message_vi.empty() && !v.message_en.empty());
    return;
  }
  for (const RtEstimate& e : std::get<RtResult>(result).estimates) {
    require(std::isfinite(e.mean) && e.mean > 0 && std::isfinite(e.sd) && e.sd > 0);
    for (size_t q = 1; q < e.quantiles.size(); ++q) require(e.quantiles[q - 1] <= e.quantiles[q]);
    require(e.quantiles.front() >= 0 && std::isfinite(e.quantiles.back()));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  int64_t lines = 1;
  for (char c : text) lines += c == '\n';

  std::istringstream incidence_in(text);
  const auto incidence = read_incidence_csv(incidence_in);
  const IncidenceTable* table = std::get_if<IncidenceTable>(&incidence);
  if (table == nullptr) {
    require_explained(std::get<LineViolations>(incidence), lines);
  } else {
    require(table->days() > 0 && table->labels.size() == table->days());
    require(table->imported.empty() || table->imported.size() == table->days());
    for (int64_t count : table->local) require(count >= 0);
    for (int64_t count : table->imported) require(count >= 0);
  }

  std::istringstream si_in(text);
  const auto weights = read_serial_interval_csv(si_in);
  if (const auto* bad = std::get_if<LineViolations>(&weights)) {
    require_explained(*bad, lines);
  } else {
    for (double w : std::get<std::vector<double>>(weights)) require(std::isfinite(w) && w >= 0);
  }

  if (table == nullptr || table->days() > 1000) return 0;
  // The same series with a fixed distribution and with a parametric one.
  check_estimate(*table,
                 std::get<SerialInterval>(SerialInterval::from_distribution({0, 0.3, 0.4, 0.3})));
  check_estimate(*table, std::get<SerialInterval>(SerialInterval::discretised_gamma(
                             2.6, 1.5, std::clamp<size_t>(table->days(), 2, 200))));
  if (const auto* given = std::get_if<std::vector<double>>(&weights)) {
    auto si = SerialInterval::from_distribution(*given);
    if (const auto* ok = std::get_if<SerialInterval>(&si)) check_estimate(*table, *ok);
  }
  return 0;
}
