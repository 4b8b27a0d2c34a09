// Bulk import of persons and doses from CSV (docs/import-format.md).
//
// Policy: every good row is committed and every bad row is reported in an
// error file (line, field, code, rule, messages); nothing of a bad row is stored.
// Rows are committed in batches, each with the file's progress in the import
// journal, so an import killed half-way leaves whole batches behind and a re-run
// completes it: rows already stored (same person_ref; same person and dose date
// and product) are recognised and not added twice.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "app/registry.hpp"
#include "domain/date.hpp"

namespace phongdich {

struct ImportOptions {
  std::string tree = "vn2022";  // area tree of the commune codes in the file
  Date today;                   // no date in the file may be later
  std::string error_path;       // default: the input path + ".errors.csv"
  size_t batch_rows = 100000;
  Progress progress;  // bytes read, file size
  // When set, a row whose person lives in a commune it refuses is rejected
  // (import.area_outside): an upload through the API writes only inside the
  // uploader's area.
  std::function<bool(AreaId commune)> commune_allowed;
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
  double seconds = 0;
  std::map<std::string, int64_t> rejected_by_code;
};

ImportSummary import_persons(Registry& registry, const std::string& path,
                             const ImportOptions& options);
ImportSummary import_doses(Registry& registry, const std::string& path,
                           const ImportOptions& options);

}  // namespace phongdich
