#include "app/importer.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <span>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>
#include <variant>

#include "app/batch_pipeline.hpp"
#include "app/citizen_id_set.hpp"
#include "app/file_digest.hpp"
#include "app/import_error_file.hpp"
#include "app/registry_violations.hpp"
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
  int64_t size() const {
    struct stat st {};
    return ::fstat(fd_, &st) == 0 ? static_cast<int64_t>(st.st_size) : 0;
  }

 private:
  int fd_;
};

// Thrown between batches when the caller asks the import to stop.
struct ImportInterrupted {};

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
    summary_.bytes_total = input_.size();
    journal_.file_digest = file_digest(path);
    journal_.kind = kind;
    step([&] {
      if (auto previous = registry.store().import_journal(journal_.file_digest);
          previous && !previous->finished) {
        summary_.resumed_after_line = previous->lines_committed;
      }
    });
  }

  // Runs what reads or changes the registry (ImportOptions::exclusive).
  void step(const std::function<void()>& work) {
    if (options_.exclusive) {
      options_.exclusive(work);
    } else {
      work();
    }
  }

  // Called before each batch is written.
  void stop_if_asked() {
    if (options_.stop_requested && options_.stop_requested()) throw ImportInterrupted{};
  }

  // After each committed batch; `bytes_read` is where the reader was when it
  // handed the batch over.
  void batch_done(int64_t bytes_read) {
    summary_.bytes_read = bytes_read;
    if (options_.progress) options_.progress(summary_.rows_read, 0);
    if (options_.on_batch) options_.on_batch(summary_);
  }

  int64_t bytes_read_so_far() const { return reader_.offset(); }

  CsvReader& reader() { return reader_; }
  ImportSummary& summary() { return summary_; }
  ImportJournal& journal() { return journal_; }
  const ImportOptions& options() const { return options_; }

  // The header record, or nullopt when the file is empty (reported).
  std::optional<std::vector<std::string>> header() {
    CsvRecord record;
    if (!reader_.next(record)) {
      reject(1, empty_import_file());
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

  ImportSummary finish() {
    journal_.finished = true;
    step([&] {
      registry_.store().transaction([&] { registry_.store().save_import_journal(journal_); });
    });
    summary_.bytes_read = summary_.bytes_total;
    summary_.seconds = elapsed();
    if (options_.progress) options_.progress(summary_.rows_read, summary_.rows_read);
    return summary_;
  }

  // Stopped between batches: the journal is left unfinished, so that a
  // re-run resumes.
  ImportSummary interrupted() {
    summary_.interrupted = true;
    summary_.seconds = elapsed();
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

  double elapsed() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  }
};

std::vector<std::string_view> views(const std::vector<std::string>& strings) {
  return {strings.begin(), strings.end()};
}

// Households named by code, created on first sight within their commune; a
// batch's new households are written together (one round trip on a server store).
class HouseholdCache {
 public:
  explicit HouseholdCache(Store& store) : store_(store) {}

  // Sets the household id of every person of `persons` whose `codes` entry is
  // not empty.
  void assign(std::span<StoredPerson> persons, const std::vector<std::string>& codes) {
    if (ids_.size() > 2'000'000) ids_.clear();  // bound memory; the store keeps the truth
    std::vector<Household> unseen;
    std::unordered_set<std::string> unseen_keys;
    for (size_t i = 0; i < persons.size(); ++i) {
      if (codes[i].empty()) continue;
      std::string k = key(persons[i].person.area_id, codes[i]);
      if (ids_.contains(k) || unseen_keys.contains(k)) continue;
      Household h;
      h.area_id = persons[i].person.area_id;
      h.code = codes[i];
      unseen.push_back(std::move(h));
      unseen_keys.insert(std::move(k));
    }
    const std::vector<HouseholdId> fresh = store_.upsert_households(unseen);
    for (size_t i = 0; i < unseen.size(); ++i)
      ids_.emplace(key(unseen[i].area_id, unseen[i].code), fresh[i]);
    for (size_t i = 0; i < persons.size(); ++i) {
      if (!codes[i].empty())
        persons[i].person.household_id = ids_.at(key(persons[i].person.area_id, codes[i]));
    }
  }

 private:
  static std::string key(AreaId area, const std::string& code) {
    return std::to_string(area) + '\x1f' + code;
  }

  Store& store_;
  std::unordered_map<std::string, HouseholdId> ids_;
};

// A row the reading stage rejected, reported by the writing stage in order.
struct RowError {
  int64_t line;
  Violations violations;
};

// What the reading stage hands the writing stage.
template <typename Row>
struct Batch {
  std::vector<Row> rows;
  std::vector<int64_t> lines;  // input line of each row
  std::vector<RowError> errors;
  int64_t rows_read = 0;
  int64_t last_line = 0;
  int64_t already_present = 0;  // recognised by the reading stage
  int64_t bytes_read = 0;       // where the reader was when the batch was handed over
};

// Reads every record of the file into batches of `batch_rows` good rows;
// `check(record, batch)` adds the record to the batch's rows or errors.
template <typename Row, typename Check>
void read_batches(ImportRun& run, size_t batch_rows, Check check,
                  const std::function<bool(Batch<Row>&&)>& emit) {
  CsvReader& reader = run.reader();
  Batch<Row> batch;
  CsvRecord record;
  while (reader.next(record)) {
    ++batch.rows_read;
    batch.last_line = record.line();
    if (!record.ok()) {
      batch.errors.push_back({record.line(), {csv_violation(record.error())}});
    } else {
      check(record, batch);
    }
    if (batch.rows.size() >= batch_rows || batch.errors.size() >= batch_rows) {
      batch.bytes_read = run.bytes_read_so_far();
      if (!emit(std::move(batch))) return;
      batch = Batch<Row>();
    }
  }
  batch.bytes_read = run.bytes_read_so_far();
  if (batch.rows_read > 0) emit(std::move(batch));
}

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
  Store& store = registry.store();
  HouseholdCache households(store);
  ImportSummary& summary = run.summary();
  // Alone with a registry that holds no one yet (a province's first load), the
  // store may build the persons' indexes once at the end; until then the keys
  // they keep unique are kept unique here.
  const bool first_load = !options.exclusive && store.defer_person_indexes();
  CitizenIdSet citizen_ids_stored;  // first_load only

  // Reading stage: CSV and field checks, which need nothing but the parser.
  auto produce = [&](const std::function<bool(Batch<ParsedPerson> &&)>& emit) {
    read_batches<ParsedPerson>(
        run, options.batch_rows,
        [&](const CsvRecord& record, Batch<ParsedPerson>& batch) {
          auto parsed = parser.parse(record.fields());
          if (auto* bad = std::get_if<Violations>(&parsed)) {
            batch.errors.push_back({record.line(), std::move(*bad)});
            return;
          }
          if (options.commune_allowed &&
              !options.commune_allowed(std::get<ParsedPerson>(parsed).person.person.area_id)) {
            batch.errors.push_back({record.line(), {outside_import_area("commune_code")}});
            return;
          }
          batch.rows.push_back(std::move(std::get<ParsedPerson>(parsed)));
          batch.lines.push_back(record.line());
        },
        emit);
  };
  // Writing stage: one step and one transaction per batch, then the index and
  // the report.
  auto write = [&](Batch<ParsedPerson>& batch) {
    summary.rows_read += batch.rows_read;
    for (const RowError& e : batch.errors) run.reject_row(e.line, e.violations);
    PersonRefMap& refs = registry.person_refs();
    // The rows to insert, decided before any is moved: `refs_in_batch` views
    // the rows' own strings.
    std::vector<size_t> to_insert;
    std::unordered_set<std::string_view> refs_in_batch;  // first_load only
    for (size_t i = 0; i < batch.rows.size(); ++i) {
      const StoredPerson& row = batch.rows[i].person;
      if (refs.find(row.external_ref) != 0) {
        ++summary.rows_already_present;
        continue;
      }
      if (first_load) {
        // What the unique indexes would have refused, in the same order: the
        // same person_ref is the row already there, then a citizen ID taken.
        const std::string_view ref = row.external_ref;
        if (!ref.empty() && (refs_in_batch.contains(ref) ||
                             (refs.ambiguous(ref) && store.person_by_external_ref(ref)))) {
          ++summary.rows_already_present;
          continue;
        }
        const std::optional<std::string>& citizen_id = row.person.citizen_id;
        const bool has_citizen_id = citizen_id && !citizen_id->empty();
        if (has_citizen_id && !citizen_ids_stored.insert(*citizen_id)) {
          run.reject_row(batch.lines[i], {citizen_id_taken()});
          continue;
        }
        if (!ref.empty()) refs_in_batch.insert(ref);
      }
      to_insert.push_back(i);
    }
    std::vector<StoredPerson> fresh;
    std::vector<int64_t> fresh_lines;
    std::vector<std::string> fresh_households;
    for (const size_t i : to_insert) {
      fresh.push_back(std::move(batch.rows[i].person));
      fresh_lines.push_back(batch.lines[i]);
      fresh_households.push_back(std::move(batch.rows[i].household_code));
    }
    std::vector<PersonInsertResult> results;
    store.transaction([&] {
      households.assign(fresh, fresh_households);
      results = store.insert_persons_bulk(fresh);
      run.journal().lines_committed = batch.last_line;
      store.save_import_journal(run.journal());
    });
    for (size_t i = 0; i < fresh.size(); ++i) {
      switch (results[i].outcome) {
        case InsertOutcome::inserted:
          ++summary.rows_imported;
          fresh[i].person.id = results[i].id;
          registry.index_person(fresh[i].person, fresh[i].external_ref);
          break;
        case InsertOutcome::already_present:
          ++summary.rows_already_present;
          break;
        case InsertOutcome::citizen_id_taken:
          run.reject_row(fresh_lines[i], {citizen_id_taken()});
          break;
      }
    }
  };
  auto consume = [&](Batch<ParsedPerson>& batch) {
    run.stop_if_asked();
    run.step([&] { write(batch); });
    run.batch_done(batch.bytes_read);
  };
  // Before the journal calls the file done. A process killed before it has the
  // store build them when next opened.
  auto build_deferred_indexes = [&] {
    if (!first_load) return;
    citizen_ids_stored = CitizenIdSet();  // its memory goes to the index build
    run.step([&] { store.build_person_indexes(); });
  };
  try {
    BatchPipeline<Batch<ParsedPerson>>::run(produce, consume);
  } catch (const ImportInterrupted&) {
    build_deferred_indexes();
    return run.interrupted();
  } catch (...) {
    try {
      build_deferred_indexes();
    } catch (...) {
      // The first error is the one to report; the next open builds them.
    }
    throw;
  }
  build_deferred_indexes();
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
  Store& store = registry.store();
  ImportSummary& summary = run.summary();

  // Judges a dose after the person's earlier doses and adds it to the index,
  // so that later rows of the person see it; or records why it is refused.
  auto judge = [&](ParsedDose& good, int64_t line, Batch<DoseRecord>& batch) {
    RegistryIndex& index = registry.index();
    const PersonId person_id = registry.person_refs().find(good.person_ref);
    const RegistryIndex::Slot* slot = person_id ? index.find_slot(person_id) : nullptr;
    if (slot == nullptr) {
      batch.errors.push_back({line, {unknown_person_ref(good.person_ref)}});
      return;
    }
    // Before anything else is said about the person: outside the area, the
    // uploader learns nothing of their doses.
    if (options.commune_allowed && !options.commune_allowed(index.rule_view(*slot).area_id)) {
      batch.errors.push_back({line, {outside_import_area("person_ref")}});
      return;
    }
    DoseRecord& dose = good.dose;
    dose.person_id = person_id;
    const auto existing = index.dose_records(*slot);
    // The same dose again (a re-run): recognised, not added twice.
    const auto same_day = std::find_if(existing.begin(), existing.end(),
                                       [&](const DoseRecord& d) { return d.date == dose.date; });
    if (same_day != existing.end() && same_day->product == dose.product) {
      ++batch.already_present;
      return;
    }
    const Person person = index.rule_view(*slot);
    const DoseAssessment assessment = assess_dose(rules, person, doses_before(existing, dose.date),
                                                  dose.date, dose.product, options.today);
    if (!assessment.accepted) {
      batch.errors.push_back({line, assessment.violations});
      return;
    }
    dose.kind = assessment.kind;
    dose.number_in_series = assessment.number_in_series;
    if (!good.site_given) dose.site_area_id = person.area_id;
    dose.source = "import";
    registry.index_dose(dose);
    batch.rows.push_back(std::move(dose));
    batch.lines.push_back(line);
  };
  // One transaction per batch of judged doses.
  auto write = [&](Batch<DoseRecord>& batch) {
    summary.rows_read += batch.rows_read;
    summary.rows_already_present += batch.already_present;
    for (const RowError& e : batch.errors) run.reject_row(e.line, e.violations);
    std::vector<DoseInsertResult> results;
    store.transaction([&] {
      results = store.insert_doses_bulk(batch.rows);
      run.journal().lines_committed = batch.last_line;
      store.save_import_journal(run.journal());
    });
    for (const DoseInsertResult& r : results) {
      if (r.outcome == InsertOutcome::inserted) {
        ++summary.rows_imported;
      } else {
        ++summary.rows_already_present;  // stored by an earlier, interrupted run
      }
    }
  };
  // Parsing alone needs nothing but the parser.
  auto parse = [&](const CsvRecord& record, auto& batch, auto&& then) {
    auto parsed = parser.parse(record.fields());
    if (auto* bad = std::get_if<Violations>(&parsed)) {
      batch.errors.push_back({record.line(), std::move(*bad)});
      return;
    }
    then(std::get<ParsedDose>(parsed));
  };

  try {
    if (!options.exclusive) {
      // Alone with the registry: the reading stage judges each dose and adds
      // it to the index, beside the writes of the batch before.
      auto produce = [&](const std::function<bool(Batch<DoseRecord> &&)>& emit) {
        read_batches<DoseRecord>(
            run, options.batch_rows,
            [&](const CsvRecord& record, Batch<DoseRecord>& batch) {
              parse(record, batch, [&](ParsedDose& good) { judge(good, record.line(), batch); });
            },
            emit);
      };
      BatchPipeline<Batch<DoseRecord>>::run(produce, [&](Batch<DoseRecord>& batch) {
        run.stop_if_asked();
        write(batch);
        run.batch_done(batch.bytes_read);
      });
    } else {
      // Beside other users of the registry: the reading stage only parses, and
      // each batch is judged and written in one step.
      auto produce = [&](const std::function<bool(Batch<ParsedDose> &&)>& emit) {
        read_batches<ParsedDose>(
            run, options.batch_rows,
            [&](const CsvRecord& record, Batch<ParsedDose>& batch) {
              parse(record, batch, [&](ParsedDose& good) {
                batch.rows.push_back(std::move(good));
                batch.lines.push_back(record.line());
              });
            },
            emit);
      };
      BatchPipeline<Batch<ParsedDose>>::run(produce, [&](Batch<ParsedDose>& parsed) {
        run.stop_if_asked();
        run.step([&] {
          Batch<DoseRecord> judged;
          judged.rows_read = parsed.rows_read;
          judged.last_line = parsed.last_line;
          judged.errors = std::move(parsed.errors);
          for (size_t i = 0; i < parsed.rows.size(); ++i) {
            judge(parsed.rows[i], parsed.lines[i], judged);
          }
          // The report lists a batch's rows in file order, as the other mode does.
          std::stable_sort(judged.errors.begin(), judged.errors.end(),
                           [](const RowError& a, const RowError& b) { return a.line < b.line; });
          try {
            write(judged);
          } catch (...) {
            registry.drop_index();  // it shows doses that were not committed
            throw;
          }
        });
        run.batch_done(parsed.bytes_read);
      });
    }
  } catch (const ImportInterrupted&) {
    // Doses judged ahead of the last committed batch are in the index only.
    if (!options.exclusive) registry.drop_index();
    return run.interrupted();
  } catch (...) {
    // The index may hold doses of batches that were never committed: rebuild it.
    if (!options.exclusive) registry.drop_index();
    throw;
  }
  return run.finish();
}

}  // namespace phongdich
