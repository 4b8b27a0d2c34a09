// The word-prefix rule behind name search, row by row.
#include <gtest/gtest.h>

#include "store/sqlite/name_match.hpp"

namespace phongdich {
namespace {

struct NameMatchCase {
  const char* folded_name;
  const char* folded_query;
  bool matches;
  const char* why;
};

const NameMatchCase kCases[] = {
    {"nguyen van an", "nguyen a", true, "each word begins a word of the name"},
    {"nguyen van an", "an nguyen", true, "words may come in any order"},
    {"nguyen van an", "nguyen van an", true, "the whole name"},
    {"nguyen van an", "", true, "no words: everyone"},
    {"nguyen van an", "guyen", false, "a word must match at the start of a name word"},
    {"nguyen van an", "nguyen b", false, "every word must match"},
    {"nguyen van an", "nguyen van anh", false, "a query word longer than the name word"},
    {"tran thi anh tuyet", "t a t", true, "initials"},
    {"le thi-hong", "hong", true, "a hyphen separates words"},
    {"h'hen nie", "nie h", true, "an apostrophe separates words"},
    {"ksor y", "y", true, "one-letter name word"},
};

TEST(NameMatch, WordPrefixRule) {
  for (const NameMatchCase& c : kCases) {
    const auto words = name_words(c.folded_query);
    EXPECT_EQ(has_word_prefixes(c.folded_name, words), c.matches)
        << "name \"" << c.folded_name << "\", query \"" << c.folded_query << "\": " << c.why;
  }
}

TEST(NameMatch, WordsSplitOnAnythingButLettersAndDigits) {
  EXPECT_EQ(name_words("  nguyen   van-an "),
            (std::vector<std::string_view>{"nguyen", "van", "an"}));
  EXPECT_TRUE(name_words(" - ").empty());
}

int64_t count_matches(SqliteDb& db, std::string_view query) {
  Statement count = db.prepare("SELECT count(*) FROM names WHERE has_word_prefixes(n, ?)");
  count.bind(1, query);
  return count.step() ? count.column_int64(0) : -1;
}

TEST(NameMatch, SqlFunctionAppliesTheSameRule) {
  SqliteDb db(":memory:");
  register_name_match_function(db);
  db.exec(
      "CREATE TABLE names(n TEXT);"
      "INSERT INTO names VALUES ('nguyen van an'), ('nguyen thi bich'), ('tran thi anh tuyet'),"
      " ('le thi-hong'), (NULL)");
  EXPECT_EQ(count_matches(db, "nguyen a"), 1);
  EXPECT_EQ(count_matches(db, "thi"), 3);
  EXPECT_EQ(count_matches(db, "t a"), 1);
  EXPECT_EQ(count_matches(db, "guyen"), 0);
  EXPECT_EQ(count_matches(db, ""), 4);  // a NULL name matches nothing
}

}  // namespace
}  // namespace phongdich
