// Registry use-cases: registering persons, linking citizen IDs, recording doses
// (rejected, overridden, duplicated) and a person's status as of a date.
#include <gtest/gtest.h>

#include "app/registry_fixture.hpp"

namespace phongdich::testing {
namespace {

// Male, born 1960, birth registered in Hồ Chí Minh City (079).
constexpr const char* kIdMale1960 = "079060000101";

void expect_explained(const Violation& v) {
  EXPECT_FALSE(v.field.empty()) << v.code;
  EXPECT_FALSE(v.rule.empty()) << v.code;
  EXPECT_FALSE(v.message_vi.empty()) << v.code;
  EXPECT_FALSE(v.message_en.empty()) << v.code;
  EXPECT_NE(v.message_vi, v.message_en) << v.code;
}

using RegisterPerson = RegistryTest;

TEST_F(RegisterPerson, StoresAValidPerson) {
  const PersonId id = add_person({.name = "Trần Thị Bích",
                                  .sex = Sex::female,
                                  .birth = "1965-03-04",
                                  .citizen_id = "079165000202"});
  ASSERT_GT(id, 0);
  const auto stored = registry().store().person(id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->person.full_name, "Trần Thị Bích");
  EXPECT_EQ(stored->person.citizen_id, "079165000202");
  EXPECT_EQ(registry().store().person_count(), 1);
}

TEST_F(RegisterPerson, RejectsACitizenIdThatDisagreesWithTheBirthYear) {
  // Digits 5-6 say born in '99; the person was born in 1960.
  const auto r = registry().register_person(
      make_person({.birth = "1960-05-05", .citizen_id = "079099000101"}), "");
  EXPECT_FALSE(r.id);
  ASSERT_EQ(r.violations.size(), 1u);
  EXPECT_EQ(r.violations[0].code, "citizen_id.birth_year");
  EXPECT_EQ(r.violations[0].field, "citizen_id");
  expect_explained(r.violations[0]);
  EXPECT_EQ(registry().store().person_count(), 0);
}

TEST_F(RegisterPerson, RejectsACitizenIdThatIsNotTwelveDigits) {
  const auto r = registry().register_person(
      make_person({.birth = "1960-05-05", .citizen_id = "07906000010"}), "");
  EXPECT_FALSE(r.id);
  ASSERT_FALSE(r.violations.empty());
  EXPECT_EQ(r.violations[0].code, "citizen_id.format");
  expect_explained(r.violations[0]);
  EXPECT_EQ(registry().store().person_count(), 0);
}

TEST_F(RegisterPerson, RejectsASecondPersonWithTheSameCitizenIdAndStoresNothing) {
  add_person({.name = "Lê Văn Cường", .birth = "1960-05-05", .citizen_id = kIdMale1960});
  const auto r = registry().register_person(
      make_person({.name = "Phạm Văn Dũng", .birth = "1960-07-07", .citizen_id = kIdMale1960}),
      "HK-17");
  EXPECT_FALSE(r.id);
  ASSERT_EQ(r.violations.size(), 1u);
  EXPECT_EQ(r.violations[0].code, "person.citizen_id.taken");
  expect_explained(r.violations[0]);
  EXPECT_EQ(registry().store().person_count(), 1);
  // The index (coverage) does not count the rejected person either.
  EXPECT_EQ(registry().coverage_cube(area("vn2022:27208"), today()).sum().total(), 1u);
}

TEST_F(RegisterPerson, SameReferenceTwiceIsOnePerson) {
  const PersonId first = add_person({.ref = "TYT-0001"});
  const auto again = registry().register_person(make_person({.ref = "TYT-0001"}), "");
  ASSERT_TRUE(again.id);
  EXPECT_EQ(*again.id, first);
  EXPECT_TRUE(again.already_present);
  EXPECT_EQ(registry().store().person_count(), 1);
}

// A person registered after the index is loaded must not make it copy its
// arrays to grow: with millions of persons that copy held every other request
// up (the first registration after a start, or an import's first batch).
TEST_F(RegisterPerson, ThePersonsAddedAfterTheIndexIsLoadedMoveNoArray) {
  for (int i = 0; i < 200; ++i) add_person({.ref = "start-" + std::to_string(i)});
  reopen();
  const PersonRow* rows = registry().index().rows().data();  // loads the index
  for (int i = 0; i < 50; ++i) add_person({.ref = "later-" + std::to_string(i)});
  EXPECT_EQ(registry().index().size(), 250u);
  EXPECT_EQ(registry().index().rows().data(), rows) << "the rows were copied to grow";
}

TEST_F(RegisterPerson, APersonWithoutIdGetsOneLinkedLater) {
  const PersonId child = add_person({.name = "Võ Minh Khang", .birth = "1960-05-05"});
  EXPECT_FALSE(registry().store().person(child)->person.citizen_id);

  EXPECT_TRUE(registry().link_citizen_id(child, kIdMale1960).empty());
  EXPECT_EQ(registry().store().person(child)->person.citizen_id, kIdMale1960);
  EXPECT_EQ(registry().store().person_by_citizen_id(kIdMale1960)->person.id, child);
}

TEST_F(RegisterPerson, LinkingAnIdAlreadyHeldByAnotherPersonIsRejected) {
  add_person({.birth = "1960-05-05", .citizen_id = kIdMale1960});
  const PersonId other = add_person({.name = "Đỗ Văn Hải", .birth = "1960-09-09"});
  const Violations v = registry().link_citizen_id(other, kIdMale1960);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].code, "person.citizen_id.taken");
  EXPECT_FALSE(registry().store().person(other)->person.citizen_id);
}

