#include "synth/population_chunk.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

#include "synth/age_pyramid.hpp"
#include "synth/citizen_id_maker.hpp"
#include "synth/csv_text.hpp"
#include "synth/import_replay.hpp"
#include "synth/random.hpp"
#include "synth/risk_profile.hpp"
#include "synth/rollout_model.hpp"
#include "synth/vietnamese_names.hpp"
#include "synth/weighted_choice.hpp"

namespace phongdich::synth {
namespace {

// Household sizes 1..8 (8 = "8 or more"); mean about 3.5, as in the 2019 census.
const WeightedChoice& household_size_choice() {
  static const WeightedChoice choice(
      std::array<double, 8>{0.10, 0.18, 0.21, 0.26, 0.13, 0.07, 0.03, 0.02});
  return choice;
}

// Vietnamese mobile prefixes (Viettel, VinaPhone, MobiFone, Vietnamobile).
constexpr std::array<std::string_view, 24> kPhonePrefixes{
    "090", "091", "093", "094", "096", "097", "098", "086", "088", "089", "032", "033",
    "034", "035", "036", "037", "038", "039", "070", "076", "077", "079", "083", "056"};

// Names an importer meets instead of catalogue codes.
constexpr std::array<std::string_view, 6> kUnknownProducts{
    "ASTRAZENECA", "SINOPHARM", "COMIRNATY", "PFIZER-BIONTECH", "AZD1222", "VEROCELL"};

std::string_view lot_prefix(std::string_view product) {
  if (product == "AZ") return "ABV";
  if (product == "PFIZER") return "FK";
  if (product == "MODERNA") return "MD";
  if (product == "VERO_CELL") return "VC";
  if (product == "SPUTNIK_V") return "II";
  if (product == "HAYAT_VAX") return "HV";
  return "AB";
}

struct LastValidId {
  bool present = false;
  std::string id;
  Sex sex = Sex::male;
  Date birth_date;
};

class ChunkWriter {
 public:
  ChunkWriter(const PopulationLayout& layout, uint64_t chunk, ChunkOutput& out)
      : layout_(layout),
        o_(layout.options()),
        chunk_(chunk),
        out_(out),
        demo_(o_.seed, static_cast<uint64_t>(Stream::demographics), chunk),
        rng_(o_.seed, static_cast<uint64_t>(Stream::details), chunk),
        bad_(o_.seed, static_cast<uint64_t>(Stream::invalid), chunk),
        placer_(*o_.rules),
        replay_(*o_.rules),
        group_seen_(static_cast<size_t>(layout.group_count()), 0) {}

  void run() {
    const uint64_t first = chunk_ * kChunkPersons;
    const uint64_t last = std::min(first + kChunkPersons, o_.person_count);
    for (uint64_t i = first; i < last; ++i) person(i);
  }

 private:
  void person(uint64_t index);
  void write_doses(std::string_view ref, Date birth, bool person_invalid);
  std::string_view bad_product() { return kUnknownProducts[bad_.below(kUnknownProducts.size())]; }

