#include "app/importer.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <unordered_map>
#include <variant>

#include "app/file_digest.hpp"
#include "app/import_error_file.hpp"
#include "ingest/csv_reader.hpp"
#include "ingest/dose_row.hpp"
#include "ingest/person_row.hpp"

namespace phongdich {
namespace {

class InputFile {
 public:
  explicit InputFile(const std::string& path) : fd_(::open(path.c_str(), O_RDONLY)) {
    if (fd_ < 0) throw std::runtime_error("cannot read " + path);
    ::posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
  }
  ~InputFile() { ::close(fd_); }
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

Violation violation(std::string code, std::string field, std::string rule, std::string vi,
                    std::string en) {
  return {std::move(code), std::move(field), std::move(rule), std::move(vi), std::move(en)};
}

// What every import run shares: the reader, the error report, counters, journal.
class ImportRun {
 public:
  ImportRun(Registry& registry, const std::string& kind, const std::string& path,
            const ImportOptions& options)
      : registry_(registry),
        options_(options),
        input_(path),
        reader_(input_.fd()),
        errors_(options.error_path.empty() ? path + ".errors.csv" : options.error_path),
        started_(std::chrono::steady_clock::now()) {
    summary_.kind = kind;
    summary_.file = path;
    summary_.error_file = errors_.path();
    journal_.file_digest = file_digest(path);
    journal_.kind = kind;
    if (auto previous = registry.store().import_journal(journal_.file_digest);
        previous && !previous->finished) {
      summary_.resumed_after_line = previous->lines_committed;
    }
  }

  CsvReader& reader() { return reader_; }
  ImportSummary& summary() { return summary_; }
  ImportJournal& journal() { return journal_; }
  const ImportOptions& options() const { return options_; }

  // The header record, or nullopt when the file is empty (reported).
  std::optional<std::vector<std::string>> header() {
    CsvRecord record;
    if (!reader_.next(record)) {
      reject(1, violation("csv.empty", "", "a file starts with a header line",
                          "Tệp trống: thiếu dòng tiêu đề.", "The file is empty: no header line."));
      return std::nullopt;
    }
    if (!record.ok()) {
      reject(record.line(), csv_violation(record.error()));
      return std::nullopt;
    }
    return std::vector<std::string>(record.fields().begin(), record.fields().end());
  }

  void reject(int64_t line, const Violation& v) {
    errors_.add(line, v);
    ++summary_.rejected_by_code[v.code];
  }
  void reject_row(int64_t line, const Violations& vs) {
    for (const Violation& v : vs) reject(line, v);
    ++summary_.rows_rejected;
  }

  void progress() {
    if (options_.progress && (summary_.rows_read & 0x3FFF) == 0)
      options_.progress(summary_.rows_read, 0);
  }

  ImportSummary finish() {
    journal_.finished = true;
    registry_.store().transaction([&] { registry_.store().save_import_journal(journal_); });
    summary_.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    if (options_.progress) options_.progress(summary_.rows_read, summary_.rows_read);
    return summary_;
  }

 private:
  Registry& registry_;
  ImportOptions options_;
  InputFile input_;
  CsvReader reader_;
  ImportErrorFile errors_;
  ImportSummary summary_;
  ImportJournal journal_;
  std::chrono::steady_clock::time_point started_;
};

std::vector<std::string_view> views(const std::vector<std::string>& strings) {
  return {strings.begin(), strings.end()};
}

// Households named by code, created on first sight within their commune.
class HouseholdCache {
 public:
  explicit HouseholdCache(Store& store) : store_(store) {}
  HouseholdId id(AreaId area, const std::string& code) {
    std::string key = std::to_string(area) + '\x1f' + code;
    if (auto it = ids_.find(key); it != ids_.end()) return it->second;
    if (ids_.size() > 2'000'000) ids_.clear();  // bound memory; the store keeps the truth
    Household h;
    h.area_id = area;
    h.code = code;
    const HouseholdId id = store_.upsert_household(h);
    ids_.emplace(std::move(key), id);
    return id;
  }

