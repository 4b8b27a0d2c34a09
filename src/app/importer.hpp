// Bulk import of persons and doses from CSV (docs/import-format.md).
//
// Policy: every good row is committed and every bad row is reported in an
// error file (line, field, code, rule, messages); nothing of a bad row is stored.
// Rows are committed in batches, each with the file's progress in the import
// journal, so an import killed half-way leaves whole batches behind and a re-run
// completes it: rows already stored (same person_ref; same person and dose date
// and product) are recognised and not added twice.
//
// Threads: the file is read and its rows checked field by field on a thread of
// its own; everything that reads or changes the registry (its index, the
// references, the store) runs in steps, one per batch, through
// ImportOptions::exclusive. A server passes a function that runs each step
// alone on its writer thread, so that it answers other requests between batches.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "app/registry.hpp"
#include "domain/date.hpp"

namespace phongdich {

struct ImportSummary;

struct ImportOptions {
  std::string tree = "vn2022";  // area tree of the commune codes in the file
  Date today;                   // no date in the file may be later
  std::string error_path;       // default: the input path + ".errors.csv"
  size_t batch_rows = 100000;
  Progress progress;  // rows read so far, 0; at the end: rows read, rows read
  // Called after each committed batch (from the thread the import was called on).
  std::function<void(const ImportSummary& so_far)> on_batch;
  // When set, a row whose person lives in a commune it refuses is rejected
  // (import.area_outside): an upload through the API writes only inside the
  // uploader's area.
  std::function<bool(AreaId commune)> commune_allowed;
  // Runs one step of the import (a batch's decisions and writes, the journal's
  // first read and last write). Empty: at once, on the calling thread, and the
  // schedule checks of doses run on the reading thread, beside the writes.
  std::function<void(const std::function<void()>& step)> exclusive;
  // Asked between batches; true stops the import there, with the summary's
  // `interrupted` set. A re-run of the file completes it.
  std::function<bool()> stop_requested;
};

struct ImportSummary {
  std::string kind;  // "persons" or "doses"
  std::string file;
  std::string error_file;
  int64_t rows_read = 0;
  int64_t rows_imported = 0;
  int64_t rows_already_present = 0;
  int64_t rows_rejected = 0;
  int64_t resumed_after_line = 0;  // lines committed by an earlier, unfinished run
  int64_t bytes_read = 0;          // of the file, up to the last committed batch
  int64_t bytes_total = 0;
  bool interrupted = false;  // stopped between batches (ImportOptions::stop_requested)
  double seconds = 0;
  std::map<std::string, int64_t> rejected_by_code;
};

ImportSummary import_persons(Registry& registry, const std::string& path,
                             const ImportOptions& options);
ImportSummary import_doses(Registry& registry, const std::string& path,
                           const ImportOptions& options);

}  // namespace phongdich
