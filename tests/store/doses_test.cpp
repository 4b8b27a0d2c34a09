// Doses: insert, one per person per day, order by date, full scans.
#include <gtest/gtest.h>

#include "store/store_fixture.hpp"

namespace phongdich::testing {
namespace {

class DosesTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;  // no PostgreSQL server to run on
    an_ = store_->insert_person(make_person("Nguyễn Văn An")).id;
    binh_ = store_->insert_person(make_person("Trần Thị Bình")).id;
  }
  PersonId an_ = 0;
  PersonId binh_ = 0;
};

TEST_P(DosesTest, EveryFieldRoundTrips) {
  DoseRecord dose = make_dose(an_, "2022-03-15", "PFIZER");
  dose.kind = DoseKind::booster1;
  dose.number_in_series = 1;
  dose.lot = "FK1234";
  dose.overridden = true;
  dose.override_reason = "Bác sĩ đồng ý tiêm sớm";
  dose.override_by = "tyt.bennghe.01";
  dose.override_rule = "dose.interval_too_short";
  dose.source = "import:doses.csv:17";
  const DoseInsertResult result = store_->insert_dose(dose);
  ASSERT_EQ(result.outcome, InsertOutcome::inserted);

  const auto doses = store_->doses_of(an_);
  ASSERT_EQ(doses.size(), 1u);
  const DoseRecord& got = doses[0];
  EXPECT_EQ(got.id, result.id);
  EXPECT_EQ(got.person_id, an_);
  EXPECT_EQ(got.date, *Date::parse_iso("2022-03-15"));
  EXPECT_EQ(got.product, "PFIZER");
  EXPECT_EQ(got.site_area_id, kBenNghe);
  EXPECT_EQ(got.lot, "FK1234");
  EXPECT_EQ(got.kind, DoseKind::booster1);
  EXPECT_EQ(got.number_in_series, 1);
  EXPECT_TRUE(got.overridden);
  EXPECT_EQ(got.override_reason, "Bác sĩ đồng ý tiêm sớm");
  EXPECT_EQ(got.override_by, "tyt.bennghe.01");
  EXPECT_EQ(got.override_rule, "dose.interval_too_short");
  EXPECT_EQ(got.source, "import:doses.csv:17");
}

TEST_P(DosesTest, UnknownSiteIsKeptAsZero) {
  DoseRecord dose = make_dose(an_, "2021-08-01");
  dose.site_area_id = 0;
  store_->insert_dose(dose);
  EXPECT_EQ(store_->doses_of(an_).at(0).site_area_id, 0);
}

TEST_P(DosesTest, SecondDoseOnTheSameDayIsAlreadyPresent) {
  const auto first = store_->insert_dose(make_dose(an_, "2021-09-01", "AZ"));
  const auto again = store_->insert_dose(make_dose(an_, "2021-09-01", "MODERNA"));
  EXPECT_EQ(again.outcome, InsertOutcome::already_present);
  EXPECT_EQ(again.id, first.id);
  EXPECT_EQ(store_->dose_count(), 1);
  EXPECT_EQ(store_->doses_of(an_).at(0).product, "AZ");
  // Another person on the same day is a different dose.
  EXPECT_EQ(store_->insert_dose(make_dose(binh_, "2021-09-01")).outcome, InsertOutcome::inserted);
}

TEST_P(DosesTest, DosesOfAPersonComeInDateOrder) {
  for (const char* date : {"2022-01-10", "2021-08-01", "2021-10-15"}) {
    store_->insert_dose(make_dose(an_, date));
  }
  std::vector<std::string> dates;
  for (const DoseRecord& d : store_->doses_of(an_)) dates.push_back(d.date.iso());
  EXPECT_EQ(dates, (std::vector<std::string>{"2021-08-01", "2021-10-15", "2022-01-10"}));
  EXPECT_TRUE(store_->doses_of(binh_).empty());
}

// What a person's page reads in one go gives what person() and doses_of() give.
TEST_P(DosesTest, PersonWithDosesGivesThePersonAndTheirDosesByDate) {
  DoseRecord full = make_dose(an_, "2022-01-10", "PFIZER");
  full.lot = "FK1234";
  full.overridden = true;
  full.override_reason = "Bác sĩ đồng ý";
  full.source = "api";
  full.site_area_id = 0;
  store_->insert_dose(full);
  store_->insert_dose(make_dose(an_, "2021-08-01", "AZ"));
  store_->insert_dose(make_dose(binh_, "2021-09-01"));

  const auto an = store_->person_with_doses(an_);
  ASSERT_TRUE(an.has_value());
  EXPECT_EQ(an->first.person.id, an_);
  EXPECT_EQ(an->first.person.full_name, "Nguyễn Văn An");
  EXPECT_EQ(an->first.external_ref, store_->person(an_)->external_ref);
  std::vector<std::string> got, expected;
  for (const DoseRecord& d : an->second)
    got.push_back(d.date.iso() + " " + d.product + " " + d.lot + " " +
                  std::to_string(d.site_area_id) + " " + d.override_reason + " " + d.source + " #" +
                  std::to_string(d.id));
  for (const DoseRecord& d : store_->doses_of(an_))
    expected.push_back(d.date.iso() + " " + d.product + " " + d.lot + " " +
                       std::to_string(d.site_area_id) + " " + d.override_reason + " " + d.source +
                       " #" + std::to_string(d.id));
  EXPECT_EQ(got, expected);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(an->second[0].date.iso(), "2021-08-01");

  const PersonId without_doses = store_->insert_person(make_person("Lê Văn Chưa")).id;
  const auto none = store_->person_with_doses(without_doses);
  ASSERT_TRUE(none.has_value());
  EXPECT_EQ(none->first.person.full_name, "Lê Văn Chưa");
  EXPECT_TRUE(none->second.empty());
  EXPECT_EQ(store_->person_with_doses(without_doses + 100), std::nullopt);
}

TEST_P(DosesTest, DoseOfAnUnknownPersonIsRejected) {
  EXPECT_THROW(store_->insert_dose(make_dose(binh_ + 100, "2021-08-01")), StoreError);
  EXPECT_EQ(store_->dose_count(), 0);
}

TEST_P(DosesTest, ScanGoesByPersonThenDate) {
  // Recorded out of order on purpose: the scan must not follow insertion order.
  store_->insert_dose(make_dose(binh_, "2021-12-01"));
  store_->insert_dose(make_dose(an_, "2021-11-01"));
  store_->insert_dose(make_dose(binh_, "2021-07-01"));
  store_->insert_dose(make_dose(an_, "2021-06-01"));
  std::vector<std::pair<PersonId, std::string>> seen;
  store_->scan_doses([&](const DoseRecord& d) { seen.emplace_back(d.person_id, d.date.iso()); });
  const std::vector<std::pair<PersonId, std::string>> expected = {
      {an_, "2021-06-01"}, {an_, "2021-11-01"}, {binh_, "2021-07-01"}, {binh_, "2021-12-01"}};
  EXPECT_EQ(seen, expected);
}

PHONGDICH_ON_EVERY_STORE(DosesTest);

}  // namespace
}  // namespace phongdich::testing
