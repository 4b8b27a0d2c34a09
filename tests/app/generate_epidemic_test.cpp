// generate_epidemic over a real store: the records land in the store, pass
// the case definition as stored, the same store and seed give the same
// records, and a store that holds cases is refused.
#include <gtest/gtest.h>

#include <sstream>
#include <variant>

#include "app/generate.hpp"
#include "app/generate_epidemic.hpp"
#include "app/importer.hpp"
#include "app/registry_fixture.hpp"
#include "domain/case_confirmation.hpp"
#include "rules/case_rules_json.hpp"

namespace phongdich::testing {
namespace {

class GenerateEpidemic : public RegistryTest {
 protected:
  // A generated and imported population of Phường 15 (one commune).
  static void populate(Registry& registry, const std::filesystem::path& dir) {
    GenerateRequest request;
    request.persons = 3'000;
    request.seed = 5;
    request.output_dir = dir;
    request.as_of = today();
    request.invalid_rate = 0;
    const synth::SynthSummary files =
        generate_for_area(registry.areas(), *registry.find_area("vn2022:27208"), request);
    ImportOptions options;
    options.today = today();
    import_persons(registry, files.persons_file.string(), options);
    import_doses(registry, files.doses_file.string(), options);
  }

  static EpidemicRequest request() {
    EpidemicRequest r;
    r.from = day("2021-07-01");
    r.to = day("2021-09-30");
    r.seed = 3;
    r.scale = 3.0;  // enough cases from 3,000 people
    r.today = today();
    r.batch_cases = 100;
    return r;
  }

  // Every case, test and check of the store as text.
  static std::string contents(Store& store) {
    std::ostringstream out;
    store.scan_cases([&](const CovidCase& c) {
      out << c.id << ' ' << c.person_id << ' ' << c.confirmed_on.iso() << ' ' << c.criterion << ' '
          << c.confirming_test << ' ' << to_string(c.state()) << '\n';
      for (const Observation& o : store.observations_of(c.id)) {
        out << o.date.iso() << int(o.half) << o.spo2_percent.value_or(0) << o.pulse.value_or(0)
            << ';';
      }
    });
    store.scan_tests([&](const TestResult& t) {
      out << t.id << ' ' << t.person_id << ' ' << t.sample_date.iso() << int(t.outcome) << '\n';
    });
    return out.str();
  }
};

TEST_F(GenerateEpidemic, WritesEveryRecordAndTheCaseDefinitionAgreesWithTheStore) {
  populate(registry(), dir_ / "synth");
  int64_t last_done = 0, days = 0;
  EpidemicRequest r = request();
  r.progress = [&](int64_t done, int64_t total) {
    EXPECT_GT(done, last_done);
    last_done = done;
    days = total;
  };
  const EpidemicSummary summary = generate_epidemic(registry(), area("vn2022:27208"), r);
  EXPECT_EQ(days, 92);
  EXPECT_EQ(last_done, 92);
  EXPECT_EQ(summary.series, "province 79");
  Store& store = registry().store();
  ASSERT_GT(summary.totals.cases, 100);
  EXPECT_EQ(store.case_count(), summary.totals.cases);
  EXPECT_EQ(store.observation_count(), summary.totals.observations);
  EXPECT_EQ(store.facilities().size(), 3u);  // hospital, field hospital, one station
  EXPECT_EQ(summary.occupancy_reports, 2 * 92);
  EXPECT_EQ(store.occupancy_between(r.from, r.to).size(), 2u * 92);

  // As register_case would judge each case from the person's stored tests.
  const CaseRules rules = load_case_rules(registry().data_dir() + "/rules/cases.json");
  int64_t tests = 0;
  store.scan_tests([&](const TestResult&) { ++tests; });
  EXPECT_EQ(tests, summary.totals.tests);
  store.scan_cases([&](const CovidCase& c) {
    const std::vector<TestResult> stored = store.tests_of(c.person_id);
    const CaseDecision decision = confirm_case(rules, stored, CaseFlags{}, r.to);
    const auto* confirmation = std::get_if<CaseConfirmation>(&decision);
    ASSERT_NE(confirmation, nullptr) << c.person_id;
    EXPECT_EQ(confirmation->confirming_test, c.confirming_test);
    EXPECT_EQ(confirmation->confirmed_on, c.confirmed_on);
  });
  AlertQuery query;
  query.limit = 1'000'000;
  EXPECT_EQ(static_cast<int64_t>(store.search_alerts(query).size()), summary.alerts());
}

TEST_F(GenerateEpidemic, TheSameStoreAndSeedGiveTheSameRecords) {
  populate(registry(), dir_ / "synth");
  generate_epidemic(registry(), area("vn2022:27208"), request());

  TempDir other_dir;
  RegistryOptions options;
  options.db_url = (other_dir.path() / "other.db").string();
  options.data_dir = PHONGDICH_DATA_DIR;
  Registry other(options);
  populate(other, other_dir.path() / "synth");
  generate_epidemic(other, *other.find_area("vn2022:27208"), request());
  EXPECT_EQ(contents(registry().store()), contents(other.store()));
}

TEST_F(GenerateEpidemic, RefusesAStoreWithCasesAndDaysAfterToday) {
  populate(registry(), dir_ / "synth");
  EpidemicRequest future = request();
  future.to = today().plus_days(1);
  try {
    generate_epidemic(registry(), area("vn2022:27208"), future);
    FAIL() << "a day after today was accepted";
  } catch (const EpidemicRefused& e) {
    EXPECT_EQ(e.violations().front().code, "epidemic.future");
  }
  EXPECT_EQ(registry().store().case_count(), 0);

  generate_epidemic(registry(), area("vn2022:27208"), request());
  const int64_t cases = registry().store().case_count();
  try {
    generate_epidemic(registry(), area("vn2022:27208"), request());
    FAIL() << "a second epidemic was generated";
  } catch (const EpidemicRefused& e) {
    EXPECT_EQ(e.violations().front().code, "epidemic.cases_exist");
  }
  EXPECT_EQ(registry().store().case_count(), cases);
}

TEST_F(GenerateEpidemic, RefusesAnAreaWithoutPersons) {
  EXPECT_THROW(generate_epidemic(registry(), area("vn2022:27208"), request()), EpidemicRefused);
}

}  // namespace
}  // namespace phongdich::testing
