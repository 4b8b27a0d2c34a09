// The words of a folded name, and the test behind name search: every word of
// the query begins some word of the name.
//
// Both sides are already folded (fold_vietnamese: lower case, no diacritics), so
// "nguyen a" matches "nguyen van an" and "an ng" matches it too. The SQLite
// store and the in-memory name index both use these, so they agree on what matches.
#pragma once

#include <span>
#include <string_view>
#include <vector>

namespace phongdich {

// The words of a folded text: runs of letters and digits (any byte >= 0x80 counts
// as a letter, so text that was not folded still splits sensibly).
std::vector<std::string_view> name_words(std::string_view folded_text);

// True when each of `query_words` is a prefix of some word of `folded_name`.
// No words match every name.
bool has_word_prefixes(std::string_view folded_name, std::span<const std::string_view> query_words);

}  // namespace phongdich
