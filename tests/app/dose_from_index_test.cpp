// Recording a dose reads the person and their doses from the registry index
// when it is in memory, and from the store before that. Both must judge alike,
// and a person the index has not seen (registered through another connection,
// as another process would) must still be found.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "registry_fixture.hpp"

namespace phongdich::testing {
namespace {

struct DoseStep {
  const char* date;
  const char* product;
};

struct Scenario {
  std::string name;
  PersonSpec person;
  std::vector<DoseStep> doses;  // in the order they are entered, some refused
};

// What a judged dose comes to, for comparing the two ways.
std::string outcome(const RecordDoseResult& r) {
  std::string text = r.stored ? "stored " : "refused ";
  for (const Violation& v : r.violations) text += v.code + " ";
  if (r.stored) {
    text += "kind " + std::to_string(static_cast<int>(r.dose.kind)) + " number " +
            std::to_string(r.dose.number_in_series);
  }
  if (r.status_after) {
    text += " status " + std::to_string(static_cast<int>(r.status_after->status)) + " counted " +
            std::to_string(r.status_after->doses_counted);
    if (r.status_after->next_due) text += " due " + r.status_after->next_due->iso();
  }
  return text;
}

class DoseFromIndex : public RegistryTest {
 protected:
  std::vector<std::string> run(const Scenario& scenario) {
    PersonSpec spec = scenario.person;
    const PersonId id = add_person(spec);
    std::vector<std::string> outcomes;
    for (const DoseStep& step : scenario.doses) {
      RecordDoseRequest request;
      request.person_id = id;
      request.date = day(step.date);
      request.product = step.product;
      outcomes.push_back(outcome(registry().record_dose(request, today())));
    }
    return outcomes;
  }
};

TEST_F(DoseFromIndex, TheIndexJudgesAsTheStoreDoes) {
  // clang-format off
  const std::vector<Scenario> scenarios = {
    {"adult, primary then boosters",   {.birth = "1980-01-01"},
     {{"2021-08-01", "AZ"}, {"2021-08-10", "AZ"}, {"2021-10-01", "AZ"}, {"2022-03-01", "PFIZER"}, {"2022-07-01", "MODERNA"}}},
    {"back-entered first dose",        {.birth = "1975-06-01"},
     {{"2021-11-01", "PFIZER"}, {"2021-10-01", "PFIZER"}, {"2022-05-01", "PFIZER"}}},
    {"older, second booster",          {.birth = "1950-01-01"},
     {{"2021-07-01", "MODERNA"}, {"2021-08-01", "MODERNA"}, {"2022-01-10", "PFIZER"}, {"2022-08-01", "PFIZER"}}},
    {"high risk (comorbidity 1)",      {.birth = "1990-01-01", .comorbidity = 1},
     {{"2021-09-01", "VERO_CELL"}, {"2021-09-29", "VERO_CELL"}, {"2022-02-01", "PFIZER"}, {"2022-07-01", "PFIZER"}}},
    {"child, wrong product",           {.birth = "2012-03-01"},
     {{"2022-04-15", "AZ"}, {"2022-04-15", "PFIZER"}}},
  };
  // clang-format on
  std::vector<std::vector<std::string>> from_store;
  for (const Scenario& s : scenarios) from_store.push_back(run(s));
  ASSERT_FALSE(registry().index_loaded()) << "the first pass must read the store";
  // The scenarios reach both answers, boosters and a next due date.
  std::string all;
  for (const auto& outcomes : from_store) {
    for (const std::string& o : outcomes) all += o + "\n";
  }
  for (const char* seen : {"refused dose.", "stored ", "kind 2", "kind 3", " due "}) {
    EXPECT_NE(all.find(seen), std::string::npos) << seen << " in\n" << all;
  }
  registry().index();
  for (size_t i = 0; i < scenarios.size(); ++i) {
    EXPECT_EQ(run(scenarios[i]), from_store[i]) << scenarios[i].name;
  }
}

TEST_F(DoseFromIndex, APersonRegisteredElsewhereIsTakenIn) {
  registry().index();
  auto other = registry().open_connection(OpenMode::read_write);
  const PersonInsertResult inserted =
      other->insert_person(make_person({.name = "Lê Thị Hoa", .birth = "1985-02-03"}));
  ASSERT_EQ(inserted.outcome, InsertOutcome::inserted);
  ASSERT_EQ(other
                ->insert_dose([&] {
                  DoseRecord d;
                  d.person_id = inserted.id;
                  d.date = day("2021-08-01");
                  d.product = "AZ";
                  d.number_in_series = 1;
                  return d;
                }())
                .outcome,
            InsertOutcome::inserted);
  other.reset();

  EXPECT_EQ(registry().area_of_person(inserted.id), area("vn2022:27208").id);
  EXPECT_EQ(registry().area_of_person(inserted.id + 1000), std::nullopt);
  RecordDoseRequest second;
  second.person_id = inserted.id;
  second.date = day("2021-09-01");
  second.product = "AZ";
  const RecordDoseResult r = registry().record_dose(second, today());
  ASSERT_TRUE(r.stored) << (r.violations.empty() ? "" : r.violations[0].code);
  EXPECT_EQ(r.dose.number_in_series, 2);  // the dose given elsewhere counts
}

}  // namespace
}  // namespace phongdich::testing
