// The in-memory registry index: person rows, per-person doses kept in date
// order (including the rare 6th+ dose), commune membership and sparse ids.
#include "domain/registry_index.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace phongdich {
namespace {

Date d(const char* iso) { return *Date::parse_iso(iso); }

Person person(PersonId id, AreaId commune, const char* birth) {
  Person p;
  p.id = id;
  p.area_id = commune;
  p.birth_date = d(birth);
  return p;
}

DoseRecord dose(const char* date, const char* product, DoseKind kind, int number,
                bool overridden = false) {
  DoseRecord r;
  r.date = d(date);
  r.product = product;
  r.kind = kind;
  r.number_in_series = number;
  r.overridden = overridden;
  return r;
}

std::vector<std::string> dose_dates(const RegistryIndex& index, RegistryIndex::Slot slot) {
  std::vector<std::string> out;
  for (const DoseRecord& r : index.dose_records(slot)) out.push_back(r.date.iso());
  return out;
}

TEST(RegistryIndexTest, DosesAddedInDateOrderComeBackInOrder) {
  RegistryIndex index;
  const auto slot = index.upsert_person(person(1, 100, "1980-05-01"));
  index.add_dose(1, dose("2021-08-01", "AZ", DoseKind::primary, 1));
  index.add_dose(1, dose("2021-10-01", "AZ", DoseKind::primary, 2));
  index.add_dose(1, dose("2022-03-01", "PFIZER", DoseKind::booster1, 1));
  EXPECT_EQ(dose_dates(index, slot),
            (std::vector<std::string>{"2021-08-01", "2021-10-01", "2022-03-01"}));
  EXPECT_EQ(index.row(slot).dose_count, 3);
  EXPECT_EQ(index.doses(slot).size(), 3u);
}

TEST(RegistryIndexTest, BackEnteredDosesAreSortedByDate) {
  RegistryIndex index;
  const auto slot = index.upsert_person(person(1, 100, "1980-05-01"));
  index.add_dose(1, dose("2022-03-01", "PFIZER", DoseKind::booster1, 1));
  index.add_dose(1, dose("2021-08-01", "AZ", DoseKind::primary, 1));
  index.add_dose(1, dose("2021-10-01", "AZ", DoseKind::primary, 2));
  EXPECT_EQ(dose_dates(index, slot),
            (std::vector<std::string>{"2021-08-01", "2021-10-01", "2022-03-01"}));
  const auto records = index.dose_records(slot);
  EXPECT_EQ(records[0].number_in_series, 1);
  EXPECT_EQ(records[1].number_in_series, 2);
  EXPECT_EQ(records[2].kind, DoseKind::booster1);
}

TEST(RegistryIndexTest, SixthAndSeventhDosesKeepDateOrder) {
  RegistryIndex index;
  const auto slot = index.upsert_person(person(7, 100, "1950-01-15"));
  // Five inline doses, then two overflow doses of which one is back-dated
  // between the inline ones and one is the latest of all.
  index.add_dose(7, dose("2021-07-01", "AZ", DoseKind::primary, 1));
  index.add_dose(7, dose("2021-09-01", "AZ", DoseKind::primary, 2));
  index.add_dose(7, dose("2021-12-01", "AZ", DoseKind::additional, 1));
  index.add_dose(7, dose("2022-04-01", "PFIZER", DoseKind::booster1, 1));
  index.add_dose(7, dose("2022-09-01", "MODERNA", DoseKind::booster2, 1));
  index.add_dose(7, dose("2023-01-10", "PFIZER", DoseKind::booster2, 1));
  index.add_dose(7, dose("2021-08-01", "VERO", DoseKind::primary, 1, true));
  EXPECT_EQ(index.row(slot).dose_count, 7);
  EXPECT_EQ(index.doses(slot).size(), 7u);
  EXPECT_EQ(dose_dates(index, slot),
            (std::vector<std::string>{"2021-07-01", "2021-08-01", "2021-09-01", "2021-12-01",
                                      "2022-04-01", "2022-09-01", "2023-01-10"}));
  const auto records = index.dose_records(slot);
  EXPECT_EQ(records[1].product, "VERO");
  EXPECT_TRUE(records[1].overridden);
  EXPECT_EQ(records[6].product, "PFIZER");
  EXPECT_EQ(records[6].kind, DoseKind::booster2);
}

TEST(RegistryIndexTest, CompactDoseRoundTripsEveryField) {
  struct Row {
    const char* date;
    const char* product;
    DoseKind kind;
    int number;
    bool overridden;
  };
  // One person per row, so each dose is the person's only one.
  const Row rows[] = {
      {"2021-03-08", "AZ", DoseKind::primary, 1, false},
      {"2021-06-30", "VERO", DoseKind::primary, 3, true},
      {"2021-12-31", "PFIZER", DoseKind::additional, 1, false},
      {"2022-02-28", "MODERNA", DoseKind::booster1, 1, true},
      {"2024-02-29", "PFIZER", DoseKind::booster2, 1, false},
      {"2022-05-05", "HAYAT", DoseKind::primary, 31, false},  // the largest number the index keeps
  };
  RegistryIndex index;
  PersonId id = 1;
  for (const Row& row : rows) {
    SCOPED_TRACE(row.date);
    const auto slot = index.upsert_person(person(id, 100, "1990-01-01"));
    index.add_dose(id, dose(row.date, row.product, row.kind, row.number, row.overridden));
    const auto records = index.dose_records(slot);
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(records[0].person_id, id);
    EXPECT_EQ(records[0].date.iso(), row.date);
    EXPECT_EQ(records[0].product, row.product);
    EXPECT_EQ(records[0].kind, row.kind);
    EXPECT_EQ(records[0].number_in_series, row.number);
    EXPECT_EQ(records[0].overridden, row.overridden);
    EXPECT_EQ(index.doses(slot)[0].date_days(), d(row.date).days());
    ++id;
  }
  // Each product code is kept once however many doses use it.
  EXPECT_EQ(index.product_codes().size(), 5u);
}

TEST(RegistryIndexTest, RejectsDoseNumberOutsideOneTo31) {
  RegistryIndex index;
  index.upsert_person(person(1, 100, "1990-01-01"));
  EXPECT_THROW(index.add_dose(1, dose("2021-08-01", "AZ", DoseKind::primary, 0)),
               std::invalid_argument);
  EXPECT_THROW(index.add_dose(1, dose("2021-08-01", "AZ", DoseKind::primary, 32)),
               std::invalid_argument);
  EXPECT_THROW(index.add_dose(2, dose("2021-08-01", "AZ", DoseKind::primary, 1)),
               std::out_of_range);
  EXPECT_EQ(index.row(0).dose_count, 0);
}

TEST(RegistryIndexTest, MovingAPersonUpdatesCommuneMembers) {
  RegistryIndex index;
  const auto a = index.upsert_person(person(1, 100, "1990-01-01"));
  const auto b = index.upsert_person(person(2, 100, "1991-01-01"));
  const auto c = index.upsert_person(person(3, 200, "1992-01-01"));
  index.add_dose(2, dose("2021-08-01", "AZ", DoseKind::primary, 1));
  const uint16_t commune100 = index.commune_slot(100);
  const uint16_t commune200 = index.commune_slot(200);
  EXPECT_EQ(index.persons_in_commune(commune100), (std::vector<RegistryIndex::Slot>{a, b}));
  EXPECT_EQ(index.persons_in_commune(commune200), (std::vector<RegistryIndex::Slot>{c}));

  // Person 2 moves to commune 200: same slot, doses kept.
  EXPECT_EQ(index.upsert_person(person(2, 200, "1991-01-01")), b);
  EXPECT_EQ(index.size(), 3u);
  EXPECT_EQ(index.persons_in_commune(commune100), (std::vector<RegistryIndex::Slot>{a}));
  EXPECT_EQ(index.persons_in_commune(commune200), (std::vector<RegistryIndex::Slot>{c, b}));
  EXPECT_EQ(index.row(b).commune_slot, commune200);
  EXPECT_EQ(index.row(b).dose_count, 1);
  EXPECT_EQ(index.rule_view(b).area_id, 200);

  // Person 2 moves to a commune never seen before.
  index.upsert_person(person(2, 300, "1991-01-01"));
  EXPECT_EQ(index.persons_in_commune(commune200), (std::vector<RegistryIndex::Slot>{c}));
  EXPECT_EQ(index.persons_in_commune(index.commune_slot(300)),
            (std::vector<RegistryIndex::Slot>{b}));
  EXPECT_EQ(index.communes(), (std::vector<AreaId>{100, 200, 300}));
}

TEST(RegistryIndexTest, RuleViewKeepsSexBirthAndFlags) {
  struct Row {
    const char* what;
    Person in;
    bool high_risk;
  };
  auto make = [](PersonId id, Sex sex, const char* birth) {
    Person p = person(id, 100, birth);
    p.sex = sex;
    return p;
  };
  std::vector<Row> rows;
  rows.push_back({"plain man", make(1, Sex::male, "1960-02-29"), false});
  rows.push_back({"plain woman", make(2, Sex::female, "2016-12-31"), false});
  {
    Person p = make(3, Sex::female, "1995-06-15");
    p.pregnant = true;
    rows.push_back({"pregnant woman", p, true});
  }
  {
    Person p = make(4, Sex::male, "1970-01-01");
    p.immunodeficient = true;
    p.needs_home_visit = true;
    rows.push_back({"immunodeficient, home visit", p, true});
  }
  {
    Person p = make(5, Sex::male, "1985-03-03");
    p.comorbidities.set(kComorbidityImmunodeficiency - 1);
    rows.push_back({"immunodeficiency comorbidity", p, true});
  }
  {
    Person p = make(6, Sex::female, "1975-07-07");
    p.comorbidities.set(0);  // item 1
    p.high_exposure = true;
    rows.push_back({"comorbidity, high exposure", p, true});
  }
  RegistryIndex index;
  for (const Row& row : rows) {
    SCOPED_TRACE(row.what);
    const auto slot = index.upsert_person(row.in);
    const Person view = index.rule_view(slot);
    EXPECT_EQ(view.id, row.in.id);
    EXPECT_EQ(view.sex, row.in.sex);
    EXPECT_EQ(view.birth_date, row.in.birth_date);
    EXPECT_EQ(view.area_id, 100);
    EXPECT_EQ(view.pregnant, row.in.pregnant);
    EXPECT_EQ(view.immunodeficient,
              row.in.immunodeficient || row.in.has_comorbidity(kComorbidityImmunodeficiency));
    EXPECT_EQ(view.high_exposure, row.in.high_exposure);
    EXPECT_EQ(view.needs_home_visit, row.in.needs_home_visit);
    EXPECT_EQ(view.high_risk(), row.high_risk);
    EXPECT_EQ((index.row(slot).flags & PersonRow::kHighRisk) != 0, row.high_risk);
  }
}

TEST(RegistryIndexTest, StatusOnCountsLevelsReachedByThatDay) {
  RegistryIndex index;
  const auto slot = index.upsert_person(person(1, 100, "1980-01-01"));
  EXPECT_EQ(index.row(slot).status_on(PersonRow::to_offset(d("2030-01-01"))), 0);
  std::array<uint16_t, kReachedLevels> reached;
  reached.fill(PersonRow::kNever);
  reached[0] = PersonRow::to_offset(d("2021-08-01"));  // partial
  reached[1] = PersonRow::to_offset(d("2021-10-01"));  // primary complete
  reached[2] = PersonRow::to_offset(d("2022-03-01"));  // additional
  index.set_reached(slot, reached);

  struct Row {
    const char* on;
    VaccinationStatus expected;
  };
  const Row rows[] = {
      {"2021-07-31", VaccinationStatus::none},
      {"2021-08-01", VaccinationStatus::partial},
      {"2021-09-30", VaccinationStatus::partial},
      {"2021-10-01", VaccinationStatus::primary_complete},
      {"2022-02-28", VaccinationStatus::primary_complete},
      {"2022-03-01", VaccinationStatus::additional},
      {"2030-01-01", VaccinationStatus::additional},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.on);
    EXPECT_EQ(index.row(slot).status_on(PersonRow::to_offset(d(row.on))),
              static_cast<int>(row.expected));
  }
  // Re-indexing the person (e.g. an edited name) keeps the reached dates.
  index.upsert_person(person(1, 100, "1980-01-01"));
  EXPECT_EQ(index.row(slot).status_on(PersonRow::to_offset(d("2022-03-01"))),
            static_cast<int>(VaccinationStatus::additional));
}