 private:
  Store& store_;
  std::unordered_map<std::string, HouseholdId> ids_;
};

}  // namespace

ImportSummary import_persons(Registry& registry, const std::string& path,
                             const ImportOptions& options) {
  ImportRun run(registry, "persons", path, options);
  auto header = run.header();
  if (!header) return run.finish();
  const auto header_views = views(*header);
  const PersonRowParser parser(header_views, registry.areas(), options.tree, options.today);
  if (!parser.header_violations().empty()) {
    run.reject_row(1, parser.header_violations());
    return run.finish();
  }
  PersonRefMap& refs = registry.person_refs();
  Store& store = registry.store();
  HouseholdCache households(store);
  ImportSummary& summary = run.summary();

  std::vector<StoredPerson> batch;
  std::vector<int64_t> batch_lines;
  std::vector<std::string> batch_households;
  int64_t last_line = 1;
  auto flush = [&] {
    if (batch.empty()) return;
    std::vector<PersonInsertResult> results;
    store.transaction([&] {
      for (size_t i = 0; i < batch.size(); ++i) {
        if (!batch_households[i].empty())
          batch[i].person.household_id =
              households.id(batch[i].person.area_id, batch_households[i]);
      }
      results = store.insert_persons_bulk(batch);
      run.journal().lines_committed = last_line;
      store.save_import_journal(run.journal());
    });
    for (size_t i = 0; i < batch.size(); ++i) {
      switch (results[i].outcome) {
        case InsertOutcome::inserted:
          ++summary.rows_imported;
          batch[i].person.id = results[i].id;
          registry.index_person(batch[i].person, batch[i].external_ref);
          break;
        case InsertOutcome::already_present:
          ++summary.rows_already_present;
          break;
        case InsertOutcome::citizen_id_taken:
          run.reject_row(
              batch_lines[i],
              {violation("person.citizen_id.taken", "citizen_id", "one citizen ID, one person",
                         "Số định danh cá nhân đã được gắn với một người khác.",
                         "The citizen ID already belongs to another person.")});
          break;
      }
    }
    batch.clear();
    batch_lines.clear();
    batch_households.clear();
  };

  CsvRecord record;
  while (run.reader().next(record)) {
    ++summary.rows_read;
    run.progress();
    last_line = record.line();
    if (!record.ok()) {
      run.reject_row(record.line(), {csv_violation(record.error())});
      continue;
    }
    auto parsed = parser.parse(record.fields());
    if (auto* bad = std::get_if<Violations>(&parsed)) {
      run.reject_row(record.line(), *bad);
      continue;
    }
    auto& good = std::get<ParsedPerson>(parsed);
    if (refs.find(good.person.external_ref) != 0) {
      ++summary.rows_already_present;
      continue;
    }
    batch.push_back(std::move(good.person));
    batch_lines.push_back(record.line());
    batch_households.push_back(std::move(good.household_code));
    if (batch.size() >= options.batch_rows) flush();
  }
  flush();
  return run.finish();
}

ImportSummary import_doses(Registry& registry, const std::string& path,
                           const ImportOptions& options) {
  ImportRun run(registry, "doses", path, options);
  auto header = run.header();
  if (!header) return run.finish();
  const auto header_views = views(*header);
  const VaccinationRules& rules = registry.rules();
  const DoseRowParser parser(
      header_views, registry.areas(), options.tree, options.today,
      [&rules](std::string_view code) { return rules.is_known_product(code); });
  if (!parser.header_violations().empty()) {
    run.reject_row(1, parser.header_violations());
    return run.finish();
  }
  RegistryIndex& index = registry.index();
  const PersonRefMap& refs = registry.person_refs();
  Store& store = registry.store();
  ImportSummary& summary = run.summary();

  std::vector<DoseRecord> batch;
  std::vector<int64_t> batch_lines;
  int64_t last_line = 1;
  auto flush = [&] {
    if (batch.empty()) return;
    std::vector<DoseInsertResult> results;
    try {
      store.transaction([&] {
        results = store.insert_doses_bulk(batch);
        run.journal().lines_committed = last_line;
        store.save_import_journal(run.journal());
      });
    } catch (...) {
      // The index already holds this batch's doses; rebuild it from the store.
      registry.drop_index();
      throw;
    }
    for (const DoseInsertResult& r : results) {
      if (r.outcome == InsertOutcome::inserted) {
        ++summary.rows_imported;
      } else {
        ++summary.rows_already_present;  // stored by an earlier, interrupted run
      }
    }
    batch.clear();
    batch_lines.clear();
  };

  CsvRecord record;
  while (run.reader().next(record)) {
    ++summary.rows_read;
    run.progress();
    last_line = record.line();
    if (!record.ok()) {
      run.reject_row(record.line(), {csv_violation(record.error())});
      continue;
    }
    auto parsed = parser.parse(record.fields());
    if (auto* bad = std::get_if<Violations>(&parsed)) {
      run.reject_row(record.line(), *bad);
      continue;
    }
    auto& good = std::get<ParsedDose>(parsed);
    const PersonId person_id = refs.find(good.person_ref);
    const RegistryIndex::Slot* slot = person_id ? index.find_slot(person_id) : nullptr;
    if (slot == nullptr) {
      run.reject_row(
          record.line(),
          {violation("dose.person.unknown", "person_ref", "a dose belongs to a registered person",
                     "Không có người nào mang mã '" + good.person_ref + "' trong sổ.",
                     "No registered person has the reference '" + good.person_ref + "'.")});
      continue;
    }
    DoseRecord& dose = good.dose;
    dose.person_id = person_id;
    const auto existing = index.dose_records(*slot);
    // The same dose again (a re-run): recognised, not added twice.
    const auto same_day = std::find_if(existing.begin(), existing.end(),
                                       [&](const DoseRecord& d) { return d.date == dose.date; });
    if (same_day != existing.end() && same_day->product == dose.product) {
      ++summary.rows_already_present;
      continue;
    }
    const auto prior_end = std::find_if(existing.begin(), existing.end(),
                                        [&](const DoseRecord& d) { return d.date >= dose.date; });
    const Person person = index.rule_view(*slot);
    const DoseAssessment assessment =
        assess_dose(rules, person,
                    std::span(existing.data(), static_cast<size_t>(prior_end - existing.begin())),
                    dose.date, dose.product, options.today);
    if (!assessment.accepted) {
      run.reject_row(record.line(), assessment.violations);
      continue;
    }
    dose.kind = assessment.kind;
    dose.number_in_series = assessment.number_in_series;
    if (!good.site_given) dose.site_area_id = person.area_id;
    dose.source = "import";
    registry.index_dose(dose);  // later rows of this person are judged after it
    batch.push_back(std::move(dose));
    batch_lines.push_back(record.line());
    if (batch.size() >= options.batch_rows) flush();
  }
  flush();
  return run.finish();
}

}  // namespace phongdich
