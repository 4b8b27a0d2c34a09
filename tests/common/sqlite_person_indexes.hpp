// The indexes on persons in an SQLite file, read on a connection of its own:
// what a first import defers and builds again (store/sqlite/person_indexes.hpp).
#pragma once

#include <map>
#include <string>

#include "store/sqlite/sqlite_db.hpp"

namespace phongdich::testing {

// Name -> CREATE statement (SQLite keeps the statement's text as it was given).
inline std::map<std::string, std::string> sqlite_person_indexes(const std::string& path) {
  SqliteDb db(path);
  Statement select = db.prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'persons' "
      "AND sql IS NOT NULL");
  std::map<std::string, std::string> found;
  while (select.step()) found[std::string(select.column_text(0))] = select.column_text(1);
  return found;
}

}  // namespace phongdich::testing