TEST(RegistryIndexTest, SparseIdsMapToDenseSlots) {
  RegistryIndex index;
  const PersonId ids[] = {1000, 1, 5};
  for (PersonId id : ids) index.upsert_person(person(id, 100, "2000-01-01"));
  EXPECT_EQ(index.size(), 3u);
  EXPECT_EQ(index.slot(1000), 0u);
  EXPECT_EQ(index.slot(1), 1u);
  EXPECT_EQ(index.slot(5), 2u);
  for (PersonId id : ids) EXPECT_EQ(index.person_id(index.slot(id)), id);
  for (PersonId absent : {PersonId{0}, PersonId{2}, PersonId{4}, PersonId{6}, PersonId{999},
                          PersonId{1001}, PersonId{-1}, PersonId{5000000}}) {
    SCOPED_TRACE(absent);
    EXPECT_FALSE(index.contains(absent));
    EXPECT_EQ(index.find_slot(absent), nullptr);
    EXPECT_THROW(index.slot(absent), std::out_of_range);
  }
  index.add_dose(5, dose("2021-08-01", "AZ", DoseKind::primary, 1));
  EXPECT_EQ(index.row(index.slot(5)).dose_count, 1);
  EXPECT_EQ(index.row(index.slot(1000)).dose_count, 0);
  EXPECT_THROW(index.upsert_person(person(0, 100, "2000-01-01")), std::invalid_argument);
}

}  // namespace
}  // namespace phongdich
