#include "store/sqlite/name_match.hpp"

#include <sqlite3.h>

#include <memory>
#include <string>

namespace phongdich {
namespace {

bool is_word_byte(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
         (byte >= '0' && byte <= '9') || byte >= 0x80;
}

bool word_starts_at(std::string_view text, size_t pos) {
  return pos == 0 || !is_word_byte(text[pos - 1]);
}

bool has_word_starting_with(std::string_view name, std::string_view word) {
  for (size_t pos = name.find(word); pos != std::string_view::npos;
       pos = name.find(word, pos + 1)) {
    if (word_starts_at(name, pos)) return true;
  }
  return false;
}

// The parsed query kept by SQLite between rows of one statement execution.
struct ParsedQuery {
  std::string text;
  std::vector<std::string_view> words;  // views into `text`
};

void delete_parsed_query(void* query) { delete static_cast<ParsedQuery*>(query); }

void sql_has_word_prefixes(sqlite3_context* context, int /*argc*/, sqlite3_value** argv) {
  const auto* name = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
  if (name == nullptr) return sqlite3_result_int(context, 0);
  const std::string_view folded_name(name, static_cast<size_t>(sqlite3_value_bytes(argv[0])));

  if (const auto* cached = static_cast<const ParsedQuery*>(sqlite3_get_auxdata(context, 1))) {
    return sqlite3_result_int(context, has_word_prefixes(folded_name, cached->words) ? 1 : 0);
  }
  const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[1]));
  auto parsed = std::make_unique<ParsedQuery>();
  parsed->text = text != nullptr ? text : "";
  parsed->words = name_words(parsed->text);
  sqlite3_result_int(context, has_word_prefixes(folded_name, parsed->words) ? 1 : 0);
  // Kept for the next rows while the query argument stays the same; SQLite owns
  // it from here on (and may free it at once).
  sqlite3_set_auxdata(context, 1, parsed.release(), delete_parsed_query);
}

}  // namespace

std::vector<std::string_view> name_words(std::string_view folded_text) {
  std::vector<std::string_view> words;
  size_t pos = 0;
  while (pos < folded_text.size()) {
    while (pos < folded_text.size() && !is_word_byte(folded_text[pos])) ++pos;
    const size_t start = pos;
    while (pos < folded_text.size() && is_word_byte(folded_text[pos])) ++pos;
    if (pos > start) words.push_back(folded_text.substr(start, pos - start));
  }
  return words;
}

bool has_word_prefixes(std::string_view folded_name,
                       std::span<const std::string_view> query_words) {
  for (std::string_view word : query_words) {
    if (!has_word_starting_with(folded_name, word)) return false;
  }
  return true;
}

void register_name_match_function(SqliteDb& db) {
  const int rc = sqlite3_create_function_v2(
      db.handle(), "has_word_prefixes", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
      nullptr, sql_has_word_prefixes, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) throw StoreError("sqlite: cannot register has_word_prefixes");
}

}  // namespace phongdich
