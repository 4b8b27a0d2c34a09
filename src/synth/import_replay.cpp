#include "synth/import_replay.hpp"

#include <algorithm>

#include "domain/schedule.hpp"

namespace phongdich::synth {

int ImportReplay::valid_rows_rejected(const Person& person, std::span<const WrittenDose> rows,
                                      Date today) {
  stored_.clear();
  int rejected = 0;
  for (const WrittenDose& row : rows) {
    if (!row.readable) continue;
    // As the importer does: the prior doses are the stored ones before the row's date.
    const auto prior_end = std::find_if(stored_.begin(), stored_.end(),
                                        [&](const DoseRecord& d) { return d.date >= row.date; });
    const DoseAssessment verdict = assess_dose(
        rules_, person, std::span(stored_.data(), static_cast<size_t>(prior_end - stored_.begin())),
        row.date, row.product, today);
    if (!verdict.accepted) {
      rejected += row.spoiled ? 0 : 1;
      continue;
    }
    DoseRecord record;
    record.date = row.date;
    record.product.assign(row.product);
    record.kind = verdict.kind;
    record.number_in_series = verdict.number_in_series;
    stored_.insert(prior_end, std::move(record));
  }
  return rejected;
}

}  // namespace phongdich::synth