TEST_F(RegisterPerson, LinkingAMalformedIdIsRejected) {
  const PersonId id = add_person({.birth = "1960-05-05"});
  // Digit 4 = 1 means a woman born in the 1900s; the person is a man.
  const Violations v = registry().link_citizen_id(id, "079160000101");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].code, "citizen_id.sex_century");
  expect_explained(v[0]);
  EXPECT_FALSE(registry().store().person(id)->person.citizen_id);
}

class RecordDose : public RegistryTest {
 protected:
  RecordDose() {
    adult = add_person({.name = "Ngô Thị Lan", .sex = Sex::female, .birth = "1980-01-01"});
  }
  RecordDoseRequest request(std::string_view date, std::string_view product) const {
    RecordDoseRequest r;
    r.person_id = adult;
    r.date = day(date);
    r.product = std::string(product);
    return r;
  }
  PersonId adult = 0;
};

TEST_F(RecordDose, AcceptsAPrimarySeriesInOrder) {
  const DoseRecord first = add_dose(adult, "2021-08-01", "PFIZER");
  const DoseRecord second = add_dose(adult, "2021-08-22", "PFIZER");
  EXPECT_EQ(first.kind, DoseKind::primary);
  EXPECT_EQ(first.number_in_series, 1);
  EXPECT_EQ(second.number_in_series, 2);
  EXPECT_GT(second.id, first.id);
  EXPECT_EQ(registry().store().dose_count(), 2);
}

TEST_F(RecordDose, TheStatusAfterADoseIsTheStatusReadAfterwards) {
  // Answered with the dose instead of a second read: it must be the same,
  // a back-entered dose included.
  for (const auto& [date, product] : std::vector<std::pair<const char*, const char*>>{
           {"2021-08-22", "PFIZER"}, {"2021-08-01", "PFIZER"}, {"2022-03-01", "MODERNA"}}) {
    const RecordDoseResult result = registry().record_dose(request(date, product), today());
    ASSERT_TRUE(result.stored) << date;
    ASSERT_TRUE(result.status_after) << date;
    const StatusAsOf read = registry().status(adult, today())->status;
    EXPECT_EQ(result.status_after->status, read.status) << date;
    EXPECT_EQ(result.status_after->doses_counted, read.doses_counted) << date;
    EXPECT_EQ(result.status_after->next_due, read.next_due) << date;
    EXPECT_EQ(result.status_after->next_products, read.next_products) << date;
  }
}

TEST_F(RecordDose, RejectsADoseTooSoonNamingTheRuleAndStoresNothing) {
  add_dose(adult, "2021-08-01", "PFIZER");
  const RecordDoseResult r = registry().record_dose(request("2021-08-10", "PFIZER"), today());
  EXPECT_FALSE(r.stored);
  ASSERT_FALSE(r.violations.empty());
  EXPECT_EQ(r.violations[0].code, "dose.interval.too_short");
  EXPECT_EQ(r.violations[0].field, "dose_date");
  expect_explained(r.violations[0]);
  EXPECT_EQ(registry().store().dose_count(), 1);
  EXPECT_EQ(registry().store().doses_of(adult).size(), 1u);
}

