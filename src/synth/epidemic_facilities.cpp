#include "synth/epidemic_facilities.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

namespace phongdich::synth {
namespace {

int32_t per_100k(size_t persons, double rate, int32_t at_least) {
  return std::max(at_least,
                  static_cast<int32_t>(std::lround(static_cast<double>(persons) * rate / 1e5)));
}

}  // namespace

std::vector<Facility> area_facilities(const EpidemicArea& area,
                                      std::span<const EpidemicPerson> people) {
  const size_t persons = people.size();
  std::unordered_map<AreaId, std::unordered_set<HouseholdId>> households;
  for (const EpidemicPerson& p : people) {
    if (p.household != 0) households[p.commune].insert(p.household);
  }
  std::vector<Facility> facilities;
  Facility hospital;
  hospital.code = "BV-" + area.code;
  hospital.name = "Bệnh viện " + area.name;
  hospital.area_id = area.id;
  hospital.kind = FacilityKind::hospital;
  hospital.beds = per_100k(persons, 50, 10);
  hospital.icu_beds = per_100k(persons, 4, 2);
  hospital.oxygen_beds = per_100k(persons, 30, 5);
  facilities.push_back(hospital);

  Facility field = hospital;
  field.code = "BVDC-" + area.code;
  field.name = "Bệnh viện dã chiến " + area.name;
  field.kind = FacilityKind::field_hospital;
  field.beds = per_100k(persons, 400, 20);
  field.icu_beds = per_100k(persons, 5, 1);
  field.oxygen_beds = per_100k(persons, 150, 10);
  facilities.push_back(field);

  for (size_t i = 0; i < area.communes.size(); ++i) {
    const EpidemicCommune& commune = area.communes[i];
    Facility station;
    station.code = "TYT-" + commune.code;
    station.name = "Trạm Y tế " + commune.name;
    station.area_id = commune.id;
    station.kind = FacilityKind::commune_station;
    station.beds = 4;
    station.icu_beds = 0;
    station.oxygen_beds = 2;
    const double share = 0.03 + 0.005 * static_cast<double>(i % 9);  // 3% .. 7%
    station.home_care_households = static_cast<int32_t>(
        std::lround(static_cast<double>(households[commune.id].size()) * share));
    facilities.push_back(station);
  }
  return facilities;
}

BedLedger::BedLedger(const std::vector<Facility>& facilities, Date from, Date to)
    : facilities_(facilities), from_(from), to_(to) {
  const size_t days = to < from ? 0 : static_cast<size_t>(to - from + 1);
  days_.assign(facilities.size(), std::vector<Day>(days));
}

const BedLedger::Day* BedLedger::day_of(size_t facility, Date day) const {
  if (day < from_ || day > to_) return nullptr;
  return &days_[facility][static_cast<size_t>(day - from_)];
}

size_t BedLedger::admit_to(size_t preferred, size_t fallback, bool icu, Date day) const {
  const auto has_room = [&](size_t f) {
    const Day* d = day_of(f, day);
    if (d == nullptr) return true;
    return icu ? d->icu < facilities_[f].icu_beds : d->beds < facilities_[f].beds;
  };
  if (has_room(preferred)) return preferred;
  if (has_room(fallback)) return fallback;
  return preferred;
}

void BedLedger::stay(size_t facility, Date first, Date end, bool icu, bool oxygen) {
  for (Date d = std::max(first, from_); d < end && d <= to_; d = d.plus_days(1)) {
    Day& day = days_[facility][static_cast<size_t>(d - from_)];
    ++day.beds;
    if (icu) ++day.icu;
    if (oxygen) ++day.oxygen;
  }
}

std::vector<FacilityOccupancy> BedLedger::reports() const {
  std::vector<FacilityOccupancy> out;
  for (size_t i = 0; i < facilities_.size(); ++i) {
    if (facilities_[i].kind == FacilityKind::commune_station) continue;
    for (size_t k = 0; k < days_[i].size(); ++k) {
      FacilityOccupancy o;
      o.facility_id = static_cast<FacilityPosition>(i + 1);
      o.date = from_.plus_days(static_cast<int32_t>(k));
      o.occupied_beds = days_[i][k].beds;
      o.occupied_icu_beds = days_[i][k].icu;
      o.patients_on_oxygen = days_[i][k].oxygen;
      out.push_back(o);
    }
  }
  std::sort(out.begin(), out.end(), [](const FacilityOccupancy& a, const FacilityOccupancy& b) {
    return a.date != b.date ? a.date < b.date : a.facility_id < b.facility_id;
  });
  return out;
}

}  // namespace phongdich::synth
