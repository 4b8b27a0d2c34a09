#include <string_view>

#include "store/postgres/postgres_store.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/store.hpp"

namespace phongdich {
namespace {

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

}  // namespace

std::unique_ptr<Store> open_store(const std::string& url, OpenMode mode) {
  if (starts_with(url, "postgres://") || starts_with(url, "postgresql://")) {
    // libpq reads the URL itself: user, password, host, port, database and
    // parameters such as ?sslmode=require or ?options=-csearch_path%3Dx.
    return std::make_unique<PostgresStore>(url, mode);
  }
  std::string_view path = url;
  if (starts_with(path, "sqlite:")) {
    path.remove_prefix(7);
    if (starts_with(path, "//")) path.remove_prefix(2);  // "sqlite:///var/db" = "/var/db"
  }
  if (path.empty()) throw StoreError("open_store: no database path in \"" + url + "\"");
  SqliteOptions options;
  if (mode == OpenMode::read_only) {
    options.query_only = true;
    options.cache_kib = 64 * 1024;  // one per request thread
    options.map_whole_file = true;
  }
  return std::make_unique<SqliteStore>(std::string(path), options);
}

}  // namespace phongdich