TEST_F(RecordDose, AnOverrideWithAReasonIsStoredWithReasonAndUser) {
  add_dose(adult, "2021-08-01", "PFIZER");
  RecordDoseRequest r = request("2021-08-10", "PFIZER");
  r.override_rules = DoseOverride{"bs.hoa", "Đi công tác nước ngoài, cần tiêm sớm"};
  const RecordDoseResult result = registry().record_dose(r, today());
  ASSERT_TRUE(result.stored);
  EXPECT_TRUE(result.dose.overridden);
  EXPECT_EQ(result.dose.override_rule, "dose.interval.too_short");

  const auto stored = registry().store().doses_of(adult);
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_TRUE(stored[1].overridden);
  EXPECT_EQ(stored[1].override_by, "bs.hoa");
  EXPECT_EQ(stored[1].override_reason, "Đi công tác nước ngoài, cần tiêm sớm");
  EXPECT_EQ(stored[1].override_rule, "dose.interval.too_short");
}

TEST_F(RecordDose, AnOverrideWithoutAReasonIsRejected) {
  add_dose(adult, "2021-08-01", "PFIZER");
  RecordDoseRequest r = request("2021-08-10", "PFIZER");
  r.override_rules = DoseOverride{"bs.hoa", ""};
  const RecordDoseResult result = registry().record_dose(r, today());
  EXPECT_FALSE(result.stored);
  const bool names_reason =
      std::any_of(result.violations.begin(), result.violations.end(),
                  [](const Violation& v) { return v.code == "dose.override.reason_required"; });
  EXPECT_TRUE(names_reason);
  EXPECT_EQ(registry().store().dose_count(), 1);
}

TEST_F(RecordDose, FactsCannotBeOverridden) {
  // A future date is a data error, not a rule an official may waive.
  RecordDoseRequest r = request("2022-10-15", "PFIZER");
  r.override_rules = DoseOverride{"bs.hoa", "nhập trước"};
  EXPECT_FALSE(registry().record_dose(r, today()).stored);
  EXPECT_EQ(registry().store().dose_count(), 0);
}

TEST_F(RecordDose, ASecondDoseOnTheSameDayIsRejected) {
  add_dose(adult, "2021-08-01", "PFIZER");
  const RecordDoseResult r = registry().record_dose(request("2021-08-01", "PFIZER"), today());
  EXPECT_FALSE(r.stored);
  ASSERT_FALSE(r.violations.empty());
  EXPECT_TRUE(r.violations[0].code == "dose.same_day" || r.violations[0].code == "dose.duplicate")
      << r.violations[0].code;
  expect_explained(r.violations[0]);
  EXPECT_EQ(registry().store().dose_count(), 1);
}

TEST_F(RecordDose, AnUnknownPersonIsReported) {
  RecordDoseRequest r = request("2021-08-01", "PFIZER");
  r.person_id = 999;
  const RecordDoseResult result = registry().record_dose(r, today());
  EXPECT_FALSE(result.stored);
  ASSERT_EQ(result.violations.size(), 1u);
  EXPECT_EQ(result.violations[0].code, "person.not_found");
}

TEST_F(RecordDose, StatusFollowsTheAsOfDate) {
  add_dose(adult, "2021-08-01", "PFIZER");
  add_dose(adult, "2021-08-22", "PFIZER");
  add_dose(adult, "2022-01-10", "MODERNA");

  struct Row {
    const char* as_of;
    VaccinationStatus status;
    int doses_counted;
  };
  const Row rows[] = {
      {"2021-07-31", VaccinationStatus::none, 0},
      {"2021-08-01", VaccinationStatus::partial, 1},
      {"2021-08-21", VaccinationStatus::partial, 1},
      {"2021-08-22", VaccinationStatus::primary_complete, 2},
      {"2022-01-09", VaccinationStatus::primary_complete, 2},
      {"2022-01-10", VaccinationStatus::booster1, 3},
  };
  for (const Row& row : rows) {
    const auto s = registry().status(adult, day(row.as_of));
    ASSERT_TRUE(s) << row.as_of;
    EXPECT_EQ(s->status.status, row.status) << row.as_of;
    EXPECT_EQ(s->status.doses_counted, row.doses_counted) << row.as_of;
    EXPECT_EQ(s->doses.size(), 3u) << "the record lists every dose";
  }
  // After one dose the second falls due 21 days later (Pfizer interval).
  EXPECT_EQ(registry().status(adult, day("2021-08-05"))->status.next_due, day("2021-08-22"));
  EXPECT_FALSE(registry().status(12345, today()));
}

TEST_F(RecordDose, SurvivesAReopenOfTheStore) {
  add_dose(adult, "2021-08-01", "PFIZER");
  add_dose(adult, "2021-08-22", "PFIZER");
  reopen();
  EXPECT_EQ(registry().status(adult, today())->status.status, VaccinationStatus::primary_complete);
  EXPECT_EQ(registry().coverage_cube(area("vn2022:27208"), today()).sum().total(), 1u);
}

}  // namespace
}  // namespace phongdich::testing
