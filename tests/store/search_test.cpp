// Name search: diacritics ignored, words as word prefixes, communes, order, paging.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>

#include "domain/text_fold.hpp"
#include "store/sqlite/name_match.hpp"
#include "store/store_fixture.hpp"

namespace phongdich::testing {
namespace {

NameQuery query(std::string text, std::vector<AreaId> communes = {}, size_t limit = 50,
                size_t offset = 0) {
  NameQuery q;
  q.folded_name = std::move(text);
  q.communes = std::move(communes);
  q.limit = limit;
  q.offset = offset;
  return q;
}

class SearchTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;  // no PostgreSQL server to run on
    // The external ref is a label the expectations below refer to.
    const std::vector<StoredPerson> people = {
        make_person("Nguyễn Văn An", kBenNghe, "BN-an"),
        make_person("Nguyễn Văn Anh", kBenNghe, "BN-anh"),
        make_person("Nguyễn Thị Bích", kBenNghe, "BN-bich"),
        make_person("Trần Nguyễn An", kBenNghe, "BN-tran"),
        make_person("Lê Văn Ân", kBenNghe, "BN-le"),
        make_person("Nguyễn Văn An", kDaKao, "DK-an"),
        make_person("Nguyễn An Khang", kDaKao, "DK-khang"),
        make_person("Phạm An", kBenThanh, "BT-pham"),
    };
    store_->insert_persons_bulk(people);
  }

  std::vector<std::string> labels(const NameQuery& q) {
    std::vector<std::string> found;
    for (const StoredPerson& p : store_->search_persons(q)) found.push_back(p.external_ref);
    return found;
  }
};

struct SearchCase {
  const char* searched;
  std::vector<AreaId> communes;       // empty: nationwide
  std::vector<std::string> expected;  // in result order: folded name, then id
  const char* why;
};

TEST_P(SearchTest, Rows) {
  const std::vector<SearchCase> cases = {
      {"nguyen a",
       {kBenNghe},
       {"BN-an", "BN-anh", "BN-tran"},
       "each word begins a word of the name, in any position"},
      {"Nguyễn",
       {kBenNghe},
       {"BN-bich", "BN-an", "BN-anh", "BN-tran"},
       "diacritics and case are ignored on both sides"},
      {"NGUYỄN VĂN", {kBenNghe}, {"BN-an", "BN-anh"}, "upper case with diacritics"},
      {"an",
       {kBenNghe, kDaKao},
       {"BN-le", "DK-khang", "BN-an", "DK-an", "BN-anh", "BN-tran"},
       "several communes: one list in name order, same names by id"},
      {"guyen", {kBenNghe}, {}, "a word matches only at the start of a name word"},
      {"", {kDaKao}, {"DK-khang", "DK-an"}, "no words: the whole commune in name order"},
      {"nguyen van an",
       {},
       {"BN-an", "DK-an", "BN-anh"},
       "nationwide: names that start with the first word"},
      {"an", {}, {}, "nationwide: the first word must begin the name (family name first)"},
      {"pham", {}, {"BT-pham"}, "nationwide finds every commune"},
  };
  for (const SearchCase& c : cases) {
    EXPECT_EQ(labels(query(c.searched, c.communes)), c.expected)
        << "searched \"" << c.searched << "\": " << c.why;
  }
}

TEST_P(SearchTest, LimitAndOffsetPageThroughTheOrderedList) {
  EXPECT_EQ(labels(query("an", {kBenNghe, kDaKao}, 2, 0)),
            (std::vector<std::string>{"BN-le", "DK-khang"}));
  EXPECT_EQ(labels(query("an", {kBenNghe, kDaKao}, 2, 2)),
            (std::vector<std::string>{"BN-an", "DK-an"}));
  EXPECT_EQ(labels(query("an", {kBenNghe, kDaKao}, 2, 6)), std::vector<std::string>{});
  EXPECT_EQ(labels(query("an", {kBenNghe, kDaKao}, SIZE_MAX, 4)),
            (std::vector<std::string>{"BN-anh", "BN-tran"}))
      << "a limit past any count means all";
}

TEST_P(SearchTest, NationwidePagesThroughEveryCommuneInNameOrder) {
  // All names starting with "nguyen", in order: DK-khang (nguyen an khang),
  // BN-bich (nguyen thi bich), BN-an, DK-an (nguyen van an), BN-anh (nguyen van anh).
  EXPECT_EQ(labels(query("nguyen", {}, 3, 0)),
            (std::vector<std::string>{"DK-khang", "BN-bich", "BN-an"}));
  EXPECT_EQ(labels(query("nguyen", {}, 2, 3)), (std::vector<std::string>{"DK-an", "BN-anh"}));
  EXPECT_EQ(labels(query("nguyen", {}, 0, 0)), std::vector<std::string>{});
  EXPECT_EQ(labels(query("", {}, 1, 0)), std::vector<std::string>{"BN-le"});
}