  const PopulationLayout& layout_;
  const SynthOptions& o_;
  uint64_t chunk_;
  ChunkOutput& out_;
  Rng demo_, rng_, bad_;
  DosePlacer placer_;
  ImportReplay replay_;
  std::vector<uint32_t> group_seen_;
  // The household being filled: it ends at its size, a commune or a chunk boundary.
  size_t household_commune_ = SIZE_MAX;
  int household_left_ = 0;
  uint64_t household_code_ = 0;
  std::string_view household_family_;
  LastValidId last_valid_id_;
  std::string ref_, citizen_id_;
  std::vector<PlannedDose> doses_;
  std::vector<WrittenDose> written_;
};

void ChunkWriter::person(uint64_t index) {
  SexAndBirth p = draw_sex_and_birth(demo_, o_.as_of);
  const int group = layout_.group_of(p.sex, p.birth_date.year());
  const uint32_t rank =
      layout_.rank_offset(chunk_, group) + group_seen_[static_cast<size_t>(group)]++;

  const size_t commune = layout_.commune_of(index);
  const uint64_t in_commune = index - layout_.first_person_of(commune);
  if (commune != household_commune_ || household_left_ == 0) {
    household_commune_ = commune;
    household_left_ = static_cast<int>(household_size_choice().draw(rng_)) + 1;
    household_code_ = in_commune + 1;
    household_family_ = draw_family_name(rng_);
  }
  const bool head = household_code_ == in_commune + 1;
  --household_left_;

  int age = age_in_years(p.birth_date, o_.as_of);
  // Most people from 14 hold a citizen ID card; few younger children have the number on file.
  bool has_id = rng_.chance(age >= 14 ? 0.93 : 0.10) && rank < kValidSerialRanks;

  // Decide the fault of this row, if any, before the rest depends on it.
  std::optional<InvalidKind> fault;
  if (bad_.chance(o_.invalid_rate)) {
    std::array<InvalidKind, 4> kinds{InvalidKind::unknown_commune, InvalidKind::future_birth_date};
    size_t n = 2;
    if (has_id) kinds[n++] = InvalidKind::citizen_id_mismatch;
    if (last_valid_id_.present) kinds[n++] = InvalidKind::duplicate_citizen_id;
    fault = kinds[bad_.below(static_cast<uint32_t>(n))];
    ++out_.invalid[static_cast<size_t>(*fault)];
  }

  citizen_id_.clear();
  if (fault == InvalidKind::duplicate_citizen_id) {
    // A second person with the same number, sex and birth date: only the duplication is wrong.
    p.sex = last_valid_id_.sex;
    p.birth_date = last_valid_id_.birth_date;
    age = age_in_years(p.birth_date, o_.as_of);
    citizen_id_ = last_valid_id_.id;
  } else if (has_id) {
    if (fault == InvalidKind::citizen_id_mismatch) {
      // The other sex, or a mistyped year; six digits from the reserved ranks.
      const bool wrong_sex = bad_.chance(0.5);
      const Sex sex = wrong_sex ? (p.sex == Sex::male ? Sex::female : Sex::male) : p.sex;
      const int year = wrong_sex ? p.birth_date.year() : p.birth_date.year() + bad_.between(1, 9);
      const uint32_t reserved =
          kValidSerialRanks +
          static_cast<uint32_t>(index % (kCitizenIdSerials - kValidSerialRanks));
      append_citizen_id(citizen_id_, o_.birth_province, sex, year,
                        scramble_serial(reserved, o_.seed));
    } else {
      append_citizen_id(citizen_id_, o_.birth_province, p.sex, p.birth_date.year(),
                        scramble_serial(rank, o_.seed));
    }
    if (!fault) {
      last_valid_id_ = {true, citizen_id_, p.sex, p.birth_date};
    }
  }

  std::string& s = out_.persons;
  const std::string& commune_code = o_.communes[commune].code;
  ref_.assign(commune_code);
  ref_.push_back('-');
  append_uint(ref_, in_commune + 1);
  s.append(ref_);
  s.push_back(',');
  s.append(citizen_id_);
  s.push_back(',');
  // Children and about half the adults of a household carry its family name;
  // the others married in.
  const bool household_name = head || age < 25 || rng_.chance(0.5);
  append_full_name(s, rng_, household_name ? household_family_ : draw_family_name(rng_), p.sex,
                   p.birth_date.year());
  s.append(p.sex == Sex::male ? ",M," : ",F,");
  if (fault == InvalidKind::future_birth_date) {
    append_date(s, o_.as_of.plus_days(bad_.between(3650, 7300)));
  } else {
    append_date(s, p.birth_date);
  }
  s.push_back(',');
  if (fault == InvalidKind::unknown_commune) {
    s.append("99");  // no tree has a commune 99xxx
    append_padded(s, bad_.below(1000), 3);
  } else {
    s.append(commune_code);
  }
  s.append(",H");
  append_uint(s, household_code_);
  s.push_back(',');
  const double phone_rate = age >= 70 ? 0.45 : age >= 18 ? 0.85 : age >= 15 ? 0.30 : 0.0;
  if (rng_.chance(phone_rate)) {
    s.append(kPhonePrefixes[rng_.below(kPhonePrefixes.size())]);
    append_padded(s, rng_.below(10'000'000), 7);
  }
  s.push_back(',');
  const RiskProfile risk = draw_risk_profile(rng_, age, p.sex);
  bool first_item = true;
  for (int item = 1; item <= kComorbidityCount; ++item) {
    if (!risk.comorbidities.test(static_cast<size_t>(item - 1))) continue;
    if (!first_item) s.push_back(';');
    append_uint(s, static_cast<uint64_t>(item));
    first_item = false;
  }
  for (bool flag : {risk.pregnant, risk.immunodeficient, risk.high_exposure, risk.other_risk,
                    risk.needs_home_visit}) {
    s.push_back(',');
    s.push_back(flag ? '1' : '0');
  }
  s.push_back('\n');
  ++out_.person_rows;

  plan_doses(rng_, placer_, {p.birth_date, risk.immunodeficient, risk.high_exposure}, o_.as_of,
             doses_);
  write_doses(ref_, p.birth_date, fault.has_value());
}

void ChunkWriter::write_doses(std::string_view ref, Date birth, bool person_invalid) {
  std::string& s = out_.doses;
  bool previous_faulty = false;
  bool any_fault = false;
  written_.clear();
  for (size_t n = 0; n < doses_.size(); ++n) {
    const PlannedDose& dose = doses_[n];
    std::optional<InvalidKind> fault;
    if (bad_.chance(o_.invalid_rate)) {
      std::array<InvalidKind, 3> kinds{InvalidKind::impossible_date, InvalidKind::unknown_product};
      // "Too soon" only after a dose the importer keeps: after a rejected one
      // the interval would be measured from an earlier dose and might be fine.
      uint32_t n_kinds = 2;
      if (n == 0) kinds[n_kinds++] = InvalidKind::dose_before_birth;
      if (n > 0 && !previous_faulty) kinds[n_kinds++] = InvalidKind::dose_too_soon;
      fault = kinds[bad_.below(n_kinds)];
      ++out_.invalid[static_cast<size_t>(*fault)];
    }
    previous_faulty = fault.has_value();
    any_fault = any_fault || fault.has_value();
    WrittenDose& row = written_.emplace_back();
    row.date = dose.date;
    row.product = dose.product;
    row.spoiled = fault.has_value();
    row.readable = fault != InvalidKind::impossible_date && fault != InvalidKind::unknown_product;
    s.append(ref);
    s.push_back(',');
    if (fault == InvalidKind::impossible_date) {
      // A day the month does not have, in the dose's month or a neighbouring one.
      const YearMonthDay d = dose.date.ymd();
      unsigned month = d.month;
      if (days_in_month(d.year, month) == 31) {
        month = (month < 12 && days_in_month(d.year, month + 1) < 31) ? month + 1 : month - 1;
        if (month == 0) month = 2;
      }
      append_ymd(s, d.year, month, days_in_month(d.year, month) + 1);
    } else if (fault == InvalidKind::dose_before_birth) {
      row.date = birth.plus_days(-bad_.between(1, 365));
      append_date(s, row.date);
    } else if (fault == InvalidKind::dose_too_soon) {
      row.date = doses_[n - 1].date.plus_days(bad_.between(1, 7));
      append_date(s, row.date);
    } else {
      append_date(s, dose.date);
    }
    s.push_back(',');
    s.append(fault == InvalidKind::unknown_product ? bad_product() : dose.product);
    s.push_back(',');
    if (rng_.chance(0.03)) {  // given at a workplace or another commune's station
      s.append(o_.communes[rng_.below(static_cast<uint32_t>(o_.communes.size()))].code);
    }
    s.push_back(',');
    if (rng_.chance(0.8)) {
      // A few lots per product and month, as deliveries came.
      const YearMonthDay d = dose.date.ymd();
      s.append(lot_prefix(dose.product));
      append_padded(s, (static_cast<unsigned>(d.year % 10) * 12 + d.month) * 10 + rng_.below(4), 4);
    }
    s.push_back('\n');
    ++out_.dose_rows;
  }
  if (person_invalid) {
    // The person is not registered, so none of their doses is.
    for (const WrittenDose& row : written_) out_.doses_of_invalid_persons += row.spoiled ? 0 : 1;
  } else if (any_fault) {
    out_.doses_rejected_after_invalid +=
        static_cast<uint64_t>(replay_.valid_rows_rejected(placer_.person(), written_, o_.as_of));
  }
}

}  // namespace

void generate_chunk(const PopulationLayout& layout, uint64_t chunk, ChunkOutput& out) {
  out.persons.clear();
  out.doses.clear();
  out.person_rows = 0;
  out.dose_rows = 0;
  out.invalid = {};
  out.doses_of_invalid_persons = 0;
  out.doses_rejected_after_invalid = 0;
  ChunkWriter(layout, chunk, out).run();
}

}  // namespace phongdich::synth
