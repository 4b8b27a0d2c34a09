// The due / overdue list of a commune (catch-up, "tiêm vét"): who is listed,
// in what order, and what is marked.
#include <gtest/gtest.h>

#include <algorithm>

#include "app/registry_fixture.hpp"

namespace phongdich::testing {
namespace {

class DueListTest : public RegistryTest {
 protected:
  DueListTest() {
    // Aged 55, primary series in January: booster due 2022-04-22 (3 months), long overdue.
    elder = add_person({.name = "Ông Nguyễn Văn Lão", .birth = "1967-01-01"});
    add_dose(elder, "2022-01-01", "PFIZER");
    add_dose(elder, "2022-01-22", "PFIZER");
    // Aged 30, high-risk, cannot travel: second dose due 2022-08-22, 24 days late on 09-15.
    homebound = add_person({.name = "Trần Thị Nằm",
                            .sex = Sex::female,
                            .birth = "1992-03-03",
                            .other_risk = true,
                            .home_visit = true});
    add_dose(homebound, "2022-08-01", "PFIZER");
    // Aged 30: second dose due 2022-06-22, 85 days late on 09-15.
    late = add_person({.name = "Lê Văn Trễ", .birth = "1992-03-03"});
    add_dose(late, "2022-06-01", "PFIZER");
    // Aged 30: first dose on 2022-09-10, second not due until 2022-10-01.
    recent = add_person({.name = "Phạm Thị Mới", .sex = Sex::female, .birth = "1992-03-03"});
    add_dose(recent, "2022-09-10", "PFIZER");
    // In another ward: never on this ward's list.
    add_person({.name = "Hồ Văn Xa", .birth = "1967-01-01", .commune = "vn2022:27211"});
  }

  static const DueEntry* find(const DueList& list, PersonId id) {
    const auto it = std::find_if(list.entries.begin(), list.entries.end(),
                                 [&](const DueEntry& e) { return e.person_id == id; });
    return it == list.entries.end() ? nullptr : &*it;
  }

  PersonId elder = 0, homebound = 0, late = 0, recent = 0;
};

TEST_F(DueListTest, PriorityPeopleComeFirstThenTheLongestWaiting) {
  const DueList list = registry().due_list(area("vn2022:27208"), day("2022-09-15"));
  ASSERT_EQ(list.entries.size(), 3u);
  EXPECT_EQ(list.entries[0].person_id, elder);      // 50+
  EXPECT_EQ(list.entries[1].person_id, homebound);  // high-risk, though less late than `late`
  EXPECT_EQ(list.entries[2].person_id, late);
  EXPECT_EQ(list.overdue_after_days, 30);
}

TEST_F(DueListTest, EachEntryIsMarked) {
  const DueList list = registry().due_list(area("vn2022:27208"), day("2022-09-15"));
  struct Row {
    PersonId id;
    const char* next_due;
    int days_late;
    bool overdue, priority, age50_plus, high_risk, home_visit;
    DoseKind next_kind;
  };
  const Row rows[] = {
      // who        next due      late  overdue priority 50+    high-risk home    next dose
      {elder, "2022-04-22", 146, true, true, true, false, false, DoseKind::booster1},
      {homebound, "2022-08-22", 24, false, true, false, true, true, DoseKind::primary},
      {late, "2022-06-22", 85, true, false, false, false, false, DoseKind::primary},
  };
  for (const Row& row : rows) {
    const DueEntry* e = find(list, row.id);
    ASSERT_NE(e, nullptr) << row.id;
    SCOPED_TRACE(row.id);
    EXPECT_EQ(e->next_due, day(row.next_due));
    EXPECT_EQ(e->days_late, row.days_late);
    EXPECT_EQ(e->overdue, row.overdue);
    EXPECT_EQ(e->priority, row.priority);
    EXPECT_EQ(e->age50_plus, row.age50_plus);
    EXPECT_EQ(e->high_risk, row.high_risk);
    EXPECT_EQ(e->home_visit, row.home_visit);
    EXPECT_EQ(e->next_kind, row.next_kind);
    EXPECT_FALSE(e->products.empty());
  }
  EXPECT_EQ(list.overdue_count, 2u);
  EXPECT_EQ(list.due_count, 1u);
}

TEST_F(DueListTest, PersonsNotYetDueAreLeftOut) {
  const DueList list = registry().due_list(area("vn2022:27208"), day("2022-09-15"));
  EXPECT_EQ(find(list, recent), nullptr);
}

TEST_F(DueListTest, TheAsOfDateDecidesWhoIsDueAndWhoIsOverdue) {
  // On 2022-08-15 the homebound person's second dose was not yet due, the person
  // dosed on 09-10 had no dose yet (so was due a first one), and `late` was 54 days late.
  const DueList list = registry().due_list(area("vn2022:27208"), day("2022-08-15"));
  EXPECT_EQ(find(list, homebound), nullptr);
  const DueEntry* recent_entry = find(list, recent);
  ASSERT_NE(recent_entry, nullptr);
  EXPECT_EQ(recent_entry->status, VaccinationStatus::none);
  const DueEntry* late_entry = find(list, late);
  ASSERT_NE(late_entry, nullptr);
  EXPECT_EQ(late_entry->days_late, 54);
  EXPECT_TRUE(late_entry->overdue);
  // 2022-07-15: `late` was 23 days late, not yet overdue.
  const DueList earlier = registry().due_list(area("vn2022:27208"), day("2022-07-15"));
  ASSERT_NE(find(earlier, late), nullptr);
  EXPECT_FALSE(find(earlier, late)->overdue);
}

TEST_F(DueListTest, ADoseJustGivenTakesThePersonOffTheList) {
  add_dose(late, "2022-09-14", "PFIZER");
  const DueList list = registry().due_list(area("vn2022:27208"), day("2022-09-15"));
  EXPECT_EQ(find(list, late), nullptr);
  EXPECT_EQ(list.entries.size(), 2u);
}

}  // namespace
}  // namespace phongdich::testing
