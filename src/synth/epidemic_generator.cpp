#include "synth/epidemic_generator.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "synth/epidemic_case_course.hpp"

namespace phongdich::synth {
namespace {

// Random streams of the generator (Rng's `stream`), apart from the population's.
constexpr uint64_t kDayStream = 0x45504944'00000001ull;
constexpr uint64_t kIntensityStream = 0x45504944'00000002ull;

// ASSUMED (see the header and data/synth/README.md).
constexpr double kHouseholdShare = 0.3;
constexpr int kHouseholdLagMin = 2, kHouseholdLagMax = 6;
constexpr int kRecentDays = 7;  // ring of recent days' cases, > kHouseholdLagMax
constexpr double kIntensityPersistence = 0.7, kIntensityWeeklySd = 0.5;
constexpr double kImported2021 = 0.005, kImportedFromReopening = 0.02;
constexpr int kContactsMin = 1, kContactsMax = 4;
constexpr double kContactRapidTest = 0.7;
constexpr size_t kStationsFrom = 2;  // facilities: hospital, field hospital, then stations

std::string first_message(const Violations& v) {
  return v.empty() ? std::string("unusable epidemic options") : v.front().message_en;
}

double standard_normal(Rng& rng) {
  const double u1 = 1.0 - rng.real();  // (0, 1]
  const double u2 = rng.real();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

int64_t poisson(Rng& rng, double mean) {
  if (mean <= 0) return 0;
  if (mean < 30) {  // Knuth's product of uniforms
    const double limit = std::exp(-mean);
    double product = rng.real();
    int64_t k = 0;
    while (product > limit) {
      ++k;
      product *= rng.real();
    }
    return k;
  }
  return std::max<int64_t>(0, std::llround(mean + std::sqrt(mean) * standard_normal(rng)));
}

double imported_share(Date day) {
  return day < *Date::from_ymd(2022, 3, 15) ? kImported2021 : kImportedFromReopening;
}

size_t ring_slot(Date day) {
  return static_cast<size_t>(((day.days() % kRecentDays) + kRecentDays) % kRecentDays);
}

}  // namespace

EpidemicOptionsError::EpidemicOptionsError(Violations violations)
    : std::invalid_argument(first_message(violations)), violations_(std::move(violations)) {}

EpidemicGenerator::EpidemicGenerator(const EpidemicOptions& options)
    : options_(options),
      facilities_(area_facilities(options.area, options.persons)),
      beds_(facilities_, options.from, options.to),
      day_(options.from) {
  if (Violations v = check_epidemic_options(options); !v.empty()) {
    throw EpidemicOptionsError(std::move(v));
  }
  std::unordered_map<AreaId, size_t> commune_position;
  for (size_t i = 0; i < options.area.communes.size(); ++i) {
    commune_position.emplace(options.area.communes[i].id, i);
  }
  members_.resize(options.area.communes.size());
  commune_of_.assign(options.persons.size(), SIZE_MAX);
  for (size_t p = 0; p < options.persons.size(); ++p) {
    const EpidemicPerson& person = options.persons[p];
    const auto it = commune_position.find(person.commune);
    if (it == commune_position.end()) continue;  // lives elsewhere: never infected here
    commune_of_[p] = it->second;
    members_[it->second].push_back(p);
    if (person.household != 0) households_[person.household].push_back(p);
  }
  log_intensity_.assign(members_.size(), 0.0);
  infected_.assign(options.persons.size(), 0);
  free_from_.assign(options.persons.size(), INT32_MIN);
  confirmed_by_day_.resize(kRecentDays);
}

EpidemicGenerator::~EpidemicGenerator() = default;

bool EpidemicGenerator::next(EpidemicBatch& batch) {
  batch.clear();
  if (day_ > options_.to) return false;
  batch.first_day = day_;
  do {
    simulate_day(day_, batch);
    day_ = day_.plus_days(1);
  } while (day_ <= options_.to && batch.cases.size() < options_.batch_cases);
  batch.last_day = day_.plus_days(-1);
  return true;
}

void EpidemicGenerator::update_intensities(Date day) {
  const int64_t week = (day - options_.from) / 7;
  Rng rng(options_.seed, kIntensityStream, static_cast<uint64_t>(week));
  commune_cumulative_.clear();
  double total = 0;
  for (size_t c = 0; c < members_.size(); ++c) {
    log_intensity_[c] =
        kIntensityPersistence * log_intensity_[c] + kIntensityWeeklySd * standard_normal(rng);
    total += static_cast<double>(members_[c].size()) * std::exp(log_intensity_[c]);
    commune_cumulative_.push_back(total);
  }
}

size_t EpidemicGenerator::pick_commune(Rng& rng) const {
  const double u = rng.real() * commune_cumulative_.back();
  const auto it = std::upper_bound(commune_cumulative_.begin(), commune_cumulative_.end(), u);
  return std::min(static_cast<size_t>(it - commune_cumulative_.begin()),
                  commune_cumulative_.size() - 1);
}

bool EpidemicGenerator::can_infect(size_t person, Date day) const {
  return infected_[person] == 0 && free_from_[person] <= day.days();
}

int64_t EpidemicGenerator::pick_in_commune(Rng& rng, size_t commune, Date day) {
  const std::vector<size_t>& members = members_[commune];
  if (members.empty()) return -1;
  const auto n = static_cast<uint32_t>(members.size());
  for (int attempt = 0; attempt < 32; ++attempt) {
    const size_t p = members[rng.below(n)];
    if (can_infect(p, day)) return static_cast<int64_t>(p);
  }
  const uint32_t start = rng.below(n);  // most are infected already: look at each
  for (uint32_t k = 0; k < n; ++k) {
    const size_t p = members[(start + k) % n];
    if (can_infect(p, day)) return static_cast<int64_t>(p);
  }
  return -1;
}

int64_t EpidemicGenerator::pick_household_member(Rng& rng, Date day) {
  const Date source_day = day.plus_days(-rng.between(kHouseholdLagMin, kHouseholdLagMax));
  if (source_day < options_.from) return -1;
  const std::vector<size_t>& sources = confirmed_by_day_[ring_slot(source_day)];
  if (sources.empty()) return -1;
  const size_t source = sources[rng.below(static_cast<uint32_t>(sources.size()))];
  const auto found = households_.find(options_.persons[source].household);
  if (found == households_.end()) return -1;
  const std::vector<size_t>& members = found->second;
  const auto n = static_cast<uint32_t>(members.size());
  const uint32_t start = rng.below(n);
  for (uint32_t k = 0; k < n; ++k) {
    const size_t p = members[(start + k) % n];
    if (can_infect(p, day)) return static_cast<int64_t>(p);
  }
  return -1;
}

void EpidemicGenerator::add_contact_tests(Rng& rng, size_t person, const SimulatedCase& sc,
                                          EpidemicBatch& batch) {
  const EpidemicPerson& index_case = options_.persons[person];
  const size_t commune = commune_of_[person];
  const std::string& station = facilities_[kStationsFrom + commune].code;
  std::vector<size_t> candidates;
  if (const auto found = households_.find(index_case.household); found != households_.end()) {
    for (size_t p : found->second)
      if (p != person) candidates.push_back(p);
  }
  const int wanted = rng.between(kContactsMin, kContactsMax);
  const std::vector<size_t>& neighbours = members_[commune];
  while (static_cast<int>(candidates.size()) < wanted) {
    candidates.push_back(neighbours[rng.below(static_cast<uint32_t>(neighbours.size()))]);
  }
  int tested = 0;
  for (size_t p : candidates) {
    if (tested == wanted) break;
    // Someone in isolation now must not get a test that would end it.
    if (p == person || infected_[p] != 0) continue;
    ++tested;
    const EpidemicPerson& contact = options_.persons[p];
    TestResult t;
    t.person_id = contact.id;
    t.area_id = contact.commune;
    t.sample_date = sc.covid_case.confirmed_on.plus_days(rng.between(0, 2));
    if (rng.chance(kContactRapidTest)) {
      t.kind = TestKind::rapid_antigen;
      t.result_date = t.sample_date;
      t.site = station;
      t.supervised = true;
    } else {
      t.kind = TestKind::rt_pcr;
      t.result_date = t.sample_date.plus_days(1);
      t.site = "TTYT-" + options_.area.code;
    }
    t.outcome = TestOutcome::negative;
    if (t.result_date > options_.to) continue;
    // A contact found negative is confirmed, if ever, after that result.
    free_from_[p] = std::max(free_from_[p], t.result_date.days() + 1);
    batch.contact_tests.push_back(std::move(t));
    ++totals_.tests;
  }
}

void EpidemicGenerator::simulate_day(Date day, EpidemicBatch& batch) {
  if ((day - options_.from) % 7 == 0) update_intensities(day);
  std::vector<size_t>& today = confirmed_by_day_[ring_slot(day)];
  today.clear();
  Rng rng(options_.seed, kDayStream, static_cast<uint64_t>(static_cast<int64_t>(day.days())));
  const int64_t count =
      poisson(rng, options_.expected_daily_cases[static_cast<size_t>(day - options_.from)]);
  const CourseSetting setting{options_, facilities_, beds_};
  for (int64_t i = 0; i < count; ++i) {
    const bool imported = rng.chance(imported_share(day));
    int64_t chosen = -1;
    if (!imported && rng.chance(kHouseholdShare)) chosen = pick_household_member(rng, day);
    for (int attempt = 0; chosen < 0 && attempt < 3; ++attempt) {
      chosen = pick_in_commune(rng, pick_commune(rng), day);
    }
    if (chosen < 0) continue;  // nobody left to infect
    const auto person = static_cast<size_t>(chosen);
    infected_[person] = 1;
    today.push_back(person);
    batch.cases.push_back(simulate_case(rng, options_.persons[person], day, imported,
                                        kStationsFrom + commune_of_[person], setting, totals_));
    add_contact_tests(rng, person, batch.cases.back(), batch);
  }
}

}  // namespace phongdich::synth
