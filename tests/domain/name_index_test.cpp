// The name index answers exactly what the name-search rule (domain/name_words)
// says, in name order, whatever the order in which names arrive.
#include "domain/name_index.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "domain/name_words.hpp"

namespace phongdich {
namespace {

using Slot = NameIndex::Slot;

// Names as folded text, slot = position.
const std::vector<std::string> kNames = {
    "nguyen van an",       // 0
    "nguyen thi van anh",  // 1
    "tran van an",         // 2
    "nguyen van anh",      // 3
    "le thi hoa",          // 4
    "nguyen an",           // 5
    "pham nguyen van",     // 6
    "nguyen van an",       // 7: same name as 0, comes after it by slot
    "an nguyen van",       // 8
};

NameIndex loaded(const std::vector<std::string>& names) {
  NameIndex index;
  index.begin_load(names.size());
  for (Slot s = 0; s < names.size(); ++s) index.set_name(s, names[s]);
  index.finish_load();
  return index;
}

// An area of the slots for which `include` holds, given as one member list.
std::vector<Slot> search(const NameIndex& index, std::string_view query, size_t limit = 50,
                         size_t offset = 0, std::function<bool(Slot)> include = {},
                         unsigned threads = 1) {
  if (!include) include = [](Slot) { return true; };
  std::vector<Slot> members;
  for (Slot s = 0; s < index.slot_count(); ++s) {
    if (include(s)) members.push_back(s);
  }
  NameIndex::Area area{include, {members}};
  const auto words = name_words(query);
  return index.search(words, area, limit, offset, threads);
}

struct SearchCase {
  std::string query;
  std::vector<Slot> expected;  // in name order
};

TEST(NameIndex, FindsNamesWhereEveryQueryWordBeginsAWord) {
  const NameIndex index = loaded(kNames);
  const std::vector<SearchCase> cases = {
      // query              names, in name order
      {"nguyen van an", {8, 1, 0, 7, 3}},  // "an" begins "anh" too; any word order
      {"van an", {8, 1, 0, 7, 3, 2}},
      {"anh", {1, 3}},
      {"hoa", {4}},
      {"le th", {4}},
      {"ng an", {8, 5, 1, 0, 7, 3}},
      {"nguyen", {8, 5, 1, 0, 7, 3, 6}},
      {"x", {}},                         // no word begins with x
      {"nguyen hoa", {}},                // both words exist, never in one name
      {"van an tran", {2}},              //
      {"an an", {8, 5, 1, 0, 7, 3, 2}},  // a word may serve twice
  };
  for (const auto& c : cases) {
    EXPECT_EQ(search(index, c.query), c.expected) << c.query;
  }
}

TEST(NameIndex, NoWordsListsEveryNameInOrder) {
  const NameIndex index = loaded(kNames);
  EXPECT_EQ(search(index, ""), (std::vector<Slot>{8, 4, 5, 1, 0, 7, 3, 6, 2}));
  EXPECT_EQ(search(index, " - "), (std::vector<Slot>{8, 4, 5, 1, 0, 7, 3, 6, 2}));
}

TEST(NameIndex, PagesFollowOneAnother) {
  const NameIndex index = loaded(kNames);
  EXPECT_EQ(search(index, "nguyen", 3, 0), (std::vector<Slot>{8, 5, 1}));
  EXPECT_EQ(search(index, "nguyen", 3, 3), (std::vector<Slot>{0, 7, 3}));
  EXPECT_EQ(search(index, "nguyen", 3, 6), (std::vector<Slot>{6}));
  EXPECT_EQ(search(index, "nguyen", 3, 9), (std::vector<Slot>{}));
  EXPECT_EQ(search(index, "nguyen", 0, 0), (std::vector<Slot>{}));
}

TEST(NameIndex, OnlyIncludedSlotsAreFound) {
  const NameIndex index = loaded(kNames);
  const auto even = [](Slot s) { return s % 2 == 0; };
  EXPECT_EQ(search(index, "nguyen van", 50, 0, even), (std::vector<Slot>{8, 0, 6}));
}

TEST(NameIndex, NamesAddedAfterTheLoadKeepTheOrder) {
  NameIndex index = loaded(kNames);
  index.set_name(9, "nguyen van aa");  // new word "aa" sorts before "an"
  index.set_name(10, "bui van an");
  EXPECT_EQ(search(index, "nguyen van a"), (std::vector<Slot>{8, 1, 9, 0, 7, 3}));
  EXPECT_EQ(search(index, "van an", 2), (std::vector<Slot>{8, 10}));
}

TEST(NameIndex, ARenameMovesTheName) {
  NameIndex index = loaded(kNames);
  index.set_name(4, "le thi hoa hoa");  // same words, one twice
  EXPECT_EQ(search(index, "hoa"), (std::vector<Slot>{4}));
  index.set_name(4, "le van hung");
  EXPECT_EQ(search(index, "hoa"), (std::vector<Slot>{}));
  EXPECT_EQ(search(index, "hung"), (std::vector<Slot>{4}));
  EXPECT_EQ(search(index, "le"), (std::vector<Slot>{4}));
}

// Many random names against the rule applied name by name, at shallow pages
// (kept in a heap) and deep ones (ordered at once), in a large area (read
// through the lists of words) and a small one (read through its members).
TEST(NameIndex, AgreesWithTheRuleOnRandomNames) {
  const std::vector<std::string> family = {"nguyen", "tran", "le", "pham", "hoang", "ngo", "ng"};
  const std::vector<std::string> middle = {"van", "thi", "huu", "duc", "ngoc", ""};
  const std::vector<std::string> given = {"an", "anh", "binh", "hoa", "hoang", "nga", "ngan", "tu"};
  std::mt19937 random(7);
  const auto pick = [&](const std::vector<std::string>& from) {
    return from[random() % from.size()];
  };
  std::vector<std::string> names;
  for (int i = 0; i < 3000; ++i) {
    std::string name = pick(family);
    if (const std::string m = pick(middle); !m.empty()) name += " " + m;
    name += " " + pick(given);
    names.push_back(name);
  }
  // Half loaded at once, half added afterwards, some renamed.
  NameIndex index;
  index.begin_load(names.size());
  for (Slot s = 0; s < names.size() / 2; ++s) index.set_name(s, names[s]);
  index.finish_load();
  for (Slot s = static_cast<Slot>(names.size() / 2); s < names.size(); ++s) {
    index.set_name(s, names[s]);
  }
  for (Slot s = 0; s < names.size(); s += 97) {
    names[s] = pick(given) + " " + pick(family);
    index.set_name(s, names[s]);
  }

  const auto name_order = [&](Slot a, Slot b) {
    const auto wa = name_words(names[a]);
    const auto wb = name_words(names[b]);
    if (wa != wb) return std::lexicographical_compare(wa.begin(), wa.end(), wb.begin(), wb.end());
    return a < b;
  };
  for (const auto& in_area : std::vector<std::function<bool(Slot)>>{
           [](Slot s) { return s % 3 != 0; }, [](Slot s) { return s >= 1000 && s < 1200; }}) {
    for (const std::string query :
         {"ng", "nguyen an", "h", "an ng", "van", "t b", "ngoc hoa", ""}) {
      const auto words = name_words(query);
      std::vector<Slot> expected;
      for (Slot s = 0; s < names.size(); ++s) {
        if (in_area(s) && has_word_prefixes(names[s], words)) expected.push_back(s);
      }
      std::sort(expected.begin(), expected.end(), name_order);
      for (const auto& [limit, offset] :
           {std::pair<size_t, size_t>{20, 0}, {50, 100}, {1500, 10}}) {
        std::vector<Slot> page;
        for (size_t i = offset; i < std::min(expected.size(), offset + limit); ++i) {
          page.push_back(expected[i]);
        }
        EXPECT_EQ(search(index, query, limit, offset, in_area), page)
            << "query \"" << query << "\" limit " << limit << " offset " << offset;
      }
    }
  }
}

// Enough names that a search reads its candidates in two threads: the answer
// is the one a single thread gives.
TEST(NameIndex, TwoThreadsFindWhatOneFinds) {
  const std::vector<std::string> family = {"nguyen", "tran", "le", "pham"};
  const std::vector<std::string> given = {"an", "anh", "binh", "hoa", "tu", "van"};
  std::mt19937 random(11);
  NameIndex index;
  index.begin_load(300'000);
  for (Slot s = 0; s < 300'000; ++s) {
    index.set_name(s, family[random() % family.size()] + " " + given[random() % given.size()] +
                          " " + given[random() % given.size()]);
  }
  index.finish_load();
  const auto in_area = [](Slot s) { return s % 5 != 0; };
  for (const std::string query : {"nguyen", "an", "", "tran van"}) {
    for (const auto& [limit, offset] : {std::pair<size_t, size_t>{50, 0}, {20, 5000}}) {
      const auto one = search(index, query, limit, offset, in_area, 1);
      EXPECT_EQ(one.size(), limit) << query;
      EXPECT_EQ(search(index, query, limit, offset, in_area, 2), one) << query;
    }
  }
}

}  // namespace
}  // namespace phongdich
