#include "synth/generate_population.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "common/temp_dir.hpp"
#include "domain/citizen_id.hpp"
#include "rules/vaccination_rules_json.hpp"
#include "synth/age_pyramid.hpp"

namespace phongdich::synth {
namespace {

namespace fs = std::filesystem;

using phongdich::testing::TempDir;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

using Row = std::vector<std::string>;

// The generator never quotes (no field holds a comma or quote), so a plain split is exact.
std::vector<Row> read_rows(const fs::path& p, Row* header = nullptr) {
  std::ifstream in(p);
  std::vector<Row> rows;
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    Row fields;
    size_t start = 0;
    for (;;) {
      const size_t comma = line.find(',', start);
      fields.push_back(line.substr(start, comma - start));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    if (first) {
      if (header) *header = fields;
      first = false;
    } else {
      rows.push_back(std::move(fields));
    }
  }
  return rows;
}

const VaccinationRules& real_rules() {
  static const VaccinationRules rules =
      load_vaccination_rules(std::string(PHONGDICH_DATA_DIR) + "/rules/vaccination.json");
  return rules;
}

SynthOptions small_options(const fs::path& dir, uint64_t persons = 20000) {
  SynthOptions o;
  o.rules = &real_rules();
  o.seed = 2021;
  o.person_count = persons;
  o.communes = {{"26734", 3.0}, {"26737", 1.0}, {"26740", 1.0}};
  o.output_dir = dir;
  return o;
}

TEST(GeneratePopulation, SameOptionsGiveByteIdenticalFilesWhateverTheThreads) {
  TempDir a, b, c;
  SynthOptions one = small_options(a.path());
  one.threads = 1;
  SynthOptions two = small_options(b.path());
  two.threads = 2;
  SynthOptions other_seed = small_options(c.path());
  other_seed.seed = 2022;
  generate_population(one);
  generate_population(two);
  generate_population(other_seed);
  EXPECT_EQ(slurp(a.path() / "persons.csv"), slurp(b.path() / "persons.csv"));
  EXPECT_EQ(slurp(a.path() / "doses.csv"), slurp(b.path() / "doses.csv"));
  EXPECT_NE(slurp(a.path() / "persons.csv"), slurp(c.path() / "persons.csv"));
  EXPECT_NE(slurp(a.path() / "doses.csv"), slurp(c.path() / "doses.csv"));
}

TEST(GeneratePopulation, RowCountsAndColumnsMatchTheSummaryAndHeaders) {
  TempDir dir;
  uint64_t progress_calls = 0, last_persons = 0;
  SynthOptions o = small_options(dir.path());
  o.on_progress = [&](uint64_t persons, uint64_t) {
    ++progress_calls;
    EXPECT_GE(persons, last_persons);
    last_persons = persons;
  };
  const SynthSummary s = generate_population(o);
  EXPECT_EQ(s.persons, 20000u);
  EXPECT_EQ(last_persons, 20000u);
  EXPECT_GE(progress_calls, 2u);

  Row person_header, dose_header;
  const auto persons = read_rows(s.persons_file, &person_header);
  const auto doses = read_rows(s.doses_file, &dose_header);
  EXPECT_EQ(person_header.size(), 14u);
  EXPECT_EQ(person_header[0], "person_ref");
  EXPECT_EQ(dose_header, (Row{"person_ref", "dose_date", "product", "site_commune_code", "lot"}));
  EXPECT_EQ(persons.size(), s.persons);
  EXPECT_EQ(doses.size(), s.doses);
  for (const auto& r : persons) ASSERT_EQ(r.size(), person_header.size());
  for (const auto& r : doses) ASSERT_EQ(r.size(), dose_header.size());
  // About 2.5 doses per person in the whole population.
  const double per_person = static_cast<double>(s.doses) / static_cast<double>(s.persons);
  EXPECT_GT(per_person, 2.1);
  EXPECT_LT(per_person, 2.8);
}

TEST(GeneratePopulation, PersonsArePlacedByCommuneWeightWithUniqueRefs) {
  TempDir dir;
  SynthOptions o = small_options(dir.path());
  o.invalid_rate = 0;
  const SynthSummary s = generate_population(o);
  std::map<std::string, int> per_commune;
  std::set<std::string> refs;
  std::map<std::pair<std::string, std::string>, int> household_sizes;
  for (const auto& r : read_rows(s.persons_file)) {
    EXPECT_TRUE(refs.insert(r[0]).second) << "duplicate person_ref " << r[0];
    EXPECT_EQ(r[0].substr(0, 6), r[5].substr(0, 5) + "-") << "ref names the commune";
    ++per_commune[r[0].substr(0, 5)];
    ++household_sizes[{r[0].substr(0, 5), r[6]}];
  }
  EXPECT_EQ(per_commune["26734"], 12000);  // weight 3 of 5
  EXPECT_EQ(per_commune["26737"], 4000);
  EXPECT_EQ(per_commune["26740"], 4000);
  double members = 0;
  for (const auto& [key, size] : household_sizes) {
    EXPECT_LE(size, 8);
    members += size;
  }
  const double mean = members / static_cast<double>(household_sizes.size());
  EXPECT_GT(mean, 3.2);
  EXPECT_LT(mean, 3.8);
}

TEST(GeneratePopulation, AgesFollowTheCensusPyramid) {
  TempDir dir;
  SynthOptions o = small_options(dir.path(), 100000);
  o.invalid_rate = 0;
  const SynthSummary s = generate_population(o);
  const auto bands = age_pyramid_2019();
  double total = 0;
  for (const auto& b : bands) total += b.population_thousands;
  std::vector<double> counts(bands.size(), 0);
  int males = 0;
  for (const auto& r : read_rows(s.persons_file)) {
    const int age = age_in_years(*Date::parse_iso(r[4]), o.as_of);
    for (size_t i = 0; i < bands.size(); ++i) {
      if (age >= bands[i].age_from && age <= bands[i].age_to) ++counts[i];
    }
    males += r[3] == "M";
  }
  for (size_t i = 0; i < bands.size(); ++i) {
    const double expected = bands[i].population_thousands / total;
    EXPECT_NEAR(counts[i] / 100000.0, expected, 0.004) << "ages " << bands[i].age_from;
  }
  EXPECT_NEAR(males / 100000.0, 0.497, 0.01);  // 99.1 males per 100 females
}

TEST(GeneratePopulation, CitizenIdsAreUniqueAndAgreeWithSexAndBirthYear) {
  TempDir dir;
  SynthOptions o = small_options(dir.path(), 50000);
  o.invalid_rate = 0;
  const SynthSummary s = generate_population(o);
  std::set<std::string> ids;
  int adults = 0, adults_with_id = 0, children = 0, children_with_id = 0;
  for (const auto& r : read_rows(s.persons_file)) {
    const Date birth = *Date::parse_iso(r[4]);
    const bool child = age_in_years(birth, o.as_of) < 14;
    (child ? children : adults)++;
    if (r[1].empty()) continue;
    (child ? children_with_id : adults_with_id)++;
    ASSERT_EQ(r[1].size(), 12u);
    EXPECT_EQ(r[1].substr(0, 3), "079");
    // The rule, checked locally: digit 4 = century and sex, digits 5-6 = year.
    const int year = birth.year();
    const int digit4 = (year / 100 - 19) * 2 + (r[3] == "F" ? 1 : 0);
    EXPECT_EQ(r[1][3] - '0', digit4) << r[1];
    EXPECT_EQ(std::stoi(r[1].substr(4, 2)), year % 100) << r[1];
    // And by the domain's validator.
    EXPECT_FALSE(check_citizen_id(r[1], r[3] == "F" ? Sex::female : Sex::male, birth)) << r[1];
    EXPECT_TRUE(ids.insert(r[1]).second) << "duplicate " << r[1];
  }
  EXPECT_GT(static_cast<double>(adults_with_id) / adults, 0.9);
  EXPECT_LT(static_cast<double>(children_with_id) / children, 0.2);
}

TEST(GeneratePopulation, DosesAreSortedByPersonThenDateAndWithinDates) {
  TempDir dir;
  SynthOptions o = small_options(dir.path());
  o.invalid_rate = 0;
  const SynthSummary s = generate_population(o);
  std::map<std::string, Date> births;
  std::vector<std::string> person_order;
  for (const auto& r : read_rows(s.persons_file)) {
    births[r[0]] = *Date::parse_iso(r[4]);
    person_order.push_back(r[0]);
  }
  std::map<std::string, size_t> position;
  for (size_t i = 0; i < person_order.size(); ++i) position[person_order[i]] = i;
  const std::set<std::string> catalogue{"AZ",        "SPUTNIK_V", "PFIZER", "VERO_CELL",
                                        "HAYAT_VAX", "MODERNA",   "ABDALA"};
  std::string previous_ref;
  Date previous_date;
  for (const auto& r : read_rows(s.doses_file)) {
    ASSERT_TRUE(position.count(r[0])) << r[0];
    const auto date = Date::parse_iso(r[1]);
    ASSERT_TRUE(date) << r[1];
    EXPECT_LE(*date, o.as_of);
    EXPECT_GE(*date, births[r[0]]);
    EXPECT_TRUE(catalogue.count(r[2])) << r[2];
    if (r[0] == previous_ref) {
      EXPECT_GE(*date, previous_date) << r[0];
    } else if (!previous_ref.empty()) {
      EXPECT_GT(position[r[0]], position[previous_ref]) << "persons in file order";
    }
    previous_ref = r[0];
    previous_date = *date;
  }
}

TEST(GeneratePopulation, InvalidRecordsComeAtTheRequestedRate) {
  TempDir dir;
  SynthOptions o = small_options(dir.path(), 100000);
  o.invalid_rate = 0.01;
  const SynthSummary s = generate_population(o);
  const double person_rate =
      static_cast<double>(s.invalid_in_persons()) / static_cast<double>(s.persons);
  const double dose_rate = static_cast<double>(s.invalid_in_doses()) / static_cast<double>(s.doses);
  EXPECT_NEAR(person_rate, 0.01, 0.002);
  EXPECT_NEAR(dose_rate, 0.01, 0.002);
  for (int k = 0; k < kInvalidKindCount; ++k) {
    EXPECT_GT(s.invalid[static_cast<size_t>(k)], 50u) << to_string(static_cast<InvalidKind>(k));
  }

  // Each counted fault is visible in the files.
  std::set<std::string> ids;
  uint64_t bad_dates = 0, bad_products = 0, unknown_communes = 0, duplicates = 0;
  uint64_t mismatches = 0, future = 0;
  std::map<std::string, Date> births;
  for (const auto& r : read_rows(s.persons_file)) {
    const Date birth = *Date::parse_iso(r[4]);
    births[r[0]] = birth;
    future += birth > o.as_of;
    unknown_communes += r[5].substr(0, 2) == "99";
    if (r[1].empty() || birth > o.as_of) continue;
    duplicates += !ids.insert(r[1]).second;
    mismatches += check_citizen_id(r[1], r[3] == "F" ? Sex::female : Sex::male, birth).has_value();
  }
  const std::set<std::string> catalogue{"AZ",        "SPUTNIK_V", "PFIZER", "VERO_CELL",
                                        "HAYAT_VAX", "MODERNA",   "ABDALA"};
  for (const auto& r : read_rows(s.doses_file)) {
    bad_dates += !Date::parse_iso(r[1]).has_value();
    bad_products += !catalogue.count(r[2]);
  }
  EXPECT_EQ(future, s.invalid[static_cast<size_t>(InvalidKind::future_birth_date)]);
  EXPECT_EQ(unknown_communes, s.invalid[static_cast<size_t>(InvalidKind::unknown_commune)]);
  EXPECT_EQ(duplicates, s.invalid[static_cast<size_t>(InvalidKind::duplicate_citizen_id)]);
  EXPECT_EQ(mismatches, s.invalid[static_cast<size_t>(InvalidKind::citizen_id_mismatch)]);
  EXPECT_EQ(bad_dates, s.invalid[static_cast<size_t>(InvalidKind::impossible_date)]);
  EXPECT_EQ(bad_products, s.invalid[static_cast<size_t>(InvalidKind::unknown_product)]);
}

TEST(GeneratePopulation, UnusableOptionsAreExplained) {
  SynthOptions o;  // no communes, no output directory
  o.birth_province = "79";
  try {
    generate_population(o);
    FAIL() << "expected SynthError";
  } catch (const SynthError& e) {
    std::set<std::string> codes;
    for (const auto& v : e.violations()) {
      codes.insert(v.code);
      EXPECT_FALSE(v.message_vi.empty());
      EXPECT_FALSE(v.message_en.empty());
      EXPECT_FALSE(v.field.empty());
    }
    EXPECT_TRUE(codes.count("synth.no_communes"));
    EXPECT_TRUE(codes.count("synth.birth_province"));
    EXPECT_TRUE(codes.count("synth.output_dir"));
    EXPECT_TRUE(codes.count("synth.rules"));
  }
}

}  // namespace
}  // namespace phongdich::synth