TEST_P(SearchTest, OverManyCommunesTheFirstWordBeginsTheName) {
  // A province's search: more than 32 communes, searched like a nationwide one.
  std::vector<AreaId> many = {kBenNghe, kDaKao, kBenThanh};
  for (AreaId other = 1; many.size() <= 32; ++other) {
    if (other != kBenNghe && other != kDaKao && other != kBenThanh) many.push_back(other);
  }
  EXPECT_EQ(labels(query("nguyen van an", many)),
            (std::vector<std::string>{"BN-an", "DK-an", "BN-anh"}));
  EXPECT_EQ(labels(query("an", many)), std::vector<std::string>{})
      << "family name first, as nationwide";
  EXPECT_EQ(labels(query("pham an", many)), std::vector<std::string>{"BT-pham"});
  EXPECT_EQ(labels(query("nguyen", many, 2, 3)), (std::vector<std::string>{"DK-an", "BN-anh"}))
      << "pages in name order across the communes";
  EXPECT_EQ(labels(query("", many, 1, 0)), std::vector<std::string>{"BN-le"})
      << "no words: every name, in order";
}

TEST_P(SearchTest, ResultsCarryTheWholePerson) {
  const auto found = store_->search_persons(query("tran nguyen", {kBenNghe}));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].person.full_name, "Trần Nguyễn An");
  EXPECT_EQ(found[0].person.area_id, kBenNghe);
  EXPECT_EQ(found[0].person.birth_date, *Date::parse_iso("1980-05-17"));
}

TEST_P(SearchTest, CommuneSearchUsesTheCommuneNameIndex) {
  // Guards the plan that keeps a commune search fast on a national registry.
  if (is_postgres()) GTEST_SKIP() << "SQLite's query plan";
  Statement plan = static_cast<SqliteStore&>(*store_).db().prepare(
      "EXPLAIN QUERY PLAN SELECT id FROM persons INDEXED BY persons_area_name "
      "WHERE area_id IN (1) ORDER BY folded_name, id");
  std::string details;
  while (plan.step()) details += std::string(plan.column_text(3)) + "\n";
  EXPECT_NE(details.find("persons_area_name"), std::string::npos) << details;
  EXPECT_EQ(details.find("TEMP B-TREE"), std::string::npos) << details;
}

// Where a word may begin is name_match's rule (has_word_prefixes), on both stores.
TEST_P(SearchTest, WordsBeginWhereNameMatchSaysTheyDo) {
  struct Case {
    const char* name;
    const char* searched;
  };
  const std::vector<Case> cases = {
      {"Nguyễn-Văn Tâm", "van"},
      {"O'Brien Thị", "brien"},
      {"Lê Văn 2", "2"},
      {"Trần_Văn Út", "van"},
      {"Phạm.Bảo", "bao"},
      {"Đỗ Mười", "muoi"},
      {"Hồ  Chí   Minh", "chi minh"},
      {"Vũ A1", "a1"},
      {"Xanh Lam", "anh"},
      {"Bùi Tiến", "bu"},
      {"Thị Mỹ", "my thi"},
      {"Văn(Tú)", "tu"},
      {"A/B Cường", "b"},
      {"Ngô Quyền", "quyen%"},
      {"Ngô Quyền", "qu_yen"},
      {"Lò Văn Giàng", "o"},
      {"Hà Giang", "iang"},
      {"Hà Giang", "ha.giang"},
  };
  std::vector<std::string> refs;
  for (size_t i = 0; i < cases.size(); ++i) {
    refs.push_back("w" + std::to_string(i));
    store_->insert_person(make_person(cases[i].name, kSaiGon2025, refs.back()));
  }
  int matches = 0;
  for (size_t i = 0; i < cases.size(); ++i) {
    const std::string folded_query = fold_vietnamese(cases[i].searched);
    const std::vector<std::string_view> words = name_words(folded_query);
    const bool expected = has_word_prefixes(fold_vietnamese(cases[i].name), words);
    const auto found = labels(query(cases[i].searched, {kSaiGon2025}, 100));
    const bool got = std::find(found.begin(), found.end(), refs[i]) != found.end();
    EXPECT_EQ(got, expected) << "\"" << cases[i].searched << "\" in \"" << cases[i].name << "\"";
    matches += expected ? 1 : 0;
  }
  // The table holds both answers.
  EXPECT_GT(matches, 0);
  EXPECT_LT(matches, static_cast<int>(cases.size()));
}

PHONGDICH_ON_EVERY_STORE(SearchTest);

}  // namespace
}  // namespace phongdich::testing
