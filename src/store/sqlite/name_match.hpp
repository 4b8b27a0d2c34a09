// The test behind name search: every word of the query begins some word of the name.
//
// Both sides are already folded (fold_vietnamese: lower case, no diacritics), so
// "nguyen a" matches "nguyen van an" and "an ng" matches it too.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "store/sqlite/sqlite_db.hpp"

namespace phongdich {

// The words of a folded text: runs of letters and digits (any byte >= 0x80 counts
// as a letter, so text that was not folded still splits sensibly).
std::vector<std::string_view> name_words(std::string_view folded_text);

// True when each of `query_words` is a prefix of some word of `folded_name`.
// No words match every name.
bool has_word_prefixes(std::string_view folded_name, std::span<const std::string_view> query_words);

// Makes has_word_prefixes(folded_name, folded_query) callable from SQL on `db`; the
// query is split once per statement, not once per row.
void register_name_match_function(SqliteDb& db);

}  // namespace phongdich
