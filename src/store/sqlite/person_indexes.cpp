#include "store/sqlite/person_indexes.hpp"

#include <string>

namespace phongdich {
namespace {

constexpr int64_t kBuildCacheKib = 64 * 1024;

bool index_exists(SqliteDb& db, std::string_view name) {
  return db.query_int64("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = '" +
                        std::string(name) + "'")
             .value_or(0) > 0;
}

}  // namespace

bool drop_person_indexes_if_no_persons(SqliteDb& db) {
  bool dropped = false;
  run_in_transaction(db, "BEGIN IMMEDIATE", [&] {
    if (db.query_int64("SELECT 1 FROM persons LIMIT 1")) return;
    for (const PersonIndex& index : kPersonIndexes) {
      db.exec("DROP INDEX IF EXISTS " + std::string(index.name));
    }
    dropped = true;
  });
  return dropped;
}

void build_missing_person_indexes(SqliteDb& db) {
  bool all_there = true;
  for (const PersonIndex& index : kPersonIndexes)
    all_there = all_there && index_exists(db, index.name);
  if (all_there) return;
  // CREATE INDEX reads the whole table and sorts its keys in runs as large as
  // the page cache, written to temporary files. With the store's settings
  // (temp_store=MEMORY, a 256 MB cache, 256 MB mapped) that would add about
  // 700 MB at 10 M persons to what the import holds (its budget is 2 GiB), so
  // the build runs on disk files, a smaller cache and no map.
  const int64_t temp_store = db.query_int64("PRAGMA temp_store").value_or(0);
  const int64_t cache_size = db.query_int64("PRAGMA cache_size").value_or(-2000);
  const int64_t mmap_size = db.query_int64("PRAGMA mmap_size").value_or(0);
  auto restore = [&] {
    db.exec("PRAGMA temp_store=" + std::to_string(temp_store));
    db.exec("PRAGMA cache_size=" + std::to_string(cache_size));
    db.exec("PRAGMA mmap_size=" + std::to_string(mmap_size));
  };
  db.exec("PRAGMA temp_store=FILE");
  db.exec("PRAGMA cache_size=" + std::to_string(-kBuildCacheKib));
  db.exec("PRAGMA mmap_size=0");
  try {
    run_in_transaction(db, "BEGIN IMMEDIATE", [&] {
      for (const PersonIndex& index : kPersonIndexes) db.exec(index.create_sql);
    });
  } catch (...) {
    restore();
    throw;
  }
  restore();
}

}  // namespace phongdich
