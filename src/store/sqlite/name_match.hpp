// The name-search test of domain/name_words.hpp as an SQL function.
#pragma once

#include "domain/name_words.hpp"
#include "store/sqlite/sqlite_db.hpp"

namespace phongdich {

// Makes has_word_prefixes(folded_name, folded_query) callable from SQL on `db`; the
// query is split once per statement, not once per row.
void register_name_match_function(SqliteDb& db);

}  // namespace phongdich
