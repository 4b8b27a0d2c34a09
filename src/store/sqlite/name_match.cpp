#include "store/sqlite/name_match.hpp"

#include <sqlite3.h>

#include <memory>
#include <string>

namespace phongdich {
namespace {

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

void register_name_match_function(SqliteDb& db) {
  const int rc = sqlite3_create_function_v2(
      db.handle(), "has_word_prefixes", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
      nullptr, sql_has_word_prefixes, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) throw StoreError("sqlite: cannot register has_word_prefixes");
}

}  // namespace phongdich
