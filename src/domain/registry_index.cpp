#include "domain/registry_index.hpp"

#include <algorithm>
#include <stdexcept>

namespace phongdich {
namespace {

uint8_t flags_of(const Person& p) {
  uint8_t f = 0;
  if (p.high_risk()) f |= PersonRow::kHighRisk;
  if (p.needs_home_visit) f |= PersonRow::kHomeVisit;
  if (p.immunodeficient || p.has_comorbidity(kComorbidityImmunodeficiency)) {
    f |= PersonRow::kImmunodeficient;
  }
  if (p.high_exposure) f |= PersonRow::kHighExposure;
  if (p.pregnant) f |= PersonRow::kPregnant;
  if (p.sex == Sex::male) f |= PersonRow::kMale;
  return f;
}

}  // namespace

int32_t CompactDose::date_days() const { return PersonRow::from_offset(day).days(); }

const RegistryIndex::Slot* RegistryIndex::find_slot(PersonId id) const {
  if (id <= 0 || static_cast<size_t>(id) >= slot_of_id_.size()) return nullptr;
  const Slot& s = slot_of_id_[static_cast<size_t>(id)];
  return s == kNoSlot ? nullptr : &s;
}

RegistryIndex::Slot RegistryIndex::slot(PersonId id) const {
  const Slot* s = find_slot(id);
  if (s == nullptr) throw std::out_of_range("person not in the registry index");
  return *s;
}

void RegistryIndex::reserve(size_t persons) {
  rows_.reserve(persons);
  ids_.reserve(persons);
  doses_.reserve(persons);
  slot_of_id_.reserve(persons);  // ids run from 1, nearly without gaps
}

RegistryIndex::Slot RegistryIndex::upsert_person(const Person& person) {
  if (person.id <= 0) throw std::invalid_argument("person must be stored before indexing");
  const uint16_t commune = commune_slot(person.area_id);
  PersonRow fresh{};
  fresh.commune_slot = commune;
  fresh.birth_offset = PersonRow::to_offset(person.birth_date);
  fresh.reached.fill(PersonRow::kNever);
  fresh.flags = flags_of(person);
  fresh.dose_count = 0;

  ++commune_versions_[commune];
  if (const Slot* existing = find_slot(person.id)) {
    PersonRow& row = rows_[*existing];
    ++commune_versions_[row.commune_slot];
    if (row.commune_slot != commune) {
      auto& old_members = commune_members_[row.commune_slot];
      std::erase(old_members, *existing);
      commune_members_[commune].push_back(*existing);
    }
    fresh.reached = row.reached;
    fresh.dose_count = row.dose_count;
    row = fresh;
    return *existing;
  }
  const Slot slot = static_cast<Slot>(rows_.size());
  rows_.push_back(fresh);
  ids_.push_back(person.id);
  doses_.emplace_back();
  const auto id = static_cast<size_t>(person.id);
  // Within the capacity reserved, no copy; past it, the vector doubles.
  if (id >= slot_of_id_.size()) slot_of_id_.resize(id + 1, kNoSlot);
  slot_of_id_[id] = slot;
  commune_members_[commune].push_back(slot);
  return slot;
}

void RegistryIndex::add_dose(PersonId person, const DoseRecord& dose) {
  const Slot s = slot(person);
  PersonRow& row = rows_[s];
  ++commune_versions_[row.commune_slot];
  if (dose.number_in_series < 1 || dose.number_in_series > 31)
    throw std::invalid_argument("dose number in series out of range");
  CompactDose compact{};
  compact.day = PersonRow::to_offset(dose.date);
  compact.product = product_slot(dose.product);
  compact.kind = static_cast<uint8_t>(dose.kind) & 3u;
  compact.number = static_cast<uint8_t>(dose.number_in_series) & 31u;
  compact.overridden = dose.overridden ? 1 : 0;
  if (row.dose_count == 0xFF) throw std::length_error("too many doses for one person");
  // Keep each person's doses in date order: back-entered records may arrive late.
  if (row.dose_count < kInlineDoses) {
    auto& list = doses_[s].inline_doses;
    size_t at = row.dose_count;
    while (at > 0 && list[at - 1].day > compact.day) {
      list[at] = list[at - 1];
      --at;
    }
    list[at] = compact;
  } else {
    // Rare (a 6th dose): keep it simple, append and sort the overflow with the inline part.
    std::vector<CompactDose> all(doses_[s].inline_doses.begin(), doses_[s].inline_doses.end());
    auto& extra = overflow_doses_[s];
    all.insert(all.end(), extra.begin(), extra.end());
    all.push_back(compact);
    std::stable_sort(all.begin(), all.end(),
                     [](const CompactDose& a, const CompactDose& b) { return a.day < b.day; });
    std::copy_n(all.begin(), kInlineDoses, doses_[s].inline_doses.begin());
    extra.assign(all.begin() + kInlineDoses, all.end());
  }
  ++row.dose_count;
}

void RegistryIndex::set_reached(Slot slot, const std::array<uint16_t, kReachedLevels>& reached) {
  rows_[slot].reached = reached;
  ++commune_versions_[rows_[slot].commune_slot];
}

std::span<const CompactDose> RegistryIndex::doses(Slot slot) const {
  const uint8_t n = rows_[slot].dose_count;
  if (n <= kInlineDoses) return {doses_[slot].inline_doses.data(), n};
  // Rare: more doses than fit inline. Return them joined in a per-call buffer.
  thread_local std::vector<CompactDose> joined;
  joined.assign(doses_[slot].inline_doses.begin(), doses_[slot].inline_doses.end());
  const auto& extra = overflow_doses_.at(slot);
  joined.insert(joined.end(), extra.begin(), extra.end());
  return joined;
}

Person RegistryIndex::rule_view(Slot slot) const {
  const PersonRow& row = rows_[slot];
  Person p;
  p.id = ids_[slot];
  p.birth_date = Date::from_days(row.birth_days());
  p.area_id = communes_[row.commune_slot];
  p.sex = (row.flags & PersonRow::kMale) ? Sex::male : Sex::female;
  p.immunodeficient = row.flags & PersonRow::kImmunodeficient;
  p.high_exposure = row.flags & PersonRow::kHighExposure;
  p.pregnant = row.flags & PersonRow::kPregnant;
  p.needs_home_visit = row.flags & PersonRow::kHomeVisit;
  // The comorbidity list is not kept here; high_risk() must still answer true.
  p.other_risk = (row.flags & PersonRow::kHighRisk) && !p.immunodeficient && !p.pregnant;
  return p;
}

std::vector<DoseRecord> RegistryIndex::dose_records(Slot slot) const {
  std::vector<DoseRecord> out;
  const auto list = doses(slot);
  out.reserve(list.size());
  for (const CompactDose& d : list) {
    DoseRecord r;
    r.person_id = ids_[slot];
    r.date = PersonRow::from_offset(d.day);
    r.product = product_codes_[d.product];
    r.kind = static_cast<DoseKind>(d.kind);
    r.number_in_series = d.number;
    r.overridden = d.overridden != 0;
    out.push_back(std::move(r));
  }
  return out;
}

uint16_t RegistryIndex::commune_slot(AreaId commune) {
  auto it = commune_slot_of_.find(commune);
  if (it != commune_slot_of_.end()) return it->second;
  if (communes_.size() >= 0xFFFF) throw std::length_error("too many communes for the index");
  const auto slot = static_cast<uint16_t>(communes_.size());
  communes_.push_back(commune);
  commune_members_.emplace_back();
  commune_versions_.push_back(0);
  commune_slot_of_.emplace(commune, slot);
  return slot;
}

const std::vector<RegistryIndex::Slot>& RegistryIndex::persons_in_commune(
    uint16_t commune_slot) const {
  return commune_members_[commune_slot];
}

uint8_t RegistryIndex::product_slot(std::string_view code) {
  for (size_t i = 0; i < product_codes_.size(); ++i) {
    if (product_codes_[i] == code) return static_cast<uint8_t>(i);
  }
  if (product_codes_.size() >= 0xFF) throw std::length_error("too many products for the index");
  product_codes_.emplace_back(code);
  return static_cast<uint8_t>(product_codes_.size() - 1);
}

}  // namespace phongdich
