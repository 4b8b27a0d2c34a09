// The registry's working set in memory: one compact row per person with what
// coverage and due lists read, and each person's doses for judging the next one.
//
// Why: coverage of a province (millions of people) must reflect the last
// committed dose and answer in milliseconds, for any "as of" date. A scan of
// 16-byte rows does that; a per-date materialised table could not serve every date.
// The store stays the source of truth: the index is rebuilt from it at start-up
// and updated by the use-cases after each commit.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/date.hpp"
#include "domain/person.hpp"
#include "domain/vaccination.hpp"

namespace phongdich {

// A dose as the index keeps it: 4 bytes, so ten million persons' doses stay
// well inside the memory budget.
struct CompactDose {
  uint16_t day;        // PersonRow day offset of the dose date
  uint8_t product;     // slot in RegistryIndex::product_codes()
  uint8_t kind : 2;    // DoseKind
  uint8_t number : 5;  // number in series (1..31)
  uint8_t overridden : 1;

  int32_t date_days() const;
};
static_assert(sizeof(CompactDose) == 4);

// Statuses above `none`, each reached on some day (or never).
inline constexpr int kReachedLevels = kVaccinationStatusCount - 1;

// The hot row scanned by coverage: 16 bytes, so a scan streams memory.
struct PersonRow {
  static constexpr uint16_t kNever = 0xFFFF;
  static constexpr int32_t kDayBase = -32874;  // 1880-01-01: day offsets fit in 16 bits to 2059
  uint16_t commune_slot;
  uint16_t birth_offset;
  std::array<uint16_t, kReachedLevels> reached;  // day offset at which status >= level+1
  uint8_t flags;
  uint8_t dose_count;

  static constexpr uint8_t kHighRisk = 1, kHomeVisit = 2, kImmunodeficient = 4, kHighExposure = 8,
                           kPregnant = 16, kMale = 32;

  static uint16_t to_offset(Date d) { return static_cast<uint16_t>(d.days() - kDayBase); }
  static Date from_offset(uint16_t offset) { return Date::from_days(offset + kDayBase); }
  int32_t birth_days() const { return birth_offset + kDayBase; }
  // The status on a day, given as an offset: how many levels were reached by then.
  int status_on(uint16_t day_offset) const {
    int s = 0;
    for (uint16_t r : reached) s += r <= day_offset;
    return s;
  }
};
static_assert(sizeof(PersonRow) == 16);

class RegistryIndex {
 public:
  using Slot = uint32_t;  // dense position of a person in the index

  // Room for this many persons, so loading millions does not regrow the columns.
  void reserve(size_t persons);
  // Adds a person (or replaces the row of one already present) and returns its slot.
  Slot upsert_person(const Person& person);
  // Appends a dose to a person already in the index; doses must arrive in date
  // order per person except through replace_doses.
  void add_dose(PersonId person, const DoseRecord& dose);
  // Replaces the reached-dates of a person (from the schedule engine).
  void set_reached(Slot slot, const std::array<uint16_t, kReachedLevels>& reached);

  bool contains(PersonId id) const { return find_slot(id) != nullptr; }
  Slot slot(PersonId id) const;  // throws std::out_of_range when absent
  const Slot* find_slot(PersonId id) const;
  size_t size() const { return rows_.size(); }
  const std::vector<PersonRow>& rows() const { return rows_; }
  const PersonRow& row(Slot slot) const { return rows_[slot]; }
  PersonId person_id(Slot slot) const { return ids_[slot]; }
  std::span<const CompactDose> doses(Slot slot) const;

  // The person's facts the schedule engine reads (no name, no contact data).
  Person rule_view(Slot slot) const;
  // The person's doses as records the schedule engine reads.
  std::vector<DoseRecord> dose_records(Slot slot) const;

  // Communes are numbered densely for counter arrays.
  uint16_t commune_slot(AreaId commune);
  const std::vector<AreaId>& communes() const { return communes_; }
  const std::vector<Slot>& persons_in_commune(uint16_t commune_slot) const;
  // How many times the rows of a commune have changed: an aggregate of the
  // commune made at one count is current while the count holds.
  uint64_t commune_version(uint16_t commune_slot) const { return commune_versions_[commune_slot]; }

  uint8_t product_slot(std::string_view code);
  const std::vector<std::string>& product_codes() const { return product_codes_; }

 private:
  static constexpr int kInlineDoses = 5;
  struct DoseList {
    std::array<CompactDose, kInlineDoses> inline_doses;
  };

  std::vector<PersonRow> rows_;
  std::vector<PersonId> ids_;
  std::vector<DoseList> doses_;
  std::unordered_map<Slot, std::vector<CompactDose>> overflow_doses_;  // the rare 6th+ dose
  // Store ids are dense integers from 1, so a vector maps them to slots in 4 bytes each.
  static constexpr Slot kNoSlot = 0xFFFFFFFF;
  std::vector<Slot> slot_of_id_;
  std::vector<AreaId> communes_;
  std::unordered_map<AreaId, uint16_t> commune_slot_of_;
  std::vector<std::vector<Slot>> commune_members_;
  std::vector<uint64_t> commune_versions_;
  std::vector<std::string> product_codes_;
};

}  // namespace phongdich
